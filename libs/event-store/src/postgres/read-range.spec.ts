import { randomUUID } from 'node:crypto';
import { describeOnServer, openTestStore, type TestStore } from '../testing/test-database.js';

function readRangeSpecs(kind: 'server' | 'embedded') {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
    for (let i = 0; i < 23; i++) await t.store.append(`s-${i % 4}`, [{ id: randomUUID(), type: i % 3 === 0 ? 'Skipped' : 'Wanted', data: { i } }]);
  });
  afterAll(async () => t?.dispose());

  it('answers the events of the range, of the types asked for, in pages of the size asked for, as readAll does', async () => {
    const all = await t.store.readAll({ limit: 100 });
    const [after, through] = [all[2].position, all[19].position];
    const pages = [];
    for await (const page of t.store.readRange({ after, through, types: ['Wanted'], pageSize: 4 })) pages.push(page);
    const expected = all.filter((e) => e.position > after && e.position <= through && e.type === 'Wanted');
    expect(expected.length).toBe(11);
    expect(pages.map((p) => p.length)).toEqual([4, 4, 3]);
    expect(pages.flat()).toEqual(expected);
  });

  it('answers nothing for an empty range', async () => {
    const head = await t.store.headPosition();
    const pages = [];
    for await (const page of t.store.readRange({ after: head, through: head, pageSize: 4 })) pages.push(page);
    expect(pages).toEqual([]);
  });
}

describe('readRange on embedded PGlite', () => readRangeSpecs('embedded'));
describeOnServer('readRange on a PostgreSQL server', () => readRangeSpecs('server'));
