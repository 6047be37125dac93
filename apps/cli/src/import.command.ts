import cliProgress from 'cli-progress';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { ApiClient, ApiProblem, type ConnectionOptions } from './api-client.js';

/** What each import reads and where it goes (the README, "History enters as history"). */
const KINDS = {
  history: { path: '/api/admin/imports', contentType: 'application/x-ndjson', role: 'admin', unit: 'lines' },
  figures: { path: '/api/imports/figures', contentType: 'text/csv', role: 'programme-office', unit: 'rows' },
} as const;

export type ImportKind = keyof typeof KINDS;

export interface ImportOptions extends ConnectionOptions {
  dryRun?: boolean;
  /** Figures only: the caller's role must be admin to send a reportedAt column. */
  admin?: boolean;
}

/**
 * Streams FILE to the import route with a progress bar over what has been sent, then prints the
 * app's answer; a refusal prints every bad line by its number and exits non-zero.
 */
export async function importFile(kind: ImportKind, file: string, options: ImportOptions): Promise<void> {
  const target = KINDS[kind];
  const size = (await stat(file).catch(() => undefined))?.size;
  if (size === undefined) throw new Error(`${file}: no such file`);
  const api = new ApiClient(options, kind === 'figures' && !options.admin ? 'programme-office' : target.role);
  const bar = new cliProgress.SingleBar(
    { format: `import ${kind} |{bar}| {percentage}% | {value}/{total} bytes sent | ETA {eta_formatted}`, stream: process.stderr, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(1, size), 0);
  let sent = 0;
  const counting = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sent += chunk.length;
      bar.update(sent);
      done(null, chunk);
    },
  });
  const body = Readable.toWeb(createReadStream(file).pipe(counting)) as ReadableStream<Uint8Array>;
  try {
    const answer = await api.post(target.path, { dryRun: options.dryRun ? 'true' : undefined }, body, target.contentType);
    bar.stop();
    const result = JSON.parse(answer.text) as Record<string, unknown>;
    console.error(summary(kind, result, options.dryRun));
    console.log(JSON.stringify(result));
  } catch (err) {
    bar.stop();
    if (err instanceof ApiProblem && err.status === 404 && /^Cannot POST/.test(err.problem.detail ?? ''))
      throw new Error(`the app at ${options.url} has no ${target.path} route: update it`, { cause: err });
    throw err;
  }
}

function summary(kind: ImportKind, r: Record<string, unknown>, dryRun?: boolean): string {
  const count = r.lines ?? r.rows;
  if (dryRun) return `dry run: ${count} ${KINDS[kind].unit} valid, ${r.wouldWrite} would be written, nothing written`;
  const positions = r.firstPosition ? `, positions ${r.firstPosition}..${r.lastPosition}` : '';
  return `${count} ${KINDS[kind].unit}: ${r.written} written, ${r.unchanged} already recorded${positions}`;
}

/** A refusal's line-numbered report: one line per error, as the app numbered them. */
export function lineReport(problem: ApiProblem): string[] {
  const errors = problem.problem.errors ?? [];
  return errors.map((e) => `${e.line !== undefined ? `line ${e.line}: ` : ''}${e.field ? `${e.field}: ` : ''}${e.message ?? ''}`);
}
