import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_RETENTION_HOURS } from './migrations.js';
import type { SqlPool } from './sql-pool.js';

/** The first response to a request made under one Idempotency-Key, kept for replay. */
export interface IdempotentResponse {
  requestHash: string;
  status: number;
  /** The response body as sent: jsonb would reorder its keys. */
  bodyJson: string;
  etag?: string;
}

export type Claim =
  | { kind: 'claimed'; token: string }
  | { kind: 'completed'; response: IdempotentResponse }
  /** Another request under this key is running (or died holding a claim that has not yet lapsed). */
  | { kind: 'pending' };

interface Row {
  request_hash: string;
  status: number | null;
  body_json: string | null;
  etag: string | null;
}

const PURGE_EVERY_MS = 10 * 60_000;

/**
 * Idempotency records, in their own table beside the log (never in it). A request claims its key
 * with one committed statement, runs, then completes the claim with its response; a rejected
 * request abandons the claim. No statement waits on another connection, so a pool of any size
 * serves any number of concurrent keys. A claim left by a crashed process lapses after `claimMs`.
 */
export class IdempotencyRecords {
  private lastPurge = 0;

  constructor(
    private readonly pool: SqlPool,
    private readonly schema: string,
    private readonly claimMs = 30_000,
  ) {}

  async claim(key: string, requestHash: string): Promise<Claim> {
    await this.purgeExpired();
    const token = randomUUID();
    const claimed = await this.pool.query(
      `INSERT INTO ${this.schema}.rm_idempotency AS r (key, request_hash, claim_token, claimed_until, created_at, expires_at)
       VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond', now(), now() + interval '${IDEMPOTENCY_RETENTION_HOURS} hours')
       ON CONFLICT (key) DO UPDATE SET request_hash = EXCLUDED.request_hash, claim_token = EXCLUDED.claim_token,
         claimed_until = EXCLUDED.claimed_until, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at,
         status = NULL, body_json = NULL, etag = NULL
       WHERE r.expires_at < now() OR (r.status IS NULL AND r.claimed_until < now())
       RETURNING key`,
      [key, requestHash, token, this.claimMs],
    );
    if (claimed.rows.length === 1) return { kind: 'claimed', token };
    const { rows } = await this.pool.query<Row>(`SELECT request_hash, status, body_json, etag FROM ${this.schema}.rm_idempotency WHERE key = $1`, [key]);
    const [row] = rows;
    if (!row || row.status === null || row.body_json === null) return { kind: 'pending' };
    const response: IdempotentResponse = { requestHash: row.request_hash, status: row.status, bodyJson: row.body_json };
    if (row.etag !== null) response.etag = row.etag;
    return { kind: 'completed', response };
  }

  /** Stores the response under a claim still held; false when the claim had lapsed and was taken. */
  async complete(key: string, token: string, response: IdempotentResponse): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE ${this.schema}.rm_idempotency SET status = $3, body_json = $4, etag = $5, claim_token = NULL, claimed_until = NULL
        WHERE key = $1 AND claim_token = $2`,
      [key, token, response.status, response.bodyJson, response.etag ?? null],
    );
    return rowCount === 1;
  }

  /** A rejected request stores nothing: its key is free again. */
  async abandon(key: string, token: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.schema}.rm_idempotency WHERE key = $1 AND claim_token = $2 AND status IS NULL`, [key, token]);
  }

  private async purgeExpired(): Promise<void> {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    await this.pool.query(`DELETE FROM ${this.schema}.rm_idempotency WHERE expires_at < now()`);
  }
}
