import { jsonEqual, withoutUndefined } from './json-equal.js';

describe('jsonEqual', () => {
  it('ignores key order and undefined values', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, note: undefined }, { a: 1 })).toBe(true);
  });

  it('tells different data apart', () => {
    expect(jsonEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: [] }, { a: {} })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual(undefined, [])).toBe(false);
  });

  it('drops undefined keys', () => {
    expect(withoutUndefined({ a: 1, note: undefined })).toStrictEqual({ a: 1 });
  });
});
