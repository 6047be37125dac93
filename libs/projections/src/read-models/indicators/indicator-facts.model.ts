import type {
  BacklogItemEventKind,
  Baseline,
  BacklogItemGraded,
  BaselineRevised,
  FigureCorrected,
  FigureRecorded,
  IndicatorDirection,
  IndicatorRegistered,
  IndicatorUnit,
  RiskAssessed,
  RiskGrade,
  ThresholdKind,
  ThresholdRetired,
  ThresholdSet,
  RecoveryMonitorEvent,
} from '@rm/domain';
import { effectiveTimeOf } from '@rm/domain';
import type { ProjectedEvent } from '../../runner/projection.js';

/** What every stored fact carries: its log position and when the organisation knew it. */
interface Known {
  indicatorId: string;
  position: bigint;
  knownAt: Date;
}

/** A registration (every field) or a baseline revision (baseline and tolerance only). */
export interface DefinitionFact extends Known {
  kind: 'registered' | 'revised';
  name?: string;
  description?: string;
  unit?: IndicatorUnit;
  direction?: IndicatorDirection;
  owner?: string;
  questions?: number[];
  baseline: Baseline;
  tolerance: number;
  reason?: string;
}

export interface FigureFact extends Known {
  figureId: string;
  value: number;
  effectiveAt: Date;
  source: string;
  note?: string;
}

export interface CorrectionFact extends Known {
  figureId: string;
  correctionId?: string;
  value: number;
  previousValue: number;
  /** The corrected figure's effective time. */
  effectiveAt: Date;
  reason: string;
}

export interface RiskFact extends Known {
  assessmentId?: string;
  assessedAt: Date;
  high: number;
  medium: number;
  standard: number;
  rationale: string;
}

export interface ThresholdFact extends Known {
  thresholdId: string;
  event: 'set' | 'retired';
  kind?: ThresholdKind;
  limit?: number;
  windowDays?: number;
  reason?: string;
  /** A setting's `inForceFrom`: figures effective before it are not evaluated against it. */
  inForceFrom?: Date;
}

export interface ItemFact extends Known {
  ref: string;
  event: BacklogItemEventKind;
  at: Date;
  risk?: RiskGrade;
}

/** Every qualifying fact about one indicator at one (asOf, knownAt, position). */
export interface IndicatorFacts {
  definitions: DefinitionFact[];
  figures: FigureFact[];
  corrections: CorrectionFact[];
  risks: RiskFact[];
  thresholds: ThresholdFact[];
  items: ItemFact[];
}

export const emptyFacts = (): IndicatorFacts => ({ definitions: [], figures: [], corrections: [], risks: [], thresholds: [], items: [] });

export type Fact =
  | { table: 'definitions'; fact: DefinitionFact }
  | { table: 'figures'; fact: FigureFact }
  | { table: 'corrections'; fact: CorrectionFact }
  | { table: 'risks'; fact: RiskFact }
  | { table: 'thresholds'; fact: ThresholdFact }
  | { table: 'items'; fact: ItemFact };

const ITEM_EVENTS: Record<string, BacklogItemEventKind> = { BacklogItemOpened: 'opened', BacklogItemGraded: 'graded', BacklogItemCleared: 'cleared' };

/** Its own inForceFrom; else, for a threshold set before it existed, when it was recorded (or, imported, reported). */
function thresholdInForceFrom(e: ProjectedEvent): Date {
  const own = effectiveTimeOf({ type: e.type, data: e.data } as RecoveryMonitorEvent);
  if (own) return new Date(own);
  return typeof e.metadata.effectiveAt === 'string' ? e.effectiveAt : e.knownAt;
}

/** The fact an indicator event states; dated facts take the runner's resolved effective time. */
export function factOf(e: ProjectedEvent): Fact | undefined {
  const indicatorId = String(e.data.indicatorId);
  const { position, knownAt, effectiveAt } = e;
  switch (e.type) {
    case 'IndicatorRegistered': {
      const { name, description, unit, direction, owner, questions, baseline, tolerance } = e.data as unknown as IndicatorRegistered['data'];
      const fact: DefinitionFact = {
        indicatorId,
        position,
        knownAt,
        kind: 'registered',
        name,
        description,
        unit,
        direction,
        owner,
        questions,
        baseline,
        tolerance,
      };
      return { table: 'definitions', fact };
    }
    case 'BaselineRevised': {
      const { baseline, tolerance, reason } = e.data as unknown as BaselineRevised['data'];
      return { table: 'definitions', fact: { indicatorId, position, knownAt, kind: 'revised', baseline, tolerance, reason } };
    }
    case 'FigureRecorded': {
      const { figureId, value, source, note } = e.data as unknown as FigureRecorded['data'];
      return { table: 'figures', fact: { indicatorId, position, knownAt, figureId, value, effectiveAt, source, note } };
    }
    case 'FigureCorrected': {
      const { figureId, correctionId, value, previousValue, reason } = e.data as unknown as FigureCorrected['data'];
      return { table: 'corrections', fact: { indicatorId, position, knownAt, figureId, correctionId, value, previousValue, effectiveAt, reason } };
    }
    case 'RiskAssessed': {
      const { assessmentId, high, medium, standard, rationale } = e.data as unknown as RiskAssessed['data'];
      return { table: 'risks', fact: { indicatorId, position, knownAt, assessmentId, assessedAt: effectiveAt, high, medium, standard, rationale } };
    }
    case 'ThresholdSet': {
      const { thresholdId, kind, limit, windowDays } = e.data as unknown as ThresholdSet['data'];
      return { table: 'thresholds', fact: { indicatorId, position, knownAt, thresholdId, event: 'set', kind, limit, windowDays, inForceFrom: thresholdInForceFrom(e) } };
    }
    case 'ThresholdRetired': {
      const { thresholdId, reason } = e.data as unknown as ThresholdRetired['data'];
      return { table: 'thresholds', fact: { indicatorId, position, knownAt, thresholdId, event: 'retired', reason } };
    }
    default: {
      const event = ITEM_EVENTS[e.type];
      if (!event) return undefined;
      const { ref, risk } = e.data as unknown as BacklogItemGraded['data'];
      return { table: 'items', fact: { indicatorId, position, knownAt, ref, event, at: effectiveAt, risk } };
    }
  }
}
