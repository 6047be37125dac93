import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { createHash } from 'node:crypto';
import { logVisibleThrough } from '../support/eventually.js';
import { bearer, startApi, type ApiHarness } from '../support/api-harness.js';
import { cps, DA_AT_INSPECTION, daIndicator, iopsPlan, riskAssessment686, survey } from '../support/iops-fixtures.js';
import {
  eventsAfter, expectCommandMetadata, expectNothingWritten, expectProblem, expectWrite, headPosition, post, PROGRAMME_OFFICE, streamEvents, UUID, type AuditEvent,
} from '../support/write-api.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DA = '/api/indicators/da-risk-assessment';

describeOnServer('audit.e2e: the audit trail shows what was written, by whom, when', () => {
  let api: ApiHarness;
  let start: string;
  let startedAt: number;
  let finishedAt: number;
  const writes: { streamId: string; revision: number; position: string }[] = [];

  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!);
    start = await headPosition(api);
    startedAt = Date.now();
    const write = async (path: string, body: object, options = {}) => writes.push(expectWrite(await post(api, path, body, options)));
    await write('/api/indicators', daIndicator(), { correlationId: 'gold-group-2019-11-15' });
    await write(`${DA}/figures`, DA_AT_INSPECTION, { idempotencyKey: 'da-686' });
    await write(`${DA}/risk-assessments`, riskAssessment686);
    await write(`${DA}/items`, { items: [{ ref: 'DA-1', event: 'opened', at: '2019-07-20' }, { ref: 'DA-1', event: 'graded', at: '2019-11-05', risk: 'high' }] }, { correlationId: 'feed-2019-11-05' });
    await write('/api/plans', iopsPlan());
    await write('/api/partners', cps());
    await write('/api/workforce/surveys', survey(), { idempotencyKey: 'survey-dec' });
    finishedAt = Date.now();
    await logVisibleThrough(api, writes[writes.length - 1].position);
  });
  afterAll(async () => api?.close());

  const get = (path: string, role: 'inspector' | 'admin' = 'inspector') => api.http.get(path).set(bearer(api.tokens[role]));

  describe('GET /api/events?after=&limit=', () => {
    it('pages through every domain event in log order, ending with next: null', async () => {
      const all = await eventsAfter(api, start, 1000);
      expect(all.map((e) => e.type)).toEqual([
        'IndicatorRegistered', 'FigureRecorded', 'RiskAssessed', 'BacklogItemOpened', 'BacklogItemGraded',
        'RecoveryPlanCreated', 'PartnerRegistered', 'ConfidenceSurveyRecorded',
      ]);
      const paged = await eventsAfter(api, start, 3);
      expect(paged).toEqual(all);
      const positions = all.map((e) => BigInt(e.position));
      expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true);
      expect(writes.map((w) => w.position)).toEqual(all.filter((e, i) => all[i + 1]?.streamId !== e.streamId || all[i + 1]?.metadata.commandId !== e.metadata.commandId).map((e) => e.position));
    });

    it('answers a full page with its last position as next, and an empty page after the head', async () => {
      const first = await get(`/api/events?after=${start}&limit=2`).expect(200);
      expect(first.body.events).toHaveLength(2);
      expect(first.body.next).toBe(first.body.events[1].position);
      const second = await get(`/api/events?after=${first.body.next}&limit=2`).expect(200);
      expect(BigInt(second.body.events[0].position)).toBeGreaterThan(BigInt(first.body.next));
      const head = await headPosition(api);
      expect(await get(`/api/events?after=${head}`).expect(200).then((r) => r.body)).toEqual({ events: [], next: null });
    });

    it('shows the whole log, which holds domain events only (idempotency records live in their own table)', async () => {
      const everything = await eventsAfter(api, '0');
      expect(everything.some((e) => e.type === 'IdempotentRequestCompleted' || e.streamId.startsWith('idempotency-'))).toBe(false);
      expect(await api.eventCount()).toBe(everything.length);
    });

    it('refuses limits outside 1-1000 and cursors that are not positions', async () => {
      for (const query of ['limit=0', 'limit=1001', 'limit=abc', 'limit=-5', 'limit=1.5'])
        expectProblem(await get(`/api/events?${query}`), 400, 'VALIDATION.FAILED', ['limit']);
      for (const query of ['after=-1', 'after=abc', 'after=99999999999999999999', 'after=1e3'])
        expectProblem(await get(`/api/events?${query}`), 400, 'VALIDATION.FAILED', ['after']);
      expect((await get('/api/events?limit=1000').expect(200)).body.events.length).toBeGreaterThan(0);
    });
  });

  describe('GET /api/streams/{streamId}', () => {
    it('answers one stream in revision order, the same events as the global log', async () => {
      const stream = await streamEvents(api, 'indicator-da-risk-assessment');
      expect(stream.map((e) => e.revision)).toEqual([0, 1, 2]);
      // The item feed's events are in the item's own stream.
      expect((await streamEvents(api, 'backlogItem-da-risk-assessment:DA-1')).map((e) => [e.revision, e.type])).toEqual([[0, 'BacklogItemOpened'], [1, 'BacklogItemGraded']]);
      const global = (await eventsAfter(api, start)).filter((e) => e.streamId === 'indicator-da-risk-assessment');
      expect(stream).toEqual(global);
      expect((await streamEvents(api, 'indicator-da-risk-assessment', '?fromRevision=1&limit=2')).map((e) => e.revision)).toEqual([1, 2]);
      expect(await streamEvents(api, 'indicator-da-risk-assessment', '?fromRevision=99')).toEqual([]);
    });

    it('answers 404 for streams that do not exist, including the idempotency streams of earlier versions', async () => {
      expectProblem(await get('/api/streams/indicator-never-registered'), 404, 'STREAM.NOT_FOUND');
      expectProblem(await get('/api/streams/no%20such%20stream'), 404, 'STREAM.NOT_FOUND');
      const scope = createHash('sha256').update(`${PROGRAMME_OFFICE.sub}\nda-686`).digest('hex');
      expectProblem(await get(`/api/streams/idempotency-${scope.slice(0, 40)}`, 'admin'), 404, 'STREAM.NOT_FOUND');
      expectProblem(await get('/api/streams/indicator-da-risk-assessment?fromRevision=x'), 400, 'VALIDATION.FAILED', ['fromRevision']);
    });
  });

  describe('what every event records', () => {
    let events: AuditEvent[];
    beforeAll(async () => {
      events = await eventsAfter(api, start);
    });

    it('has the audit shape: id, type, stream, revision, position, recorded, known and effective times, data, metadata', () => {
      for (const event of events) {
        expect(Object.keys(event).sort()).toEqual(['data', 'effectiveAt', 'id', 'knownAt', 'metadata', 'position', 'recordedAt', 'revision', 'streamId', 'type']);
        expect(event.id).toMatch(UUID);
        expect(event.position).toMatch(/^\d+$/);
        expect(event.recordedAt).toMatch(ISO);
        expect(event.effectiveAt).toMatch(ISO);
      }
    });

    it('names the token subject as actor, with a command id, a correlation id and an effective time', () => {
      for (const event of events) {
        const correlation = event.type === 'IndicatorRegistered' ? 'gold-group-2019-11-15' : event.type.startsWith('BacklogItem') ? 'feed-2019-11-05' : undefined;
        expectCommandMetadata(event, PROGRAMME_OFFICE, correlation);
      }
      const batch = events.filter((e) => e.type.startsWith('BacklogItem'));
      expect(batch).toHaveLength(2);
      expect(batch[0].metadata.commandId).toBe(batch[1].metadata.commandId);
    });

    it('takes the recorded time from the server, never from the client; known time is the recorded time', () => {
      for (const event of events) {
        const recorded = Date.parse(event.recordedAt);
        expect(recorded).toBeGreaterThanOrEqual(startedAt - 2_000);
        expect(recorded).toBeLessThanOrEqual(finishedAt + 2_000);
        expect(event.knownAt).toBe(event.recordedAt);
        expect(event.metadata).not.toHaveProperty('reportedAt');
        expect(event.metadata).not.toHaveProperty('imported');
      }
      expect(events.find((e) => e.type === 'FigureRecorded')!.effectiveAt).toBe('2019-11-01T00:00:00.000Z');
    });

    it('refuses a write that tries to set the recorded, reported or known time, or to pass as an import', async () => {
      const attempts: [string, object][] = [
        [`${DA}/figures`, { ...DA_AT_INSPECTION, recordedAt: '2019-11-01T09:00:00Z' }],
        [`${DA}/figures`, { ...DA_AT_INSPECTION, reportedAt: '2019-11-01T09:00:00Z' }],
        [`${DA}/figures`, { ...DA_AT_INSPECTION, knownAt: '2019-11-01T09:00:00Z' }],
        [`${DA}/figures`, { ...DA_AT_INSPECTION, imported: true, reportedAt: '2019-11-01T09:00:00Z' }],
        [`${DA}/risk-assessments`, { ...riskAssessment686, reportedAt: '2019-11-04T09:00:00Z' }],
        ['/api/plans', { ...iopsPlan('plan-2'), recordedAt: '2019-11-01T09:00:00Z' }],
        ['/api/workforce/surveys', { ...survey(), metadata: { reportedAt: '2019-12-01T00:00:00Z' } }],
      ];
      await expectNothingWritten(api, async () => {
        for (const [path, body] of attempts) {
          const extra = Object.keys(body).filter((k) => ['recordedAt', 'reportedAt', 'knownAt', 'imported', 'metadata'].includes(k));
          expectProblem(await post(api, path, body), 400, 'VALIDATION.FAILED', extra);
        }
      });
    });
  });
});
