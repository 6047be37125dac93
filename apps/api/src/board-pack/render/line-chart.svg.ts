import type { BoardIndicator } from '../board-pack.model.js';
import { esc, monthLabel, num } from './html.js';

const W = 640;
const H = 200;
const PAD = { left: 56, right: 12, top: 12, bottom: 28 };
const DAY = 86_400_000;
const PROJECTION_HORIZON_DAYS = 365;
const MIN_SPAN_DAYS = 90;

const dayNumber = (d: string) => Math.floor(Date.parse(d.slice(0, 10)) / DAY);
const fixed = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

/**
 * One indicator as inline SVG: the daily history, the baseline, the tolerance band and, when a
 * projection is known, its fitted line to the projected return. Pure: the same indicator gives
 * the same bytes.
 */
export function lineChart(indicator: BoardIndicator, asOf: string): string {
  const end = dayNumber(asOf);
  const points = corners(indicator.history.map((p) => ({ x: dayNumber(p.date), y: p.value })));
  const projection = projectionLine(indicator, end);
  const { value: base } = indicator.baseline;
  const band = indicator.direction === 'lower-is-better' ? [base, base + indicator.tolerance] : [base - indicator.tolerance, base];
  const targetDay = indicator.projection?.targetDate ? dayNumber(indicator.projection.targetDate) : undefined;
  const xs = [...points.map((p) => p.x), end, ...projection.map((p) => p.x), ...(targetDay !== undefined && projection.length ? [targetDay] : [])];
  const ys = [...points.map((p) => p.y), ...band, ...projection.map((p) => p.y)];
  const x1 = Math.max(...xs);
  const x0 = Math.min(x1 - MIN_SPAN_DAYS, ...xs);
  const [y0, y1, step] = niceRange(Math.min(0, ...ys), Math.max(...ys));
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const sy = (y: number) => H - PAD.bottom - ((y - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const path = (ps: { x: number; y: number }[]) => ps.map((p, i) => `${i ? 'L' : 'M'}${fixed(sx(p.x))} ${fixed(sy(p.y))}`).join('');
  const parts: string[] = [];
  for (let y = y0; y <= y1 + step / 2; y += step)
    parts.push(`<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${fixed(sy(y))}" y2="${fixed(sy(y))}"/><text class="tick" x="${PAD.left - 6}" y="${fixed(sy(y) + 4)}" text-anchor="end">${num(y)}</text>`);
  for (const tick of monthTicks(x0, x1).filter((t) => sx(t.x) > PAD.left + 12 && sx(t.x) < W - PAD.right - 12))
    parts.push(`<line class="grid" x1="${fixed(sx(tick.x))}" x2="${fixed(sx(tick.x))}" y1="${PAD.top}" y2="${H - PAD.bottom}"/><text class="tick" x="${fixed(sx(tick.x))}" y="${H - 10}" text-anchor="middle">${esc(tick.label)}</text>`);
  const bandTop = sy(Math.max(...band));
  parts.push(`<rect class="band" x="${PAD.left}" y="${fixed(bandTop)}" width="${W - PAD.left - PAD.right}" height="${fixed(Math.max(1, sy(Math.min(...band)) - bandTop))}"/>`);
  parts.push(`<line class="baseline" x1="${PAD.left}" x2="${W - PAD.right}" y1="${fixed(sy(base))}" y2="${fixed(sy(base))}"/>`);
  parts.push(`<line class="asof" x1="${fixed(sx(end))}" x2="${fixed(sx(end))}" y1="${PAD.top}" y2="${H - PAD.bottom}"/>`);
  if (projection.length) parts.push(`<path class="projection" d="${path(projection)}"/>`);
  if (projection.length && targetDay !== undefined)
    parts.push(`<line class="target" x1="${fixed(sx(targetDay))}" x2="${fixed(sx(targetDay))}" y1="${PAD.top}" y2="${H - PAD.bottom}"/><text class="tick" x="${fixed(sx(targetDay) - 4)}" y="${PAD.top + 10}" text-anchor="end">target</text>`);
  if (points.length) parts.push(`<path class="history" d="${path(points)}"/>`);
  // A series of one or two figures is hard to see as a line: mark each figure.
  if (indicator.history.length <= 2) for (const p of points) parts.push(`<circle class="figure" cx="${fixed(sx(p.x))}" cy="${fixed(sy(p.y))}" r="4"/>`);
  const label = `${indicator.name}: history${projection.length ? ', projection' : ''}, baseline ${num(base)} and tolerance band`;
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}">${parts.join('')}</svg>`;
}

/** The fitted line ŷ(x) = a + b·x from the window's start to the projected return (else 90 days on). */
function projectionLine(indicator: BoardIndicator, end: number): { x: number; y: number }[] {
  const p = indicator.projection;
  if (!p || !Number.isFinite(p.intercept) || !Number.isFinite(p.slopePerDay)) return [];
  const start = -p.window.days;
  const target = p.projectedReturn?.date;
  const until = target ? Math.min(dayNumber(target) - end, PROJECTION_HORIZON_DAYS) : Math.min(90, PROJECTION_HORIZON_DAYS);
  return [start, Math.max(0, until)].map((x) => ({ x: end + x, y: p.intercept + p.slopePerDay * x }));
}

/** Daily points carry the last value forward: only the days either side of a change shape the line. */
function corners(points: { x: number; y: number }[]): { x: number; y: number }[] {
  return points.filter((p, i) => i === 0 || i === points.length - 1 || p.y !== points[i - 1].y || p.y !== points[i + 1].y);
}

/** A range from lo to hi on steps of 1, 2 or 5 × 10^k, about four steps. */
export function niceRange(lo: number, hi: number): [number, number, number] {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step || step, step];
}

/** First days of months between two day numbers, thinned to at most eight labels. */
function monthTicks(x0: number, x1: number): { x: number; label: string }[] {
  const ticks: { x: number; label: string }[] = [];
  const start = new Date(x0 * DAY);
  for (let y = start.getUTCFullYear(), m = start.getUTCMonth() + 1; ; m++) {
    if (m > 11) {
      y++;
      m = 0;
    }
    const x = Date.UTC(y, m, 1) / DAY;
    if (x > x1) break;
    ticks.push({ x, label: monthLabel(y, m) });
  }
  const every = Math.ceil(ticks.length / 8);
  return ticks.filter((_, i) => i % every === 0);
}
