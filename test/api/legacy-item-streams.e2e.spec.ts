import { EVENT_STORE, type EventStore } from '@rm/event-store';
import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { randomUUID } from 'node:crypto';
import { bearer, daIndicator, startApi, type ApiHarness } from '../support/api-harness.js';
import { eventually } from '../support/eventually.js';
import { expectProblem, expectWrite, post, streamEvents } from '../support/write-api.js';

/**
 * Logs written before item feeds had streams of their own hold the item events in the
 * indicator's stream. Such a log still replays (the indicator's state skips them), projects
 * the same item answers as the same feed in item streams, and takes further item lines.
 */
describeOnServer('legacy-item-streams.e2e: item events in an indicator stream of an older log', () => {
  let api: ApiHarness;
  const OLD = 'da-older-log';
  const NEW = 'da-item-streams';
  const feed = [
    { ref: 'DA-1', event: 'opened', at: '2019-07-12T08:00:00Z' },
    { ref: 'DA-2', event: 'opened', at: '2019-08-20T09:30:00Z' },
    { ref: 'DA-3', event: 'opened', at: '2019-10-01T10:00:00Z' },
    { ref: 'DA-1', event: 'graded', at: '2019-11-05T10:00:00Z', risk: 'high' },
    { ref: 'DA-3', event: 'cleared', at: '2019-11-06T16:00:00Z' },
  ] as const;
  const TYPES = { opened: 'BacklogItemOpened', graded: 'BacklogItemGraded', cleared: 'BacklogItemCleared' } as const;

  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!);
    expectWrite(await post(api, '/api/indicators', daIndicator(OLD)));
    expectWrite(await post(api, '/api/indicators', daIndicator(NEW)));
    // The older layout: the feed appended to the indicator's own stream, as the former decider did.
    const commandId = randomUUID();
    const metadata = (at: string) => ({ actor: { sub: 'programme-office-1' }, commandId, correlationId: commandId, effectiveAt: new Date(at).toISOString() });
    const events = feed.map(({ ref, event, at, ...rest }) => ({
      id: randomUUID(),
      type: TYPES[event],
      data: { indicatorId: OLD, ref, at, ...rest },
      metadata: metadata(at),
    }));
    await api.app.get<EventStore>(EVENT_STORE).append(`indicator-${OLD}`, events, { expectedRevision: 0n });
    expectWrite(await post(api, `/api/indicators/${NEW}/items`, { items: feed }));
  });
  afterAll(async () => api?.close());

  const read = (id: string, query: string) =>
    eventually(async () => {
      const res = await api.http.get(`/api/indicators/${id}?${query}`).set(bearer(api.tokens.inspector));
      if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
      return res.body as { items: unknown; position: string };
    });

  it('replays the indicator: its commands decide on a state that skips the item events', async () => {
    const write = expectWrite(await post(api, `/api/indicators/${OLD}/figures`, { figureId: 'f-1', value: 3, effectiveAt: '2019-11-10', source: 'weekly return' }), { revision: 6 });
    expectWrite(await post(api, `/api/indicators/${NEW}/figures`, { figureId: 'f-1', value: 3, effectiveAt: '2019-11-10', source: 'weekly return' }), { revision: 1 });
    expect(write.streamId).toBe(`indicator-${OLD}`);
  });

  it.each(['2019-08-01', '2019-10-15', '2019-11-05T12:00:00Z', '2019-12-31', '2020-03-01'])('projects the same item answers at asOf %s as the feed in item streams', async (asOf) => {
    const head = (await read(NEW, 'knownAt=latest')).position;
    const older = await read(OLD, `asOf=${asOf}&knownAt=latest&waitFor=${head}`);
    const streams = await read(NEW, `asOf=${asOf}&knownAt=latest&waitFor=${head}`);
    expect(older.items).toEqual(streams.items);
  });

  it('states the item answers exactly: open, over 30 and 100 days, oldest', async () => {
    const { items } = await read(OLD, 'asOf=2019-11-10&knownAt=latest');
    expect(items).toMatchObject({ open: 2, over30Days: 2, over100Days: 1, oldestOpenedAt: '2019-07-12T08:00:00.000Z' });
  });

  it('continues the feed of an item opened in the older layout: idempotent, regraded, cleared, in the item stream', async () => {
    const older = `/api/indicators/${OLD}/items`;
    expectWrite(await post(api, older, { items: feed }), { status: 200, streamId: `indicator-${OLD}`, revision: 6 });
    expectProblem(await post(api, older, { items: [{ ref: 'DA-3', event: 'graded', at: '2019-11-07', risk: 'high' }] }), 409, 'ITEM.ALREADY_CLEARED');
    const write = expectWrite(await post(api, older, { items: [{ ref: 'DA-1', event: 'graded', at: '2019-11-08', risk: 'medium' }, { ref: 'DA-2', event: 'cleared', at: '2019-11-09' }] }));
    expect(write.streamId).toBe(`backlogItem-${OLD}:DA-2`);
    expect((await streamEvents(api, `backlogItem-${OLD}:DA-1`)).map((e) => e.type)).toEqual(['BacklogItemGraded']);
    expect((await streamEvents(api, `backlogItem-${OLD}:DA-2`)).map((e) => e.type)).toEqual(['BacklogItemCleared']);
    const { items } = await read(OLD, `asOf=2019-11-10&knownAt=latest&waitFor=${write.position}`);
    expect(items).toMatchObject({ open: 1, oldestOpenedAt: '2019-07-12T08:00:00.000Z' });
  });
});
