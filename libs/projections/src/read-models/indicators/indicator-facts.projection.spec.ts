import { describeOnServer } from '@rm/event-store/testing';
import type { ProjectedEvent } from '../../runner/projection.js';
import { openReadModelFixture, type ReadModelFixture } from '../../testing/read-model-fixture.js';
import { INDICATOR_FACT_TABLES, indicatorFactsProjection } from './indicator-facts.projection.js';

const indicatorId = 'da-risk-assessment';
const baseline = { value: 0, from: '2019-06-01', to: '2019-06-30', source: 'GMP' };
let nextPosition = 1000n;

function projected(
  type: string,
  data: Record<string, unknown>,
  effectiveAt = '2019-11-01T00:00:00.000Z',
  knownAt = '2019-11-02T09:00:00.000Z',
): ProjectedEvent {
  return {
    position: ++nextPosition,
    streamId: `indicator-${indicatorId}`,
    type,
    data: { indicatorId, ...data },
    metadata: { effectiveAt },
    recordedAt: new Date('2026-01-01T00:00:00Z'),
    knownAt: new Date(knownAt),
    effectiveAt: new Date(effectiveAt),
  };
}

const registered = () =>
  projected('IndicatorRegistered', {
    name: 'DA incidents awaiting risk assessment',
    description: 'Domestic abuse incidents not yet DASH risk-assessed',
    unit: 'count',
    direction: 'lower-is-better',
    baseline,
    tolerance: 20,
    owner: 'Public protection',
    questions: [1, 2],
  });
const revised = () =>
  projected('BaselineRevised', { baseline: { ...baseline, value: 10 }, tolerance: 25, previousBaseline: baseline, previousTolerance: 20, reason: 'audit' });
const recorded = () => projected('FigureRecorded', { figureId: 'f-1101', value: 686, effectiveAt: '2019-11-01', source: 'HMICFRS' });
const corrected = () =>
  projected(
    'FigureCorrected',
    { figureId: 'f-1101', correctionId: 'c-1', value: 690, previousValue: 686, effectiveAt: '2019-11-01T00:00:00.000Z', reason: 'recount' },
    undefined,
    '2020-01-15T00:00:00.000Z',
  );
const assessed = () => projected('RiskAssessed', { assessedAt: '2019-11-01', high: 40, medium: 200, standard: 446, rationale: 'DASH triage' });
const thresholdSet = () => projected('ThresholdSet', { thresholdId: 'age-30', kind: 'age', limit: 0, windowDays: 30 });
const thresholdRetired = () => projected('ThresholdRetired', { thresholdId: 'age-30', reason: 'cleared' });
const opened = () => projected('BacklogItemOpened', { ref: 'INC-1', at: '2019-09-01' }, '2019-09-01T00:00:00.000Z');
const graded = () => projected('BacklogItemGraded', { ref: 'INC-1', at: '2019-09-02', risk: 'high' }, '2019-09-02T00:00:00.000Z');
const cleared = () => projected('BacklogItemCleared', { ref: 'INC-1', at: '2019-12-05' }, '2019-12-05T00:00:00.000Z');

const plain = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));

