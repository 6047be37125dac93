import { deciderSpec } from '@rm/testing';
import {
  InvalidDate,
  InvalidIdentifier,
  InvalidTrajectoryValue,
  PlanNotFound,
  recoveryPlanDecider,
  TrajectoryDatesNotIncreasing,
  TrajectoryEmpty,
  type TrajectoryPoint,
  type TrajectorySet,
} from '../index.js';
import { command, planCreated, planId } from '../testing/recovery-plan.fixtures.js';

const spec = deciderSpec(recoveryPlanDecider);
const indicatorId = 'da-risk-assessment';

const points: TrajectoryPoint[] = [
  { date: '2019-11-30', value: 400 },
  { date: '2019-12-31', value: 150 },
  { date: '2020-01-31', value: 10 },
];

const setTrajectory = (p: TrajectoryPoint[] = points, id = indicatorId) =>
  command('SetTrajectory', { planId, indicatorId: id, points: p });

const trajectorySet: TrajectorySet = {
  type: 'TrajectorySet',
  data: { planId, indicatorId, points },
};

describe('trajectory decider', () => {
  describe('SetTrajectory', () => {
    it('sets the expected path for an indicator, future dates included', () => {
      spec.given([planCreated]).when(setTrajectory()).then([trajectorySet]).andRepeatingIsANoOp();
    });

    it('replaces an earlier trajectory', () => {
      const slower = [
        { date: '2019-12-31', value: 300 },
        { date: '2020-03-31', value: 10 },
      ];
      spec
        .given([planCreated, trajectorySet])
        .when(setTrajectory(slower))
        .then([{ type: 'TrajectorySet', data: { planId, indicatorId, points: slower } }]);
    });

    it('is a no-op when the trajectory is unchanged', () => {
      spec.given([planCreated, trajectorySet]).when(setTrajectory()).thenNothing();
    });

    it('needs at least one point', () => {
      spec
        .given([planCreated])
        .when(setTrajectory([]))
        .thenThrows(TrajectoryEmpty, { field: 'points' });
    });

    it('refuses dates that do not strictly increase', () => {
      const repeated = [...points, { date: '2020-01-31T00:00:00Z', value: 5 }];
      spec
        .given([planCreated])
        .when(setTrajectory(repeated))
        .thenThrows(TrajectoryDatesNotIncreasing, {
          field: 'points[3].date',
          code: 'TRAJECTORY.DATES_NOT_INCREASING',
        });
    });

    it('refuses a date going backwards', () => {
      const backwards = [points[1], points[0]];
      spec
        .given([planCreated])
        .when(setTrajectory(backwards))
        .thenThrows(TrajectoryDatesNotIncreasing, { field: 'points[1].date' });
    });

    it('refuses an invalid date', () => {
      const bad = [points[0], { date: '2019-12-32', value: 100 }];
      spec
        .given([planCreated])
        .when(setTrajectory(bad))
        .thenThrows(InvalidDate, { field: 'points[1].date' });
    });

    it('refuses a negative value', () => {
      const bad = [points[0], { date: '2019-12-31', value: -1 }];
      spec
        .given([planCreated])
        .when(setTrajectory(bad))
        .thenThrows(InvalidTrajectoryValue, { field: 'points[1].value' });
    });

    it('refuses an indicator id that is not a slug', () => {
      spec
        .given([planCreated])
        .when(setTrajectory(points, 'DA risk'))
        .thenThrows(InvalidIdentifier, { field: 'indicatorId' });
    });

    it('refuses a plan not created', () => {
      spec.when(setTrajectory()).thenThrows(PlanNotFound);
    });
  });
});
