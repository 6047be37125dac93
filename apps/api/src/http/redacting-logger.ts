import { ConsoleLogger, type LogLevel } from '@nestjs/common';

const SECRETS: [RegExp, string][] = [
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer ***'],
  // A JWT anywhere: three base64url parts, the first a JSON header ("eyJ").
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '***jwt***'],
  // user:password@ in connection strings.
  [/(\/\/[^:/@\s]+):[^@\s]*@/g, '$1:***@'],
  [/\b(AUTH_JWT_SECRET|password|secret)(["']?\s*[=:]\s*["']?)[^\s"',}]+/gi, '$1$2***'],
];

/** Takes tokens, passwords and secrets out of a log line. */
export function redactSecrets(text: string): string {
  return SECRETS.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

const scrub = (message: unknown): unknown =>
  typeof message === 'string' ? redactSecrets(message) : message instanceof Error ? redactSecrets(message.stack ?? message.message) : message;

/** Nest's console logger, with every message and stack passed through `redactSecrets` first. */
export class RedactingLogger extends ConsoleLogger {
  constructor(levels: LogLevel[]) {
    super({ logLevels: levels });
  }

  override log(message: unknown, ...rest: unknown[]): void {
    super.log(scrub(message), ...rest.map(scrub));
  }

  override error(message: unknown, ...rest: unknown[]): void {
    super.error(scrub(message), ...rest.map(scrub));
  }

  override warn(message: unknown, ...rest: unknown[]): void {
    super.warn(scrub(message), ...rest.map(scrub));
  }
}
