import type fc from 'fast-check';
import { ALL_PROJECTIONS } from '../read-models/registry.js';
import { toProjected, type ProjectedEvent } from '../runner/projection.js';
import type { ProjectionRunner } from '../runner/projection-runner.js';
import { LATEST, type TimeTravel } from '../time-travel/time-travel.js';
import type { ReadModelFixture } from './read-model-fixture.js';
import { momentArbitrary, scenarioAppends, scenarioDay, type Scenario } from './scenario.arbitrary.js';

/** Dates and bigints as text, so that answers compare as plain data. */
export const plain = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))));

/** The trend methods the time-travel properties read with. */
export const OLS = { method: 'ols', windowDays: 42 } as const;
export const THEIL_SEN = { method: 'theil-sen', windowDays: 20 } as const;

/** A scenario's events appended under `id`, every projection caught up: the runner and the whole log as projections see it. */
export async function projectScenario(f: ReadModelFixture, scenario: Scenario, id: string): Promise<{ runner: ProjectionRunner; events: ProjectedEvent[] }> {
  let last = 0n;
  for (const { streamId, event } of scenarioAppends(scenario, id)) last = (await f.t.store.append(streamId, [event])).position;
  const runner = f.runner(ALL_PROJECTIONS);
  await runner.catchUp(last);
  return { runner, events: (await f.t.store.readAll({ limit: 100_000 })).map(toProjected) };
}

/** A random moment to read at: `pick` chooses the recorded instant ('now') and the earlier position (pinned). */
export function timeTravelAt(m: Moment, pick: number, events: readonly ProjectedEvent[], head: bigint): TimeTravel {
  const knownAt = m.knownAt === 'latest' ? LATEST : m.knownAt === 'now' ? events[pick % events.length].recordedAt : new Date(m.knownAt);
  const position = m.pinEarlier ? events[pick % events.length].position : head;
  return { asOf: new Date(`${scenarioDay(m.asOfDay)}T23:59:59.999Z`), knownAt, knownAtLatest: m.knownAt === 'latest', position };
}

type Moment = typeof momentArbitrary extends fc.Arbitrary<infer M> ? M : never;
