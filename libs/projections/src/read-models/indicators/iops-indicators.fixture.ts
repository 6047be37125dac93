import { randomUUID } from 'node:crypto';
import type { EventStore } from '@rm/event-store';

/** Instants used by the iOPS scenario: bare dates are midnight UTC. */
export const day = (d: string) => new Date(`${d}T00:00:00.000Z`);
export const endOf = (d: string) => new Date(`${d}T23:59:59.999Z`);

const DA = 'da-risk-assessment';
const LEGACY = 'legacy-crimes-not-migrated';
const baseline = { value: 0, from: '2019-06-01', to: '2019-06-30', source: 'GMP pre-go-live returns' };

/**
 * The iOPS indicators (shared/domain/iops-2019.md), imported with the times they were first
 * reported: 686 domestic abuse incidents awaiting risk assessment at inspection, 604 legacy
 * crimes found not migrated in October 2019 and corrected to 640 in January 2020, a figure for
 * 15 October back-filled on 1 December (imported after the correction, so known time is not in
 * log order), and one live figure known only now. Returns each event's log position by name.
 */
export async function appendIopsIndicators(store: EventStore): Promise<Record<string, bigint>> {
  const positions: Record<string, bigint> = {};
  const add = async (name: string, indicatorId: string, type: string, data: object, effective?: string, reported?: string) => {
    const metadata = {
      ...(effective ? { effectiveAt: day(effective).toISOString() } : {}),
      ...(reported ? { imported: true, reportedAt: `${reported}T09:00:00.000Z` } : {}),
    };
    const { position } = await store.append(`indicator-${indicatorId}`, [{ id: randomUUID(), type, data: { indicatorId, ...data }, metadata }]);
    positions[name] = position;
  };
  const registration = { unit: 'count', direction: 'lower-is-better', baseline, owner: 'Public protection', questions: [1, 2] };
  await add(
    'daRegistered',
    DA,
    'IndicatorRegistered',
    { ...registration, name: 'DA incidents awaiting risk assessment', description: 'DASH not yet done', tolerance: 20 },
    undefined,
    '2019-07-01',
  );
  await add('daLevel', DA, 'ThresholdSet', { thresholdId: 'da-level', kind: 'level', limit: 500 }, undefined, '2019-07-01');
  await add('daAge', DA, 'ThresholdSet', { thresholdId: 'da-age-30', kind: 'age', limit: 0, windowDays: 30 }, undefined, '2019-07-01');
  await add('da0801', DA, 'FigureRecorded', { figureId: 'f-0801', value: 120, effectiveAt: '2019-08-01', source: 'GMP' }, '2019-08-01', '2019-08-02');
  await add('da0901', DA, 'FigureRecorded', { figureId: 'f-0901', value: 450, effectiveAt: '2019-09-01', source: 'GMP' }, '2019-09-01', '2019-09-02');
  await add('inc1Opened', DA, 'BacklogItemOpened', { ref: 'INC-1', at: '2019-09-01' }, '2019-09-01', '2019-09-02');
  await add('inc1Graded', DA, 'BacklogItemGraded', { ref: 'INC-1', at: '2019-09-03', risk: 'high' }, '2019-09-03', '2019-09-03');
  await add('inc2Opened', DA, 'BacklogItemOpened', { ref: 'INC-2', at: '2019-10-20' }, '2019-10-20', '2019-10-21');
  await add('da1101', DA, 'FigureRecorded', { figureId: 'f-1101', value: 686, effectiveAt: '2019-11-01', source: 'HMICFRS' }, '2019-11-01', '2019-11-02');
  const risk = { assessedAt: '2019-11-01', high: 40, medium: 200, standard: 446, rationale: 'DASH triage at inspection' };
  await add('daRisk', DA, 'RiskAssessed', risk, '2019-11-01', '2019-11-03');
  await add('inc2Cleared', DA, 'BacklogItemCleared', { ref: 'INC-2', at: '2019-11-10' }, '2019-11-10', '2019-11-11');
  await add('da1201', DA, 'FigureRecorded', { figureId: 'f-1201', value: 300, effectiveAt: '2019-12-01', source: 'GMP' }, '2019-12-01', '2019-12-02');
  await add('inc1Cleared', DA, 'BacklogItemCleared', { ref: 'INC-1', at: '2019-12-05' }, '2019-12-05', '2019-12-06');
  await add(
    'legacyRegistered',
    LEGACY,
    'IndicatorRegistered',
    { ...registration, name: 'Legacy crimes not migrated', description: 'Found after go-live', tolerance: 0 },
    undefined,
    '2019-07-01',
  );
  await add(
    'legacy1020',
    LEGACY,
    'FigureRecorded',
    { figureId: 'l-1020', value: 604, effectiveAt: '2019-10-20', source: 'Computer Weekly' },
    '2019-10-20',
    '2019-10-21',
  );
  await add('legacy1215', LEGACY, 'FigureRecorded', { figureId: 'l-1215', value: 200, effectiveAt: '2019-12-15', source: 'GMP' }, '2019-12-15', '2019-12-16');
  const correction = {
    figureId: 'l-1020',
    value: 640,
    previousValue: 604,
    effectiveAt: '2019-10-20T00:00:00.000Z',
    reason: 'recount after the HMICFRS fieldwork',
  };
  await add('legacyCorrected', LEGACY, 'FigureCorrected', correction, '2019-10-20', '2020-01-15');
  await add('da1015', DA, 'FigureRecorded', { figureId: 'f-1015', value: 610, effectiveAt: '2019-10-15', source: 'back-fill' }, '2019-10-15', '2019-12-01');
  await add('daLive', DA, 'FigureRecorded', { figureId: 'f-live', value: 250, effectiveAt: '2020-03-01', source: 'GMP' }, '2020-03-01');
  const unrelated = { id: randomUUID(), type: 'RecoveryPlanCreated', data: { planId: '2019', title: 'Recovery plan' } };
  positions.unrelated = (await store.append('recoveryPlan-2019', [unrelated])).position;
  return positions;
}
