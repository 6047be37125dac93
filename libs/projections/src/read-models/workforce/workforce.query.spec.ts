import { describeOnServer } from '@rm/event-store/testing';
import { openReadModelFixture, type ReadModelFixture } from '../../testing/read-model-fixture.js';
import {
  at,
  disposeFixture,
  event,
  imported,
  project,
  projectedLog,
} from '../plans/fact-spec.fixtures.js';
import { workforceFactsProjection } from './workforce-facts.projection.js';
import { referenceWorkforce } from './workforce-reference.fold.js';
import { workforce } from './workforce.query.js';

const survey = (
  surveyId: string,
  date: string,
  respondents: number,
  confidentPercent: number,
  reportedAt: string,
) =>
  event(
    'ConfidenceSurveyRecorded',
    { surveyId, date, respondents, confidentPercent },
    imported(reportedAt),
  );
const training = (
  trainingId: string,
  date: string,
  topic: string,
  attendees: number,
  reportedAt?: string,
) =>
  event(
    'TrainingRecorded',
    { trainingId, date, topic, attendees },
    reportedAt ? imported(reportedAt) : undefined,
  );

function workforceQuerySpecs(kind: 'server' | 'embedded') {
  let f: ReadModelFixture;
  let middle: bigint;
  let head: bigint;
  beforeAll(async () => {
    f = await openReadModelFixture(kind);
    middle = await project(f, workforceFactsProjection, 'workforce-main', [
      survey('s-sep', '2019-09-15', 120, 31, '2019-09-16T09:00:00Z'),
      survey('s-nov', '2019-11-01', 140, 38, '2019-11-02T09:00:00Z'),
      // Back-dated: run on 10 November, results known on the 25th.
      survey('s-mid-nov', '2019-11-10', 95, 42, '2019-11-25T09:00:00Z'),
      training('t-1', '2019-10-10', 'PoliceWorks search', 24, '2019-10-10T17:00:00Z'),
      training('t-2', '2019-11-05', 'PoliceWorks search', 30, '2019-11-05T17:00:00Z'),
      training('t-3', '2019-11-12', 'DASH risk grading', 18, '2019-11-12T17:00:00Z'),
      event(
        'SupportMeasureRecorded',
        {
          measureId: 'm-1',
          date: '2019-10-01',
          title: 'Floor-walkers on every shift',
          description: 'PoliceWorks super-users',
        },
        imported('2019-10-01T09:00:00Z'),
      ),
    ]);
    head = await project(f, workforceFactsProjection, 'workforce-main', [
      training('t-4', '2019-12-03', 'DASH risk grading', 22),
    ]);
  });
  afterAll(async () => disposeFixture(f));

  it('at the inspection date, as known then: the trend, the latest survey and training totals', async () => {
    const view = await workforce(f.read.db, at('2019-11-15', undefined, head));
    expect(view.confidence.map((c) => [c.date, c.confidentPercent])).toEqual([
      ['2019-09-15', 31],
      ['2019-11-01', 38],
    ]);
    expect(view.latestConfidence).toEqual({
      surveyId: 's-nov',
      date: '2019-11-01',
      respondents: 140,
      confidentPercent: 38,
    });
    expect(view.training).toEqual({
      sessions: 3,
      attendees: 72,
      byTopic: [
        { topic: 'DASH risk grading', sessions: 1, attendees: 18 },
        { topic: 'PoliceWorks search', sessions: 2, attendees: 54 },
      ],
    });
    expect(view.supportMeasures.map((m) => m.measureId)).toEqual(['m-1']);
  });

  it('as known today, the back-dated survey takes its place in the trend', async () => {
    const view = await workforce(f.read.db, at('2019-11-15', 'latest', head));
    expect(view.confidence.map((c) => c.surveyId)).toEqual(['s-sep', 's-nov', 's-mid-nov']);
    expect(view.latestConfidence?.confidentPercent).toBe(42);
    expect(view.training.sessions).toBe(3);
  });

  it('every answer equals a from-scratch fold of exactly the qualifying events', async () => {
    const log = await projectedLog(f);
    const moments: [string, string | undefined][] = [
      ['2019-09-01', undefined],
      ['2019-10-10', undefined],
      ['2019-11-15', undefined],
      ['2019-11-15', 'latest'],
      ['2020-01-10', 'latest'],
    ];
    for (const position of [middle, head]) {
      for (const [asOf, knownAt] of moments) {
        const tt = at(asOf, knownAt, position);
        expect(await workforce(f.read.db, tt)).toEqual(referenceWorkforce(log, tt));
      }
    }
  });
}

describe('workforce queries on embedded PGlite', () => workforceQuerySpecs('embedded'));
describeOnServer('workforce queries on a PostgreSQL server', () => workforceQuerySpecs('server'));
