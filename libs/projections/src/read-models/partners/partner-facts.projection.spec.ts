import { describeOnServer } from '@rm/event-store/testing';
import { openReadModelFixture, type ReadModelFixture } from '../../testing/read-model-fixture.js';
import { disposeFixture, event, idempotenceSpecs, imported, project, tableRows } from '../plans/fact-spec.fixtures.js';
import { partnerFactsProjection } from './partner-facts.projection.js';

const TABLES = ['rm_partner_registered', 'rm_partner_engagements'];

function partnerFactSpecs(kind: 'server' | 'embedded') {
  let f: ReadModelFixture;
  beforeAll(async () => {
    f = await openReadModelFixture(kind);
  });
  afterAll(async () => disposeFixture(f));

  const rowAt = async (table: string, position: bigint) =>
    (await tableRows(f, table)).find((r) => r.position === String(position));

  it('projects PartnerRegistered as a definition, known when recorded', async () => {
    const position = await project(f, partnerFactsProjection, 'partner-cps', [
      event('PartnerRegistered', {
        partnerId: 'cps',
        name: 'Crown Prosecution Service',
        kind: 'cps',
      }),
    ]);
    const row = await rowAt('rm_partner_registered', position);
    expect(row).toMatchObject({
      partner_id: 'cps',
      name: 'Crown Prosecution Service',
      kind: 'cps',
    });
    expect(row?.known_at).toBe(row?.effective_at);
  });

  it('projects PartnerEngagementRecorded, effective on its own date and known when reported', async () => {
    const data = {
      partnerId: 'cps',
      engagementId: 'e-1',
      date: '2019-11-10',
      channel: 'meeting',
      topics: ['court files'],
      indicators: ['court-file-throughput'],
      summary: 'Weekly file-transfer call',
    };
    const position = await project(f, partnerFactsProjection, 'partner-cps', [
      event('PartnerEngagementRecorded', data, imported('2019-11-11T09:00:00Z')),
    ]);
    expect(await rowAt('rm_partner_engagements', position)).toMatchObject({
      partner_id: 'cps',
      engagement_id: 'e-1',
      date: '2019-11-10',
      topics: ['court files'],
      indicators: ['court-file-throughput'],
      effective_at: '2019-11-10T00:00:00.000Z',
      known_at: '2019-11-11T09:00:00.000Z',
    });
  });

  idempotenceSpecs(() => f, partnerFactsProjection, TABLES, 'rm_partner_engagements', 'indicator-marac-referrals');
}

describe('partner-facts.v1 on embedded PGlite', () => partnerFactSpecs('embedded'));
describeOnServer('partner-facts.v1 on a PostgreSQL server', () => partnerFactSpecs('server'));
