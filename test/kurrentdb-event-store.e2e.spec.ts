import { KurrentDbUnavailable, openKurrentDbEventStore } from '@rm/event-store';
import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { KurrentDbServerTestDouble } from '../libs/event-store/src/kurrentdb/testing/kurrentdb-server.test-double.js';
import { ConfigError, loadConfig } from '@rm/config';
import { bearer, daIndicator, startApi, type ApiHarness } from './support/api-harness.js';

describe('EVENT_STORE=kurrentdb configuration', () => {
  it('requires KURRENTDB_URL', () => {
    expect(() => loadConfig({ EVENT_STORE: 'kurrentdb', DATABASE_URL: 'postgres://x/y' })).toThrow(new ConfigError('KURRENTDB_URL: required when EVENT_STORE=kurrentdb'));
  });

  it('requires DATABASE_URL for read models and checkpoints', () => {
    expect(() => loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://localhost:2113?tls=false' })).toThrow(/^DATABASE_URL: required when EVENT_STORE=kurrentdb/);
  });
});

describeOnServer('the API with EVENT_STORE=kurrentdb (server TEST DOUBLE), read models on PostgreSQL', () => {
  it('refuses to start when KurrentDB does not answer, and never falls back to PostgreSQL', async () => {
    const started = startApi(TEST_DATABASE_URL!, { EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://127.0.0.1:1?tls=false', LOG_LEVEL: 'error' });
    const err = await started.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KurrentDbUnavailable);
    expect((err as Error).message).toMatch(/KurrentDB at kurrentdb:\/\/127\.0\.0\.1:1\?tls=false is unreachable \(/);
  });

  describe('with the server answering', () => {
    const server = new KurrentDbServerTestDouble();
    let url: string;
    let api: ApiHarness;
    beforeAll(async () => {
      url = await server.start();
      api = await startApi(TEST_DATABASE_URL!, { EVENT_STORE: 'kurrentdb', KURRENTDB_URL: url });
    });
    afterAll(async () => {
      await api?.close();
      await server.stop();
    });

    it('appends to KurrentDB, not to PostgreSQL, and projects from the KurrentDB log into PostgreSQL', async () => {
      const po = bearer(api.tokens['programme-office']);
      const created = await api.http.post('/api/indicators').set(po).send(daIndicator('kurrent-da')).expect(201);
      const figure = await api.http.post('/api/indicators/kurrent-da/figures').set(po).send({ value: 686, effectiveAt: '2019-11-01', source: 'HMICFRS fieldwork' }).expect(201);
      const log = await openKurrentDbEventStore(url);
      try {
        const stored = await log.readStream(created.body.streamId);
        expect(stored.map((e) => e.type)).toEqual(['IndicatorRegistered', 'FigureRecorded']);
        expect(String(stored[1].position)).toBe(figure.body.position);
        expect(await api.eventCount()).toBe(0);
        const read = await api.http.get(`/api/indicators/kurrent-da?waitFor=${figure.body.position}`).set(po).expect(200);
        expect(read.body).toMatchObject({ value: 686, position: figure.body.position });
        const health = await api.http.get('/health').expect(200);
        expect(health.body.eventStore.headPosition).toBe(String(await log.headPosition()));
      } finally {
        await log.close();
      }
    });
  });
});
