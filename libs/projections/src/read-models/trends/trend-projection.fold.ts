import { project, projectionStatus, type Figure, type Projection, type ProjectionMethod, type ProjectionStatus } from '@rm/forecasting';
import type { IndicatorDefinition } from '../indicators/indicator-position.fold.js';

export interface TrendOptions {
  method: ProjectionMethod;
  /** The window of points, in days back from asOf. */
  windowDays: number;
}

export type TrendProjection = { indicatorId: string } & Projection;

/** An indicator's trend projection at `asOf` from its qualifying figures (after corrections) and target date. */
export function trendProjectionOf(def: IndicatorDefinition, figures: readonly Figure[], targetDate: string | null, asOf: Date, o: TrendOptions): TrendProjection {
  return { indicatorId: def.id, ...project(inputOf(def, figures, targetDate, asOf, o)) };
}

/** trendProjectionOf(...).status alone. */
export function trendStatusOf(def: IndicatorDefinition, figures: readonly Figure[], targetDate: string | null, asOf: Date, o: TrendOptions): ProjectionStatus {
  return projectionStatus(inputOf(def, figures, targetDate, asOf, o));
}

const inputOf = (def: IndicatorDefinition, figures: readonly Figure[], targetDate: string | null, asOf: Date, o: TrendOptions) => ({
  figures, asOf, windowDays: o.windowDays, method: o.method, direction: def.direction,
  baseline: def.baseline.value, tolerance: def.tolerance, targetDate,
});
