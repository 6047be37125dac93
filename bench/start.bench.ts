/**
 * Embedded start: `node dist/apps/api/src/main.js` with no DATABASE_URL, timed from spawn to the
 * first 200 of GET /health (ready: database open, read models caught up) and to the first answer
 * of GET /health/live (listening), on a new data directory and again on the same, existing one.
 * Reference, measured in the same run: a bare `PGlite.create` in a fresh node process on a new and
 * on an existing directory, so the ratio shows the app's own overhead. One JSON object per figure.
 *
 *   BENCH_ROUNDS=3          rounds per case (median reported, every round printed)
 *   BENCH_BASELINE_DIR      another checkout, built: its app is timed in the same rounds (before/after under one load)
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const baselineDir = process.env.BENCH_BASELINE_DIR;
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const emit = (line: object) => process.stdout.write(JSON.stringify(line) + '\n');
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = (t0: bigint) => Math.round(Number(process.hrtime.bigint() - t0) / 1e6);

interface AppStart {
  liveMs: number;
  readyMs: number;
  loggedReadyMs?: number;
}

async function startApp(dataDir: string, cwd = process.cwd()): Promise<AppStart> {
  const port = 4100 + Math.floor(Math.random() * 800);
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: { ...withoutDatabaseUrl(process.env), DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'log' },
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.on('exit', (code) => ((exited = code), resolve())));
  try {
    let liveMs: number | undefined;
    for (;;) {
      if (exited !== undefined) throw new Error(`app exited with ${exited} before it was ready:\n${output}`);
      if (ms(t0) > 120_000) throw new Error('app not ready after 120 s');
      if (liveMs === undefined && (await status(`http://127.0.0.1:${port}/health/live`)) === 200) liveMs = ms(t0);
      if (liveMs !== undefined && (await status(`http://127.0.0.1:${port}/health`)) === 200) {
        const readyMs = ms(t0);
        const logged = /ready in (\d+) ms/.exec(output);
        return { liveMs, readyMs, loggedReadyMs: logged ? Number(logged[1]) : undefined };
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await exit;
  }
}

async function status(url: string): Promise<number | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return undefined;
  }
}

/** A bare PGlite.create and close in a new node process: the floor the app stands on. */
async function startBarePglite(dataDir: string): Promise<number> {
  const script = `import { PGlite } from '@electric-sql/pglite';
    const db = await PGlite.create(process.argv[1]); await db.query('SELECT 1'); await db.close();`;
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, dataDir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`bare PGlite exited with ${code}`);
  return ms(t0);
}

function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  delete rest.DATABASE_URL;
  delete rest.EVENT_STORE;
  return rest;
}

const results: Record<string, number[]> = { newApp: [], existingApp: [], newLive: [], existingLive: [], newRef: [], existingRef: [], newBaseline: [], existingBaseline: [] };
const dirs: string[] = [];
try {
  for (let round = 1; round <= rounds; round++) {
    const appDir = await mkdtemp(join(tmpdir(), 'rm-start-'));
    const refDir = await mkdtemp(join(tmpdir(), 'rm-start-ref-'));
    dirs.push(appDir, refDir);
    log(`round ${round}/${rounds}`);
    const newRef = await startBarePglite(join(refDir, 'data'));
    const newApp = await startApp(join(appDir, 'data'));
    const existingRef = await startBarePglite(join(refDir, 'data'));
    const existingApp = await startApp(join(appDir, 'data'));
    if (baselineDir) {
      const before = { new: await startApp(join(appDir, 'baseline'), baselineDir), existing: await startApp(join(appDir, 'baseline'), baselineDir) };
      for (const which of ['new', 'existing'] as const) {
        results[`${which}Baseline`].push(before[which].readyMs);
        emit({ round, build: 'baseline', dataDir: which, readyMs: before[which].readyMs, liveMs: before[which].liveMs, loadavg: load() });
      }
    }
    results.newApp.push(newApp.readyMs);
    results.newLive.push(newApp.liveMs);
    results.newRef.push(newRef);
    results.existingApp.push(existingApp.readyMs);
    results.existingLive.push(existingApp.liveMs);
    results.existingRef.push(existingRef);
    emit({ round, dataDir: 'new', readyMs: newApp.readyMs, liveMs: newApp.liveMs, loggedReadyMs: newApp.loggedReadyMs, barePgliteMs: newRef, loadavg: load() });
    emit({ round, dataDir: 'existing', readyMs: existingApp.readyMs, liveMs: existingApp.liveMs, loggedReadyMs: existingApp.loggedReadyMs, barePgliteMs: existingRef, loadavg: load() });
  }
  for (const which of ['new', 'existing'] as const) {
    const ready = median(results[`${which}App`]);
    const ref = median(results[`${which}Ref`]);
    emit({
      workload: `embedded-start-${which}-data-dir`,
      readyMsMedian: ready,
      liveMsMedian: median(results[`${which}Live`]),
      referenceBarePgliteMsMedian: ref,
      ratio: Math.round((ready / ref) * 100) / 100,
      ...(baselineDir && { baselineReadyMsMedian: median(results[`${which}Baseline`]), speedup: Math.round((median(results[`${which}Baseline`]) / ready) * 100) / 100 }),
      targetMs: which === 'new' ? 5000 : 2000,
      rounds,
      loadavg: load(),
    });
  }
} finally {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
}
