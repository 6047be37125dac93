import type { AddressInfo } from 'node:net';
import { serveWorkerHealth, type WorkerStatus } from './worker-health.js';

describe('the worker health endpoint', () => {
  it('answers 200 while ready (projecting or standing by), 503 once not, 404 elsewhere', async () => {
    let status: WorkerStatus = { ready: true, groups: [], generation: 1, position: '0' };
    const server = serveWorkerHealth(0, () => status);
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const standing = await fetch(`${url}/health`);
      expect(standing.status).toBe(200);
      expect(await standing.json()).toEqual({ ready: true, groups: [], leaseHeld: false, generation: 1, position: '0', role: 'standing-by' });
      status = { ready: true, groups: ['plans'], generation: 2, position: '42' };
      expect(await (await fetch(`${url}/health`)).json()).toMatchObject({ role: 'projecting', groups: ['plans'], leaseHeld: true, position: '42' });
      status = { ...status, ready: false };
      expect((await fetch(`${url}/health`)).status).toBe(503);
      expect((await fetch(`${url}/other`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
