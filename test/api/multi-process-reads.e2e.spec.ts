import { describeOnServer, TEST_DATABASE_URL } from '@rm/event-store/testing';
import { eventually } from '../support/eventually.js';
import { bearer, daIndicator, startApi, type ApiHarness } from '../support/api-harness.js';
import { startSecondApi } from '../support/second-api.js';
import { expectWrite, post } from '../support/write-api.js';

type Node = Awaited<ReturnType<typeof startSecondApi>>;

describeOnServer('multi-process-reads.e2e: every API process answers reads from the shared read models', () => {
  let api: ApiHarness;
  let standby: Node;
  let readOnly: Node;
  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_URL!);
    // Started after `api`, which takes every projection group first: the two then share the groups.
    standby = await startSecondApi(api, TEST_DATABASE_URL!);
    readOnly = await startSecondApi(api, TEST_DATABASE_URL!, { PROJECTIONS: 'off' });
  });
  afterAll(async () => {
    await readOnly?.close();
    await standby?.close();
    await api?.close();
  });

  const nodes = () => ({ 'the first process': api.http, 'a second default-mode process': standby.http, 'a PROJECTIONS=off process': readOnly.http });

  it('shares the projection groups between the two default-mode processes, each holding at least one', async () => {
    const groups = await eventually(async () => {
      const res = await readOnly.http.get('/api/admin/projections').set(bearer(api.tokens.admin)).expect(200);
      const holders = (res.body.groups as { holder: string | null }[]).map((g) => g.holder);
      if (holders.includes(null) || new Set(holders).size < 2) throw new Error(`not shared yet: ${JSON.stringify(res.body.groups)}`);
      return res.body.groups as { name: string; projections: string[]; holder: string }[];
    }, { timeoutMs: 20_000 });
    expect(groups.length).toBeGreaterThanOrEqual(2);
    for (const g of groups) expect(g.holder).toMatch(/^rm-projections .+ \(backend \d+\)$/);
    const res = await api.http.get('/api/admin/projections').set(bearer(api.tokens.admin)).expect(200);
    for (const p of res.body.projections as { name: string; group: string }[]) expect(groups.find((g) => g.name === p.group)?.projections).toContain(p.name);
  });

  it('answers a write made through any process, with waitFor, from every process', async () => {
    const viaLeaseholder = expectWrite(await post(api, '/api/indicators', daIndicator('reads-a')));
    const viaStandby = expectWrite(await post({ ...api, http: standby.http }, '/api/indicators', daIndicator('reads-b')));
    const last = BigInt(viaLeaseholder.position) > BigInt(viaStandby.position) ? viaLeaseholder.position : viaStandby.position;
    for (const [name, http] of Object.entries(nodes())) {
      const res = await http.get(`/api/indicators?waitFor=${last}`).set(bearer(api.tokens.board));
      expect({ name, status: res.status }).toEqual({ name, status: 200 });
      expect(BigInt(res.body.position) >= BigInt(last)).toBe(true);
      expect((res.body.indicators as { id: string }[]).map((i) => i.id).sort()).toEqual(['reads-a', 'reads-b']);
    }
  });

  it('states the shared position without waitFor too, not position 0', async () => {
    const write = expectWrite(await post(api, '/api/indicators', daIndicator('reads-c')));
    await api.http.get(`/api/indicators?waitFor=${write.position}`).set(bearer(api.tokens.board)).expect(200);
    // A process without the lease re-reads the shared checkpoints at most every 100 ms: a bounded probe, not position 0 forever.
    for (const [name, http] of Object.entries(nodes()))
      await eventually(async () => {
        const res = await http.get('/api/indicators/reads-c').set(bearer(api.tokens.board));
        expect({ name, status: res.status }).toEqual({ name, status: 200 });
        expect(BigInt(res.body.position) >= BigInt(write.position)).toBe(true);
      }, { timeoutMs: 5_000 });
  });
});
