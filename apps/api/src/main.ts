import { redact } from '@rm/event-store';
import type { AuthKeys } from '@rm/auth';
import { AUTH_KEYS } from './auth/auth.guard.js';
import { ROLES } from './auth/roles.js';
import { SignInLinks } from './auth/session.js';
import { createApp } from './bootstrap.js';
import { ReadModels } from './read-models/read-models.service.js';
import { loadConfig } from '@rm/config';

const started = performance.now();
const config = (() => {
  try {
    return loadConfig();
  } catch (err) {
    console.error(`Recovery Monitor did not start: the configuration is invalid\n${(err as Error).message}`);
    process.exit(2);
  }
})();
const app = await createApp(config).catch((err: Error) => {
  console.error(`Recovery Monitor did not start: ${err.message}`);
  process.exit(2);
});
await app.listen(config.port, config.host);
app.get(ReadModels).warm();
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
