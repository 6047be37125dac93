import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { EVENT_STORE, WrongExpectedRevision, type EventStore, type RecordedEvent } from '@rm/event-store';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { ProblemException } from '../http/problem.js';
import type { CommandRequest } from './command-context.js';
import { canonicalJson, deterministicUuid, sha256 } from './deterministic-id.js';

const KEY = /^[\x21-\x7e]{1,255}$/;
export const IDEMPOTENCY_EVENT = 'IdempotentRequestCompleted';

interface Completed {
  requestHash: string;
  status: number;
  body: unknown;
  etag?: string;
}

/**
 * `Idempotency-Key` on writes. The key, scoped to the caller, fixes the command id, from which
 * every event id is derived: a retry, even one racing the original, stores nothing twice. The
 * first response is kept in its own stream and replayed for the same key and body.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<CommandRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || !request.actor) {
      request.commandId = randomUUID();
      return next.handle();
    }
    if (!KEY.test(String(key)))
      throw new ProblemException(400, 'HEADER.IDEMPOTENCY_KEY_INVALID', 'Bad request', 'Idempotency-Key must be 1-255 visible ASCII characters', [{ field: 'Idempotency-Key', message: 'invalid' }]);
    const scope = sha256(`${request.actor.sub}\n${key}`);
    request.commandId = deterministicUuid('command', scope);
    const streamId = `idempotency-${scope.slice(0, 40)}`;
    const requestHash = sha256(`${request.method} ${request.path}\n${canonicalJson(request.body)}`);
    return from(this.handle(streamId, requestHash, request, response, next));
  }

  private async handle(streamId: string, requestHash: string, request: CommandRequest, response: Response, next: CallHandler): Promise<unknown> {
    const [prior] = await this.store.readStream(streamId, { maxCount: 1 });
    if (prior) return this.replay(prior, requestHash, response);
    const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    const completed: Completed = { requestHash, status: response.statusCode, body };
    const etag = response.getHeader('ETag');
    if (etag !== undefined) completed.etag = String(etag);
    try {
      await this.store.append(streamId, [{ id: deterministicUuid(request.commandId!, 'completed'), type: IDEMPOTENCY_EVENT, data: { ...completed }, metadata: { commandId: request.commandId, actor: { sub: request.actor!.sub } } }], { expectedRevision: 'no-stream' });
    } catch (err) {
      if (!(err instanceof WrongExpectedRevision)) throw err;
      const [winner] = await this.store.readStream(streamId, { maxCount: 1 });
      return this.replay(winner, requestHash, response);
    }
    return body;
  }

  private replay(prior: RecordedEvent, requestHash: string, response: Response): unknown {
    const completed = prior.data as unknown as Completed;
    if (completed.requestHash !== requestHash)
      throw new ProblemException(422, 'IDEMPOTENCY_KEY.REUSED', 'Unprocessable content', 'this Idempotency-Key was already used with a different request; use a new key for a new request');
    response.status(completed.status);
    if (completed.etag) response.setHeader('ETag', completed.etag);
    response.setHeader('Idempotent-Replayed', 'true');
    return completed.body;
  }
}
