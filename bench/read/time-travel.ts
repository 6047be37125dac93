/**
 * Workload (b): time-travel reads over the rebuilt read models, opened as the API opens them,
 * at random (asOf, knownAt). asOf is uniform over the data's five years; knownAt is 'latest' one
 * time in four, else uniform between asOf and now (imports make older knowledge differ).
 * Reference: a trivial indexed SELECT on the same read database (one checkpoint by its key).
 */
import {
  indicatorHistory, indicatorPosition, indicatorPositions, projectionAccuracy, resolveTimeTravel, scorecard, trendProjection, trendProjections, type ReadDb, type TimeTravel,
} from '@rm/projections';
import type { Dataset } from './generate.js';
import { DAY, prng } from './shapes.js';
import { timed } from './measure.js';

export type ReadName =
  | 'indicator-position'
  | 'indicator-history'
  | 'indicator-list'
  | 'scorecard'
  | 'projection'
  | 'projections'
  | 'projection-accuracy'
  | 'reference-checkpoint-lookup';

/** The governance board's reads: OLS over the default 42 days; accuracy over a year of weekly forecasts, 28 days ahead. */
const TREND = { method: 'ols', windowDays: 42 } as const;

export interface ReadSamples {
  samples: Map<ReadName, number[]>;
  /** How many reads returned an answer (a known indicator) rather than undefined, per read. */
  answered: Map<ReadName, number>;
}

export interface ReadPlan {
  reads: number;
  warmUp: number;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The checkpoint the API would answer at: the lowest projection checkpoint (ProjectionRunner.position). */
async function checkpointOf(db: ReadDb): Promise<bigint> {
  const rows = await db.query<{ position: string | null }>(`SELECT min(position)::text AS position FROM ${db.schema}.rm_projection_checkpoints`);
  return BigInt(rows[0].position ?? '0');
}

/** Times `plan.reads` rounds (after `plan.warmUp` untimed ones) of every read, each round at its own random moment. */
export async function timeTravelReads(db: ReadDb, data: Dataset, plan: ReadPlan, onRound: (done: number) => void): Promise<ReadSamples> {
  const rnd = prng(42);
  const checkpoint = await checkpointOf(db);
  const now = Date.now();
  const names: ReadName[] = ['indicator-position', 'indicator-history', 'indicator-list', 'scorecard', 'projection', 'projections', 'projection-accuracy', 'reference-checkpoint-lookup'];
  const samples = new Map<ReadName, number[]>(names.map((n) => [n, []]));
  const answered = new Map<ReadName, number>(names.map((n) => [n, 0]));
  const checkpointName = (await db.query<{ name: string }>(`SELECT name FROM ${db.schema}.rm_projection_checkpoints ORDER BY name LIMIT 1`))[0].name;

  for (let round = 0; round < plan.warmUp + plan.reads; round++) {
    const asOfMs = data.start + Math.floor(rnd() * (data.end + DAY - data.start));
    const knownAt = rnd() < 0.25 ? 'latest' : new Date(asOfMs + Math.floor(rnd() * (now - asOfMs))).toISOString();
    const tt: TimeTravel = resolveTimeTravel({ asOf: new Date(asOfMs).toISOString(), knownAt }, new Date(), checkpoint);
    const indicatorId = data.indicators[Math.floor(rnd() * data.indicators.length)];
    // A chart's window: the year up to asOf's day (within the data).
    const to = day(Math.min(asOfMs, data.end));
    const from = day(Math.max(data.start, Date.parse(to) - 364 * DAY));
    const measured = round >= plan.warmUp;
    const run = async (name: ReadName, read: () => Promise<unknown>) => {
      let answer: unknown;
      const ms = await timed(async () => (answer = await read()));
      if (!measured) return;
      samples.get(name)!.push(ms);
      if (answer !== undefined) answered.set(name, answered.get(name)! + 1);
    };
    await run('indicator-position', () => indicatorPosition(db, tt, indicatorId));
    await run('indicator-history', () => indicatorHistory(db, tt, indicatorId, from, to));
    await run('indicator-list', () => indicatorPositions(db, tt));
    await run('scorecard', () => scorecard(db, tt));
    await run('projection', () => trendProjection(db, tt, indicatorId, TREND));
    await run('projections', () => trendProjections(db, tt, TREND));
    const lastForecast = day(asOfMs - 28 * DAY);
    const accuracy = { ...TREND, every: 7, horizon: 28, to: lastForecast, from: day(Date.parse(lastForecast) - 364 * DAY) };
    await run('projection-accuracy', () => projectionAccuracy(db, tt, indicatorId, accuracy));
    await run('reference-checkpoint-lookup', () =>
      db.query(`SELECT position FROM ${db.schema}.rm_projection_checkpoints WHERE name = $1`, [checkpointName]),
    );
    if (measured) onRound(round - plan.warmUp + 1);
  }
  return { samples, answered };
}
