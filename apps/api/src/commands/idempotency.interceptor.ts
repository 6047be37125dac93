import { Inject, Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IdempotencyRecords, type IdempotentResponse } from '@rm/event-store';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { ProblemException } from '../http/problem.js';
import type { CommandRequest } from './command-context.js';
import { canonicalJson, deterministicUuid, sha256 } from './deterministic-id.js';
import { IDEMPOTENCY_RECORDS } from '../infrastructure/event-store.module.js';

const KEY = /^[\x21-\x7e]{1,255}$/;
const BY_CONTENT = 'rm:idempotent-by-content';

/**
 * For routes that are idempotent by their content and stream their body (the imports): the key is
 * not used, since a streamed body cannot be hashed before the handler reads it.
 */
export const IdempotentByContent = () => SetMetadata(BY_CONTENT, true);

/**
 * `Idempotency-Key` on writes. The first response is kept in the idempotency records (a table of
 * their own, not the domain log) and replayed for the same key and body (422 for another body).
 * A request claims its key with one committed statement before running, so no connection is held
 * while it runs; a concurrent request under the same key, in any process, waits for the claim to
 * complete or lapse. The key fixes the command id, from which every event id is derived, so a
 * request that takes over a lapsed claim stores nothing twice. A rejected request stores nothing.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    @Inject(IDEMPOTENCY_RECORDS) private readonly records: IdempotencyRecords,
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
    const recordKey = scope.slice(0, 40);
    const requestHash = sha256(`${request.method} ${request.path}\n${canonicalJson(request.body)}`);
    return from(this.oneAtATime(recordKey, () => this.handle(recordKey, requestHash, response, next)));
  }

  /** Same-key requests in this process queue here rather than poll the records. */
  private oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.inFlight.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.inFlight.set(key, next);
    void next.finally(() => this.inFlight.get(key) === next && this.inFlight.delete(key)).catch(() => undefined);
    return next;
  }

  private async handle(key: string, requestHash: string, response: Response, next: CallHandler): Promise<unknown> {
    for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
      const claim = await this.records.claim(key, requestHash);
      if (claim.kind === 'completed') return this.replay(claim.response, requestHash, response);
      if (claim.kind === 'pending') {
        await new Promise((r) => setTimeout(r, wait * (0.5 + Math.random())));
        continue;
      }
      let body: unknown;
      try {
        body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      } catch (err) {
        await this.records.abandon(key, claim.token);
        throw err;
      }
      const completed: IdempotentResponse = { requestHash, status: response.statusCode, bodyJson: JSON.stringify(body ?? null) };
      const etag = response.getHeader('ETag');
      if (etag !== undefined) completed.etag = String(etag);
      await this.records.complete(key, claim.token, completed);
      return body;
    }
  }

  private replay(completed: IdempotentResponse, requestHash: string, response: Response): unknown {
    if (completed.requestHash !== requestHash)
      throw new ProblemException(422, 'IDEMPOTENCY_KEY.REUSED', 'Unprocessable content', 'this Idempotency-Key was already used with a different request; use a new key for a new request');
    response.status(completed.status);
    if (completed.etag) response.setHeader('ETag', completed.etag);
    else response.removeHeader('ETag');
    response.setHeader('Idempotent-Replayed', 'true');
    return JSON.parse(completed.bodyJson);
  }
}
