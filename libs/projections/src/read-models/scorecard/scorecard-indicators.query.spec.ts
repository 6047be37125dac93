import { describeOnServer } from '@rm/event-store/testing';
import { toProjected } from '../../runner/projection.js';
import { openReadModelFixture, type ReadModelFixture } from '../../testing/read-model-fixture.js';
import { LATEST, type TimeTravel } from '../../time-travel/time-travel.js';
import { indicatorFactsProjection } from '../indicators/indicator-facts.projection.js';
import { referenceIndicatorPositions } from '../indicators/indicator-reference.fold.js';
import { scorecardIndicators } from './scorecard-indicators.query.js';
import { DEFAULT_SCORECARD_RULES, scorecardIndicatorOf } from './scorecard.rules.js';

const START = Date.UTC(2019, 6, 1);
const day = (n: number) => new Date(START + n * 86_400_000);

/**
 * The scorecard finds the items behind age warnings by their span in effective time, to when
 * their clearing became known. An item cleared before the stale window but not yet cleared as
 * known (knowing less than that window) or as logged (pinned before the clearing) is still open.
 */
function specs(kind: 'server' | 'embedded') {
  let f: ReadModelFixture;
  let opening: bigint;
  let last: bigint;
  const id = `aged-${kind}`;
  const negative = `negative-${kind}`;
  beforeAll(async () => {
    f = await openReadModelFixture(kind);
    const append = async (type: string, data: Record<string, unknown>, reported: number, effective?: number, indicatorId = id) => {
      const metadata = { imported: true, reportedAt: day(reported).toISOString(), ...(effective === undefined ? {} : { effectiveAt: day(effective).toISOString() }) };
      const event = { id: crypto.randomUUID(), type, data: { indicatorId, ...data }, metadata };
      return (await f.t.store.append(`indicator-${indicatorId}`, [event])).position;
    };
    const registration = {
      name: 'Crimes not migrated', description: 'legacy crimes', unit: 'count', direction: 'lower-is-better',
      baseline: { value: 0, from: '2019-06-01', to: '2019-06-30', source: 'June' }, tolerance: 1, owner: 'PO', questions: [6],
    };
    // A negative age limit (refused by the decider, possible in a log written otherwise) is breached by no old items at all.
    await append('IndicatorRegistered', registration, 0, undefined, negative);
    await append('ThresholdSet', { thresholdId: 'any', kind: 'age', limit: -1, windowDays: 1 }, 0, undefined, negative);
    await append('BacklogItemOpened', { ref: 'CR-0', at: day(1).toISOString() }, 1, 1, negative);
    await append('BacklogItemCleared', { ref: 'CR-0', at: day(3).toISOString() }, 3, 3, negative);
    await append('IndicatorRegistered', registration, 0);
    await append('ThresholdSet', { thresholdId: 'old', kind: 'age', limit: 0, windowDays: 5 }, 0);
    opening = await append('BacklogItemOpened', { ref: 'CR-1', at: day(10).toISOString() }, 10, 10);
    last = await append('BacklogItemCleared', { ref: 'CR-1', at: day(20).toISOString() }, 25, 20);
    await f.runner([indicatorFactsProjection]).catchUp(last);
  });
  afterAll(async () => f?.dispose());

  const read = async (knownAt: Date, position: bigint) => {
    const tt: TimeTravel = { asOf: day(40), knownAt, knownAtLatest: knownAt === LATEST, position };
    const events = (await f.t.store.readAll({ limit: 1000 })).map(toProjected);
    const reference = referenceIndicatorPositions(events, tt).map((p) => scorecardIndicatorOf(p, tt.asOf, DEFAULT_SCORECARD_RULES));
    const { indicators: answer } = await scorecardIndicators(f.read.db, tt, DEFAULT_SCORECARD_RULES);
    expect(answer).toEqual(reference);
    return answer;
  };
  const of = (answer: { id: string }[], which = id) => answer.find((i) => i.id === which);

  it('counts no warning once the clearing is known and logged', async () => {
    expect(of(await read(LATEST, last))).toMatchObject({ openWarnings: 0, staleWarnings: 0 });
  });

  it('counts the warning as open and stale when the clearing was known after knownAt, before the stale window', async () => {
    expect(of(await read(day(22), last))).toMatchObject({ openWarnings: 1, staleWarnings: 1 });
  });

  it('counts the warning as open and stale when pinned before the clearing was logged', async () => {
    expect(of(await read(LATEST, opening))).toMatchObject({ openWarnings: 1, staleWarnings: 1 });
  });

  it('reads every item of an indicator whose age limit is breached by none: its warning was raised by the first item ever to grow old', async () => {
    expect(of(await read(LATEST, last), negative)).toMatchObject({ openWarnings: 1, staleWarnings: 1 });
  });
}

describe('scorecard indicators on embedded PGlite', () => specs('embedded'));
describeOnServer('scorecard indicators on a PostgreSQL server', () => specs('server'));
