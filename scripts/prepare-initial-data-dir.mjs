/* global console, performance */
// Build step: dumps a freshly initialised PGlite data directory beside the build, so that the
// embedded database's first start loads it instead of running initdb (see initial-data-dir.ts).
import { INITIAL_DATA_DIR, writeInitialDataDir } from '../dist/libs/event-store/src/postgres/initial-data-dir.js';

const started = performance.now();
if (await writeInitialDataDir()) console.error(`prepared ${INITIAL_DATA_DIR} in ${Math.round(performance.now() - started)} ms`);
