import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { canonicalJson, deterministicUuid } from '../commands/deterministic-id.js';
import { ProblemException } from '../http/problem.js';
import type { ImportLine, LineError } from './import-plan.js';

/** The import routes take bodies up to 64 MiB, read as a stream. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

const tooLarge = () => new ProblemException(413, 'BODY.TOO_LARGE', 'Payload too large', `an import body must not exceed ${MAX_IMPORT_BYTES / 1024 / 1024} MiB`);

/** The body's bytes, refusing more than the import limit (before reading them all when the length is declared). */
export async function* limitedBody(body: Readable, declaredLength?: string): AsyncGenerator<Buffer> {
  if (declaredLength !== undefined && Number(declaredLength) > MAX_IMPORT_BYTES) throw tooLarge();
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > MAX_IMPORT_BYTES) {
      body.destroy();
      throw tooLarge();
    }
    yield chunk;
  }
}

/** Text lines of a UTF-8 stream, numbered from 1, without their line ends. */
export async function* textLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<{ line: number; text: string }> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 0;
  for await (const chunk of chunks) {
    const parts = (rest + decoder.write(chunk)).split('\n');
    rest = parts.pop()!;
    for (const text of parts) yield { line: ++line, text: text.endsWith('\r') ? text.slice(0, -1) : text };
  }
  rest += decoder.end();
  if (rest !== '') yield { line: line + 1, text: rest };
}

const ALLOWED = new Set(['path', 'body', 'reportedAt', 'actor']);

/** The command id of a line: from its content; the n-th repeat of equal content is its own line. */
export class LineKeys {
  private readonly seen = new Map<string, number>();

  of(content: unknown): string {
    const id = deterministicUuid('import', canonicalJson(content));
    const n = (this.seen.get(id) ?? 0) + 1;
    this.seen.set(id, n);
    return n === 1 ? id : deterministicUuid(id, String(n));
  }
}

/** NDJSON history lines (blank lines are skipped, but still counted in line numbers). */
export async function* ndjsonLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<ImportLine | LineError> {
  const keys = new LineKeys();
  for await (const { line, text } of textLines(chunks)) {
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield { line, field: '(line)', message: 'is not valid JSON' };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { line, field: '(line)', message: 'must be a JSON object { path, body, reportedAt, actor }' };
      continue;
    }
    const unknown = Object.keys(value).filter((k) => !ALLOWED.has(k));
    if (unknown.length > 0) {
      yield { line, field: unknown[0], message: 'is not an accepted field (path, body, reportedAt, actor)' };
      continue;
    }
    const v = value as { path?: unknown; body?: unknown; reportedAt?: unknown; actor?: unknown };
    if (v.reportedAt === undefined) {
      yield { line, field: 'reportedAt', message: 'is required: when the fact was first reported, a full ISO 8601 timestamp' };
      continue;
    }
    yield { line, path: v.path as string, body: v.body, reportedAt: v.reportedAt, actor: v.actor, key: keys.of(value), bodyPrefix: 'body.' };
  }
}