function projectionSpecs(kind: 'server' | 'embedded') {
  let f: ReadModelFixture;
  beforeAll(async () => {
    f = await openReadModelFixture(kind);
  });
  afterAll(async () => f?.dispose());

  const apply = (events: ProjectedEvent[]) => f.read.transaction((db) => indicatorFactsProjection.apply(events, db));
  const rowAt = async (table: string, e: ProjectedEvent) => {
    const rows = await f.read.db.query(`SELECT * FROM ${f.read.schema}.${table} WHERE position = $1`, [String(e.position)]);
    return rows.map(plain);
  };
  const snapshot = async () => {
    const all: Record<string, unknown[]> = {};
    for (const table of INDICATOR_FACT_TABLES) all[table] = (await f.read.db.query(`SELECT * FROM ${f.read.schema}.${table} ORDER BY position`)).map(plain);
    return all;
  };
  const known = { indicator_id: indicatorId, known_at: '2019-11-02T09:00:00.000Z' };

  it('stores IndicatorRegistered as a full definition version', async () => {
    const e = registered();
    await apply([e]);
    expect(await rowAt('rm_indicator_definitions', e)).toEqual([
      expect.objectContaining({
        ...known,
        kind: 'registered',
        name: 'DA incidents awaiting risk assessment',
        unit: 'count',
        direction: 'lower-is-better',
        owner: 'Public protection',
        questions: [1, 2],
        baseline_value: 0,
        baseline_from: '2019-06-01',
        tolerance: 20,
      }),
    ]);
  });

  it('stores BaselineRevised as a definition version with its baseline, tolerance and reason', async () => {
    const e = revised();
    await apply([e]);
    expect(await rowAt('rm_indicator_definitions', e)).toEqual([
      expect.objectContaining({ ...known, kind: 'revised', name: null, baseline_value: 10, tolerance: 25, reason: 'audit' }),
    ]);
  });

  it('stores FigureRecorded with its effective and known times', async () => {
    const e = recorded();
    await apply([e]);
    expect(await rowAt('rm_indicator_figures', e)).toEqual([
      expect.objectContaining({ ...known, figure_id: 'f-1101', value: 686, effective_at: '2019-11-01T00:00:00.000Z', source: 'HMICFRS', note: null }),
    ]);
  });

  it('stores FigureCorrected with its own known time and its figure effective time', async () => {
    const e = corrected();
    await apply([e]);
    expect(await rowAt('rm_indicator_figure_corrections', e)).toEqual([
      expect.objectContaining({
        indicator_id: indicatorId,
        figure_id: 'f-1101',
        correction_id: 'c-1',
        value: 690,
        previous_value: 686,
        effective_at: '2019-11-01T00:00:00.000Z',
        known_at: '2020-01-15T00:00:00.000Z',
        reason: 'recount',
      }),
    ]);
  });

  it('stores RiskAssessed effective at its assessment time', async () => {
    const e = assessed();
    await apply([e]);
    expect(await rowAt('rm_indicator_risk_assessments', e)).toEqual([
      expect.objectContaining({
        ...known,
        assessment_id: null,
        assessed_at: '2019-11-01T00:00:00.000Z',
        high: 40,
        medium: 200,
        standard: 446,
        rationale: 'DASH triage',
      }),
    ]);
  });

  it('stores ThresholdSet with its kind, limit and window', async () => {
    const e = thresholdSet();
    await apply([e]);
    expect(await rowAt('rm_indicator_thresholds', e)).toEqual([
      expect.objectContaining({ ...known, threshold_id: 'age-30', event: 'set', kind: 'age', limit_value: 0, window_days: 30 }),
    ]);
  });

  it('stores ThresholdRetired', async () => {
    const e = thresholdRetired();
    await apply([e]);
    expect(await rowAt('rm_indicator_thresholds', e)).toEqual([
      expect.objectContaining({ ...known, threshold_id: 'age-30', event: 'retired', kind: null, reason: 'cleared' }),
    ]);
  });

  it.each([
    ['BacklogItemOpened', opened, 'opened', null],
    ['BacklogItemGraded', graded, 'graded', 'high'],
    ['BacklogItemCleared', cleared, 'cleared', null],
  ])('stores %s as an item line effective at its time', async (_type, make, event, risk) => {
    const e = make();
    await apply([e]);
    expect(await rowAt('rm_indicator_backlog_items', e)).toEqual([
      expect.objectContaining({ ...known, ref: 'INC-1', event, risk, at: e.effectiveAt.toISOString() }),
    ]);
  });

  it('changes nothing when the same batch is applied twice', async () => {
    const batch = [registered(), revised(), recorded(), corrected(), assessed(), thresholdSet(), thresholdRetired(), opened(), graded(), cleared()];
    await apply(batch);
    const once = await snapshot();
    await f.read.transaction(async (db) => {
      await indicatorFactsProjection.apply(batch, db);
      await indicatorFactsProjection.apply(batch, db);
    });
    expect(await snapshot()).toEqual(once);
  });

  it('ignores events it does not handle', async () => {
    const before = await snapshot();
    const unrelated = { ...recorded(), type: 'RecoveryPlanCreated', streamId: 'recoveryPlan-2019', data: { planId: '2019', title: 'Recovery plan' } };
    expect(indicatorFactsProjection.handles).not.toContain('RecoveryPlanCreated');
    await apply([unrelated]);
    expect(await snapshot()).toEqual(before);
  });
}

describe('indicator facts projection on embedded PGlite', () => projectionSpecs('embedded'));
describeOnServer('indicator facts projection on a PostgreSQL server', () => projectionSpecs('server'));
