import type { ReadModelArea } from '../read-model-area.js';
import { IndicatorFacts1764210000000 } from './1764210000000-indicator-facts.migration.js';
import { BacklogItemLifecycleIndex1764600000000 } from './1764600000000-backlog-item-lifecycle-index.migration.js';
import { BacklogItemLifecycles1764700000000 } from './1764700000000-backlog-item-lifecycles.migration.js';
import { ThresholdInForceFrom1764800000000 } from './1764800000000-threshold-in-force-from.migration.js';
import { BacklogItemLifecyclePositions1796069657480 } from './1796069657480-backlog-item-lifecycle-positions.migration.js';
import { BacklogItemEventRow } from './backlog-item-event.entity.js';
import { BacklogItemLifecycleRow } from './backlog-item-lifecycle.entity.js';
import { FigureCorrectionRow } from './figure-correction.entity.js';
import { indicatorFactsProjection } from './indicator-facts.projection.js';
import { IndicatorDefinitionRow } from './indicator-definition.entity.js';
import { IndicatorFigureRow } from './indicator-figure.entity.js';
import { IndicatorThresholdRow } from './indicator-threshold.entity.js';
import { RiskAssessmentRow } from './risk-assessment.entity.js';

/** The indicators read models: entities, migrations, projections. */
export const indicatorsReadModels: ReadModelArea = {
  entities: [
    IndicatorDefinitionRow,
    IndicatorFigureRow,
    FigureCorrectionRow,
    RiskAssessmentRow,
    IndicatorThresholdRow,
    BacklogItemEventRow,
    BacklogItemLifecycleRow,
  ],
  migrations: [
    IndicatorFacts1764210000000,
    BacklogItemLifecycleIndex1764600000000,
    BacklogItemLifecycles1764700000000,
    ThresholdInForceFrom1764800000000,
    BacklogItemLifecyclePositions1796069657480,
  ],
  projections: [indicatorFactsProjection],
};

export { indicatorFactsProjection, INDICATOR_FACT_TABLES } from './indicator-facts.projection.js';
export { keepIndicatorFacts, warmKeptFacts, type KeptFactsOptions } from './kept-facts.js';
export {
  indicatorPosition,
  indicatorPositions,
  indicatorHistory,
  qualifyingFigures,
  earlyWarnings,
} from './indicator-position.query.js';
export {
  referenceIndicatorPosition,
  referenceIndicatorPositions,
  referenceIndicatorHistory,
  referenceQualifyingFigures,
  referenceEarlyWarnings,
  referenceFacts,
} from './indicator-reference.fold.js';
export type {
  IndicatorPosition,
  IndicatorDefinition,
  RiskSummary,
} from './indicator-position.fold.js';
export type { EarlyWarning, ActiveThreshold } from './early-warnings.fold.js';
export type { QualifyingFigure, HistoryPoint, IndicatorHistory } from './figure-series.fold.js';
export type { ItemSummary } from './backlog-items.fold.js';
export { indicatorHorizon } from './indicator-horizon.js';
