import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiClient, momentQuery, type ConnectionOptions, type MomentOptions } from './api-client.js';

export interface BoardPackOptions extends ConnectionOptions, MomentOptions {
  since?: string;
  out: string;
}

/**
 * Writes the app's board pack to DIR/index.html and DIR/manifest.json. The HTML holds no clock,
 * so the same position gives the same bytes; when it was generated lives only in the manifest.
 */
export async function boardPack(options: BoardPackOptions): Promise<void> {
  const api = new ApiClient(options, 'board');
  const answer = await api.get('/api/board-pack', { ...momentQuery(options), since: options.since }, 'text/html');
  const html = Buffer.from(answer.text, 'utf8');
  const manifest = {
    asOf: answer.headers.get('x-as-of'),
    knownAt: answer.headers.get('x-known-at'),
    position: answer.headers.get('x-position'),
    since: answer.headers.get('x-since') ?? options.since ?? null,
    generatedAt: new Date().toISOString(),
    sha256: createHash('sha256').update(html).digest('hex'),
  };
  await mkdir(options.out, { recursive: true });
  await writeFile(join(options.out, 'index.html'), html);
  await writeFile(join(options.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.error(`board pack as of ${manifest.asOf}, known at ${manifest.knownAt}, position ${manifest.position} -> ${join(options.out, 'index.html')}`);
  console.log(JSON.stringify(manifest));
}
