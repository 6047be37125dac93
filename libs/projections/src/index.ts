export * from './runner/projection.js';
export * from './runner/checkpoints.js';
export * from './runner/lease.js';
export * from './runner/projection-runner.js';
export * from './database/read-database.js';
export * from './time-travel/time-travel.js';
export * from './read-models/read-model-area.js';
export { READ_MODEL_SCHEMA, ALL_PROJECTIONS } from './read-models/registry.js';
export { insertRows } from './read-models/core/insert-rows.js';
