export { trendProjection, trendProjections, trendStatuses, referenceTrendProjections } from './trend-projection.query.js';
export { trendProjectionOf, trendStatusOf, type TrendOptions, type TrendProjection } from './trend-projection.fold.js';
export { projectionAccuracy } from './projection-accuracy.query.js';
export { accuracyOf, forecastDays, type AccuracyOptions, type AccuracyPoint, type ProjectionAccuracy } from './projection-accuracy.fold.js';
