import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { mintToken } from '@rm/auth';
import { TEST_SECRET } from './api-harness.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOADER = './test/support/ts-loader/register.mjs';

export const APP_ENTRY = 'apps/api/src/main.ts';
export const CLI_ENTRY = 'apps/cli/src/main.ts';
export const WORKER_ENTRY = 'apps/worker/src/main.ts';

/** A real Node process of one of the apps, run from the TypeScript sources. */
export interface AppProcess {
  child: ChildProcess;
  pid: number;
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** Resolves once a line of the output matches. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<number | string>;
}

const running = new Set<AppProcess>();
process.once('exit', () => {
  for (const p of running) p.child.kill('SIGKILL');
});

/** Kills every process the tests started that is still running (e.g. after a test timed out). */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map((p) => p.kill('SIGKILL')));
}

export function runProcess(entry: string, args: string[], env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, ['--import', LOADER, '--no-warnings', entry, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', AUTH_JWT_SECRET: TEST_SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const proc: AppProcess = {
    child,
    pid: child.pid!,
    output: () => output,
    exited,
    waitForOutput(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const done = (err?: Error) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (err) reject(err);
          else resolve();
        };
        const check = () => pattern.test(output) && done();
        const timer = setTimeout(() => done(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output}`)), timeoutMs);
        listeners.add(check);
        void exited.then((code) => done(pattern.test(output) ? undefined : new Error(`exited (${code}) before ${pattern}; output:\n${output}`)));
        check();
      });
    },
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  running.add(proc);
  void exited.then(() => running.delete(proc));
  return proc;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts the API as its own process and waits until it listens. */
export async function startApiProcess(env: Record<string, string>): Promise<AppProcess & { url: string }> {
  const port = await freePort();
  const proc = runProcess(APP_ENTRY, [], { HOST: '127.0.0.1', PORT: String(port), ...env });
  await proc.waitForOutput(/listening on/, 90_000);
  return Object.assign(proc, { url: `http://127.0.0.1:${port}` });
}

export const writerToken = () => mintToken(new TextEncoder().encode(TEST_SECRET), { sub: 'programme-office-1', name: 'Test writer', roles: ['programme-office'] });

/** A JSON POST with a bearer token, over a real socket. */
export async function postJson(url: string, token: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export async function getJson(url: string, token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
