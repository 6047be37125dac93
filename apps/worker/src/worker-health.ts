import { createServer, type Server } from 'node:http';

export interface WorkerStatus {
  /** False once the last check of the database failed: the orchestrator should replace this worker. */
  ready: boolean;
  /** The projection groups this worker holds now. */
  groups: string[];
  generation: number;
  position: string;
}

/** GET /health for container health checks: 200 while ready (projecting or standing by), else 503. */
export function serveWorkerHealth(port: number, status: () => WorkerStatus): Server {
  return createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/health') return void res.writeHead(404).end();
    const body = status();
    res.writeHead(body.ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ...body, leaseHeld: body.groups.length > 0, role: body.groups.length > 0 ? 'projecting' : 'standing-by' }));
  }).listen(port);
}
