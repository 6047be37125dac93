import type { Decider } from '@rm/domain';
import { deciderSpec } from './decider-spec.js';

type Added = { type: 'Added'; data: { n: number } };
type Add = { type: 'Add'; data: { n: number }; now: string };

class NegativeNumber extends Error {
  readonly code = 'COUNTER.NEGATIVE';
  readonly kind = 'validation';
  readonly field = 'n';
}

const counter: Decider<Add, Added, { seen: number[] }> = {
  initialState: () => ({ seen: [] }),
  evolve: (s, e) => ({ seen: [...s.seen, e.data.n] }),
  decide: ({ data }, s) => {
    if (data.n < 0) throw new NegativeNumber('negative');
    return s.seen.includes(data.n) ? [] : [{ type: 'Added', data: { n: data.n } }];
  },
};

const add = (n: number): Add => ({ type: 'Add', data: { n }, now: '2019-11-15T09:00:00Z' });
const added = (n: number): Added => ({ type: 'Added', data: { n } });
const spec = deciderSpec(counter);

describe('deciderSpec', () => {
  it('passes when the events match, the repeat is a no-op, or the error matches', () => {
    spec
      .when(add(1))
      .then([added(1)])
      .andRepeatingIsANoOp();
    spec
      .given([added(1)])
      .when(add(1))
      .thenNothing();
    spec.when(add(-1)).thenThrows(NegativeNumber, { field: 'n' });
    spec.when(add(-1)).thenThrows('COUNTER.NEGATIVE');
  });

  it('fails on other events, an unexpected error or a missing error', () => {
    expect(() => spec.when(add(1)).then([added(2)])).toThrow();
    expect(() =>
      spec
        .given([added(1)])
        .when(add(1))
        .then([added(1)]),
    ).toThrow();
    expect(() => spec.when(add(1)).thenNothing()).toThrow();
    expect(() => spec.when(add(1)).thenThrows(NegativeNumber)).toThrow(/expected an error/);
    expect(() => spec.when(add(-1)).thenThrows('COUNTER.OTHER')).toThrow();
    expect(() => spec.when(add(-1)).thenThrows(TypeError)).toThrow();
    expect(() => spec.when(add(-1)).thenThrows(NegativeNumber, { field: 'x' })).toThrow();
  });

  it('fails when events are not plain JSON', () => {
    const sloppy: Decider<Add, unknown, null> = {
      initialState: () => null,
      evolve: (s) => s,
      decide: () => [{ type: 'Added', data: { n: 1, note: undefined } }],
    };
    expect(() =>
      deciderSpec(sloppy)
        .when(add(1))
        .then([{ type: 'Added', data: { n: 1 } }]),
    ).toThrow();
  });

  it('fails when decide mutates its command', () => {
    const mutating: Decider<Add, Added, null> = {
      initialState: () => null,
      evolve: (s) => s,
      decide: (c) => {
        (c.data as { n: number }).n += 1;
        return [];
      },
    };
    expect(() => deciderSpec(mutating).when(add(1)).thenNothing()).toThrow(TypeError);
  });
});
