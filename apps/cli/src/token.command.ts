import { ROLES, type Role, mintToken } from '@rm/auth';
import { loadConfig } from '@rm/config';
import { appSigningSecret, tokenLifetime } from './signing-secret.js';

export interface TokenOptions {
  role: string[];
  sub?: string;
  name?: string;
  expires: string;
}

/** Prints a token for local use, signed with the app's own secret; says on stderr which one. */
export async function token(options: TokenOptions): Promise<void> {
  const roles = options.role.flatMap((r) => r.split(',')).filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new Error(`--role: unknown role ${unknown.join(', ')}; use ${ROLES.join(', ')}`);
  const config = loadConfig();
  const lifetime = tokenLifetime(options.expires, config.auth.maxLifetimeSeconds);
  const { secret, from } = await appSigningSecret(config);
  console.error(`signed with ${from}`);
  const sub = options.sub ?? `local-${roles[0]}`;
  console.log(await mintToken(secret, { sub, name: options.name ?? sub, roles: roles as Role[] }, lifetime));
}
