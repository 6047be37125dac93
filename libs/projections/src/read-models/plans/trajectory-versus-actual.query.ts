import type { ReadDb } from '../../runner/projection.js';
import type { TimeTravel } from '../../time-travel/time-travel.js';
import { qualifyingFigures } from '../indicators/index.js';
import { latestKnownTrajectories } from './plan-facts.query.js';
import {
  foldTrajectoryVersusActual,
  type QualifyingFigure,
  type TrajectoryVersusActual,
} from './recovery-plan.fold.js';

export type FiguresSource = (
  db: ReadDb,
  tt: TimeTravel,
  indicatorId: string,
) => Promise<QualifyingFigure[]>;

/**
 * The latest trajectory known for the indicator (whichever plan set it) against its actual
 * value on each point's day; undefined when no trajectory is known.
 */
export async function trajectoryVersusActual(
  db: ReadDb,
  tt: TimeTravel,
  indicatorId: string,
  figures: FiguresSource = qualifyingFigures,
): Promise<TrajectoryVersusActual | undefined> {
  const [trajectory] = await latestKnownTrajectories(db, tt, { indicatorId });
  if (!trajectory) return undefined;
  return foldTrajectoryVersusActual(trajectory, await figures(db, tt, indicatorId), tt.asOf);
}
