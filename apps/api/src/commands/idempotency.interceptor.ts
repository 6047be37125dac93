import { Inject, Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { EVENT_STORE, EventIdConflict, withAdvisoryLock, WrongExpectedRevision, type Database, type EventStore, type RecordedEvent } from '@rm/event-store';
import { DATABASE } from '../infrastructure/event-store.module.js';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { ProblemException } from '../http/problem.js';
import type { CommandRequest } from './command-context.js';
import { canonicalJson, deterministicUuid, sha256 } from './deterministic-id.js';

const KEY = /^[\x21-\x7e]{1,255}$/;
const BY_CONTENT = 'rm:idempotent-by-content';

/**
 * For routes that are idempotent by their content and stream their body (the imports): the key is
 * not used, since a streamed body cannot be hashed before the handler reads it.
 */
export const IdempotentByContent = () => SetMetadata(BY_CONTENT, true);
export const IDEMPOTENCY_EVENT = 'IdempotentRequestCompleted';

interface Completed {
  requestHash: string;
  status: number;
  /** The response body as sent: jsonb would reorder its keys. */
  bodyJson: string;
  etag?: string;
}

/**
 * `Idempotency-Key` on writes. Requests with one key run one at a time (in-process, and across
 * processes under an advisory lock on a database server); the
 * first response is kept in the key's own stream and replayed for the same key and body (422
 * for another body). The key fixes the command id, from which every event id is derived, so a
 * retry racing from another process stores nothing twice: its command is a no-op, or its append
 * is refused, and it answers with the winner's stored response. A rejected request stores nothing.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly database: Database,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<CommandRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || !request.actor || this.reflector.get<boolean>(BY_CONTENT, context.getHandler())) {
      request.commandId = randomUUID();
      return next.handle();
    }
    if (!KEY.test(String(key)))
      throw new ProblemException(400, 'HEADER.IDEMPOTENCY_KEY_INVALID', 'Bad request', 'Idempotency-Key must be 1-255 visible ASCII characters', [{ field: 'Idempotency-Key', message: 'invalid' }]);
    const scope = sha256(`${request.actor.sub}\n${key}`);
    request.commandId = deterministicUuid('command', scope);
    const streamId = `idempotency-${scope.slice(0, 40)}`;
    const requestHash = sha256(`${request.method} ${request.path}\n${canonicalJson(request.body)}`);
    return from(this.oneAtATime(streamId, () => this.handle(streamId, requestHash, request.commandId!, response, next)));
  }

  private oneAtATime<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.inFlight.get(streamId) ?? Promise.resolve();
    const locked = this.database.kind === 'server' ? () => withAdvisoryLock(this.database.pool, streamId, work) : work;
    const next = previous.catch(() => undefined).then(locked);
    this.inFlight.set(streamId, next);
    void next.finally(() => this.inFlight.get(streamId) === next && this.inFlight.delete(streamId)).catch(() => undefined);
    return next;
  }

  private async handle(streamId: string, requestHash: string, commandId: string, response: Response, next: CallHandler): Promise<unknown> {
    const [prior] = await this.store.readStream(streamId, { maxCount: 1 });
    if (prior) return this.replay(prior, requestHash, response);
    const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    const completed: Completed = { requestHash, status: response.statusCode, bodyJson: JSON.stringify(body ?? null) };
    const etag = response.getHeader('ETag');
    if (etag !== undefined) completed.etag = String(etag);
    try {
      await this.store.append(streamId, [{ id: deterministicUuid(commandId, 'completed'), type: IDEMPOTENCY_EVENT, data: { ...completed } }], { expectedRevision: 'no-stream' });
    } catch (err) {
      if (!(err instanceof WrongExpectedRevision) && !(err instanceof EventIdConflict)) throw err;
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
    else response.removeHeader('ETag');
    response.setHeader('Idempotent-Replayed', 'true');
    return JSON.parse(completed.bodyJson);
  }
}
