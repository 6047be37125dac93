import { SetMetadata } from '@nestjs/common';
import type { Role } from '@rm/auth';

// The role lists live in @rm/auth (the CLI mints tokens with them); the guards' decorators here.
export { AUDITORS, READERS, ROLES, WRITERS, type Actor, type Role } from '@rm/auth';

export const ROLES_KEY = 'rm:roles';
export const PUBLIC_KEY = 'rm:public';

/** The roles allowed on a controller or route; a route without any is refused to everyone. */
export const Roles = (...roles: readonly Role[]) => SetMetadata(ROLES_KEY, roles);
/** Answers without a token (health, API documentation). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
