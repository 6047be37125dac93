import { describeOnServer } from '@rm/event-store/testing';
import { toProjected, type ProjectedEvent } from '../../runner/projection.js';
import { openReadModelFixture, type ReadModelFixture } from '../../testing/read-model-fixture.js';
import { LATEST, type TimeTravel } from '../../time-travel/time-travel.js';
import { indicatorFactsProjection } from './indicator-facts.projection.js';
import { earlyWarnings, indicatorHistory, indicatorPosition, indicatorPositions, qualifyingFigures } from './indicator-position.query.js';
import {
  referenceEarlyWarnings,
  referenceIndicatorHistory,
  referenceIndicatorPosition,
  referenceIndicatorPositions,
  referenceQualifyingFigures,
} from './indicator-reference.fold.js';
import { appendIopsIndicators, endOf } from './iops-indicators.fixture.js';

const IDS = ['da-risk-assessment', 'legacy-crimes-not-migrated', 'never-registered'];
const AS_OF = ['2019-10-16', '2019-11-15', '2019-12-03', '2019-12-31'].map(endOf);
const KNOWN_AT = [endOf('2019-11-15'), endOf('2019-12-31'), LATEST];

function referenceSpecs(kind: 'server' | 'embedded') {
  let f: ReadModelFixture;
  let events: ProjectedEvent[];
  let moments: TimeTravel[];
  let head: bigint;

  beforeAll(async () => {
    f = await openReadModelFixture(kind);
    const p = await appendIopsIndicators(f.t.store);
    await f.runner([indicatorFactsProjection]).catchUp(p.unrelated);
    events = (await f.t.store.readAll()).map(toProjected);
    head = p.unrelated;
    const positions = [p.unrelated, p.legacyCorrected - 1n];
    moments = [...AS_OF, new Date()].flatMap((asOf) =>
      [asOf, ...KNOWN_AT].flatMap((knownAt) => positions.map((position) => ({ asOf, knownAt, knownAtLatest: knownAt === LATEST, position }))),
    );
  });
  afterAll(async () => f?.dispose());

  it('answers positions exactly as a from-scratch fold of the qualifying events', async () => {
    for (const tt of moments) {
      expect(await indicatorPositions(f.read.db, tt)).toEqual(referenceIndicatorPositions(events, tt));
      for (const id of IDS) expect(await indicatorPosition(f.read.db, tt, id)).toEqual(referenceIndicatorPosition(events, tt, id));
    }
  });

  it('answers history and qualifying figures exactly as a from-scratch fold', async () => {
    for (const tt of moments) {
      for (const id of IDS) {
        expect(await indicatorHistory(f.read.db, tt, id)).toEqual(referenceIndicatorHistory(events, tt, id));
        expect(await indicatorHistory(f.read.db, tt, id, '2019-10-14', '2019-11-02')).toEqual(
          referenceIndicatorHistory(events, tt, id, '2019-10-14', '2019-11-02'),
        );
        expect(await qualifyingFigures(f.read.db, tt, id)).toEqual(referenceQualifyingFigures(events, tt, id));
      }
    }
  });

  it('answers early warnings exactly as a from-scratch fold', async () => {
    for (const tt of moments) {
      expect(await earlyWarnings(f.read.db, tt)).toEqual(referenceEarlyWarnings(events, tt));
      expect(await earlyWarnings(f.read.db, tt, IDS[0])).toEqual(referenceEarlyWarnings(events, tt, IDS[0]));
    }
  });

  it('differs between as known then and as known now on the inspection date', () => {
    const then: TimeTravel = { asOf: endOf('2019-11-15'), knownAt: endOf('2019-11-15'), knownAtLatest: false, position: head };
    const now: TimeTravel = { ...then, knownAt: LATEST, knownAtLatest: true };
    expect([referenceIndicatorPosition(events, then, IDS[1])?.value, referenceIndicatorPosition(events, now, IDS[1])?.value]).toEqual([604, 640]);
  });
}

describe('indicator queries versus the reference fold on embedded PGlite', () => referenceSpecs('embedded'));
describeOnServer('indicator queries versus the reference fold on a PostgreSQL server', () => referenceSpecs('server'));
