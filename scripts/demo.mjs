/* global process, console, fetch, setTimeout */
// npm run demo: the founding case (GMP iOPS, 2019-2020) on its own data directory. Starts the app
// on DATA_DIR (default ./data-demo), loads demo/iops-2019.ndjson through POST /api/admin/imports
// (a second run loads nothing new) and keeps the app running. When the app already runs on that
// directory, only the import runs: the embedded database has one owner.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

const dataDir = process.env.DATA_DIR ?? './data-demo';
const port = process.env.PORT ?? '3000';
const url = `http://localhost:${port}`;
const env = { LOG_LEVEL: 'warn', ...process.env, DATA_DIR: dataDir, PORT: port };
const cli = (args) => spawn(process.execPath, ['dist/apps/cli/src/main.js', ...args], { env, stdio: 'inherit' });

// The data directory's lock (the one the app holds for its life) says whether an app owns it.
const appOwnsDataDir = () =>
  lockfile.check(dataDir, { realpath: false, lockfilePath: join(dataDir, '.rm-lock'), stale: 10_000 }).catch(() => false);

async function healthy(deadline) {
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

let app;
if (await appOwnsDataDir()) console.error(`demo: an app already runs on ${dataDir}; importing into it at ${url}`);
else {
  console.error(`demo: starting the app on ${dataDir}, port ${port}`);
  app = spawn(process.execPath, ['dist/apps/api/src/main.js'], { env, stdio: 'inherit' });
  app.on('exit', (code) => process.exit(code ?? 1));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
}
if (!(await healthy(Date.now() + 60_000))) {
  console.error(`demo: the app did not answer ${url}/health within 60 s`);
  app?.kill('SIGTERM');
  process.exit(1);
}
const code = await new Promise((resolve) => cli(['import', 'history', 'demo/iops-2019.ndjson', '--url', url]).on('exit', resolve));
if (code !== 0) {
  console.error('demo: the import failed (see above)');
  app?.kill('SIGTERM');
  process.exit(code ?? 1);
}
console.error(`
demo: loaded. An inspector's replay at 15 November 2019 (in another terminal):
  DATA_DIR=${dataDir} npm run -s cli -- replay --as-of 2019-11-15 --url ${url}                      # as known then
  DATA_DIR=${dataDir} npm run -s cli -- replay --as-of 2019-11-15 --known-at latest --url ${url}    # as known now
${app ? 'The app keeps running here; Ctrl-C stops it.' : ''}`);
