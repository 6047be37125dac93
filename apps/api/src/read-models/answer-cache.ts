import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/** One computed answer: the object (for other representations), its JSON text and its entity tag. */
export interface CachedAnswer {
  body: unknown;
  json: string;
  etag: string;
  /** When it was computed (ms since the epoch): an answer at asOf = now ages. */
  computedAt: number;
  /** An answer at asOf = now that is exact from its asOf until this moment (ms, exclusive), its moments restated. */
  now?: NowAnswer;
}

/** An answer at asOf = now (t0) as its JSON around the moments it echoes: a reply at t in [t0, validUntil) states t. */
export interface NowAnswer {
  asOf: number;
  validUntil: number;
  /** The JSON split where asOf (and knownAt, when it follows asOf) go. */
  parts: string[];
  knownAtFollows: boolean;
}

const MAX_ANSWERS = 2_000;
const MAX_CHARS = 32 * 1024 * 1024;

/**
 * Answers of reads kept by what determines them: route, parameters, read-model generation and
 * log position. Keys never outlive their meaning: a new position makes a new key, so nothing is
 * invalidated, and the least recently used answers go first once the budget is spent.
 */
@Injectable()
export class AnswerCache {
  private readonly answers = new Map<string, CachedAnswer>();
  private chars = 0;

  get(key: string): CachedAnswer | undefined {
    const hit = this.answers.get(key);
    if (!hit) return undefined;
    this.answers.delete(key);
    this.answers.set(key, hit);
    return hit;
  }

  /**
   * Keeps `body` under `key`, its entity tag naming the position it reflects. With `validUntil`, an
   * answer at asOf = now: its tag is weak and digests the answer without the moments it echoes,
   * so that it stays the same while the content does.
   */
  put(key: string, body: unknown, position: string, computedAt: number, validUntil?: number): CachedAnswer {
    const json = JSON.stringify(body);
    const now = validUntil === undefined ? undefined : nowAnswer(json, body as Moments, validUntil);
    const digest = createHash('sha1').update(now ? now.parts.join('') : json).digest('base64url').slice(0, 22);
    const answer: CachedAnswer = { body, json, etag: now ? `W/"p${position}-${digest}"` : `"p${position}-${digest}"`, computedAt, now };
    if (json.length > MAX_CHARS / 8) return answer;
    this.drop(key);
    this.answers.set(key, answer);
    this.chars += json.length;
    while (this.answers.size > MAX_ANSWERS || this.chars > MAX_CHARS) this.drop(this.answers.keys().next().value!);
    return answer;
  }

  private drop(key: string): void {
    const old = this.answers.get(key);
    if (!old) return;
    this.answers.delete(key);
    this.chars -= old.json.length;
  }
}

interface Moments {
  asOf?: unknown;
  knownAt?: unknown;
}

/** The answer's JSON cut around its top-level asOf and knownAt (the last of each: the echoed moments come last). */
function nowAnswer(json: string, body: Moments, validUntil: number): NowAnswer | undefined {
  if (typeof body.asOf !== 'string') return undefined;
  const asOf = `"asOf":${JSON.stringify(body.asOf)}`;
  const a = json.lastIndexOf(asOf);
  if (a < 0) return undefined;
  const parts = [json.slice(0, a + 7), json.slice(a + asOf.length)];
  const knownAtFollows = body.knownAt === body.asOf;
  if (knownAtFollows) {
    const knownAt = `"knownAt":${JSON.stringify(body.knownAt)}`;
    const k = parts[1].lastIndexOf(knownAt);
    if (k < 0) return undefined;
    parts.splice(1, 1, parts[1].slice(0, k + 10), parts[1].slice(k + knownAt.length));
  }
  return { asOf: Date.parse(body.asOf), validUntil, parts, knownAtFollows };
}

/** The JSON of a kept answer at asOf = now as a fresh read at `at` (within its validity) gives it. */
export function jsonAt(now: NowAnswer, at: Date): string {
  const moment = JSON.stringify(at.toISOString());
  return now.knownAtFollows ? now.parts[0] + moment + now.parts[1] + moment + now.parts[2] : now.parts[0] + moment + now.parts[1];
}
