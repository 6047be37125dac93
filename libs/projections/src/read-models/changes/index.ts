export { changesBetween } from './changes.query.js';
export { changesOf, type Changes, type ChangesInputs, type Restatement, type Standing } from './changes.fold.js';
