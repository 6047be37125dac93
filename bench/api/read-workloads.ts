// The reads a dashboard makes, current and at random (asOf, knownAt), on an indicator of 400 figures.
import type autocannon from 'autocannon';

export const FIGURES = 400;
const FIRST_DAY = Date.UTC(2019, 6, 9);
const DAY = 86_400_000;

export interface ReadWorkload {
  name: string;
  path?: string;
  requests?: autocannon.Request[];
  headers?: Record<string, string>;
}

/** Registers nothing: records FIGURES figures on `indicatorId` and returns the known-time span they were recorded in. */
export async function recordFigures(base: string, headers: Record<string, string>, indicatorId: string): Promise<{ from: number; to: number; position: string }> {
  const from = Date.now();
  let position = '0';
  for (let i = 0; i < FIGURES; i += 20) {
    const batch = Array.from({ length: Math.min(20, FIGURES - i) }, (_, k) => i + k);
    const answers = await Promise.all(
      batch.map(async (n) => {
        const body = { value: 900 - n, effectiveAt: new Date(FIRST_DAY + n * DAY).toISOString().slice(0, 10), source: 'bench feed', note: `figure ${n}` };
        const res = await fetch(`${base}/api/indicators/${indicatorId}/figures`, { method: 'POST', headers, body: JSON.stringify(body) });
        if (res.status !== 201) throw new Error(`figure ${n}: ${res.status} ${await res.text()}`);
        return (await res.json()) as { position: string };
      }),
    );
    for (const a of answers) if (BigInt(a.position) > BigInt(position)) position = a.position;
  }
  return { from, to: Date.now(), position };
}

/** A random effective day among the figures and a random known time while they were being recorded. */
function randomMoment(known: { from: number; to: number }): string {
  const asOf = new Date(FIRST_DAY + Math.floor(Math.random() * FIGURES) * DAY).toISOString().slice(0, 10);
  const knownAt = new Date(known.from + Math.random() * (known.to - known.from)).toISOString();
  return `asOf=${asOf}&knownAt=${encodeURIComponent(knownAt)}`;
}

export function readWorkloads(indicatorId: string, known: { from: number; to: number }): ReadWorkload[] {
  const travelling = (path: string): autocannon.Request[] => [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `${path}?${randomMoment(known)}` }) }];
  // A dashboard that polls accepts an answer up to a second old at asOf = now.
  const polling = { 'cache-control': 'max-age=1' };
  const pinned = 'asOf=2020-08-01&knownAt=latest';
  return [
    { name: 'http-get-indicator-current', path: `/api/indicators/${indicatorId}` },
    { name: 'http-get-indicator-list-current', path: '/api/indicators' },
    { name: 'http-get-scorecard-current', path: '/api/scorecard' },
    { name: 'http-get-indicator-current-max-age-1s', path: `/api/indicators/${indicatorId}`, headers: polling },
    { name: 'http-get-indicator-list-current-max-age-1s', path: '/api/indicators', headers: polling },
    { name: 'http-get-scorecard-current-max-age-1s', path: '/api/scorecard', headers: polling },
    { name: 'http-get-indicator-pinned-asof-knownat-latest', path: `/api/indicators/${indicatorId}?${pinned}` },
    { name: 'http-get-indicator-list-pinned-asof-knownat-latest', path: `/api/indicators?${pinned}` },
    { name: 'http-get-scorecard-pinned-asof-knownat-latest', path: `/api/scorecard?${pinned}` },
    { name: 'http-get-indicator-time-travel-random', requests: travelling(`/api/indicators/${indicatorId}`) },
    { name: 'http-get-scorecard-time-travel-random', requests: travelling('/api/scorecard') },
  ];
}
