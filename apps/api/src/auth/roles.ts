import { SetMetadata } from '@nestjs/common';

export const ROLES = ['programme-office', 'inspector', 'board', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who may record: the programme office, and admins. */
export const WRITERS: readonly Role[] = ['programme-office', 'admin'];
/** Who may read read models: every role. */
export const READERS: readonly Role[] = ROLES;
/** Who may read the raw audit trail. */
export const AUDITORS: readonly Role[] = ['inspector', 'admin'];

export const ROLES_KEY = 'rm:roles';
export const PUBLIC_KEY = 'rm:public';

/** The roles allowed on a controller or route; a route without any is refused to everyone. */
export const Roles = (...roles: readonly Role[]) => SetMetadata(ROLES_KEY, roles);
/** Answers without a token (health, API documentation). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The authenticated user behind a request; the actor of every event it writes. */
export interface Actor {
  sub: string;
  name?: string;
  roles: Role[];
}
