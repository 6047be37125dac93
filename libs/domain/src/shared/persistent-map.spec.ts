import fc from 'fast-check';
import { PersistentMap } from './persistent-map.js';

describe('PersistentMap', () => {
  it('behaves like a Map and never changes an earlier version', () => {
    const op = fc.tuple(fc.string({ maxLength: 6 }), fc.integer());
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const model = new Map<string, number>();
        let map = PersistentMap.empty<number>();
        for (const [key, value] of ops) {
          const before = map;
          const sizeBefore = before.size;
          const valueBefore = before.get(key);
          map = map.set(key, value);
          model.set(key, value);
          expect(before.size).toBe(sizeBefore);
          expect(before.get(key)).toBe(valueBefore);
        }
        expect(map.size).toBe(model.size);
        for (const [key, value] of model) expect(map.get(key)).toBe(value);
        expect(new Map(map.entries())).toEqual(model);
        expect([...map.values()].sort()).toEqual([...model.values()].sort());
      }),
    );
  });

  it('holds many keys', () => {
    const map = PersistentMap.of(Array.from({ length: 50_000 }, (_, i) => [`DA-${i}`, i] as const));
    expect(map.size).toBe(50_000);
    expect(map.get('DA-49999')).toBe(49_999);
    expect(map.has('DA-50000')).toBe(false);
  });
});
