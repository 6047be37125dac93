import { LoadsUpTo } from './loads-up-to.js';

describe('loads up to a read position', () => {
  it('loads each span of the log once, in order, reads racing to a position sharing one load', async () => {
    const spans: string[] = [];
    const loads = new LoadsUpTo(async (after, through) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      spans.push(`${after}-${through}`);
    });
    await Promise.all([loads.upTo(5n), loads.upTo(3n), loads.upTo(5n), loads.upTo(9n), loads.upTo(7n)]);
    await loads.upTo(4n);
    expect(spans).toEqual(['0-5', '5-9']);
    expect(loads.loaded).toBe(9n);
  });

  it('leaves the position where it was when a load fails, and the next read past it tries again', async () => {
    const spans: string[] = [];
    let fail = true;
    const loads = new LoadsUpTo(async (after, through) => {
      if (fail) throw new Error('connection lost');
      spans.push(`${after}-${through}`);
    });
    await expect(loads.upTo(4n)).rejects.toThrow('connection lost');
    expect(loads.loaded).toBe(0n);
    fail = false;
    await loads.upTo(4n);
    expect(spans).toEqual(['0-4']);
    expect(loads.loaded).toBe(4n);
  });
});
