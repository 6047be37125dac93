import type { IndicatorDirection } from '@rm/domain';
import { breachTest, type ActiveThreshold, type EarlyWarning } from './early-warnings.fold.js';
import { DAY_MS } from './figure-series.fold.js';
import type { ItemScan } from './item-index.js';
import type { Series } from './kept-series.js';

/*
 * earlyWarningsOf's open warnings, folded over numbers in reused buffers: the same samples (a
 * point per distinct figure instant; the count of old items at each instant it changes), fed
 * one at a time through the same in-force rule and raise/clear state machine, keeping only the
 * warning still open at the end. The early-warnings fold stays the readable reference; the
 * kept-facts property spec holds the two to the same answers.
 */

/** The raise/clear state machine of one threshold: NaN measures (growth before any figure) count as not breached. */
class Watch {
  raisedAt = NaN;
  valueAtRaise = NaN;
  private started = false;
  private before = NaN;
  private any = false;

  constructor(
    private readonly t: ActiveThreshold,
    private readonly breached: (m: number) => boolean,
    private readonly asOf: number,
  ) {}

  /**
   * The next sample in time. Level and growth start at the first sample from inForceFrom on; age
   * starts with the count in force at inForceFrom (the sample before it) unless a sample falls on it.
   */
  sample(at: number, measure: number): void {
    if (!this.started) {
      if (at < this.t.inForceFrom) {
        [this.before, this.any] = [measure, true];
        return;
      }
      this.started = true;
      if (this.t.kind === 'age' && this.any && at !== this.t.inForceFrom && this.t.inForceFrom <= this.asOf) this.feed(this.t.inForceFrom, this.before);
    }
    this.feed(at, measure);
  }

  /** Whether `measure` breaches the threshold: when the last sample's does not, no warning is open at the end. */
  breachedBy(measure: number): boolean {
    return !Number.isNaN(measure) && this.breached(measure);
  }

  /** The warning open after the last sample, if any. */
  end(indicatorId: string): EarlyWarning | undefined {
    if (!this.started && this.t.kind === 'age' && this.any && this.t.inForceFrom <= this.asOf) this.feed(this.t.inForceFrom, this.before);
    if (Number.isNaN(this.raisedAt)) return undefined;
    const { thresholdId, kind, limit, windowDays } = this.t;
    return { indicatorId, thresholdId, kind, limit, windowDays, raisedAt: new Date(this.raisedAt), clearedAt: null, open: true, valueAtRaise: this.valueAtRaise };
  }

  private feed(at: number, measure: number): void {
    const breached = !Number.isNaN(measure) && this.breached(measure);
    if (breached && Number.isNaN(this.raisedAt)) [this.raisedAt, this.valueAtRaise] = [at, measure];
    else if (!breached && !Number.isNaN(this.raisedAt)) this.raisedAt = NaN;
  }
}

let points = { at: new Float64Array(1024), value: new Float64Array(1024) };
let olds = new Float64Array(1024);
let clears = new Float64Array(1024);

/** collapsed(series) into the shared point buffers: one value per distinct instant, the later known winning. */
function collapse(series: Series): number {
  if (points.at.length < series.length) points = { at: new Float64Array(series.length * 2), value: new Float64Array(series.length * 2) };
  let n = 0;
  for (let i = 0; i < series.length; i++) {
    if (n > 0 && points.at[n - 1] === series.effective[i]) points.value[n - 1] = series.value[i];
    else [points.at[n], points.value[n++]] = [series.effective[i], series.value[i]];
  }
  return n;
}

function growth(watch: Watch, n: number, windowDays: number): void {
  const window = windowDays * DAY_MS;
  const { at, value } = points;
  let last = n - 1;
  while (last >= 0 && at[last] > at[n - 1] - window) last--;
  if (n === 0 || !watch.breachedBy(last < 0 ? NaN : value[n - 1] - value[last])) return;
  for (let i = 0, j = -1; i < n; i++) {
    while (j + 1 < n && at[j + 1] <= at[i] - window) j++;
    watch.sample(at[i], j < 0 ? NaN : value[i] - value[j]);
  }
}

/** ageSamples: the count of old items at every instant it changes, from sorted instants of growing old and of clearing. */
function age(watch: Watch, items: ItemScan, windowDays: number, asOf: number): void {
  if (olds.length < items.length) [olds, clears] = [new Float64Array(items.length * 2), new Float64Array(items.length * 2)];
  let [up, down] = [0, 0];
  for (let k = 0; k < items.length; k++) {
    const old = items.pairs[2 * k] + windowDays * DAY_MS;
    if (items.pairs[2 * k + 1] <= old) continue; // NaN (open) is never <=
    if (old <= asOf) olds[up++] = old;
  }
  for (let k = 0; k < items.clearedLength; k++) {
    const cleared = items.cleared[2 * k + 1];
    if (cleared <= items.cleared[2 * k] + windowDays * DAY_MS) continue;
    if (cleared <= asOf) clears[down++] = cleared;
  }
  if (!watch.breachedBy(up - down)) return; // the count at the end, the last sample's
  const u = items.ordered ? olds : olds.subarray(0, up).sort();
  const d = items.ordered ? clears : clears.subarray(0, down).sort();
  let count = 0;
  for (let i = 0, j = 0; i < up || j < down; ) {
    const at = j >= down || (i < up && u[i] <= d[j]) ? u[i] : d[j];
    for (; i < up && u[i] === at; i++) count++;
    for (; j < down && d[j] === at; j++) count--;
    watch.sample(at, count);
  }
}

export interface OpenWarningInputs {
  indicatorId: string;
  direction: IndicatorDirection;
  /** activeThresholds of the qualifying threshold facts. */
  thresholds: readonly ActiveThreshold[];
  series: Series;
  /** The indicator's items (IndicatorItems.scan with the shortest age window in force). */
  items: ItemScan;
  asOf: number;
}

/** earlyWarningsOf(...).filter((w) => w.open), in its order. */
export function openWarningsOf(x: OpenWarningInputs): EarlyWarning[] {
  const open: EarlyWarning[] = [];
  let n = -1;
  for (const t of x.thresholds) {
    const watch = new Watch(t, breachTest(t, x.direction), x.asOf);
    if (t.kind === 'age') age(watch, x.items, t.windowDays ?? 0, x.asOf);
    else {
      if (n < 0) n = collapse(x.series);
      if (t.kind === 'growth') growth(watch, n, t.windowDays ?? 0);
      else if (n > 0 && watch.breachedBy(points.value[n - 1])) for (let i = 0; i < n; i++) watch.sample(points.at[i], points.value[i]);
    }
    const warning = watch.end(x.indicatorId);
    if (warning) open.push(warning);
  }
  return open.sort((a, b) => a.raisedAt.getTime() - b.raisedAt.getTime() || (a.thresholdId < b.thresholdId ? -1 : a.thresholdId > b.thresholdId ? 1 : 0));
}
