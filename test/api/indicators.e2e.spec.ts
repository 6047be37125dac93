import { EVENT_STORE, type EventStore } from '@rm/event-store';
import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { randomUUID } from 'node:crypto';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { answerTime999, DA_AT_INSPECTION, daIndicator, riskAssessment686, unmigratedCrimes } from '../support/iops-fixtures.js';
import {
  eventsOfWrite, expectCommandMetadata, expectNothingWritten, expectProblem, expectWrite, post, PROGRAMME_OFFICE, streamEvents, UUID,
} from '../support/write-api.js';

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const DA = '/api/indicators/da-risk-assessment';

describeOnServer('indicators.e2e: indicator commands over HTTP on PostgreSQL', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!);
  });
  afterAll(async () => api?.close());

  /** A bad request, answered with a problem and leaving the log as it was. */
  const rejected = (path: string, body: unknown, status: number, code?: string, fields?: string[]) =>
    expectNothingWritten(api, async () => expectProblem(await post(api, path, body), status, code, fields));

  describe('POST /api/indicators', () => {
    it('registers da-risk-assessment: 201, revision 0, ETag "0", IndicatorRegistered by the token subject', async () => {
      const before = Date.now();
      const res = await post(api, '/api/indicators', daIndicator());
      const after = Date.now();
      const write = expectWrite(res, { status: 201, streamId: 'indicator-da-risk-assessment', revision: 0 });
      expect(res.headers.etag).toBe('"0"');
      const [event] = await streamEvents(api, 'indicator-da-risk-assessment');
      const { id, ...rest } = daIndicator();
      expect(event).toMatchObject({ type: 'IndicatorRegistered', streamId: write.streamId, revision: 0, position: write.position });
      expect(event.data).toEqual({ indicatorId: id, ...rest });
      expectCommandMetadata(event, PROGRAMME_OFFICE);
      // No date of its own: effective when recorded, and the recorded time is the server's.
      const effective = Date.parse(event.effectiveAt!);
      expect(effective).toBeGreaterThanOrEqual(before - 5);
      expect(effective).toBeLessThanOrEqual(after + 5);
      expect(Math.abs(Date.parse(event.recordedAt) - effective)).toBeLessThan(5_000);
    });

    it('answers a repeated registration with 200, changed false, the same revision, and writes nothing', async () => {
      const res = await expectNothingWritten(api, () => post(api, '/api/indicators', daIndicator()));
      expect(expectWrite(res, { status: 200, streamId: 'indicator-da-risk-assessment', revision: 0 }).changed).toBe(false);
    });

    it('refuses the same id with different content: 409 INDICATOR.ALREADY_REGISTERED on id', async () => {
      const problem = await rejected('/api/indicators', { ...daIndicator(), tolerance: 50 }, 409, 'INDICATOR.ALREADY_REGISTERED', ['id']);
      expect(problem.detail).toContain('da-risk-assessment');
    });

    it('names every invalid field of a registration, nested ones by path', async () => {
      const body = { ...daIndicator('bad-one'), unit: 'furlongs', baseline: { ...daIndicator().baseline, value: 'zero' }, questions: [7], name: '' };
      await rejected('/api/indicators', body, 400, 'VALIDATION.FAILED', ['unit', 'baseline.value', 'questions', 'name']);
      await rejected('/api/indicators', { ...daIndicator('bad-two'), baseline: { from: '2019-06-01', to: '2019-06-30' } }, 400, 'VALIDATION.FAILED', ['baseline.value', 'baseline.source']);
      await rejected('/api/indicators', { ...daIndicator('bad-three'), id: 'DA Risk' }, 400, 'VALIDATION.FAILED', ['id']);
    });

    it('applies the unit and calendar rules of the domain, with field paths', async () => {
      const fractional = { ...daIndicator('bad-four'), baseline: { ...daIndicator().baseline, value: 0.5 } };
      await rejected('/api/indicators', fractional, 400, 'INDICATOR.VALUE_INVALID_FOR_UNIT', ['baseline.value']);
      const leapDay = { ...daIndicator('bad-five'), baseline: { ...daIndicator().baseline, from: '2019-02-29' } };
      await rejected('/api/indicators', leapDay, 400, 'DATE.INVALID', ['baseline.from']);
      const backwards = { ...daIndicator('bad-six'), baseline: { ...daIndicator().baseline, from: '2019-06-30', to: '2019-06-01' } };
      await rejected('/api/indicators', backwards, 400, 'INDICATOR.BASELINE_PERIOD_INVALID', ['baseline.to']);
      await rejected('/api/indicators', { ...daIndicator('bad-seven'), tolerance: -1 }, 400, 'VALIDATION.FAILED', ['tolerance']);
    });
  });

  describe('POST /api/indicators/{id}/figures', () => {
    it('records the 686 figure at inspection, effective on its own date', async () => {
      const res = await post(api, `${DA}/figures`, DA_AT_INSPECTION);
      const write = expectWrite(res, { status: 201, streamId: 'indicator-da-risk-assessment', revision: 1 });
      expect(write.figureId).toMatch(UUID);
      const [event] = await eventsOfWrite(api, write, 1);
      expect(event.type).toBe('FigureRecorded');
      expect(event.data).toEqual({ indicatorId: 'da-risk-assessment', figureId: write.figureId, ...DA_AT_INSPECTION });
      expectCommandMetadata(event, PROGRAMME_OFFICE);
      expect(event.effectiveAt).toBe('2019-11-01T00:00:00.000Z');
    });

    it('records 999 answer times in seconds (fractions allowed), effective at the instant sent', async () => {
      expectWrite(await post(api, '/api/indicators', answerTime999()), { revision: 0 });
      expectWrite(await post(api, '/api/indicators/999-answer-time/figures', { value: 48, effectiveAt: '2019-07-15', source: 'ITV, 3 Mar 2020' }), { revision: 1 });
      const res = await post(api, '/api/indicators/999-answer-time/figures', { figureId: 'at-inspection', value: 22.5, effectiveAt: '2019-11-01T10:00:00+01:00', source: 'Rochdale Online' });
      const write = expectWrite(res, { revision: 2 });
      expect(write.figureId).toBe('at-inspection');
      const [event] = await eventsOfWrite(api, write, 1);
      expect(event.data).toMatchObject({ value: 22.5, effectiveAt: '2019-11-01T10:00:00+01:00' });
      expect(event.effectiveAt).toBe('2019-11-01T09:00:00.000Z');
    });

    it('treats the same figure id with the same content as a no-op, with different content as a 409', async () => {
      const again = await expectNothingWritten(api, () => post(api, '/api/indicators/999-answer-time/figures', { figureId: 'at-inspection', value: 22.5, effectiveAt: '2019-11-01T10:00:00+01:00', source: 'Rochdale Online' }));
      expectWrite(again, { status: 200, revision: 2 });
      await rejected('/api/indicators/999-answer-time/figures', { figureId: 'at-inspection', value: 23, effectiveAt: '2019-11-01', source: 'Rochdale Online' }, 409, 'FIGURE.ID_CONFLICT', ['figureId']);
    });

    it('refuses values that do not fit the unit', async () => {
      await rejected(`${DA}/figures`, { ...DA_AT_INSPECTION, value: 686.5 }, 400, 'INDICATOR.VALUE_INVALID_FOR_UNIT', ['value']);
      await rejected(`${DA}/figures`, { ...DA_AT_INSPECTION, value: -1 }, 400, 'INDICATOR.VALUE_INVALID_FOR_UNIT', ['value']);
      await rejected('/api/indicators/999-answer-time/figures', { value: -0.5, effectiveAt: '2019-11-01', source: 'x' }, 400, 'INDICATOR.VALUE_INVALID_FOR_UNIT', ['value']);
      await rejected(`${DA}/figures`, { ...DA_AT_INSPECTION, value: '686' }, 400, 'VALIDATION.FAILED', ['value']);
    });

    it('refuses an effective date in the future, or one that is no date', async () => {
      await rejected(`${DA}/figures`, { ...DA_AT_INSPECTION, effectiveAt: inAnHour() }, 400, 'EFFECTIVE_TIME.IN_FUTURE', ['effectiveAt']);
      await rejected(`${DA}/figures`, { ...DA_AT_INSPECTION, effectiveAt: '2100-01-01' }, 400, 'EFFECTIVE_TIME.IN_FUTURE', ['effectiveAt']);
      await rejected(`${DA}/figures`, { ...DA_AT_INSPECTION, effectiveAt: '2019-02-30' }, 400, 'DATE.INVALID', ['effectiveAt']);
      await rejected(`${DA}/figures`, { ...DA_AT_INSPECTION, effectiveAt: '01/11/2019' }, 400, 'VALIDATION.FAILED', ['effectiveAt']);
      await rejected(`${DA}/figures`, { ...DA_AT_INSPECTION, effectiveAt: '2019-11-01T10:00:00' }, 400, 'VALIDATION.FAILED', ['effectiveAt']);
    });

    it('answers 404 for an indicator never registered, and for an id that could not be one', async () => {
      await rejected('/api/indicators/never-registered/figures', DA_AT_INSPECTION, 404, 'INDICATOR.NOT_FOUND');
      await rejected('/api/indicators/DA_Risk/figures', DA_AT_INSPECTION, 404, 'RESOURCE.NOT_FOUND');
    });

    it('refuses fields the client may not set: times, actor, ids owned by the path', async () => {
      for (const field of ['recordedAt', 'reportedAt', 'knownAt', 'recordedTime', 'actor', 'metadata', 'indicatorId', 'imported']) {
        const problem = await rejected(`${DA}/figures`, { ...DA_AT_INSPECTION, [field]: field === 'imported' ? true : '2019-10-01T00:00:00Z' }, 400, 'VALIDATION.FAILED', [field]);
        expect(problem.errors).toHaveLength(1);
      }
    });
  });

  describe('POST /api/indicators/{id}/figures/{figureId}/corrections', () => {
    it('records the 604 unmigrated crimes, then a later correction effective from the figure\'s date', async () => {
      expectWrite(await post(api, '/api/indicators', unmigratedCrimes()), { revision: 0 });
      const figure = expectWrite(await post(api, '/api/indicators/legacy-crimes-not-migrated/figures', { figureId: 'found-2019-10-21', value: 604, effectiveAt: '2019-10-21', source: 'Computer Weekly' }), { revision: 1 });
      expect(figure.figureId).toBe('found-2019-10-21');
      const res = await post(api, '/api/indicators/legacy-crimes-not-migrated/figures/found-2019-10-21/corrections', { value: 611, reason: 'Reconciliation in December found seven more' });
      const write = expectWrite(res, { status: 201, revision: 2 });
      expect(write).toMatchObject({ figureId: 'found-2019-10-21', correctionId: expect.stringMatching(UUID) });
      const [event] = await eventsOfWrite(api, write, 1);
      expect(event.type).toBe('FigureCorrected');
      expect(event.data).toEqual({
        indicatorId: 'legacy-crimes-not-migrated', figureId: 'found-2019-10-21', correctionId: write.correctionId,
        value: 611, previousValue: 604, effectiveAt: '2019-10-21', reason: 'Reconciliation in December found seven more',
      });
      expectCommandMetadata(event, PROGRAMME_OFFICE);
      expect(event.effectiveAt).toBe('2019-10-21T00:00:00.000Z');
      expect(Date.parse(event.recordedAt)).toBeGreaterThan(Date.parse('2020-01-01'));
    });

    it('answers a correction to the value the figure already has with 200 and writes nothing', async () => {
      const res = await expectNothingWritten(api, () => post(api, '/api/indicators/legacy-crimes-not-migrated/figures/found-2019-10-21/corrections', { value: 611, reason: 'Reconciliation in December found seven more' }));
      expectWrite(res, { status: 200, revision: 2 });
    });

    it('refuses corrections of unknown figures or without a reason', async () => {
      await rejected('/api/indicators/legacy-crimes-not-migrated/figures/no-such-figure/corrections', { value: 1, reason: 'x' }, 404, 'FIGURE.NOT_FOUND');
      await rejected('/api/indicators/never-registered/figures/found-2019-10-21/corrections', { value: 1, reason: 'x' }, 404, 'INDICATOR.NOT_FOUND');
      await rejected('/api/indicators/legacy-crimes-not-migrated/figures/found-2019-10-21/corrections', { value: 612 }, 400, 'VALIDATION.FAILED', ['reason']);
      await rejected('/api/indicators/legacy-crimes-not-migrated/figures/found-2019-10-21/corrections', { value: 612, reason: '   ' }, 400, 'FIGURE.CORRECTION_REASON_REQUIRED', ['reason']);
      await rejected('/api/indicators/legacy-crimes-not-migrated/figures/found-2019-10-21/corrections', { value: 611.5, reason: 'x' }, 400, 'INDICATOR.VALUE_INVALID_FOR_UNIT', ['value']);
      await rejected('/api/indicators/legacy-crimes-not-migrated/figures/found-2019-10-21/corrections', { value: 612, reason: 'x', effectiveAt: '2019-12-01' }, 400, 'VALIDATION.FAILED', ['effectiveAt']);
    });
  });

  describe('POST /api/indicators/{id}/risk-assessments', () => {
    it('records the DASH grades of the 686, effective when assessed', async () => {
      const write = expectWrite(await post(api, `${DA}/risk-assessments`, riskAssessment686), { status: 201, revision: 2 });
      const [event] = await eventsOfWrite(api, write, 1);
      expect(event.type).toBe('RiskAssessed');
      expect(event.data).toEqual({ indicatorId: 'da-risk-assessment', ...riskAssessment686 });
      expect(event.effectiveAt).toBe('2019-11-04T00:00:00.000Z');
      expectCommandMetadata(event, PROGRAMME_OFFICE);
      expectWrite(await expectNothingWritten(api, () => post(api, `${DA}/risk-assessments`, riskAssessment686)), { status: 200, revision: 2 });
    });

    it('refuses counts that are not whole numbers of 0 or more, and future assessments', async () => {
      await rejected(`${DA}/risk-assessments`, { ...riskAssessment686, high: -1 }, 400, 'VALIDATION.FAILED', ['high']);
      await rejected(`${DA}/risk-assessments`, { ...riskAssessment686, medium: 1.5 }, 400, 'VALIDATION.FAILED', ['medium']);
      await rejected(`${DA}/risk-assessments`, { ...riskAssessment686, standard: 1e21 }, 400, 'RISK.COUNT_INVALID', ['standard']);
      await rejected(`${DA}/risk-assessments`, { ...riskAssessment686, assessedAt: inAnHour() }, 400, 'EFFECTIVE_TIME.IN_FUTURE', ['assessedAt']);
      await rejected('/api/indicators/never-registered/risk-assessments', riskAssessment686, 404, 'INDICATOR.NOT_FOUND');
    });
  });

  describe('POST /api/indicators/{id}/baseline-revisions', () => {
    const revision = { baseline: { value: 2, from: '2019-05-01', to: '2019-06-30', source: 'Weekly returns, May-June 2019' }, tolerance: 15, reason: 'June alone was unusually low' };

    it('revises the baseline, keeping the previous one in the event', async () => {
      const write = expectWrite(await post(api, `${DA}/baseline-revisions`, revision), { status: 201, revision: 3 });
      const [event] = await eventsOfWrite(api, write, 1);
      expect(event.type).toBe('BaselineRevised');
      expect(event.data).toEqual({ indicatorId: 'da-risk-assessment', ...revision, previousBaseline: daIndicator().baseline, previousTolerance: 10 });
      expectWrite(await expectNothingWritten(api, () => post(api, `${DA}/baseline-revisions`, revision)), { status: 200, revision: 3 });
    });

    it('refuses a revision without a reason or with a bad baseline', async () => {
      await rejected(`${DA}/baseline-revisions`, { ...revision, tolerance: 20, reason: ' ' }, 400, 'INDICATOR.BASELINE_REASON_REQUIRED', ['reason']);
      await rejected(`${DA}/baseline-revisions`, { ...revision, baseline: { ...revision.baseline, value: -3 } }, 400, 'INDICATOR.VALUE_INVALID_FOR_UNIT', ['baseline.value']);
      await rejected(`${DA}/baseline-revisions`, { ...revision, baseline: { ...revision.baseline, value: null } }, 400, 'VALIDATION.FAILED', ['baseline.value']);
      await rejected('/api/indicators/never-registered/baseline-revisions', revision, 404, 'INDICATOR.NOT_FOUND');
    });
  });

  describe('POST /api/indicators/{id}/thresholds and .../retire', () => {
    it('sets level, growth and age thresholds; an identical one again is a no-op', async () => {
      const level = expectWrite(await post(api, `${DA}/thresholds`, { thresholdId: 'level-700', kind: 'level', limit: 700 }), { revision: 4 });
      const growth = expectWrite(await post(api, `${DA}/thresholds`, { thresholdId: 'growth-weekly', kind: 'growth', limit: 10, windowDays: 7 }), { revision: 5 });
      const age = expectWrite(await post(api, `${DA}/thresholds`, { thresholdId: 'over-100-days', kind: 'age', limit: 0, windowDays: 100, inForceFrom: '2019-07-01' }), { revision: 6 });
      const events = await streamEvents(api, 'indicator-da-risk-assessment', '?fromRevision=4');
      expect(events.map((e) => [e.type, e.position])).toEqual([['ThresholdSet', level.position], ['ThresholdSet', growth.position], ['ThresholdSet', age.position]]);
      // Without inForceFrom a threshold is in force from when it is recorded.
      expect(events[0].data).toEqual({ indicatorId: 'da-risk-assessment', thresholdId: 'level-700', kind: 'level', limit: 700, inForceFrom: events[0].effectiveAt });
      expect(Math.abs(Date.parse(events[0].effectiveAt!) - Date.parse(events[0].recordedAt))).toBeLessThan(5_000);
      expect(events[2].data).toEqual({ indicatorId: 'da-risk-assessment', thresholdId: 'over-100-days', kind: 'age', limit: 0, windowDays: 100, inForceFrom: '2019-07-01' });
      expect(events[2].effectiveAt).toBe('2019-07-01T00:00:00.000Z');
      expectWrite(await expectNothingWritten(api, () => post(api, `${DA}/thresholds`, { thresholdId: 'level-700', kind: 'level', limit: 700 })), { status: 200, revision: 6 });
    });

    it('refuses inconsistent thresholds, and a different active one under the same id', async () => {
      await rejected(`${DA}/thresholds`, { thresholdId: 'level-700', kind: 'level', limit: 650 }, 409, 'THRESHOLD.ALREADY_SET', ['thresholdId']);
      await rejected(`${DA}/thresholds`, { thresholdId: 'x', kind: 'level', limit: 10, windowDays: 7 }, 400, 'THRESHOLD.WINDOW_NOT_APPLICABLE', ['windowDays']);
      await rejected(`${DA}/thresholds`, { thresholdId: 'x', kind: 'growth', limit: 10 }, 400, 'THRESHOLD.WINDOW_REQUIRED', ['windowDays']);
      await rejected(`${DA}/thresholds`, { thresholdId: 'x', kind: 'level', limit: -1 }, 400, 'THRESHOLD.LIMIT_INVALID', ['limit']);
      await rejected(`${DA}/thresholds`, { thresholdId: 'x', kind: 'rate', limit: 1 }, 400, 'VALIDATION.FAILED', ['kind']);
      await rejected(`${DA}/thresholds`, { thresholdId: 'x', kind: 'growth', limit: 1, windowDays: 0 }, 400, 'VALIDATION.FAILED', ['windowDays']);
    });

    it('retires a threshold once; retiring again is a no-op, an unknown one is a 404', async () => {
      const write = expectWrite(await post(api, `${DA}/thresholds/level-700/retire`, { reason: 'Replaced by the age threshold' }), { status: 201, revision: 7 });
      const [event] = await eventsOfWrite(api, write, 1);
      expect(event).toMatchObject({ type: 'ThresholdRetired', data: { indicatorId: 'da-risk-assessment', thresholdId: 'level-700', reason: 'Replaced by the age threshold' } });
      expectWrite(await expectNothingWritten(api, () => post(api, `${DA}/thresholds/level-700/retire`, {})), { status: 200, revision: 7 });
      await rejected(`${DA}/thresholds/no-such-threshold/retire`, {}, 404, 'THRESHOLD.NOT_FOUND');
      // Once retired, the id may be set again with new content.
      expectWrite(await post(api, `${DA}/thresholds`, { thresholdId: 'level-700', kind: 'level', limit: 650 }), { status: 201, revision: 8 });
    });
  });

  describe('POST /api/indicators/{id}/items', () => {
    const batch = {
      items: [
        { ref: 'DA-2019-000101', event: 'opened', at: '2019-07-12T08:00:00Z' },
        { ref: 'DA-2019-000102', event: 'opened', at: '2019-07-13T09:30:00Z' },
        { ref: 'DA-2019-000103', event: 'opened', at: '2019-07-14T22:10:00Z' },
        { ref: 'DA-2019-000101', event: 'graded', at: '2019-11-05T10:00:00Z', risk: 'high' },
        { ref: 'DA-2019-000102', event: 'graded', at: '2019-11-05T10:05:00Z', risk: 'standard' },
        { ref: 'DA-2019-000103', event: 'cleared', at: '2019-11-06T16:00:00Z' },
      ],
    };

    const itemStream = (ref: string) => `backlogItem-da-risk-assessment:${ref}`;

    it('records each item of a batch in its own stream, one event per line in order, under one command; the indicator stream is untouched', async () => {
      const indicatorBefore = await streamEvents(api, 'indicator-da-risk-assessment');
      const write = expectWrite(await post(api, `${DA}/items`, batch), { status: 201, streamId: itemStream('DA-2019-000103'), revision: 1 });
      const perItem = await Promise.all(['DA-2019-000101', 'DA-2019-000102', 'DA-2019-000103'].map((ref) => streamEvents(api, itemStream(ref))));
      expect(perItem.map((events) => events.map((e) => e.type))).toEqual([
        ['BacklogItemOpened', 'BacklogItemGraded'],
        ['BacklogItemOpened', 'BacklogItemGraded'],
        ['BacklogItemOpened', 'BacklogItemCleared'],
      ]);
      const events = perItem.flat();
      expect(perItem[0][1].data).toEqual({ indicatorId: 'da-risk-assessment', ref: 'DA-2019-000101', at: '2019-11-05T10:00:00Z', risk: 'high' });
      const byLine = [perItem[0][0], perItem[1][0], perItem[2][0], perItem[0][1], perItem[1][1], perItem[2][1]];
      expect(byLine.map((e) => e.effectiveAt)).toEqual(batch.items.map((line) => new Date(line.at).toISOString()));
      expect(new Set(events.map((e) => e.metadata.commandId)).size).toBe(1);
      // The answer's position is the batch's last: what waitFor needs to see every item.
      expect(String(events.map((e) => BigInt(e.position)).reduce((a, b) => (a > b ? a : b)))).toBe(write.position);
      for (const event of events) expectCommandMetadata(event, PROGRAMME_OFFICE);
      expect(await streamEvents(api, 'indicator-da-risk-assessment')).toEqual(indicatorBefore);
    });

    it('answers a re-sent batch with 200, naming its last item, and writes nothing; a regrade is recorded', async () => {
      expectWrite(await expectNothingWritten(api, () => post(api, `${DA}/items`, batch)), { status: 200, streamId: itemStream('DA-2019-000103'), revision: 1 });
      const write = expectWrite(await post(api, `${DA}/items`, { items: [{ ref: 'DA-2019-000102', event: 'graded', at: '2019-11-20T10:00:00Z', risk: 'medium' }] }), { streamId: itemStream('DA-2019-000102'), revision: 2 });
      expect((await eventsOfWrite(api, write, 1))[0].data).toMatchObject({ ref: 'DA-2019-000102', risk: 'medium' });
    });

    it('takes If-Match as the revision of the one item a batch names, and refuses it for a batch of several items', async () => {
      const regrade = (at: string, risk: string) => ({ items: [{ ref: 'DA-2019-000101', event: 'graded', at, risk }] });
      expectProblem(await expectNothingWritten(api, () => post(api, `${DA}/items`, regrade('2019-11-21', 'medium'), { ifMatch: '"0"' })), 412, 'REVISION.MISMATCH');
      expectWrite(await post(api, `${DA}/items`, regrade('2019-11-21', 'medium'), { ifMatch: '"1"' }), { streamId: itemStream('DA-2019-000101'), revision: 2 });
      expectProblem(await expectNothingWritten(api, () => post(api, `${DA}/items`, batch, { ifMatch: '"1"' })), 400, 'HEADER.IF_MATCH_INVALID', ['If-Match']);
    });

    it('takes a feed for an indicator another process registered after this one found none', async () => {
      const line = { items: [{ ref: 'L-1', event: 'opened', at: '2019-08-01' }] };
      await rejected('/api/indicators/registered-elsewhere/items', line, 404, 'INDICATOR.NOT_FOUND');
      const { id, ...rest } = daIndicator('registered-elsewhere');
      const metadata = { actor: { sub: 'programme-office-2' }, commandId: randomUUID(), correlationId: randomUUID(), effectiveAt: new Date().toISOString() };
      await api.app.get<EventStore>(EVENT_STORE).append(`indicator-${id}`, [{ id: randomUUID(), type: 'IndicatorRegistered', data: { indicatorId: id, ...rest }, metadata }]);
      expectWrite(await post(api, '/api/indicators/registered-elsewhere/items', line), { status: 201, streamId: 'backlogItem-registered-elsewhere:L-1' });
    });

    it('lands racing batches over the same items once each: every item opened once, every line decided on the latest state', async () => {
      const refs = ['R-1', 'R-2', 'R-3'];
      const opened = refs.map((ref) => ({ ref, event: 'opened', at: '2019-08-01' }));
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => post(api, `${DA}/items`, { items: [...opened, { ref: refs[i % 3], event: 'graded', at: '2019-08-02', risk: 'high' }] })));
      expect(answers.map((r) => r.status).filter((status) => status !== 200 && status !== 201)).toEqual([]);
      for (const ref of refs) expect((await streamEvents(api, itemStream(ref))).map((e) => e.type)).toEqual(['BacklogItemOpened', 'BacklogItemGraded']);
    });

    it('spells out a ref that a stream name cannot hold', async () => {
      const write = expectWrite(await post(api, `${DA}/items`, { items: [{ ref: 'DA 2019/7', event: 'opened', at: '2019-08-01' }] }), { streamId: 'backlogItem-da-risk-assessment:DA:00202019:002f7', revision: 0 });
      expect((await eventsOfWrite(api, write, 1))[0].data).toEqual({ indicatorId: 'da-risk-assessment', ref: 'DA 2019/7', at: '2019-08-01' });
    });

    it('names the line and field of a bad line, and writes none of the batch', async () => {
      const opened = { ref: 'DA-2019-000200', event: 'opened', at: '2019-08-01' };
      await rejected(`${DA}/items`, { items: [{ ...opened, risk: 'high' }] }, 400, 'ITEM.RISK_NOT_APPLICABLE', ['items[0].risk']);
      await rejected(`${DA}/items`, { items: [opened, { ref: 'DA-2019-000200', event: 'graded', at: '2019-08-02' }] }, 400, 'ITEM.RISK_REQUIRED', ['items[1].risk']);
      await rejected(`${DA}/items`, { items: [{ ...opened, event: 'graded', risk: 'critical' }] }, 400, 'VALIDATION.FAILED', ['items[0].risk']);
      await rejected(`${DA}/items`, { items: [opened, { ...opened, event: 'escalated' }] }, 400, 'VALIDATION.FAILED', ['items[1].event']);
      await rejected(`${DA}/items`, { items: [opened, { ...opened, at: inAnHour() }] }, 400, 'EFFECTIVE_TIME.IN_FUTURE', ['items[1].at']);
      await rejected(`${DA}/items`, { items: [opened, { ref: 'DA-2019-999999', event: 'graded', at: '2019-08-02', risk: 'high' }] }, 409, 'ITEM.NOT_OPENED', ['items[1].ref']);
      await rejected(`${DA}/items`, { items: [{ ref: 'DA-2019-000103', event: 'graded', at: '2019-11-07', risk: 'high' }] }, 409, 'ITEM.ALREADY_CLEARED', ['items[0].ref']);
      await rejected(`${DA}/items`, { items: [] }, 400, 'VALIDATION.FAILED', ['items']);
      await rejected('/api/indicators/never-registered/items', { items: [opened] }, 404, 'INDICATOR.NOT_FOUND');
    });
  });
});
