import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { bearer, startApi, type ApiHarness } from '../support/api-harness.js';
import { DA_AT_INSPECTION, daIndicator } from '../support/iops-fixtures.js';
import { PROTOTYPE_KEYS } from '../support/malformed-bodies.js';
import { eventsOfWrite, expectNothingWritten, expectProblem, expectWrite, post, streamEvents, UUID } from '../support/write-api.js';

const DA = '/api/indicators/da-risk-assessment';
const STREAM = 'indicator-da-risk-assessment';
const MiB = 1024 * 1024;

/** A figure body whose JSON text is exactly `bytes` long. */
const figureOfSize = (bytes: number) => {
  const empty = JSON.stringify({ ...DA_AT_INSPECTION, note: '' });
  return JSON.stringify({ ...DA_AT_INSPECTION, note: 'x'.repeat(bytes - empty.length) });
};

describeOnServer('http-semantics.e2e: conditional writes, bodies, routes and headers', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!);
    expectWrite(await post(api, '/api/indicators', daIndicator()));
  });
  afterAll(async () => api?.close());

  const revisionOf = async (streamId: string) => (await streamEvents(api, streamId)).length - 1;

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
  });

  describe('request bodies', () => {
    it('answers 413 to a body over 1 MiB and writes nothing', async () => {
      const over = figureOfSize(MiB + 1);
      expect(Buffer.byteLength(over)).toBe(MiB + 1);
      expectProblem(await expectNothingWritten(api, () => post(api, `${DA}/figures`, over)), 413);
      expectProblem(await expectNothingWritten(api, () => post(api, `${DA}/items`, { items: Array.from({ length: 20_000 }, (_, i) => ({ ref: `DA-${i}`, event: 'opened', at: '2019-08-01' })) })), 413);
    });

    it('reads a body of exactly 1 MiB, and refuses it for its 1 MiB note', async () => {
      expectProblem(await expectNothingWritten(api, () => post(api, `${DA}/figures`, figureOfSize(MiB))), 400, 'VALIDATION.FAILED', ['note']);
    });

    it('answers 400 to malformed JSON and writes nothing', async () => {
      await expectNothingWritten(api, async () => {
        expectProblem(await post(api, `${DA}/figures`, '{"value": 686, "effectiveAt": '), 400);
        expectProblem(await post(api, `${DA}/figures`, "{'value': 686}"), 400);
        expectProblem(await post(api, `${DA}/figures`, '{"value": 686,}'), 400);
      });
    });

    it('answers 400 to JSON that is not an object, and to no body at all', async () => {
      await expectNothingWritten(api, async () => {
        expectProblem(await post(api, `${DA}/figures`, '"686"'), 400);
        expectProblem(await post(api, `${DA}/figures`, 'null'), 400);
        expectProblem(await post(api, `${DA}/figures`, '[{"value": 686}]'), 400, 'VALIDATION.FAILED', ['(body)']);
        expectProblem(await api.http.post(`${DA}/figures`).set(bearer(api.tokens['programme-office'])), 400, 'VALIDATION.FAILED');
        expectProblem(await api.http.post(`${DA}/figures`).set(bearer(api.tokens['programme-office'])).set('Content-Type', 'text/plain').send('686'), 400);
      });
    });

    it('refuses unknown fields named like Object.prototype members or prototype, at the top and nested', async () => {
      const accepted: string[] = [];
      await expectNothingWritten(api, async () => {
        for (const key of PROTOTYPE_KEYS) {
          const top = await post(api, `${DA}/figures`, `{${JSON.stringify(DA_AT_INSPECTION).slice(1, -1)}, "${key}": 1}`);
          if (top.status !== 400) accepted.push(`${key}: ${top.status}`);
          const baseline = JSON.stringify({ ...daIndicator().baseline, source: 'x' }).slice(1, -1);
          const nested = await post(api, '/api/indicators', JSON.stringify({ ...daIndicator('da-proto'), baseline: '@' }).replace('"@"', `{${baseline}, "${key}": "x"}`));
          if (nested.status !== 400) accepted.push(`baseline.${key}: ${nested.status}`);
        }
      }).catch((err: Error) => accepted.push(`something was written: ${err.message.split('\n')[0]}`));
      expect(accepted).toEqual([]);
    });

    it('answers deeply nested JSON with a 4xx problem, not a 500, with or without an Idempotency-Key', async () => {
      const depth = 2_000;
      const deepArray = `{${JSON.stringify(DA_AT_INSPECTION).slice(1, -1)}, "extra": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const deepObject = `{${JSON.stringify(DA_AT_INSPECTION).slice(1, -1)}, "note": ${'{"a":'.repeat(5 * depth)}1${'}'.repeat(5 * depth)}}`;
      const statuses = await expectNothingWritten(api, async () => [
        (await post(api, `${DA}/figures`, deepArray)).status,
        (await post(api, `${DA}/figures`, deepArray, { idempotencyKey: 'deep-array' })).status,
        (await post(api, `${DA}/figures`, deepObject)).status,
      ]);
      for (const status of statuses) expect(status >= 400 && status < 500 ? 'a 4xx' : status).toBe('a 4xx');
    });

    it('answers 415 to a JSON body in a charset that is no Unicode encoding', async () => {
      const res = await expectNothingWritten(api, () =>
        post(api, `${DA}/figures`, JSON.stringify(DA_AT_INSPECTION), { headers: { 'Content-Type': 'application/json; charset=latin1' } }));
      expectProblem(res, 415);
    });

    it('names body-parser problems with their stable codes: BODY.TOO_LARGE, BODY.MALFORMED_JSON, BODY.UNSUPPORTED_ENCODING', async () => {
      const latin1 = { headers: { 'Content-Type': 'application/json; charset=latin1' } };
      const codes = [
        JSON.parse((await post(api, `${DA}/figures`, figureOfSize(MiB + 1))).text).code,
        JSON.parse((await post(api, `${DA}/figures`, '{"value": 686,}')).text).code,
        JSON.parse((await post(api, `${DA}/figures`, JSON.stringify(DA_AT_INSPECTION), latin1)).text).code,
      ];
      expect(codes).toEqual(['BODY.TOO_LARGE', 'BODY.MALFORMED_JSON', 'BODY.UNSUPPORTED_ENCODING']);
    });

    it('refuses unknown fields at any depth (whitelist)', async () => {
      await expectNothingWritten(api, async () => {
        const nested = { ...daIndicator('da-nested'), baseline: { ...daIndicator().baseline, reportedAt: '2019-06-30' } };
        expectProblem(await post(api, '/api/indicators', nested), 400, 'VALIDATION.FAILED', ['baseline.reportedAt']);
        const line = { ref: 'DA-1', event: 'opened', at: '2019-08-01', recordedAt: '2019-08-01' };
        expectProblem(await post(api, `${DA}/items`, { items: [line] }), 400, 'VALIDATION.FAILED', ['items[0].recordedAt']);
      });
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
