const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']); // admin/crash shutdown, cannot connect now, too many connections
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const PG_MESSAGES = /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect|Connection ended unexpectedly/i;

/**
 * True when `error` says the database could not be reached or dropped the connection (the
 * request may be retried once it is back), rather than that the request itself was wrong.
 * Looks through wrappers (TypeORM's driverError, an error's cause).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const { code, message, driverError, cause } = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof code === 'string' && (code.startsWith('08') || SQLSTATES.has(code) || SOCKET_CODES.has(code))) return true;
  if (typeof message === 'string' && PG_MESSAGES.test(message)) return true;
  return isDatabaseUnavailable(driverError, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}
