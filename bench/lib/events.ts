import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@rm/event-store';

/** One row as both the store and the raw reference write it. */
export interface BenchEvent extends NewEvent {
  data: FigureData;
  metadata: {
    actor: { sub: string; name: string };
    commandId: string;
    correlationId: string;
    effectiveAt: string;
  };
}

export interface FigureData {
  [key: string]: unknown;
  indicatorId: string;
  value: number;
  effectiveAt: string;
  unit: string;
  scope: string;
  source: string;
  note: string;
}

const SOURCES = ['daily ops report', 'partner dashboard', 'manual count', 'ticket export'];
const SCOPES = ['site-north/ward-3', 'site-south/outpatients', 'central/pharmacy'];
const NOTES = [
  'Backlog figure from the morning stand-up, confirmed against the ticket system export.',
  'Recount after the weekend batch: duplicates removed, two late items added by the service desk.',
  'Figure reported by the partner team lead; matches the numbers in the shared dashboard snapshot.',
];
const ACTORS = [
  { sub: 'user-7f3a', name: 'Dana Whitfield' },
  { sub: 'user-1c9e', name: 'Sam Okafor' },
  { sub: 'user-42bd', name: 'Ruth Lindqvist' },
];

const BASE = Date.UTC(2025, 0, 6, 8, 0, 0);

/** A realistic FigureRecorded event: ~300 bytes of data, ~190 bytes of metadata as JSON. */
export function figureRecorded(i: number): BenchEvent {
  const effectiveAt = new Date(BASE + i * 60_000).toISOString();
  return {
    id: randomUUID(),
    type: 'FigureRecorded',
    data: {
      indicatorId: INDICATORS[i % INDICATORS.length],
      value: (i * 7919) % 1000,
      effectiveAt,
      unit: 'open items',
      scope: SCOPES[i % SCOPES.length],
      source: SOURCES[i % SOURCES.length],
      note: NOTES[i % NOTES.length],
    },
    metadata: {
      actor: ACTORS[i % ACTORS.length],
      commandId: randomUUID(),
      correlationId: randomUUID(),
      effectiveAt,
    },
  };
}

const INDICATORS = Array.from({ length: 50 }, () => randomUUID());

/** `count` fresh events, generated before any timing starts. */
export function makeEvents(count: number, offset = 0): BenchEvent[] {
  return Array.from({ length: count }, (_, i) => figureRecorded(offset + i));
}

/** The minimal fold every reader applies: sum a numeric field of the data. */
export function foldValue(sum: number, data: { value?: unknown }): number {
  return sum + (data.value as number);
}

/** The expected fold over a set of events, to check that every reader saw all of them. */
export function expectedSum(events: readonly BenchEvent[]): number {
  let sum = 0;
  for (const e of events) sum += e.data.value;
  return sum;
}
