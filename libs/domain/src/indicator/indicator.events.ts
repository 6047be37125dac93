import type {
  BacklogItemCleared,
  BacklogItemGraded,
  BacklogItemOpened,
} from '../backlog-item/backlog-item.events.js';
import type { DomainEvent } from '../shared/decider.js';
import { listOfAll } from '../shared/type-list.js';

export const INDICATOR_UNITS = ['count', 'percent', 'seconds', 'rate'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export const INDICATOR_DIRECTIONS = ['lower-is-better', 'higher-is-better'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

export const THRESHOLD_KINDS = ['level', 'growth', 'age'] as const;
export type ThresholdKind = (typeof THRESHOLD_KINDS)[number];

export const RISK_GRADES = ['high', 'medium', 'standard'] as const;
export type RiskGrade = (typeof RISK_GRADES)[number];

/** The pre-go-live level, with the period (dates, inclusive) and source it was measured from. */
export type Baseline = {
  value: number;
  from: string;
  to: string;
  source: string;
};

export type IndicatorRegistered = DomainEvent<
  'IndicatorRegistered',
  {
    indicatorId: string;
    name: string;
    description: string;
    unit: IndicatorUnit;
    direction: IndicatorDirection;
    baseline: Baseline;
    tolerance: number;
    owner: string;
    questions: number[];
  }
>;

export type BaselineRevised = DomainEvent<
  'BaselineRevised',
  {
    indicatorId: string;
    baseline: Baseline;
    tolerance: number;
    previousBaseline: Baseline;
    previousTolerance: number;
    reason: string;
  }
>;

export type FigureRecorded = DomainEvent<
  'FigureRecorded',
  {
    indicatorId: string;
    figureId: string;
    value: number;
    effectiveAt: string;
    source: string;
    note?: string;
  }
>;

/** `effectiveAt` is the corrected figure's: a correction applies from that time. */
export type FigureCorrected = DomainEvent<
  'FigureCorrected',
  {
    indicatorId: string;
    figureId: string;
    correctionId?: string;
    value: number;
    previousValue: number;
    effectiveAt: string;
    reason: string;
  }
>;

export type RiskAssessed = DomainEvent<
  'RiskAssessed',
  {
    indicatorId: string;
    assessmentId?: string;
    assessedAt: string;
    high: number;
    medium: number;
    standard: number;
    rationale: string;
  }
>;

/** `windowDays`: the growth window for `growth`; the item age in days for `age`. */
export type ThresholdSet = DomainEvent<
  'ThresholdSet',
  {
    indicatorId: string;
    thresholdId: string;
    kind: ThresholdKind;
    limit: number;
    windowDays?: number;
    /** Absent on thresholds set before it existed: in force from when they were recorded. */
    inForceFrom?: string;
  }
>;

export type ThresholdRetired = DomainEvent<
  'ThresholdRetired',
  { indicatorId: string; thresholdId: string; reason?: string }
>;

/**
 * Every fact about an indicator, which its read models handle. Its item feed's events live in
 * one stream per item (`backlogItemStream`), the rest in the indicator's stream; logs written
 * before the item streams hold item events in the indicator's stream, which its state skips.
 */
export type IndicatorEvent =
  | IndicatorRegistered
  | BaselineRevised
  | FigureRecorded
  | FigureCorrected
  | RiskAssessed
  | ThresholdSet
  | ThresholdRetired
  | BacklogItemOpened
  | BacklogItemGraded
  | BacklogItemCleared;

export type IndicatorEventType = IndicatorEvent['type'];

export const INDICATOR_EVENT_TYPES = listOfAll<IndicatorEventType>()([
  'IndicatorRegistered',
  'BaselineRevised',
  'FigureRecorded',
  'FigureCorrected',
  'RiskAssessed',
  'ThresholdSet',
  'ThresholdRetired',
  'BacklogItemOpened',
  'BacklogItemGraded',
  'BacklogItemCleared',
]);
