import type {
  BacklogItemEventKind,
  Baseline,
  BacklogItemOpened,
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
} from '@rm/domain';
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

/** The fact an indicator event states; dated facts take the runner's resolved effective time. */
export function factOf(e: ProjectedEvent): Fact | undefined {
  const known = { indicatorId: String(e.data.indicatorId), position: e.position, knownAt: e.knownAt };
  switch (e.type) {
    case 'IndicatorRegistered': {
      const d = e.data as unknown as IndicatorRegistered['data'];
      const { name, description, unit, direction, owner, questions, baseline, tolerance } = d;
      return { table: 'definitions', fact: { ...known, kind: 'registered', name, description, unit, direction, owner, questions, baseline, tolerance } };
    }
    case 'BaselineRevised': {
      const d = e.data as unknown as BaselineRevised['data'];
      return { table: 'definitions', fact: { ...known, kind: 'revised', baseline: d.baseline, tolerance: d.tolerance, reason: d.reason } };
    }
    case 'FigureRecorded': {
      const d = e.data as unknown as FigureRecorded['data'];
      return { table: 'figures', fact: { ...known, figureId: d.figureId, value: d.value, effectiveAt: e.effectiveAt, source: d.source, note: d.note } };
    }
    case 'FigureCorrected': {
      const d = e.data as unknown as FigureCorrected['data'];
      const { figureId, correctionId, value, previousValue, reason } = d;
      return { table: 'corrections', fact: { ...known, figureId, correctionId, value, previousValue, effectiveAt: e.effectiveAt, reason } };
    }
    case 'RiskAssessed': {
      const d = e.data as unknown as RiskAssessed['data'];
      const { assessmentId, high, medium, standard, rationale } = d;
      return { table: 'risks', fact: { ...known, assessmentId, assessedAt: e.effectiveAt, high, medium, standard, rationale } };
    }
    case 'ThresholdSet': {
      const d = e.data as unknown as ThresholdSet['data'];
      return { table: 'thresholds', fact: { ...known, thresholdId: d.thresholdId, event: 'set', kind: d.kind, limit: d.limit, windowDays: d.windowDays } };
    }
    case 'ThresholdRetired': {
      const d = e.data as unknown as ThresholdRetired['data'];
      return { table: 'thresholds', fact: { ...known, thresholdId: d.thresholdId, event: 'retired', reason: d.reason } };
    }
    default: {
      const event = ITEM_EVENTS[e.type];
      if (!event) return undefined;
      const d = e.data as unknown as BacklogItemOpened['data'] & { risk?: RiskGrade };
      return { table: 'items', fact: { ...known, ref: d.ref, event, at: e.effectiveAt, risk: d.risk } };
    }
  }
}
