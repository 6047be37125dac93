import type * as Jose from 'jose';

let jose: Promise<typeof Jose> | undefined;

/**
 * jose (JWT signing and verification), loaded by the first token, session or key that needs it
 * rather than at start: the app listens without it (bench:start).
 */
export const loadJose = (): Promise<typeof Jose> => (jose ??= import('jose'));
