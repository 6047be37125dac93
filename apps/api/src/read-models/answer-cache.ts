import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/** One computed answer: the object (for other representations), its JSON text and its entity tag. */
export interface CachedAnswer {
  body: unknown;
  json: string;
  etag: string;
  /** When it was computed (ms since the epoch): an answer at asOf = now ages. */
  computedAt: number;
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

  /** Keeps `body` under `key`, its entity tag naming the position it reflects. */
  put(key: string, body: unknown, position: string, computedAt: number): CachedAnswer {
    const json = JSON.stringify(body);
    const answer = { body, json, etag: `"p${position}-${createHash('sha1').update(json).digest('base64url').slice(0, 22)}"`, computedAt };
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
