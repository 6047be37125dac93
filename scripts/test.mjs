// Runs every jest suite. With TEST_DATABASE_URL it insists on that PostgreSQL server;
// without it, the server-only suites are skipped and listed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const url = process.env.TEST_DATABASE_URL;
if (url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.end();
  } catch (err) {
    console.error(`\nTEST_DATABASE_URL is set but PostgreSQL cannot be reached: ${err.message}\n`);
    process.exit(1);
  }
  console.log(`Tests run against PostgreSQL at ${url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')} and embedded PGlite.`);
} else {
  console.log(
    '\nTEST_DATABASE_URL is not set: server-only suites (concurrency, held-open transactions, end-to-end on PostgreSQL)\n' +
      'are SKIPPED; each prints "skipped ...: <reason>". Set TEST_DATABASE_URL=postgres://... to run them.\n',
  );
}
const dir = mkdtempSync(join(tmpdir(), 'rm-test-'));
const results = join(dir, 'results.json');
const jest = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', 'node_modules/jest/bin/jest.js', '--json', `--outputFile=${results}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
try {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  // One plain closing line that any CI reads: passed, failed, skipped.
  console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
} catch {
  console.log('\ntests: jest wrote no results');
}
rmSync(dir, { recursive: true, force: true });
process.exit(jest.status ?? 1);
