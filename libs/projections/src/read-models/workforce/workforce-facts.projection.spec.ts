import { describeOnServer } from '@rm/event-store/testing';
import { openReadModelFixture, type ReadModelFixture } from '../../testing/read-model-fixture.js';
import { disposeFixture, event, idempotenceSpecs, imported, project, tableRows } from '../plans/fact-spec.fixtures.js';
import { workforceFactsProjection } from './workforce-facts.projection.js';

const TABLES = ['rm_workforce_surveys', 'rm_workforce_trainings', 'rm_workforce_support_measures'];
const reportedAt = '2019-11-20T09:00:00.000Z';

/** One case per handled event: the row it leaves, effective on its own date and known when reported. */
const CASES = [
  {
    type: 'ConfidenceSurveyRecorded',
    data: { surveyId: 's-nov', date: '2019-11-01', respondents: 140, confidentPercent: 38.5 },
    table: 'rm_workforce_surveys',
    row: { survey_id: 's-nov', respondents: 140, confident_percent: 38.5 },
  },
  {
    type: 'TrainingRecorded',
    data: { trainingId: 't-1', date: '2019-11-05', topic: 'PoliceWorks search', attendees: 30 },
    table: 'rm_workforce_trainings',
    row: { training_id: 't-1', topic: 'PoliceWorks search', attendees: 30 },
  },
  {
    type: 'SupportMeasureRecorded',
    data: {
      measureId: 'm-1',
      date: '2019-11-05',
      title: 'Floor-walkers on every shift',
      description: 'Super-users on each shift for PoliceWorks questions',
    },
    table: 'rm_workforce_support_measures',
    row: { measure_id: 'm-1', title: 'Floor-walkers on every shift' },
  },
];

function workforceFactSpecs(kind: 'server' | 'embedded') {
  let f: ReadModelFixture;
  beforeAll(async () => {
    f = await openReadModelFixture(kind);
  });
  afterAll(async () => disposeFixture(f));

  it.each(CASES)('projects $type', async ({ type, data, table, row }) => {
    const position = await project(f, workforceFactsProjection, 'workforce-main', [
      event(type, data, imported(reportedAt)),
    ]);
    const stored = (await tableRows(f, table)).find((r) => r.position === String(position));
    expect(stored).toMatchObject({
      ...row,
      date: data.date,
      effective_at: `${data.date}T00:00:00.000Z`,
      known_at: reportedAt,
    });
  });

  idempotenceSpecs(() => f, workforceFactsProjection, TABLES, 'rm_workforce_trainings', 'indicator-da-risk-assessment');
}

describe('workforce-facts.v1 on embedded PGlite', () => workforceFactSpecs('embedded'));
describeOnServer('workforce-facts.v1 on a PostgreSQL server', () => workforceFactSpecs('server'));
