/**
 * The events of the read benchmark, shaped exactly as the API writes them: the domain event's
 * data, and metadata as CommandRunner.toNewEvent builds it (actor, commandId, correlationId,
 * effectiveAt), plus imported/reportedAt on history that was imported.
 */
import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '@rm/event-store';

export const DAY = 86_400_000;

/** A small, fast, seeded PRNG (mulberry32): the same data on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ACTORS = [
  { sub: 'u-3f9a1c', name: 'Dana Whitfield' },
  { sub: 'u-81b2e4', name: 'Sam Okafor' },
  { sub: 'u-c07d55', name: 'Ruth Lindqvist' },
  { sub: 'svc-feed-import' },
];

export const iso = (ms: number): string => new Date(ms).toISOString();
export const dayText = (ms: number): string => iso(ms).slice(0, 10);

/**
 * One event as CommandRunner writes it. `effectiveAt` is the event's own date field as an instant
 * (undefined for undated events: the command's time); `knownMs` is when the organisation knew it.
 * Events known before `liveFrom` were imported: metadata imported and reportedAt (their known time).
 */
export function newEvent(type: string, data: Record<string, unknown>, effectiveAt: string | undefined, knownMs: number, liveFrom: number, actor: number): NewEvent {
  const metadata: EventMetadata = {
    actor: ACTORS[actor % ACTORS.length],
    commandId: randomUUID(),
    correlationId: randomUUID(),
    effectiveAt: effectiveAt ?? iso(knownMs),
  };
  if (knownMs < liveFrom) {
    metadata.imported = true;
    metadata.reportedAt = iso(knownMs);
  }
  return { id: randomUUID(), type, data, metadata };
}

export const TOPICS = [
  'crime-reports-awaiting-review', 'da-risk-assessment', 'missing-person-reports', 'custody-records-open', 'warrants-unexecuted',
  'intel-submissions-unprocessed', 'digital-forensics-queue', 'firearms-licences-pending', 'court-files-late', 'victim-updates-overdue',
  'stop-search-records-incomplete', 'property-items-unlinked', 'case-files-rejected', 'bail-checks-overdue', 'safeguarding-referrals',
  'call-answer-time', 'crime-recording-rate', 'marac-referrals', 'legacy-crimes-not-migrated', 'duplicate-nominals',
  'ppn-submissions', 'collision-reports', 'asb-incidents-open', 'disclosure-schedules', 'vetting-applications',
];

export const NOTES = [
  'Figure from the morning stand-up, confirmed against the overnight export.',
  'Recount after the weekend batch: duplicates removed.',
  'Partner dashboard figure; matches the shared snapshot.',
];

export const SOURCES = ['Daily performance pack', 'Niche RMS export', 'Control room MI', 'Force crime registrar'];
export const CHANNELS = ['meeting', 'email', 'call', 'written-briefing'];
export const PARTNER_KINDS = ['cps', 'court', 'childrens-social-care', 'marac', 'victims-services', 'other'];
