import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { bearer, startApi, type ApiHarness } from '../support/api-harness.js';
import { DA_AT_INSPECTION, daIndicator } from '../support/iops-fixtures.js';
import { eventsOfWrite, expectNothingWritten, expectProblem, expectWrite, post, streamEvents, UUID } from '../support/write-api.js';

const DA = '/api/indicators/da-risk-assessment';
const STREAM = 'indicator-da-risk-assessment';
const MiB = 1024 * 1024;

/** A figure body whose JSON text is exactly `bytes` long. */
const figureOfSize = (bytes: number) => {
  const empty = JSON.stringify({ ...DA_AT_INSPECTION, note: '' });
  return JSON.stringify({ ...DA_AT_INSPECTION, note: 'x'.repeat(bytes - empty.length) });
};

describeOnServer('http-semantics.e2e: idempotency, conditional writes, bodies and routes', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!);
    expectWrite(await post(api, '/api/indicators', daIndicator()));
  });
  afterAll(async () => api?.close());

  const revisionOf = async (streamId: string) => (await streamEvents(api, streamId)).length - 1;

  describe('Idempotency-Key', () => {
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

    it('stores the events once when requests with the same key and body race', async () => {
      const before = await api.eventCount();
      const revision = await revisionOf(STREAM);
      const body = { value: 610, effectiveAt: '2019-11-13', source: 'Weekly return' };
      const answers = await Promise.all(Array.from({ length: 10 }, () => post(api, `${DA}/figures`, body, { idempotencyKey: 'raced' })));
      for (const res of answers) {
        expectWrite(res, { status: 201, revision: revision + 1 });
        expect(res.body).toEqual(answers[0].body);
      }
      expect(await revisionOf(STREAM)).toBe(revision + 1);
      // One FigureRecorded and one record of the completed request.
      expect(await api.eventCount()).toBe(before + 2);
    });

    it('refuses a key that is not 1-255 visible ASCII characters', async () => {
      await expectNothingWritten(api, async () => {
        expectProblem(await post(api, `${DA}/figures`, DA_AT_INSPECTION, { idempotencyKey: 'k'.repeat(256) }), 400, 'HEADER.IDEMPOTENCY_KEY_INVALID', ['Idempotency-Key']);
        expectProblem(await post(api, `${DA}/figures`, DA_AT_INSPECTION, { idempotencyKey: 'two words' }), 400, 'HEADER.IDEMPOTENCY_KEY_INVALID');
      });
    });
  });

  describe('If-Match and ETag', () => {
    it('writes when If-Match names the current revision, and answers the new one as ETag', async () => {
      const revision = await revisionOf(STREAM);
      const res = await post(api, `${DA}/figures`, { value: 600, effectiveAt: '2019-11-14', source: 'x' }, { ifMatch: `"${revision}"` });
      expectWrite(res, { status: 201, revision: revision + 1 });
      expect(res.headers.etag).toBe(`"${revision + 1}"`);
    });

    it('answers 412 with the current ETag when If-Match is stale, and writes nothing', async () => {
      const revision = await revisionOf(STREAM);
      const res = await expectNothingWritten(api, () => post(api, `${DA}/figures`, { value: 590, effectiveAt: '2019-11-15', source: 'x' }, { ifMatch: `"${revision - 1}"` }));
      expectProblem(res, 412, 'REVISION.MISMATCH');
      expect(res.headers.etag).toBe(`"${revision}"`);
      const ahead = await expectNothingWritten(api, () => post(api, `${DA}/figures`, { value: 590, effectiveAt: '2019-11-15', source: 'x' }, { ifMatch: `"${revision + 5}"` }));
      expectProblem(ahead, 412, 'REVISION.MISMATCH');
    });

    it('answers 412 for If-Match on a stream that does not exist yet, with no ETag: there is no revision to name', async () => {
      const res = await expectNothingWritten(api, () => post(api, '/api/indicators', daIndicator('da-new'), { ifMatch: '"0"' }));
      expectProblem(res, 412, 'REVISION.MISMATCH');
      expect(res.headers.etag).toBeUndefined();
    });

    it('answers a matching no-op with 200 and the unchanged ETag', async () => {
      const revision = await revisionOf(STREAM);
      const res = await expectNothingWritten(api, () => post(api, '/api/indicators', daIndicator(), { ifMatch: `"${revision}"` }));
      expectWrite(res, { status: 200, revision });
    });

    it('refuses an If-Match that is no revision', async () => {
      await expectNothingWritten(api, async () => {
        for (const ifMatch of ['"abc"', 'yesterday', '"-1"', '"1", "2"'])
          expectProblem(await post(api, `${DA}/figures`, DA_AT_INSPECTION, { ifMatch }), 400, 'HEADER.IF_MATCH_INVALID', ['If-Match']);
      });
    });

    it('lets exactly one of 10 racing writes with the same If-Match through; the rest get 412', async () => {
      const revision = await revisionOf(STREAM);
      const before = await api.eventCount();
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => post(api, `${DA}/figures`, { value: 500 + i, effectiveAt: '2019-11-16', source: `desk ${i}` }, { ifMatch: `"${revision}"` })),
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([201, ...Array(9).fill(412)]);
      for (const res of answers.filter((r) => r.status === 412)) {
        expectProblem(res, 412, 'REVISION.MISMATCH');
        expect(res.headers.etag).toBe(`"${revision + 1}"`);
      }
      expect(await revisionOf(STREAM)).toBe(revision + 1);
      expect(await api.eventCount()).toBe(before + 1);
    });
  });

  describe('request bodies', () => {
    it('answers 413 to a body over 1 MiB and writes nothing; exactly 1 MiB is read', async () => {
      const over = figureOfSize(MiB + 1);
      expect(Buffer.byteLength(over)).toBe(MiB + 1);
      const res = await expectNothingWritten(api, () => post(api, `${DA}/figures`, over));
      expectProblem(res, 413, 'BODY.TOO_LARGE');
      // At the limit the body is parsed, and refused for its 1 MiB note.
      expectProblem(await expectNothingWritten(api, () => post(api, `${DA}/figures`, figureOfSize(MiB))), 400, 'VALIDATION.FAILED', ['note']);
    });

    it('answers 400 to malformed JSON and to JSON that is not an object', async () => {
      await expectNothingWritten(api, async () => {
        expectProblem(await post(api, `${DA}/figures`, '{"value": 686, "effectiveAt": '), 400, 'BODY.MALFORMED_JSON');
        expectProblem(await post(api, `${DA}/figures`, "{'value': 686}"), 400, 'BODY.MALFORMED_JSON');
        expectProblem(await post(api, `${DA}/figures`, '"686"'), 400);
        expectProblem(await post(api, `${DA}/figures`, 'null'), 400);
        expectProblem(await post(api, `${DA}/figures`, '[{"value": 686}]'), 400, 'VALIDATION.FAILED', ['(body)']);
        expectProblem(await api.http.post(`${DA}/figures`).set(bearer(api.tokens['programme-office'])), 400, 'VALIDATION.FAILED');
        expectProblem(await api.http.post(`${DA}/figures`).set(bearer(api.tokens['programme-office'])).set('Content-Type', 'text/plain').send('686'), 400);
      });
    });

    it('refuses unknown fields at any depth (whitelist)', async () => {
      await expectNothingWritten(api, async () => {
        const nested = { ...daIndicator('da-nested'), baseline: { ...daIndicator().baseline, reportedAt: '2019-06-30' } };
        expectProblem(await post(api, '/api/indicators', nested), 400, 'VALIDATION.FAILED', ['baseline.reportedAt']);
        const line = { ref: 'DA-1', event: 'opened', at: '2019-08-01', recordedAt: '2019-08-01' };
        expectProblem(await post(api, `${DA}/items`, { items: [line] }), 400, 'VALIDATION.FAILED', ['items[0].recordedAt']);
      });
    });

    it('answers 415 to a JSON body in a charset that is no Unicode encoding', async () => {
      const res = await expectNothingWritten(api, () =>
        post(api, `${DA}/figures`, JSON.stringify(DA_AT_INSPECTION), { headers: { 'Content-Type': 'application/json; charset=latin1' } }));
      expectProblem(res, 415, 'BODY.UNSUPPORTED_ENCODING');
    });
  });

  describe('routes and problem documents', () => {
    it('answers 404 problems to unknown routes', async () => {
      await expectNothingWritten(api, async () => {
        expectProblem(await post(api, '/api/nothing-here', {}), 404);
        expectProblem(await post(api, `${DA}/figures/extra/segments/here`, {}), 404);
        expectProblem(await post(api, `${DA}/forecasts`, {}), 404);
        expectProblem(await api.http.get('/api/nothing-here').set(bearer(api.tokens.admin)), 404);
        expectProblem(await api.http.delete(DA).set(bearer(api.tokens.admin)), 404);
      });
    });

    it('answers with an RFC 9457 problem naming its type and the request path', async () => {
      const res = await post(api, '/api/indicators/never-registered/figures?x=1', DA_AT_INSPECTION);
      const problem = expectProblem(res, 404, 'INDICATOR.NOT_FOUND');
      expect(problem).toMatchObject({ title: 'Not found', type: 'urn:recovery-monitor:problem:indicator-not-found', instance: '/api/indicators/never-registered/figures' });
    });

    it('answers every write with a decimal-string position that grows with each write', async () => {
      const a = expectWrite(await post(api, `${DA}/figures`, { value: 450, effectiveAt: '2019-11-17', source: 'x' }));
      const b = expectWrite(await post(api, '/api/indicators', daIndicator('da-second')));
      const c = expectWrite(await post(api, `${DA}/figures`, { value: 440, effectiveAt: '2019-11-18', source: 'x' }));
      expect(BigInt(b.position)).toBeGreaterThan(BigInt(a.position));
      expect(BigInt(c.position)).toBeGreaterThan(BigInt(b.position));
      expect(c.revision).toBe(a.revision + 1);
    });
  });

  describe('X-Correlation-Id and X-Causation-Id', () => {
    it('records the correlation and causation ids sent', async () => {
      const res = await post(api, `${DA}/figures`, { value: 430, effectiveAt: '2019-11-19', source: 'x' }, { correlationId: 'board-pack-2019-11', headers: { 'X-Causation-Id': 'import-run:42' } });
      const [event] = await eventsOfWrite(api, expectWrite(res), 1);
      expect(event.metadata).toMatchObject({ correlationId: 'board-pack-2019-11', causationId: 'import-run:42', commandId: expect.stringMatching(UUID) });
    });

    it('correlates a command with itself when no id is sent, with a new command id per request', async () => {
      const one = await eventsOfWrite(api, expectWrite(await post(api, `${DA}/figures`, { value: 420, effectiveAt: '2019-11-20', source: 'x' })), 1);
      const two = await eventsOfWrite(api, expectWrite(await post(api, `${DA}/figures`, { value: 410, effectiveAt: '2019-11-21', source: 'x' })), 1);
      expect(one[0].metadata.correlationId).toBe(one[0].metadata.commandId);
      expect(two[0].metadata.commandId).not.toBe(one[0].metadata.commandId);
      expect(one[0].metadata.causationId).toBeUndefined();
    });

    it('refuses a correlation id that is not 1-128 safe characters', async () => {
      await expectNothingWritten(api, async () => {
        expectProblem(await post(api, `${DA}/figures`, DA_AT_INSPECTION, { correlationId: 'has spaces in it' }), 400, 'HEADER.CORRELATION_ID_INVALID', ['X-Correlation-Id']);
        expectProblem(await post(api, `${DA}/figures`, DA_AT_INSPECTION, { correlationId: 'c'.repeat(129) }), 400, 'HEADER.CORRELATION_ID_INVALID');
      });
    });
  });
});
