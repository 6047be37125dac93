import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { bearer, daIndicator, startApi, type ApiHarness } from '../support/api-harness.js';
import { post } from '../support/write-api.js';

const ID = 'da-risk-assessment';
const PAST = 'asOf=2019-11-30&knownAt=latest';

describeOnServer('kept-answers.e2e: kept read answers, ETag and 304, never an old answer after a write', () => {
  let api: ApiHarness;
  let position: string;
  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!, { WAIT_FOR_TIMEOUT_MS: '8000' });
    await post(api, '/api/indicators', daIndicator()).expect(201);
    position = (await post(api, `/api/indicators/${ID}/figures`, { value: 686, effectiveAt: '2019-11-01', source: 'fieldwork' }).expect(201)).body.position;
  });
  afterAll(async () => api?.close());

  const get = (path: string, headers: Record<string, string> = {}) => {
    let req = api.http.get(path).set(bearer(api.tokens.board));
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req;
  };
  const record = async (value: number, effectiveAt: string) =>
    (await post(api, `/api/indicators/${ID}/figures`, { value, effectiveAt, source: 'feed' }).expect(201)).body.position as string;

  it('tags an answer with its position and answers a matching If-None-Match with an empty 304', async () => {
    const first = await get(`/api/indicators/${ID}?${PAST}&waitFor=${position}`).expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(new RegExp(`^"p${first.body.position}-[A-Za-z0-9_-]+"$`));
    expect(first.headers['cache-control']).toBe('private, no-cache');
    // Pinned to the first answer's position: on a shared server the read position also moves with other sessions' commits.
    const same = `/api/indicators/${ID}?${PAST}&position=${first.body.position}`;
    const again = await get(same, { 'If-None-Match': etag }).expect(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(etag);
    await get(same, { 'If-None-Match': `W/${etag}, "other"` }).expect(304);
    const other = await get(same, { 'If-None-Match': '"p1-other"' }).expect(200);
    expect(other.body).toEqual(first.body);
  });

  it('after a write, a read with waitFor never gets the old answer, nor a 304 for it', async () => {
    const before = await get(`/api/indicators/${ID}?${PAST}&waitFor=${position}`).expect(200);
    for (let i = 1; i <= 5; i++) {
      const value = 686 - 10 * i;
      const written = await record(value, `2019-11-${String(1 + i).padStart(2, '0')}`);
      const res = await get(`/api/indicators/${ID}?${PAST}&waitFor=${written}`, { 'If-None-Match': before.headers.etag }).expect(200);
      expect(res.body.value).toBe(value);
      expect(BigInt(res.body.position) >= BigInt(written)).toBe(true);
      expect(res.headers.etag).not.toBe(before.headers.etag);
      const list = await get(`/api/indicators?${PAST}&waitFor=${written}`).expect(200);
      expect(list.body.indicators.find((x: { id: string }) => x.id === ID).value).toBe(value);
      position = written;
    }
  });

  it('reads that miss together share one computation and all get the answer at their position', async () => {
    const written = await record(550, '2019-11-15');
    const answers = await Promise.all(Array.from({ length: 20 }, () => get(`/api/scorecard?${PAST}&waitFor=${written}`).expect(200)));
    for (const a of answers) {
      expect(BigInt(a.body.position) >= BigInt(written)).toBe(true);
      // The read position may also move with other sessions' commits on a shared server: compare the rest.
      expect({ ...a.body, position: undefined }).toEqual({ ...answers[0].body, position: undefined });
    }
    const one = await get(`/api/indicators/${ID}?${PAST}&waitFor=${written}`).expect(200);
    expect(one.body.value).toBe(550);
    position = written;
  });

  it('a read without waitFor reflects the current position, the same as a fresh read', async () => {
    const written = await record(500, '2019-11-20');
    await get(`/api/indicators/${ID}?waitFor=${written}`).expect(200);
    const kept = await get(`/api/indicators/${ID}?${PAST}`).expect(200);
    expect(kept.body.value).toBe(500);
    const fresh = (await get(`/api/indicators/${ID}?${PAST}`, { 'Cache-Control': 'no-cache' }).expect(200)).body;
    expect(BigInt(kept.body.position) >= BigInt(written)).toBe(true);
    expect({ ...kept.body, position: undefined }).toEqual({ ...fresh, position: undefined });
    position = written;
  });

  it('an answer pinned at a position stays the same after later writes, marked immutable', async () => {
    const pinned = await get(`/api/scorecard?${PAST}&position=${position}&waitFor=${position}`).expect(200);
    expect(pinned.headers['cache-control']).toContain('immutable');
    const written = await record(450, '2019-11-25');
    const later = await get(`/api/scorecard?${PAST}&position=${position}&waitFor=${written}`).expect(200);
    expect(later.body).toEqual(pinned.body);
    await get(`/api/scorecard?${PAST}&position=${position}`, { 'If-None-Match': pinned.headers.etag }).expect(304);
    const current = await get(`/api/scorecard?${PAST}&waitFor=${written}`).expect(200);
    expect(current.body.position).not.toBe(pinned.body.position);
    position = written;
  });

  it('at asOf = now answers from a kept answer while it is exact, stating the moment of the reply; max-age changes nothing then', async () => {
    const a = await get(`/api/indicators/${ID}?waitFor=${position}`).expect(200);
    await new Promise((r) => setTimeout(r, 5));
    const b = await get(`/api/indicators/${ID}`).expect(200);
    expect(b.body.asOf > a.body.asOf).toBe(true);
    expect(b.body.knownAt).toBe(b.body.asOf);
    const fresh = (await get(`/api/indicators/${ID}`, { 'Cache-Control': 'no-cache' }).expect(200)).body;
    const moments = { asOf: undefined, knownAt: undefined, position: undefined };
    expect({ ...b.body, ...moments }).toEqual({ ...fresh, ...moments });
    // A weak tag of the content: the same across replies that differ only in the moment they state.
    expect(b.headers.etag).toMatch(/^W\/"p\d+-/);
    if (b.body.position === a.body.position) expect(b.headers.etag).toBe(a.headers.etag);
    await get(`/api/indicators/${ID}?position=${b.body.position}`, { 'If-None-Match': b.headers.etag }).expect(304);
    const kept = await get(`/api/indicators/${ID}`, { 'Cache-Control': 'max-age=60' }).expect(200);
    expect(kept.headers.age).toBeUndefined();
    const written = await record(400, '2019-11-28');
    const after = await get(`/api/indicators/${ID}?waitFor=${written}`, { 'Cache-Control': 'max-age=60' }).expect(200);
    expect(after.body.value).toBe(400);
    expect(after.body.asOf > kept.body.asOf).toBe(true);
  });

  it('keeps the answer, not its CSV: the CSV of a kept list is whole and untagged', async () => {
    await get(`/api/indicators?${PAST}`).expect(200);
    const csv = await get(`/api/indicators?${PAST}`, { Accept: 'text/csv' }).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers.etag).toBeUndefined();
    expect(csv.text.split('\n')[1]).toMatch(/^da-risk-assessment,/);
  });
});
