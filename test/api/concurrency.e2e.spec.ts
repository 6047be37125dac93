import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { daIndicator } from '../support/iops-fixtures.js';
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

    it(`lands every one of ${RACERS} racing unconditional writes, at consecutive revisions`, async () => {
      const revision = await revisionOf();
      const answers = await race(processes, (i) => ({ body: { value: 400 + i, effectiveAt: '2019-11-17', source: `desk ${i}` } }));
      const revisions = answers.map((res) => expectWrite(res, { status: 201 }).revision).sort((a, b) => a - b);
      expect(revisions).toEqual(Array.from({ length: RACERS }, (_, i) => revision + 1 + i));
      const positions = answers.map((res) => BigInt(res.body.position as string));
      expect(new Set(positions).size).toBe(RACERS);
      expect(await revisionOf()).toBe(revision + RACERS);
    });

    it(`stores the event once when ${RACERS} requests with the same Idempotency-Key and body race`, async () => {
      const revision = await revisionOf();
      const before = await api.eventCount();
      const body = { value: 300 + processes, effectiveAt: '2019-11-18', source: 'Weekly return' };
      const answers = await race(processes, () => ({ body, options: { idempotencyKey: `raced-${processes}` } }));
      for (const res of answers) {
        expectWrite(res, { status: 201, revision: revision + 1 });
        expect(res.body).toEqual(answers[0].body);
      }
      expect(await revisionOf()).toBe(revision + 1);
      // One FigureRecorded and one record of the completed request.
      expect(await api.eventCount()).toBe(before + 2);
    });
  });
});
