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
const opened = (ref = 'INC-1', at = '2019-09-01') => projected('BacklogItemOpened', { ref, at }, `${at}T00:00:00.000Z`);
const graded = (ref = 'INC-1') => projected('BacklogItemGraded', { ref, at: '2019-09-02', risk: 'high' }, '2019-09-02T00:00:00.000Z');
const cleared = (ref = 'INC-1', at = '2019-12-05') => projected('BacklogItemCleared', { ref, at }, `${at}T00:00:00.000Z`);

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
    for (const table of INDICATOR_FACT_TABLES) all[table] = (await f.read.db.query(`SELECT * FROM ${f.read.schema}.${table} ORDER BY 1, 2`)).map(plain);
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

  it('stores BacklogItemGraded as an item line effective at its time', async () => {
    const e = graded('INC-G');
    await apply([e]);
    expect(await rowAt('rm_indicator_backlog_items', e)).toEqual([
      expect.objectContaining({ ...known, ref: 'INC-G', event: 'graded', risk: 'high', at: e.effectiveAt.toISOString() }),
    ]);
  });

  const lifecycleOf = async (ref: string) =>
    (await f.read.db.query(`SELECT * FROM ${f.read.schema}.rm_indicator_backlog_item_lifecycles WHERE indicator_id = $1 AND ref = $2`, [indicatorId, ref])).map(plain);
  const linesOf = async (ref: string) =>
    (await f.read.db.query(`SELECT position::text, event FROM ${f.read.schema}.rm_indicator_backlog_items WHERE ref = $1 ORDER BY position`, [ref])).map(plain);

  it('stores BacklogItemOpened as an item lifecycle opened at its time', async () => {
    const e = opened('INC-O');
    await apply([e]);
    expect(await lifecycleOf('INC-O')).toEqual([
      expect.objectContaining({ opened_position: String(e.position), opened_at: '2019-09-01T00:00:00.000Z', opened_known_at: known.known_at, cleared_position: null, cleared_at: null, irregular: false }),
    ]);
    expect(await linesOf('INC-O')).toEqual([]);
  });

  it('stores BacklogItemCleared on its item lifecycle, cleared at its time, in a later batch or the same one', async () => {
    const o = opened('INC-C');
    await apply([o]);
    const c = cleared('INC-C');
    await apply([c]);
    expect(await lifecycleOf('INC-C')).toEqual([
      expect.objectContaining({ opened_position: String(o.position), cleared_position: String(c.position), cleared_at: '2019-12-05T00:00:00.000Z', cleared_known_at: known.known_at, irregular: false }),
    ]);
    const [o2, c2] = [opened('INC-C2'), cleared('INC-C2')];
    await apply([o2, c2]);
    expect(await lifecycleOf('INC-C2')).toEqual([expect.objectContaining({ opened_position: String(o2.position), cleared_position: String(c2.position), irregular: false })]);
  });

  it('keeps the first opening and clearing of an item by position, any further one as a line, and marks the item irregular', async () => {
    const [first, second, clearing, again] = [opened('INC-R', '2019-09-03'), opened('INC-R', '2019-09-01'), cleared('INC-R'), cleared('INC-R', '2019-10-01')];
    await apply([second]);
    await apply([first, clearing]); // applied out of log order: the earlier position still wins the row
    await apply([again]);
    expect(await lifecycleOf('INC-R')).toEqual([
      expect.objectContaining({ opened_position: String(first.position), opened_at: '2019-09-03T00:00:00.000Z', cleared_position: String(clearing.position), irregular: true }),
    ]);
    expect(await linesOf('INC-R')).toEqual([
      { position: String(second.position), event: 'opened' },
      { position: String(again.position), event: 'cleared' },
    ]);
  });

  it('stores a clearing whose opening comes later in the log, and the opening when it comes', async () => {
    const [o, c] = [opened('INC-L'), cleared('INC-L')];
    await apply([c]);
    expect(await lifecycleOf('INC-L')).toEqual([expect.objectContaining({ opened_position: null, cleared_position: String(c.position), irregular: false })]);
    await apply([o]);
    expect(await lifecycleOf('INC-L')).toEqual([expect.objectContaining({ opened_position: String(o.position), cleared_position: String(c.position), irregular: false })]);
  });

  it('changes nothing when the same batch is applied twice', async () => {
    const batch = [registered(), revised(), recorded(), corrected(), assessed(), thresholdSet(), thresholdRetired(), opened('INC-2'), graded('INC-2'), cleared('INC-2'), opened('INC-2')];
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
