import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { emptyFacts } from '../indicators/indicator-facts.model.js';
import { loadFacts } from '../indicators/indicator-facts.query.js';
import { definitionOf } from '../indicators/indicator-position.fold.js';
import { accuracyOf, type AccuracyOptions, type ProjectionAccuracy } from './projection-accuracy.fold.js';

/** How good an indicator's past projections were (accuracyOf); undefined when it is not registered as known. One statement. */
export async function projectionAccuracy(db: ReadDb, tt: TimeTravel, indicatorId: string, o: AccuracyOptions): Promise<ProjectionAccuracy | undefined> {
  const facts = (await loadFacts(db, tt, ['definitions', 'figures', 'corrections'], indicatorId)).get(indicatorId) ?? emptyFacts();
  if (!definitionOf(indicatorId, facts.definitions)) return undefined;
  return accuracyOf(indicatorId, facts, tt.asOf, tt.knownAt, o);
}
