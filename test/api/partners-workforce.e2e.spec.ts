import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { cps, engagement, marac, supportMeasure, survey, training } from '../support/iops-fixtures.js';
import { eventsOfWrite, expectCommandMetadata, expectNothingWritten, expectProblem, expectWrite, post, PROGRAMME_OFFICE, UUID } from '../support/write-api.js';

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const CPS = '/api/partners/cps-north-west';
const MARAC = '/api/partners/marac-greater-manchester';

describeOnServer('partners-workforce.e2e: partner and workforce commands over HTTP on PostgreSQL', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!);
  });
  afterAll(async () => api?.close());

  const rejected = (path: string, body: unknown, status: number, code?: string, fields?: string[]) =>
    expectNothingWritten(api, async () => expectProblem(await post(api, path, body), status, code, fields));

  /** A write that must record exactly one event; returns the write and its event. */
  const recorded = async (path: string, body: object, expected: { streamId: string; revision: number; type: string; effectiveAt?: string }) => {
    const write = expectWrite(await post(api, path, body), { status: 201, streamId: expected.streamId, revision: expected.revision });
    const [event] = await eventsOfWrite(api, write, 1);
    expect(event.type).toBe(expected.type);
    expect(event.position).toBe(write.position);
    expectCommandMetadata(event, PROGRAMME_OFFICE);
    if (expected.effectiveAt) expect(event.effectiveAt).toBe(expected.effectiveAt);
    return { write, event };
  };

  describe('POST /api/partners', () => {
    it('registers the CPS and the MARAC; registering either again is a no-op', async () => {
      const { event } = await recorded('/api/partners', cps(), { streamId: 'partner-cps-north-west', revision: 0, type: 'PartnerRegistered' });
      expect(event.data).toEqual({ partnerId: 'cps-north-west', name: 'Crown Prosecution Service, North West', kind: 'cps' });
      const second = await recorded('/api/partners', marac(), { streamId: 'partner-marac-greater-manchester', revision: 0, type: 'PartnerRegistered' });
      expect(second.event.data).toMatchObject({ partnerId: 'marac-greater-manchester', kind: 'marac' });
      const again = await expectNothingWritten(api, () => post(api, '/api/partners', cps()));
      expectWrite(again, { status: 200, streamId: 'partner-cps-north-west', revision: 0 });
    });

    it('refuses the same id with other content, unknown kinds and bad ids', async () => {
      await rejected('/api/partners', { ...cps(), kind: 'court' }, 409, 'PARTNER.ALREADY_REGISTERED', ['id']);
      await rejected('/api/partners', { ...cps('police-scotland'), kind: 'police' }, 400, 'VALIDATION.FAILED', ['kind']);
      await rejected('/api/partners', { ...cps('CPS NW'), name: '' }, 400, 'VALIDATION.FAILED', ['id', 'name']);
    });
  });

  describe('POST /api/partners/{id}/engagements', () => {
    it('records who was told what, when and how, with an id made for it when none is sent', async () => {
      const { write, event } = await recorded(`${CPS}/engagements`, engagement(), { streamId: 'partner-cps-north-west', revision: 1, type: 'PartnerEngagementRecorded', effectiveAt: '2019-12-05T00:00:00.000Z' });
      expect(write.engagementId).toMatch(UUID);
      expect(event.data).toEqual({ partnerId: 'cps-north-west', engagementId: write.engagementId, ...engagement() });
    });

    it('records a MARAC engagement under the client\'s id; the same again is a no-op, other content a 409', async () => {
      const body = engagement({
        engagementId: 'marac-2019-11-28',
        date: '2019-11-28T14:00:00Z',
        channel: 'MARAC steering group',
        topics: ['referrals to MARAC fell 50% after go-live'],
        indicators: ['da-risk-assessment', 'marac-referrals'],
        summary: 'Agreed a manual referral route until PoliceWorks referrals are fixed',
      });
      const { write, event } = await recorded(`${MARAC}/engagements`, body, { streamId: 'partner-marac-greater-manchester', revision: 1, type: 'PartnerEngagementRecorded', effectiveAt: '2019-11-28T14:00:00.000Z' });
      expect(write.engagementId).toBe('marac-2019-11-28');
      expect(event.data).toEqual({ partnerId: 'marac-greater-manchester', ...body });
      expectWrite(await expectNothingWritten(api, () => post(api, `${MARAC}/engagements`, body)), { status: 200, revision: 1 });
      await rejected(`${MARAC}/engagements`, { ...body, summary: 'Something else' }, 409, 'PARTNER.ENGAGEMENT_ID_CONFLICT', ['engagementId']);
    });

    it('refuses engagements with unknown partners, future dates and bad lists', async () => {
      await rejected('/api/partners/no-such-partner/engagements', engagement(), 404, 'PARTNER.NOT_FOUND');
      await rejected('/api/partners/No_Such_Partner/engagements', engagement(), 404, 'RESOURCE.NOT_FOUND');
      await rejected(`${CPS}/engagements`, engagement({ date: inAnHour() }), 400, 'EFFECTIVE_TIME.IN_FUTURE', ['date']);
      await rejected(`${CPS}/engagements`, engagement({ topics: ['court files', ''] }), 400, 'VALIDATION.FAILED', ['topics']);
      await rejected(`${CPS}/engagements`, engagement({ indicators: ['DA Risk'] }), 400, 'VALIDATION.FAILED', ['indicators']);
      await rejected(`${CPS}/engagements`, engagement({ topics: 'court files' }), 400, 'VALIDATION.FAILED', ['topics']);
      await rejected(`${CPS}/engagements`, engagement({ partnerId: 'marac-greater-manchester' }), 400, 'VALIDATION.FAILED', ['partnerId']);
    });
  });

  describe('POST /api/workforce/{surveys|training|support-measures}', () => {
    let revision = -1;

    it('records a confidence survey (an assumption: no percentages were published)', async () => {
      const { write, event } = await recorded('/api/workforce/surveys', survey(), { streamId: 'workforce-main', revision: ++revision, type: 'ConfidenceSurveyRecorded', effectiveAt: '2019-12-01T00:00:00.000Z' });
      expect(write.surveyId).toMatch(UUID);
      expect(event.data).toEqual({ surveyId: write.surveyId, ...survey() });
    });

    it('records training and a support measure in the same workforce stream', async () => {
      const t = await recorded('/api/workforce/training', training({ trainingId: 'crs-2019-11' }), { streamId: 'workforce-main', revision: ++revision, type: 'TrainingRecorded', effectiveAt: '2019-11-20T00:00:00.000Z' });
      expect(t.write.trainingId).toBe('crs-2019-11');
      expect(t.event.data).toEqual({ trainingId: 'crs-2019-11', ...training() });
      const m = await recorded('/api/workforce/support-measures', supportMeasure(), { streamId: 'workforce-main', revision: ++revision, type: 'SupportMeasureRecorded', effectiveAt: '2019-11-25T00:00:00.000Z' });
      expect(m.write.measureId).toMatch(UUID);
      expect(m.event.data).toEqual({ measureId: m.write.measureId, ...supportMeasure() });
    });

    it('keeps ids per kind: the same id may name a survey and a training session', async () => {
      await recorded('/api/workforce/surveys', survey({ surveyId: 'q1-2020', date: '2020-01-15', confidentPercent: 44 }), { streamId: 'workforce-main', revision: ++revision, type: 'ConfidenceSurveyRecorded' });
      await recorded('/api/workforce/training', training({ trainingId: 'q1-2020', date: '2020-01-20' }), { streamId: 'workforce-main', revision: ++revision, type: 'TrainingRecorded' });
      const again = await expectNothingWritten(api, () => post(api, '/api/workforce/surveys', survey({ surveyId: 'q1-2020', date: '2020-01-15', confidentPercent: 44 })));
      expectWrite(again, { status: 200, streamId: 'workforce-main', revision });
    });

    it('refuses an id reused with other content, naming the id field', async () => {
      await rejected('/api/workforce/surveys', survey({ surveyId: 'q1-2020', date: '2020-01-15', confidentPercent: 45 }), 409, 'WORKFORCE.ID_CONFLICT', ['surveyId']);
      await rejected('/api/workforce/training', training({ trainingId: 'q1-2020', attendees: 61 }), 409, 'WORKFORCE.ID_CONFLICT', ['trainingId']);
      await recorded('/api/workforce/support-measures', supportMeasure({ measureId: 'helpdesk' }), { streamId: 'workforce-main', revision: ++revision, type: 'SupportMeasureRecorded' });
      await rejected('/api/workforce/support-measures', supportMeasure({ measureId: 'helpdesk', title: 'Another' }), 409, 'WORKFORCE.ID_CONFLICT', ['measureId']);
    });

    it('refuses bad numbers, future dates and blank text', async () => {
      await rejected('/api/workforce/surveys', survey({ respondents: 0 }), 400, 'VALIDATION.FAILED', ['respondents']);
      await rejected('/api/workforce/surveys', survey({ respondents: 412.5 }), 400, 'VALIDATION.FAILED', ['respondents']);
      await rejected('/api/workforce/surveys', survey({ confidentPercent: 100.5 }), 400, 'VALIDATION.FAILED', ['confidentPercent']);
      await rejected('/api/workforce/surveys', survey({ date: inAnHour() }), 400, 'EFFECTIVE_TIME.IN_FUTURE', ['date']);
      await rejected('/api/workforce/training', training({ attendees: -1 }), 400, 'VALIDATION.FAILED', ['attendees']);
      await rejected('/api/workforce/training', training({ topic: '' }), 400, 'VALIDATION.FAILED', ['topic']);
      await rejected('/api/workforce/training', training({ date: '2019-11-31' }), 400, 'DATE.INVALID', ['date']);
      await rejected('/api/workforce/support-measures', supportMeasure({ description: '' }), 400, 'VALIDATION.FAILED', ['description']);
      await rejected('/api/workforce/support-measures', supportMeasure({ date: '2100-01-01' }), 400, 'EFFECTIVE_TIME.IN_FUTURE', ['date']);
      await rejected('/api/workforce/surveys', survey({ reportedAt: '2019-12-01T00:00:00Z' }), 400, 'VALIDATION.FAILED', ['reportedAt']);
    });
  });
});
