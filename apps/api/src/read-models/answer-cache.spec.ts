import { AnswerCache } from './answer-cache.js';

describe('AnswerCache', () => {
  it('tags an answer with its position and a digest of its JSON', () => {
    const cache = new AnswerCache();
    const a = cache.put('k1', { value: 1, position: '7' }, '7', 0);
    const b = cache.put('k2', { value: 1, position: '7' }, '7', 0);
    const c = cache.put('k3', { value: 2, position: '7' }, '7', 0);
    expect(a.etag).toMatch(/^"p7-[A-Za-z0-9_-]{22}"$/);
    expect(b.etag).toBe(a.etag);
    expect(c.etag).not.toBe(a.etag);
    expect(cache.get('k1')?.json).toBe('{"value":1,"position":"7"}');
  });

  it('drops the least recently used answer first once 2,000 are kept', () => {
    const cache = new AnswerCache();
    for (let i = 0; i < 2000; i++) cache.put(`k${i}`, { i }, '1', 0);
    expect(cache.get('k0')).toBeDefined();
    cache.put('k2000', { i: 2000 }, '1', 0);
    expect(cache.get('k0')).toBeDefined();
    expect(cache.get('k1')).toBeUndefined();
    expect(cache.get('k2000')).toBeDefined();
  });

  it('does not keep an answer larger than an eighth of its budget, but still tags it', () => {
    const cache = new AnswerCache();
    const huge = cache.put('big', { text: 'x'.repeat(5 * 1024 * 1024) }, '3', 0);
    expect(huge.etag).toMatch(/^"p3-/);
    expect(cache.get('big')).toBeUndefined();
  });
});
