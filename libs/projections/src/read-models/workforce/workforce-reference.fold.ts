import type { ProjectedEvent } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { isQualifying } from '../plans/fact-times.js';
import { foldWorkforce, type WorkforceView } from './workforce.fold.js';
import { workforceFactsOf } from './workforce-facts.js';

/** A from-scratch fold over the whole raw log, picking the qualifying events itself. */
export function referenceWorkforce(
  events: readonly ProjectedEvent[],
  tt: TimeTravel,
): WorkforceView {
  const facts = workforceFactsOf(events);
  const q = <F extends Parameters<typeof isQualifying>[0]>(list: F[]) =>
    list.filter((f) => isQualifying(f, tt));
  return foldWorkforce(q(facts.surveys), q(facts.trainings), q(facts.measures));
}
