import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { bearer, startApi, type ApiHarness } from '../support/api-harness.js';
import { cps, daIndicator, iopsPlan, survey } from '../support/iops-fixtures.js';
import { startSecondApi } from '../support/second-api.js';
import { expectProblem, expectWrite, post, streamEvents, type PostOptions } from '../support/write-api.js';

const DA = '/api/indicators/da-risk-assessment';
const STREAM = 'indicator-da-risk-assessment';
const RACERS = 10;

describeOnServer('concurrency.e2e: racing writes on one stream, in one API process and across two', () => {
  let api: ApiHarness;
  let second: Awaited<ReturnType<typeof startSecondApi>>;
  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!);
    second = await startSecondApi(api, TEST_DATABASE_URL!);
    expectWrite(await post(api, '/api/indicators', daIndicator()));
  });
  afterAll(async () => {
    await second?.close();
    await api?.close();
  });

  const revisionOf = async () => (await streamEvents(api, STREAM)).length - 1;
  /** Sends the i-th racer through one process, or alternately through both. */
  const race = (processes: 1 | 2, request: (i: number) => { body: object; options?: PostOptions }) =>
    Promise.all(
      Array.from({ length: RACERS }, (_, i) => {
        const { body, options } = request(i);
        const node = processes === 2 && i % 2 === 1 ? { ...api, http: second.http } : api;
        return post(node, `${DA}/figures`, body, options);
      }),
    );

  describe.each([[1], [2]] as const)('with %i API process(es)', (processes) => {
    it(`lets exactly one of ${RACERS} racing writes with the same If-Match through; the rest get 412 and write nothing`, async () => {
      const revision = await revisionOf();
      const before = await api.eventCount();
      const answers = await race(processes, (i) => ({ body: { value: 500 + i, effectiveAt: '2019-11-16', source: `desk ${i}` }, options: { ifMatch: `"${revision}"` } }));
      expect(answers.map((r) => r.status).sort()).toEqual([201, ...Array(RACERS - 1).fill(412)]);
      expectWrite(answers.find((r) => r.status === 201)!, { revision: revision + 1 });
      for (const res of answers.filter((r) => r.status === 412)) expectProblem(res, 412, 'REVISION.MISMATCH');
      expect(await revisionOf()).toBe(revision + 1);
      expect(await api.eventCount()).toBe(before + 1);
    });

    it(`lands ${RACERS} racing unconditional writes at consecutive revisions, losing and doubling none`, async () => {
      const revision = await revisionOf();
      const before = await api.eventCount();
      const answers = await race(processes, (i) => ({ body: { value: 400 + i, effectiveAt: '2019-11-17', source: `desk ${i}` } }));
      const landed = answers.filter((res) => res.status === 201);
      expect(landed).toHaveLength(RACERS);
      const revisions = landed.map((res) => expectWrite(res).revision).sort((a, b) => a - b);
      expect(revisions).toEqual(Array.from({ length: landed.length }, (_, i) => revision + 1 + i));
      expect(new Set(landed.map((res) => res.body.position)).size).toBe(landed.length);
      expect(await revisionOf()).toBe(revision + landed.length);
      expect(await api.eventCount()).toBe(before + landed.length);
      const stored = (await streamEvents(api, STREAM)).slice(revision + 1).map((e) => e.data.source);
      expect(stored.sort()).toEqual(landed.map((res) => `desk ${answers.indexOf(res)}`).sort());
    });

    it(`stores the event once when ${RACERS} requests with the same Idempotency-Key and body race`, async () => {
      const revision = await revisionOf();
      const before = await api.eventCount();
      const body = { value: 300 + processes, effectiveAt: '2019-11-18', source: 'Weekly return' };
      const answers = await race(processes, () => ({ body, options: { idempotencyKey: `raced-${processes}` } }));
      const outcome = {
        statuses: answers.map((r) => r.status),
        distinctAnswers: new Set(answers.map((r) => JSON.stringify(r.body))).size,
        streamGrewBy: (await revisionOf()) - revision,
        // One FigureRecorded; the record of the completed request is kept outside the log.
        logGrewBy: (await api.eventCount()) - before,
      };
      expect(outcome).toEqual({ statuses: Array(RACERS).fill(201), distinctAnswers: 1, streamGrewBy: 1, logGrewBy: 1 });
      expectWrite(answers[0], { status: 201, revision: revision + 1 });
    });
  });

  it('lands 2 processes × 40 concurrent writes without If-Match on one indicator: all 201, exactly 80 new events', async () => {
    const revision = await revisionOf();
    const before = await api.eventCount();
    const answers = await Promise.all(
      Array.from({ length: 80 }, (_, i) => post(i % 2 ? { ...api, http: second.http } : api, `${DA}/figures`, { value: 1000 + i, effectiveAt: '2019-11-19', source: `desk ${i}` })),
    );
    expect(answers.filter((r) => r.status !== 201).map((r) => `${r.status} ${JSON.stringify(r.body)}`)).toEqual([]);
    expect(await api.eventCount()).toBe(before + 80);
    expect(await revisionOf()).toBe(revision + 80);
  });

  it('answers racing requests that share a key but not a body with one write and 422s that write nothing', async () => {
    const requests = [
      { path: '/api/indicators', body: daIndicator('da-shared-key') },
      { path: '/api/plans', body: iopsPlan('plan-shared-key') },
      { path: '/api/partners', body: cps('cps-shared-key') },
      { path: '/api/workforce/surveys', body: survey({ surveyId: 'survey-shared-key' }) },
    ];
    const answers = await Promise.all(requests.map(({ path, body }, i) => post(i % 2 ? { ...api, http: second.http } : api, path, body, { idempotencyKey: 'shared-key' })));
    const streams = ['indicator-da-shared-key', 'recoveryPlan-plan-shared-key', 'partner-cps-shared-key'];
    const found = await Promise.all(streams.map(async (id) => (await api.http.get(`/api/streams/${id}`).set(bearer(api.tokens.inspector))).status === 200));
    const workforce = await api.http.get('/api/streams/workforce-main').set(bearer(api.tokens.inspector));
    // The stream exists only if the survey was the request that won the key.
    const surveys = workforce.status === 404 ? [] : (workforce.body as { data: { surveyId?: string } }[]).filter((e) => e.data.surveyId === 'survey-shared-key');
    const outcome = { statuses: answers.map((r) => r.status).sort(), writtenRequests: [...found, surveys.length > 0].filter(Boolean).length };
    expect(outcome).toEqual({ statuses: [201, 422, 422, 422], writtenRequests: 1 });
  });
});
