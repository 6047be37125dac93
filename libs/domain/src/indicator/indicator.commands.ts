import type { DomainCommand } from '../shared/decider.js';
import type {
  Baseline,
  IndicatorDirection,
  IndicatorUnit,
  ThresholdKind,
} from './indicator.events.js';

export type RegisterIndicator = DomainCommand<
  'RegisterIndicator',
  {
    id: string;
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

/** Without `tolerance` the current tolerance is kept. */
export type ReviseBaseline = DomainCommand<
  'ReviseBaseline',
  { indicatorId: string; baseline: Baseline; tolerance?: number; reason: string }
>;

export type RecordFigure = DomainCommand<
  'RecordFigure',
  {
    indicatorId: string;
    figureId: string;
    value: number;
    effectiveAt: string;
    source: string;
    note?: string;
  }
>;

export type CorrectFigure = DomainCommand<
  'CorrectFigure',
  { indicatorId: string; figureId: string; correctionId?: string; value: number; reason: string }
>;

export type AssessRisk = DomainCommand<
  'AssessRisk',
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

export type SetThreshold = DomainCommand<
  'SetThreshold',
  {
    indicatorId: string;
    thresholdId: string;
    kind: ThresholdKind;
    limit: number;
    windowDays?: number;
    /** Evaluated only on figures effective from then; default: when the command is recorded. */
    inForceFrom?: string;
  }
>;

export type RetireThreshold = DomainCommand<
  'RetireThreshold',
  { indicatorId: string; thresholdId: string; reason?: string }
>;

export type IndicatorCommand =
  | RegisterIndicator
  | ReviseBaseline
  | RecordFigure
  | CorrectFigure
  | AssessRisk
  | SetThreshold
  | RetireThreshold;

export type IndicatorCommandType = IndicatorCommand['type'];
