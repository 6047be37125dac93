export const ROLES = ['programme-office', 'inspector', 'board', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who may record: the programme office, and admins. */
export const WRITERS: readonly Role[] = ['programme-office', 'admin'];
/** Who may read read models: every role. */
export const READERS: readonly Role[] = ROLES;
/** Who may read the raw audit trail. */
export const AUDITORS: readonly Role[] = ['inspector', 'admin'];

/** The authenticated user behind a request; the actor of every event it writes. */
export interface Actor {
  sub: string;
  name?: string;
  roles: Role[];
}
