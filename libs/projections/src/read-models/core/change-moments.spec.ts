import type { ReadDb } from '../../runner/projection.js';
import { KeptMoments, type MomentSource } from './change-moments.js';

const DAY = 86_400_000;
// The source below answers from a list: nothing is read through the db.
const db: ReadDb = { schema: 'unused', query: () => Promise.reject(new Error('no SQL here')) };

/** Instants logged one per position (position p at instant p days), with the offsets given. */
function source(offsetDays: number[]): MomentSource & { loads: number } {
  const s = {
    loads: 0,
    offsets: () => Promise.resolve(offsetDays.map((d) => d * DAY)),
    instants: (_: ReadDb, after: bigint, upTo: bigint, from: number) => {
      s.loads++;
      const all = Array.from({ length: Number(upTo - (after < 0n ? 0n : after)) }, (_, i) => (Number(after < 0n ? 0n : after) + i + 1) * DAY);
      return Promise.resolve(Float64Array.from(all.filter((t) => t >= from)));
    },
  };
  return s;
}

describe('kept change moments shared by another scope', () => {
  it('reaches back to what the other scope asks for, though the scope itself loaded less', async () => {
    const kept = new KeptMoments();
    const list = source([10]);
    // The scope's own horizon at day 100.5 loads instants from day 100.5 − 10 − 2 on; day 91 + 10 turns it.
    expect(await kept.horizon(db, 'indicators', list, 100n, 100.5 * DAY)).toBe(101 * DAY);
    expect([...(await kept.moments(db, 'indicators', list, 100n, 50 * DAY))]).toEqual(Array.from({ length: 51 }, (_, i) => (50 + i) * DAY));
    // Loaded far enough back now: asking again loads nothing more.
    const loads = list.loads;
    expect((await kept.moments(db, 'indicators', list, 100n, 60 * DAY))[0]).toBe(60 * DAY);
    expect(list.loads).toBe(loads);
  });

  it('answers at a later position with the instants logged since', async () => {
    const kept = new KeptMoments();
    const list = source([10]);
    await kept.moments(db, 'indicators', list, 80n, 70 * DAY);
    const later = await kept.moments(db, 'indicators', list, 90n, 70 * DAY);
    expect(later[later.length - 1]).toBe(90 * DAY);
    expect(later.length).toBe(21);
  });
});
