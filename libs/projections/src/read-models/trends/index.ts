export { trendProjection, trendProjections, referenceTrendProjections } from './trend-projection.query.js';
export { trendProjectionOf, type TrendOptions, type TrendProjection } from './trend-projection.fold.js';
export { projectionAccuracy } from './projection-accuracy.query.js';
export { accuracyOf, forecastDays, type AccuracyOptions, type AccuracyPoint, type ProjectionAccuracy } from './projection-accuracy.fold.js';
