import { Injectable, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { finalize, from, map, of, switchMap, type Observable } from 'rxjs';
import { AnswerCache, jsonAt, type CachedAnswer } from './answer-cache.js';
import { validUntilOf } from './answer-horizon.js';
import { ReadModels } from './read-models.service.js';
import { wantsCsv } from '../http/csv-list.js';

/**
 * Keeps a time-travel read's answers by what determines them and answers `If-None-Match` with 304.
 * With an explicit `asOf` the answer is a function of the route, its parameters and the log
 * position, so a kept answer is exactly what a fresh read at that position gives. With asOf = now
 * it also depends on the clock (ages, windows, figures a few minutes ahead): the handler states
 * until when its answer stays exact (answer-horizon.ts), and up to then a kept one answers for the
 * moment of the reply, stating it as its asOf. Past that it is used only when the caller allows its
 * age (`Cache-Control: max-age=N`), stating the asOf it answers for. `Cache-Control: no-cache`
 * always reads afresh. Place it above `@CsvList` so that it keeps the answer, not its CSV.
 */
export const KeptAnswers = () => UseInterceptors(CachedAnswerInterceptor);

const IGNORED = new Set(['waitFor', 'position']);
const POSITION = /^\d{1,19}$/;

@Injectable()
export class CachedAnswerInterceptor implements NestInterceptor {
  private readonly computing = new Map<string, { startedAt: number; answer: Promise<CachedAnswer | undefined> }>();

  constructor(
    private readonly cache: AnswerCache,
    private readonly readModels: ReadModels,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const query = req.query as Record<string, unknown>;
    const params = Object.keys(query).sort();
    if (params.some((k) => typeof query[k] !== 'string')) return next.handle();
    const text = (k: string) => query[k] as string | undefined;
    const now = !text('asOf');
    // Without max-age, an answer at asOf = now is used only while exact.
    const maxAgeMs = now ? (requestMaxAgeMs(req.headers['cache-control']) ?? -1) : Infinity;
    const pinned = text('position') || undefined;
    if (pinned !== undefined && !POSITION.test(pinned)) return next.handle();
    const waitFor = text('waitFor') || undefined;
    if (waitFor !== undefined && !POSITION.test(waitFor)) return next.handle();
    const csv = wantsCsv(req);
    const base = `${now ? 'now' : 'at'}|${this.readModels.generation.number}|${req.path}?${params
      .filter((k) => !IGNORED.has(k))
      .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(text(k)!)}`)
      .join('&')}|`;
    // In-process projections know their position without a query: a kept answer then replies at once.
    const answer = (current: bigint): Observable<unknown> => {
      const at = pinned !== undefined ? BigInt(pinned) : current;
      const usable = at <= current && (waitFor === undefined || BigInt(waitFor) <= current);
      const key = base + at;
      const fits = (answer: CachedAnswer) => exactAt(answer, Date.now(), now) || (now && Date.now() - answer.computedAt <= maxAgeMs);
      const kept = usable && !noCache(req) ? this.cache.get(key) : undefined;
      if (kept && fits(kept)) return of(this.reply(req, res, kept, csv, now, pinned));
      // Requests that miss together share one computation: it answers at this position or a later one,
      // and for asOf = now at the moment of the reply or from a moment within the age the caller accepts.
      const pending = usable && !noCache(req) ? this.computing.get(key) : undefined;
      if (pending)
        return from(pending.answer).pipe(
          switchMap((answer) => (answer && fits(answer) ? of(this.reply(req, res, answer, csv, now, pinned)) : this.compute(req, res, next, base, csv, now, pinned))),
        );
      return this.compute(req, res, next, base, csv, now, pinned, usable ? key : undefined);
    };
    const known = this.readModels.positionKnown();
    return known !== undefined ? answer(known) : from(this.readModels.position()).pipe(switchMap(answer));
  }

  private compute(req: Request, res: Response, next: CallHandler, base: string, csv: boolean, now: boolean, pinned: string | undefined, shared?: string): Observable<unknown> {
    const startedAt = Date.now();
    let settle: (answer: CachedAnswer | undefined) => void = () => {};
    if (shared !== undefined) {
      const answer = new Promise<CachedAnswer | undefined>((resolve) => (settle = resolve));
      this.computing.set(shared, { startedAt, answer });
    }
    const done = (answer: CachedAnswer | undefined) => {
      if (shared !== undefined && this.computing.get(shared)?.startedAt === startedAt) this.computing.delete(shared);
      settle(answer);
    };
    return next.handle().pipe(
      map((body: unknown) => {
        const position = (body as { position?: unknown } | null)?.position;
        if (typeof position !== 'string') return done(undefined), body;
        const answer = this.cache.put(base + position, body, position, startedAt, now ? validUntilOf(body) : undefined);
        done(answer);
        return this.reply(req, res, answer, csv, now, pinned);
      }),
      finalize(() => done(undefined)),
    );
  }

  private reply(req: Request, res: Response, answer: CachedAnswer, csv: boolean, now: boolean, pinned: string | undefined): unknown {
    const at = new Date();
    // An answer exact at this moment states it; one older than its validity (allowed by max-age) states its own asOf and its age.
    const exact = now && exactAt(answer, at.getTime(), now) ? answer.now : undefined;
    if (now && !exact) res.setHeader('Age', String(Math.floor((at.getTime() - answer.computedAt) / 1000)));
    if (csv) return exact ? { ...(answer.body as object), asOf: at.toISOString(), ...(exact.knownAtFollows && { knownAt: at.toISOString() }) } : answer.body;
    res.setHeader('ETag', answer.etag);
    res.setHeader('Vary', 'Accept');
    // A pinned position with an explicit asOf never changes; otherwise the next write may change it.
    res.setHeader('Cache-Control', pinned !== undefined && !now ? 'private, max-age=31536000, immutable' : 'private, no-cache');
    if (matches(req.headers['if-none-match'], answer.etag)) {
      res.status(304);
      return undefined;
    }
    res.type('application/json; charset=utf-8');
    return exact ? jsonAt(exact, at) : answer.json;
  }
}

/** Whether a kept answer is what a fresh read gives at `t`: always with an explicit asOf; at asOf = now, within its validity. */
const exactAt = (answer: CachedAnswer, t: number, now: boolean): boolean =>
  !now || (answer.now !== undefined && answer.now.asOf <= t && t < answer.now.validUntil);

/** The age the caller accepts from `Cache-Control: max-age=N` (seconds), in ms. */
function requestMaxAgeMs(header: string | undefined): number | undefined {
  const seconds = header?.match(/(?:^|,)\s*max-age\s*=\s*"?(\d{1,6})"?\s*(?:,|$)/i)?.[1];
  return seconds === undefined ? undefined : Number(seconds) * 1000;
}

const noCache = (req: Request) => /(?:^|,)\s*no-cache\s*(?:,|$)/i.test(req.headers['cache-control'] ?? '') || /no-cache/i.test(String(req.headers.pragma ?? ''));

/** Weak comparison, as RFC 9110 asks for If-None-Match. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}
