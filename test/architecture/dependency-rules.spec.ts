import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = process.cwd();
const CONFIG = join(root, '.dependency-cruiser.cjs');
const CRUISER = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}
interface Cruise {
  modules: { source: string; dependencies: { resolved: string }[] }[];
  summary: { violations: Violation[]; totalCruised: number };
}

/** dependency-cruiser over `dirs` of the tree at `cwd`, with the project's rules (.dependency-cruiser.cjs). */
async function cruise(cwd: string, dirs: string[]): Promise<Cruise> {
  const { stdout } = await promisify(execFile)(process.execPath, [CRUISER, '--config', CONFIG, '--output-type', 'json', ...dirs], {
    cwd,
    maxBuffer: 256 * 1024 * 1024,
  }).catch((err: { stdout?: string; stderr?: string }) => {
    // A violation exits non-zero; the report is still on stdout.
    if (err.stdout) return { stdout: err.stdout };
    throw new Error(`dependency-cruiser did not run: ${err.stderr}`);
  });
  return JSON.parse(stdout) as Cruise;
}

const edges = (violations: Violation[]) => violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);

describe('dependency rules over the whole tree (.dependency-cruiser.cjs; docs/architecture.md)', () => {
  let tree: Cruise;
  beforeAll(async () => {
    tree = await cruise(root, ['apps', 'libs', 'test', 'bench']);
  }, 180_000);

  it('are kept: domain pure, libs never import apps, apps never import each other, SQL only in the adapters and projections', () => {
    expect(edges(tree.summary.violations)).toEqual([]);
  });

  it('see the whole tree and its packages, so a rule cannot pass by seeing nothing', () => {
    const sources = tree.modules.map((m) => m.source);
    for (const dir of ['apps/api/src/', 'apps/worker/src/', 'apps/cli/src/', 'apps/web/src/', 'libs/domain/src/', 'libs/config/src/', 'test/'])
      expect({ dir, seen: sources.some((s) => s.startsWith(dir)) }).toEqual({ dir, seen: true });
    const resolved = tree.modules.flatMap((m) => m.dependencies.map((d) => d.resolved));
    expect(resolved.some((r) => /(^|\/)node_modules\/typeorm\//.test(r))).toBe(true);
    expect(resolved).toContain('libs/config/src/index.ts');
  });

  it('report each forbidden edge of a tree built to break them', async () => {
    const broken = await cruise(join(root, 'test/architecture/fixtures/broken-tree'), ['apps', 'libs']);
    expect(edges(broken.summary.violations).map((e) => e.replace(/ -> (\.\.\/)+node_modules\/pg\/.*$/, ' -> node_modules/pg')).sort()).toEqual([
      'apps-never-import-each-other: apps/one/src/main.ts -> apps/two/src/shared.ts',
      'config-imports-only-domain: libs/config/src/config.ts -> libs/other/src/other.ts',
      'domain-is-pure: libs/domain/src/rule.ts -> fs',
      'domain-is-pure: libs/domain/src/rule.ts -> libs/other/src/other.ts',
      'internal-imports-resolve: apps/two/src/shared.ts -> ./gone.js',
      'libs-never-import-apps: libs/other/src/other.ts -> apps/one/src/main.ts',
      'only-adapters-and-projections-touch-sql: apps/two/src/shared.ts -> node_modules/pg',
      'start-loads-only-what-it-needs: apps/two/src/shared.ts -> node_modules/pg',
    ]);
  }, 180_000);
});
