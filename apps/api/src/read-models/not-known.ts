import { describeTimeTravel, LATEST, type TimeTravel } from '@rm/projections';
import { ProblemException } from '../http/problem.js';

/** The same moment as known now (everything recorded or reported since, up to the read's position). */
export const asKnownNow = (tt: TimeTravel): TimeTravel => ({ ...tt, knownAt: LATEST, knownAtLatest: true });

/**
 * The 404 of a replay that asks about something before it was known. History entered today is
 * known from today unless it was imported with the time it was first reported, so the detail says
 * which of the two it is and how to see the date as known now.
 */
export function notKnownThen(what: { code: string; noun: string; id: string; path: string }, tt: TimeTravel, knownNow: boolean): ProblemException {
  const { asOf, knownAt } = describeTimeTravel(tt);
  if (tt.knownAtLatest || !knownNow)
    return new ProblemException(404, what.code, 'Not found', `no ${what.noun} "${what.id}" is known${tt.knownAtLatest ? '' : ` at ${knownAt}`}`);
  const ask = `${what.path}?asOf=${asOf.slice(0, 10)}&knownAt=latest`;
  return new ProblemException(
    404,
    what.code,
    'Not found',
    `nothing was known about ${what.noun} "${what.id}" at ${knownAt}: it was recorded later. knownAt (default: asOf) replays what was known then; ` +
      `to see ${asOf} as known now, including what was entered or imported since, ask with knownAt=latest, e.g. ${ask}`,
  );
}
