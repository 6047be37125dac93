import { redact } from '@rm/event-store';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PID_FILE } from '../../cli/src/embedded-lock.js';
import type { AuthKeys } from './auth/auth-keys.js';
import { AUTH_KEYS } from './auth/auth.guard.js';
import { ROLES } from './auth/roles.js';
import { SignInLinks } from './auth/session.js';
import { createApp } from './bootstrap.js';
import { loadConfig } from './config/app-config.js';

const started = performance.now();
const config = loadConfig();
const app = await createApp(config);
await app.listen(config.port, config.host);
if (!config.databaseUrl && !config.dataDir.startsWith('memory://')) {
  // The CLI reads this to refuse opening the embedded database while the app owns it.
  const pidFile = join(config.dataDir, PID_FILE);
  await writeFile(pidFile, String(process.pid));
  process.once('exit', () => void rm(pidFile, { force: true }));
}
const where = config.databaseUrl ? `PostgreSQL at ${redact(config.databaseUrl)}` : `embedded PostgreSQL (PGlite) in ${config.dataDir}`;
console.log(`Recovery Monitor listening on http://localhost:${config.port} (${where}), ready in ${Math.round(performance.now() - started)} ms`);
console.log(`API documentation: http://localhost:${config.port}/api/docs`);
const keys = app.get<AuthKeys>(AUTH_KEYS);
if (keys.kind === 'secret' && keys.source === 'data-dir')
  console.log(`Tokens are signed with the secret in ${keys.path}. Get one with: npm run token -- --role programme-office`);
if (keys.kind === 'secret' && keys.source === 'data-dir') {
  const code = app.get(SignInLinks).create({ sub: 'local-admin', name: 'Local administrator', roles: [...ROLES] });
  console.log(`Web application: http://localhost:${config.port}/ — sign in once (single use, 15 minutes): http://localhost:${config.port}/signin/link?code=${code}`);
}
