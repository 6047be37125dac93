export * from './points.js';
export * from './fit.js';
export * from './projection.js';
export { formulaOf } from './formula.js';
export { studentTQuantile } from './student-t.js';
export { projectionStatus } from './status.js';
