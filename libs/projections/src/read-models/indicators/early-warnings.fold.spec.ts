import { itemLifecycles } from './backlog-items.fold.js';
import { earlyWarningsOf, type WarningInputs } from './early-warnings.fold.js';
import type { QualifyingFigure } from './figure-series.fold.js';
import type { ItemFact, ThresholdFact } from './indicator-facts.model.js';

const at = (day: string) => new Date(`${day}T00:00:00Z`);
let position = 0n;
const next = () => ++position;

const figure = (day: string, value: number, knownDay = day): QualifyingFigure => ({
  figureId: `f-${next()}`,
  value,
  effectiveAt: at(day),
  knownAt: at(knownDay),
  position,
});
const threshold = (thresholdId: string, kind: ThresholdFact['kind'], limit: number, windowDays?: number, knownDay = '2019-07-01'): ThresholdFact => ({
  indicatorId: 'i',
  position: next(),
  knownAt: at(knownDay),
  thresholdId,
  event: 'set',
  kind,
  limit,
  windowDays,
});
const retired = (thresholdId: string, knownDay: string): ThresholdFact => ({
  indicatorId: 'i',
  position: next(),
  knownAt: at(knownDay),
  thresholdId,
  event: 'retired',
});
const item = (ref: string, event: ItemFact['event'], day: string): ItemFact => ({
  indicatorId: 'i',
  position: next(),
  knownAt: at(day),
  ref,
  event,
  at: at(day),
});

const warnings = (inputs: Partial<WarningInputs>) =>
  earlyWarningsOf({ indicatorId: 'i', direction: 'lower-is-better', thresholds: [], series: [], items: [], asOf: at('2020-01-01'), ...inputs }).map((w) => ({
    id: w.thresholdId,
    raisedAt: w.raisedAt.toISOString().slice(0, 10),
    clearedAt: w.clearedAt?.toISOString().slice(0, 10) ?? null,
    open: w.open,
    valueAtRaise: w.valueAtRaise,
  }));

describe('early warnings fold', () => {
  it('raises a level warning when a figure goes beyond the limit and clears it when one comes back', () => {
    const series = [figure('2019-09-01', 450), figure('2019-11-01', 686), figure('2019-11-20', 700), figure('2019-12-01', 300), figure('2019-12-10', 520)];
    expect(warnings({ thresholds: [threshold('level', 'level', 500)], series })).toEqual([
      { id: 'level', raisedAt: '2019-11-01', clearedAt: '2019-12-01', open: false, valueAtRaise: 686 },
      { id: 'level', raisedAt: '2019-12-10', clearedAt: null, open: true, valueAtRaise: 520 },
    ]);
  });

  it('reads a level limit as a floor when higher is better', () => {
    const series = [figure('2019-08-01', 60), figure('2019-09-01', 40), figure('2019-10-01', 50)];
    const found = warnings({ direction: 'higher-is-better', thresholds: [threshold('floor', 'level', 50)], series });
    expect(found).toEqual([{ id: 'floor', raisedAt: '2019-09-01', clearedAt: '2019-10-01', open: false, valueAtRaise: 40 }]);
  });

  it('judges a tie on one instant by the later known figure only', () => {
    const series = [figure('2019-11-01', 686, '2019-11-02'), figure('2019-11-01', 100, '2019-12-01')];
    expect(warnings({ thresholds: [threshold('level', 'level', 500)], series })).toEqual([]);
  });

  it('raises a growth warning on a rise over the window greater than the limit, from the value in force a window earlier', () => {
    const series = [figure('2019-08-01', 120), figure('2019-08-20', 300), figure('2019-09-01', 450), figure('2019-10-15', 470), figure('2019-11-01', 700)];
    expect(warnings({ thresholds: [threshold('growth', 'growth', 200, 30)], series })).toEqual([
      { id: 'growth', raisedAt: '2019-09-01', clearedAt: '2019-10-15', open: false, valueAtRaise: 330 },
      { id: 'growth', raisedAt: '2019-11-01', clearedAt: null, open: true, valueAtRaise: 250 },
    ]);
  });

  it('watches for a fall beyond a negative growth limit', () => {
    const series = [figure('2019-06-01', 100), figure('2019-07-20', 40), figure('2019-09-01', 45)];
    const found = warnings({ direction: 'higher-is-better', thresholds: [threshold('fall', 'growth', -50, 28)], series });
    expect(found).toEqual([{ id: 'fall', raisedAt: '2019-07-20', clearedAt: '2019-09-01', open: false, valueAtRaise: -60 }]);
  });

  it('raises an age warning when more than limit open items are at least windowDays old, at the moment they age', () => {
    const lines = [
      item('a', 'opened', '2019-09-01'),
      item('b', 'opened', '2019-10-20'),
      item('b', 'cleared', '2019-11-10'),
      item('a', 'cleared', '2019-12-05'),
    ];
    const found = warnings({ thresholds: [threshold('age', 'age', 0, 30)], items: itemLifecycles(lines) });
    expect(found).toEqual([{ id: 'age', raisedAt: '2019-10-01', clearedAt: '2019-12-05', open: false, valueAtRaise: 1 }]);
  });

  it('does not raise an age warning for an item that ages after asOf', () => {
    const found = warnings({ thresholds: [threshold('age', 'age', 0, 30)], items: itemLifecycles([item('a', 'opened', '2019-12-15')]) });
    expect(found).toEqual([]);
  });

  it('applies the thresholds in force as known: a retired one raises nothing, a re-set one uses its new limit', () => {
    const series = [figure('2019-11-01', 686)];
    const thresholds = [threshold('level', 'level', 500, undefined, '2019-07-01'), retired('level', '2019-12-01')];
    expect(warnings({ thresholds, series })).toEqual([]);
    const reset = [...thresholds, { ...threshold('level', 'level', 600, undefined, '2019-12-02'), inForceFrom: at('2019-07-01') }];
    expect(warnings({ thresholds: reset, series })).toEqual([{ id: 'level', raisedAt: '2019-11-01', clearedAt: null, open: true, valueAtRaise: 686 }]);
  });

  it('evaluates a threshold only on figures from its inForceFrom (a setting without one: from when it was known)', () => {
    const series = [figure('2019-10-01', 700), figure('2019-11-01', 650), figure('2019-11-15', 400)];
    const from = (day: string) => ({ ...threshold('level', 'level', 500, undefined, '2019-12-01'), inForceFrom: at(day) });
    expect(warnings({ thresholds: [from('2019-10-15')], series })).toEqual([{ id: 'level', raisedAt: '2019-11-01', clearedAt: '2019-11-15', open: false, valueAtRaise: 650 }]);
    expect(warnings({ thresholds: [from('2019-09-01')], series })).toEqual([{ id: 'level', raisedAt: '2019-10-01', clearedAt: '2019-11-15', open: false, valueAtRaise: 700 }]);
    expect(warnings({ thresholds: [threshold('level', 'level', 500, undefined, '2019-11-10')], series })).toEqual([]);
  });

  it('starts an age threshold from the count of old items at its inForceFrom', () => {
    const items = itemLifecycles([item('a', 'opened', '2019-08-01'), item('b', 'opened', '2019-08-02'), item('b', 'cleared', '2019-11-20')]);
    const age = { ...threshold('age', 'age', 1, 30), inForceFrom: at('2019-11-01') };
    expect(warnings({ thresholds: [age], items })).toEqual([{ id: 'age', raisedAt: '2019-11-01', clearedAt: '2019-11-20', open: false, valueAtRaise: 2 }]);
  });
});
