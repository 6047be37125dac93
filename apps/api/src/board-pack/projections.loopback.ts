import { describeTimeTravel } from '@rm/projections';
import type { Request } from 'express';
import type { BoardProjection } from './board-pack.model.js';
import type { ProjectionSource } from './board-pack.sources.js';

/**
 * Trend projections as GET /api/projections answers them, asked of this same app with the
 * caller's token and pinned to the pack's position, so the pack shows exactly what the route
 * shows. An app without the route (404) or any failure gives a pack without projections.
 */
export function projectionsOverLoopback(req: Request): ProjectionSource {
  return async (tt) => {
    const raw = req.socket.localAddress ?? '127.0.0.1';
    const address = raw.startsWith('::ffff:') ? raw.slice(7) : raw;
    const base = `http://${address.includes(':') ? `[${address}]` : address}:${req.socket.localPort}`;
    const m = describeTimeTravel(tt);
    try {
      const res = await fetch(`${base}/api/projections?${new URLSearchParams({ asOf: m.asOf, knownAt: m.knownAt, position: m.position })}`, {
        headers: { authorization: req.headers.authorization ?? '', accept: 'application/json' },
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) return null;
      const body = (await res.json()) as { projections?: (BoardProjection & { indicatorId: string })[] };
      return new Map((body.projections ?? []).map((p) => [p.indicatorId, p]));
    } catch {
      return null;
    }
  };
}
