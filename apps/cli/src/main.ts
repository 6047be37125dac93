import { parseArgs } from 'node:util';
import { durationSeconds, resolveAuthKeys } from '../../api/src/auth/auth-keys.js';
import { ROLES, type Role } from '../../api/src/auth/roles.js';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, mintToken } from '../../api/src/auth/token.js';
import { loadConfig } from '../../api/src/config/app-config.js';
import { rebuild } from './rebuild.command.js';

const USAGE = `recovery-monitor <command>

  token [--role ROLE]... [--sub ID] [--name NAME] [--expires 8h] (at most AUTH_JWT_MAX_LIFETIME, 12h by default)
      Mints a JWT signed with AUTH_JWT_SECRET, or with the secret the app keeps in DATA_DIR.
      Roles: ${ROLES.join(', ')} (default programme-office).

  rebuild
      Rebuilds every read model from the event log into fresh tables, with a progress bar,
      and switches the app over when caught up (the app keeps serving meanwhile).`;

async function token(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { role: { type: 'string', multiple: true }, sub: { type: 'string' }, name: { type: 'string' }, expires: { type: 'string' } },
  });
  const roles = (values.role ?? ['programme-office']).flatMap((r) => r.split(','));
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new Error(`--role: unknown role ${unknown.join(', ')}; use ${ROLES.join(', ')}`);
  const config = loadConfig();
  if (config.auth.jwksUrl || config.auth.jwtPublicKey) throw new Error('tokens come from your identity provider when AUTH_JWKS_URL or AUTH_JWT_PUBLIC_KEY is set');
  const lifetime = durationSeconds(values.expires ?? '8h', '--expires');
  const maxLifetime = config.auth.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  if (lifetime > maxLifetime) throw new Error(`--expires: at most ${maxLifetime} s (AUTH_JWT_MAX_LIFETIME), or the app refuses the token`);
  const keys = await resolveAuthKeys(config.auth, { dataDir: config.dataDir });
  if (keys.kind !== 'secret') throw new Error('no HS256 secret to sign with');
  const sub = values.sub ?? `local-${roles[0]}`;
  console.log(await mintToken(keys.secret, { sub, name: values.name ?? sub, roles: roles as Role[] }, `${lifetime}s`));
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'token') await token(rest);
  else if (command === 'rebuild') await rebuild(loadConfig());
  else {
    console.error(USAGE);
    process.exitCode = command ? 2 : 0;
  }
} catch (err) {
  console.error(`error: ${(err as Error).message}`);
  process.exitCode = 2;
}

