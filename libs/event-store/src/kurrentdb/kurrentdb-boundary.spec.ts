import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ROOT = join(import.meta.dirname, '../../../..');
const KURRENTDB_DIR = ['libs', 'event-store', 'src', 'kurrentdb'].join(sep);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

const files = ['apps', 'libs', 'bench', 'test'].flatMap((d) => sources(join(ROOT, d))).map((f) => ({ path: relative(ROOT, f), text: readFileSync(f, 'utf8') }));
const isTestCode = (path: string) => path.endsWith('.spec.ts') || path.split(sep).includes('testing') || path.startsWith(`test${sep}`);

describe('the KurrentDB boundary', () => {
  it('only libs/event-store/src/kurrentdb imports the KurrentDB client', () => {
    const importers = files.filter((f) => /from '@kurrent\//.test(f.text)).map((f) => f.path);
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.filter((p) => !p.startsWith(KURRENTDB_DIR))).toEqual([]);
  });

  it('no shipped code reaches the server test double', () => {
    const reaching = files.filter((f) => /test-double|open-on-test-double/.test(f.text) && !isTestCode(f.path)).map((f) => f.path);
    expect(reaching).toEqual([]);
  });
});
