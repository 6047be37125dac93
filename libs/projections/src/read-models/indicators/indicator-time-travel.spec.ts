import { describeOnServer } from '@rm/event-store/testing';
import { openReadModelFixture, type ReadModelFixture } from '../../testing/read-model-fixture.js';
import { LATEST, type TimeTravel } from '../../time-travel/time-travel.js';
import { indicatorFactsProjection } from './indicator-facts.projection.js';
import { earlyWarnings, indicatorHistory, indicatorPosition, indicatorPositions, qualifyingFigures } from './indicator-position.query.js';
import { appendIopsIndicators, day, endOf } from './iops-indicators.fixture.js';

const DA = 'da-risk-assessment';
const LEGACY = 'legacy-crimes-not-migrated';

function timeTravelSpecs(kind: 'server' | 'embedded') {
  let f: ReadModelFixture;
  let p: Record<string, bigint>;
  const at = (asOf: Date, knownAt: Date | 'latest' = asOf, position = p.unrelated): TimeTravel => ({
    asOf,
    knownAt: knownAt === 'latest' ? LATEST : knownAt,
    knownAtLatest: knownAt === 'latest',
    position,
  });
  const inspection = endOf('2019-11-15');

  beforeAll(async () => {
    f = await openReadModelFixture(kind);
    p = await appendIopsIndicators(f.t.store);
    await f.runner([indicatorFactsProjection]).catchUp(p.unrelated);
  });
  afterAll(async () => f?.dispose());

  it('shows the inspection date as known then: 686 awaiting assessment, 604 legacy crimes', async () => {
    const da = await indicatorPosition(f.read.db, at(inspection), DA);
    expect(da).toMatchObject({ id: DA, value: 686, effectiveAt: day('2019-11-01'), figureCount: 3, gap: 686, peak: 686, peakGap: 686, recoveredShare: 0 });
    expect(da).toMatchObject({ withinTolerance: false, daysSinceLastFigure: 14, tolerance: 20, baseline: { value: 0, from: '2019-06-01', to: '2019-06-30' } });
    expect(da?.risk).toEqual({ assessedAt: day('2019-11-01'), high: 40, medium: 200, standard: 446, rationale: 'DASH triage at inspection' });
    expect(da?.items).toEqual({ open: 1, oldestOpenedAt: day('2019-09-01'), over30Days: 1, over100Days: 0 });
    expect(da?.openWarnings.map((w) => [w.thresholdId, w.raisedAt, w.valueAtRaise])).toEqual([
      ['da-age-30', day('2019-10-01'), 1],
      ['da-level', day('2019-11-01'), 686],
    ]);
    expect(await indicatorPosition(f.read.db, at(inspection), LEGACY)).toMatchObject({ value: 604, peak: 604 });
  });

  it('shows the same date as known now: the back-filled figure and the late correction count', async () => {
    const da = await indicatorPosition(f.read.db, at(inspection, 'latest'), DA);
    expect(da).toMatchObject({ value: 686, figureCount: 4 });
    expect(da?.openWarnings.find((w) => w.thresholdId === 'da-level')).toMatchObject({ raisedAt: day('2019-10-15'), valueAtRaise: 610 });
    expect(await indicatorPosition(f.read.db, at(inspection, 'latest'), LEGACY)).toMatchObject({ value: 640, peak: 640 });
  });

  it('filters on known time, not log position: the back-fill is known before a correction logged earlier', async () => {
    const tt = at(inspection, endOf('2019-12-31'));
    expect((await qualifyingFigures(f.read.db, tt, DA)).map((x) => x.figureId)).toEqual(['f-0801', 'f-0901', 'f-1015', 'f-1101']);
    expect((await indicatorPosition(f.read.db, tt, LEGACY))?.value).toBe(604);
  });

  it('reproduces an answer pinned to a log position', async () => {
    const pinned = at(inspection, 'latest', p.legacyCorrected - 1n);
    expect((await indicatorPosition(f.read.db, pinned, LEGACY))?.value).toBe(604);
    expect((await indicatorPosition(f.read.db, pinned, DA))?.figureCount).toBe(3);
  });

  it('knows no indicator before its registration was known', async () => {
    const before = at(endOf('2019-06-30'));
    expect(await indicatorPosition(f.read.db, before, DA)).toBeUndefined();
    expect(await indicatorHistory(f.read.db, before, DA)).toBeUndefined();
    expect(await indicatorPositions(f.read.db, before)).toEqual([]);
  });

  it('lists every indicator known, and counts a live figure only for reads that know it', async () => {
    const now = at(new Date(), 'latest');
    const all = await indicatorPositions(f.read.db, now);
    expect(all.map((x) => [x.id, x.value])).toEqual([
      [DA, 250],
      [LEGACY, 200],
    ]);
    expect((await indicatorPosition(f.read.db, at(new Date(), endOf('2020-12-31')), DA))?.value).toBe(300);
  });

  it('carries the last value forward one point a day, with the back-fill only as known now', async () => {
    const window = ['2019-10-13', endOf('2019-10-16')] as const;
    const then = await indicatorHistory(f.read.db, at(inspection), DA, ...window);
    const now = await indicatorHistory(f.read.db, at(inspection, 'latest'), DA, ...window);
    expect(then?.points).toEqual(['2019-10-13', '2019-10-14', '2019-10-15', '2019-10-16'].map((date) => ({ date, value: 450 })));
    expect(now?.points.map((x) => x.value)).toEqual([450, 450, 610, 610]);
    const full = await indicatorHistory(f.read.db, at(inspection), DA);
    expect(full?.points).toHaveLength(107);
    expect(full?.points[0]).toEqual({ date: '2019-08-01', value: 120 });
    expect(full?.points[106]).toEqual({ date: '2019-11-15', value: 686 });
  });

  it('raises warnings and clears them as the figures and items recover', async () => {
    const warnings = await earlyWarnings(f.read.db, at(endOf('2019-12-31'), 'latest'));
    expect(warnings.map(({ indicatorId, thresholdId, raisedAt, clearedAt, open }) => ({ indicatorId, thresholdId, raisedAt, clearedAt, open }))).toEqual([
      { indicatorId: DA, thresholdId: 'da-age-30', raisedAt: day('2019-10-01'), clearedAt: day('2019-12-05'), open: false },
      { indicatorId: DA, thresholdId: 'da-level', raisedAt: day('2019-10-15'), clearedAt: day('2019-12-01'), open: false },
    ]);
    const da = await indicatorPosition(f.read.db, at(endOf('2019-12-31'), 'latest'), DA);
    expect(da).toMatchObject({ value: 300, peak: 686, openWarnings: [], items: { open: 0, oldestOpenedAt: null, over30Days: 0, over100Days: 0 } });
    expect(da?.recoveredShare).toBeCloseTo(386 / 686);
  });
}

describe('indicator time travel on embedded PGlite', () => timeTravelSpecs('embedded'));
describeOnServer('indicator time travel on a PostgreSQL server', () => timeTravelSpecs('server'));
