import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '../auth/roles.js';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { ProblemException } from '../http/problem.js';

/** What the application layer knows about a command besides its data. */
export interface CommandContext {
  actor: Actor;
  commandId: string;
  correlationId: string;
  causationId?: string;
  /** From `If-Match`: the stream revision the caller last saw. */
  ifMatch?: bigint;
  /** When the command was received (ISO 8601). */
  now: string;
}

export type CommandRequest = AuthenticatedRequest & { commandId?: string };

const IF_MATCH = /^\s*(?:W\/)?"?(\d{1,18})"?\s*$/;
const HEADER_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function commandContextOf(request: CommandRequest): CommandContext {
  if (!request.actor || !request.commandId) throw new Error('command context needs the auth guard and the idempotency interceptor');
  const ifMatchHeader = request.headers['if-match'];
  let ifMatch: bigint | undefined;
  if (ifMatchHeader !== undefined) {
    const match = String(ifMatchHeader).match(IF_MATCH);
    if (!match) throw new ProblemException(400, 'HEADER.IF_MATCH_INVALID', 'Bad request', 'If-Match must be a stream revision in quotes, e.g. "3"', [{ field: 'If-Match', message: 'must be "<revision>"' }]);
    ifMatch = BigInt(match[1]);
  }
  const correlation = request.headers['x-correlation-id'];
  if (correlation !== undefined && !HEADER_ID.test(String(correlation)))
    throw new ProblemException(400, 'HEADER.CORRELATION_ID_INVALID', 'Bad request', 'X-Correlation-Id must be 1-128 characters of letters, digits and . _ : -', [{ field: 'X-Correlation-Id', message: 'invalid' }]);
  const causation = request.headers['x-causation-id'];
  return {
    actor: request.actor,
    commandId: request.commandId,
    correlationId: correlation !== undefined ? String(correlation) : request.commandId,
    causationId: causation !== undefined && HEADER_ID.test(String(causation)) ? String(causation) : undefined,
    ifMatch,
    now: new Date().toISOString(),
  };
}

/** The command context of the current request, for controllers. */
export const Command = createParamDecorator((_: unknown, ctx: ExecutionContext) => commandContextOf(ctx.switchToHttp().getRequest<CommandRequest>()));
