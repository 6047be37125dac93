/** A figure as the read models give it: its value after corrections, with its times. */
export interface Figure {
  value: number;
  effectiveAt: Date;
  knownAt: Date;
  /** The log position: the last tie-break after known time. */
  position?: bigint;
}

/** One point of a fit: a UTC day, `x` days from asOf's day (so x ≤ 0), and that day's value. */
export interface Point {
  date: string;
  x: number;
  y: number;
}

export const DAY_MS = 86_400_000;

/** The UTC day of an instant, YYYY-MM-DD. */
export const dayOf = (d: Date | number): string => new Date(d).toISOString().slice(0, 10);

/** Whole UTC days from `from`'s day to `to`'s day. */
export const daysBetween = (from: Date | string, to: Date | string): number =>
  Math.round((Date.parse(dayText(to)) - Date.parse(dayText(from))) / DAY_MS);

/** The UTC day `days` after `day` (YYYY-MM-DD). */
export const addDays = (day: string, days: number): string => dayOf(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);

const dayText = (d: Date | string): string => (typeof d === 'string' ? `${d.slice(0, 10)}T00:00:00Z` : `${dayOf(d)}T00:00:00Z`);

const laterKnown = (a: Figure, b: Figure): number =>
  a.knownAt.getTime() - b.knownAt.getTime() || ((a.position ?? 0n) < (b.position ?? 0n) ? -1 : (a.position ?? 0n) > (b.position ?? 0n) ? 1 : 0);

/** Effective time, then known time, then position: the last of a day is the day's value. */
export const byEffective = (a: Figure, b: Figure): number => a.effectiveAt.getTime() - b.effectiveAt.getTime() || laterKnown(a, b);

/** The window `(asOf − days, asOf]` as instants. */
export const windowOf = (asOf: Date, days: number): { from: Date; to: Date; days: number } => ({ from: new Date(asOf.getTime() - days * DAY_MS), to: asOf, days });

const dayNames = new Map<number, string>();

/** dayOf the whole UTC day `day` (days since the epoch), remembered: every projection's points name their days. */
function dayName(day: number): string {
  let text = dayNames.get(day);
  if (text === undefined) {
    if (dayNames.size >= 100_000) dayNames.clear();
    dayNames.set(day, (text = dayOf(day * DAY_MS)));
  }
  return text;
}

/**
 * The points of a fit at `asOf`: the figures effective in `(asOf − windowDays, asOf]`, one per
 * UTC day (the day's last by effective time; ties: the later known), in day order.
 */
export function pointsOf(figures: readonly Figure[], asOf: Date, windowDays: number): Point[] {
  // Instants as numbers: comparing Dates converts both to primitives on every figure.
  const asOfMs = asOf.getTime();
  const fromMs = windowOf(asOf, windowDays).from.getTime();
  const inWindow = figures.filter((f) => {
    const at = f.effectiveAt.getTime();
    return at > fromMs && at <= asOfMs;
  }).sort(byEffective);
  const asOfDay = Math.floor(asOf.getTime() / DAY_MS);
  const points: Point[] = [];
  let lastDay = NaN;
  for (const f of inWindow) {
    // Whole UTC days as numbers: x is daysBetween(asOf's day, the figure's day) without parsing the day texts.
    const day = Math.floor(f.effectiveAt.getTime() / DAY_MS);
    if (day === lastDay) points[points.length - 1].y = f.value;
    else points.push({ date: dayName(day), x: day - asOfDay, y: f.value });
    lastDay = day;
  }
  return points;
}

/** The value at asOf: the last figure effective by then (ties: the later known); null without one. */
export function valueAt(figures: readonly Figure[], asOf: Date): number | null {
  const asOfMs = asOf.getTime();
  let latest: Figure | undefined;
  let latestMs = -Infinity;
  for (const f of figures) {
    const at = f.effectiveAt.getTime();
    if (!(at <= asOfMs) || at < latestMs) continue;
    if (!latest || at > latestMs || laterKnown(latest, f) < 0) {
      latest = f;
      latestMs = at;
    }
  }
  return latest?.value ?? null;
}
