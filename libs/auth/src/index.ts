export { loadJose } from './jose.js';
export { resolveAuthKeys, SECRET_FILE, type AuthKeys } from './auth-keys.js';
export { AUDITORS, READERS, ROLES, WRITERS, type Actor, type Role } from './roles.js';
export { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, InvalidToken, mintToken, TOKEN_CLOCK_SKEW_SECONDS, verifyToken } from './token.js';
