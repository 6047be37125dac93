import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { DA_AT_INSPECTION, daIndicator } from '../support/iops-fixtures.js';
import { eventsOfWrite, expectNothingWritten, expectProblem, expectWrite, post, streamEvents } from '../support/write-api.js';

const DA = '/api/indicators/da-risk-assessment';
const STREAM = 'indicator-da-risk-assessment';

describeOnServer('idempotency.e2e: Idempotency-Key replays the first answer and writes nothing twice', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!);
    expectWrite(await post(api, '/api/indicators', daIndicator()));
    expectWrite(await post(api, '/api/indicators', { ...daIndicator('999-answer-time'), unit: 'seconds' }));
  });
  afterAll(async () => api?.close());

  const revisionOf = async (streamId: string) => (await streamEvents(api, streamId)).length - 1;

  it('replays the first response for the same key and body, writing nothing', async () => {
    const body = { value: 650, effectiveAt: '2019-11-08', source: 'Weekly return' };
    const first = await post(api, `${DA}/figures`, body, { idempotencyKey: 'figure-2019-11-08' });
    const write = expectWrite(first, { status: 201 });
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await expectNothingWritten(api, () => post(api, `${DA}/figures`, { source: body.source, effectiveAt: body.effectiveAt, value: body.value }, { idempotencyKey: 'figure-2019-11-08' }));
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const figures = (await streamEvents(api, STREAM)).filter((e) => e.data.figureId === write.figureId);
    expect(figures).toHaveLength(1);
  });

  it('refuses the same key with a different body or on another route: 422, nothing written', async () => {
    await expectNothingWritten(api, async () => {
      expectProblem(await post(api, `${DA}/figures`, { value: 651, effectiveAt: '2019-11-08', source: 'Weekly return' }, { idempotencyKey: 'figure-2019-11-08' }), 422, 'IDEMPOTENCY_KEY.REUSED');
      expectProblem(await post(api, '/api/indicators/999-answer-time/figures', { value: 650, effectiveAt: '2019-11-08', source: 'Weekly return' }, { idempotencyKey: 'figure-2019-11-08' }), 422, 'IDEMPOTENCY_KEY.REUSED');
    });
  });

  it('replays a first answer that was a no-op as that no-op', async () => {
    const first = expectWrite(await post(api, '/api/indicators', daIndicator(), { idempotencyKey: 'register-again' }), { status: 200 });
    const again = await expectNothingWritten(api, () => post(api, '/api/indicators', daIndicator(), { idempotencyKey: 'register-again' }));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('scopes keys to the caller: another user\'s request under the same key is a new command', async () => {
    const body = { value: 640, effectiveAt: '2019-11-09', source: 'Weekly return' };
    const mine = expectWrite(await post(api, `${DA}/figures`, body, { idempotencyKey: 'shared-key' }));
    const theirs = await post(api, `${DA}/figures`, body, { idempotencyKey: 'shared-key', role: 'admin' });
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    const write = expectWrite(theirs, { status: 201, revision: mine.revision + 1 });
    expect(write.figureId).not.toBe(mine.figureId);
    expect((await eventsOfWrite(api, write, 1))[0].metadata.actor).toMatchObject({ sub: 'admin-1' });
  });

  it('records nothing for a rejected request, so its key stays free', async () => {
    await expectNothingWritten(api, async () => {
      expectProblem(await post(api, `${DA}/figures`, { value: -5, effectiveAt: '2019-11-10', source: 'x' }, { idempotencyKey: 'first-try-failed' }), 400);
      expectProblem(await post(api, '/api/indicators/never-registered/figures', DA_AT_INSPECTION, { idempotencyKey: 'first-try-failed' }), 404);
    });
    const res = await post(api, `${DA}/figures`, { value: 630, effectiveAt: '2019-11-10', source: 'x' }, { idempotencyKey: 'first-try-failed' });
    expectWrite(res, { status: 201 });
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('replays a conditional write even after the stream moved on, instead of answering 412', async () => {
    const revision = await revisionOf(STREAM);
    const body = { value: 620, effectiveAt: '2019-11-11', source: 'x' };
    const first = expectWrite(await post(api, `${DA}/figures`, body, { idempotencyKey: 'conditional', ifMatch: `"${revision}"` }), { revision: revision + 1 });
    expectWrite(await post(api, `${DA}/figures`, { value: 615, effectiveAt: '2019-11-12', source: 'x' }));
    const again = await expectNothingWritten(api, () => post(api, `${DA}/figures`, body, { idempotencyKey: 'conditional', ifMatch: `"${revision}"` }));
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first);
  });

  it('refuses a key that is not 1-255 visible ASCII characters', async () => {
    await expectNothingWritten(api, async () => {
      expectProblem(await post(api, `${DA}/figures`, DA_AT_INSPECTION, { idempotencyKey: 'k'.repeat(256) }), 400, 'HEADER.IDEMPOTENCY_KEY_INVALID', ['Idempotency-Key']);
      expectProblem(await post(api, `${DA}/figures`, DA_AT_INSPECTION, { idempotencyKey: 'two words' }), 400, 'HEADER.IDEMPOTENCY_KEY_INVALID');
    });
  });
});
