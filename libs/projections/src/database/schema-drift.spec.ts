import { describeOnServer, openTestStore, type TestStore } from '@rm/event-store/testing';
import { READ_MODEL_SCHEMA } from '../read-models/registry.js';
import { pendingSchemaChanges } from './schema-drift.js';

/** The entities are the tables' one description: the migrations must build exactly what they say. */
function driftSpecs(kind: 'server' | 'embedded') {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(async () => {
    await t.db.pool.query(`DROP SCHEMA IF EXISTS ${t.schema}_drift CASCADE`);
    await t?.dispose();
  });

  it('every migration applied to an empty schema leaves nothing for the schema builder to change', async () => {
    const { up } = await pendingSchemaChanges(t.db, `${t.schema}_drift`, READ_MODEL_SCHEMA);
    expect(up).toEqual([]);
  });
}

describe('read model migrations against their entities on embedded PGlite', () => driftSpecs('embedded'));
describeOnServer('read model migrations against their entities on a PostgreSQL server', () => driftSpecs('server'));
