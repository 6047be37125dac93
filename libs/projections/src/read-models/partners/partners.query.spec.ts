import { describeOnServer } from '@rm/event-store/testing';
import { openReadModelFixture, type ReadModelFixture } from '../../testing/read-model-fixture.js';
import {
  at,
  disposeFixture,
  event,
  imported,
  project,
  projectedLog,
} from '../plans/fact-spec.fixtures.js';
import { partnerFactsProjection } from './partner-facts.projection.js';
import { referencePartners } from './partner-reference.fold.js';
import { partners, partnersNotEngagedFor30Days } from './partners.query.js';

const registered = (partnerId: string, name: string, kind: string) =>
  event('PartnerRegistered', { partnerId, name, kind }, imported('2019-09-01T09:00:00Z'));
const engagement = (partnerId: string, engagementId: string, date: string, reportedAt?: string) =>
  event(
    'PartnerEngagementRecorded',
    {
      partnerId,
      engagementId,
      date,
      channel: 'meeting',
      topics: ['backlogs'],
      indicators: ['da-risk-assessment'],
      summary: 'Update on the iOPS backlogs',
    },
    reportedAt ? imported(reportedAt) : undefined,
  );

function partnerQuerySpecs(kind: 'server' | 'embedded') {
  let f: ReadModelFixture;
  let middle: bigint;
  let head: bigint;
  beforeAll(async () => {
    f = await openReadModelFixture(kind);
    await project(f, partnerFactsProjection, 'partner-cps', [
      registered('cps', 'Crown Prosecution Service', 'cps'),
      engagement('cps', 'cps-1', '2019-10-20', '2019-10-21T09:00:00Z'),
      engagement('cps', 'cps-2', '2019-11-10', '2019-11-10T18:00:00Z'),
    ]);
    await project(f, partnerFactsProjection, 'partner-marac', [
      registered('marac', 'MARAC', 'marac'),
      engagement('marac', 'marac-1', '2019-09-05', '2019-09-06T09:00:00Z'),
    ]);
    middle = await project(f, partnerFactsProjection, 'partner-gmvs', [
      registered('gmvs', "GM Victims' Services", 'victims-services'),
      // Back-dated: the meeting on 12 November was written up on the 20th.
      engagement('gmvs', 'gmvs-1', '2019-11-12', '2019-11-20T09:00:00Z'),
    ]);
    // Entered live today, about December 2019.
    head = await project(f, partnerFactsProjection, 'partner-cps', [
      engagement('cps', 'cps-3', '2019-12-02'),
    ]);
  });
  afterAll(async () => disposeFixture(f));

  it('at the inspection date, as known then: windows end at asOf; the late write-up is not known yet', async () => {
    expect(await partners(f.read.db, at('2019-11-15', undefined, head))).toEqual([
      {
        id: 'cps',
        name: 'Crown Prosecution Service',
        kind: 'cps',
        lastEngagement: '2019-11-10',
        engagementsLast30Days: 2,
        engagementsLast90Days: 2,
        notEngagedFor30Days: false,
      },
      {
        id: 'gmvs',
        name: "GM Victims' Services",
        kind: 'victims-services',
        lastEngagement: null,
        engagementsLast30Days: 0,
        engagementsLast90Days: 0,
        notEngagedFor30Days: true,
      },
      {
        id: 'marac',
        name: 'MARAC',
        kind: 'marac',
        lastEngagement: '2019-09-05',
        engagementsLast30Days: 0,
        engagementsLast90Days: 1,
        notEngagedFor30Days: true,
      },
    ]);
    expect(
      (await partnersNotEngagedFor30Days(f.read.db, at('2019-11-15', undefined, head))).map(
        (p) => p.id,
      ),
    ).toEqual(['gmvs', 'marac']);
  });

  it('the inspection date as known today includes the back-dated engagement', async () => {
    const today = await partners(f.read.db, at('2019-11-15', 'latest', head));
    expect(today.find((p) => p.id === 'gmvs')).toMatchObject({
      lastEngagement: '2019-11-12',
      engagementsLast30Days: 1,
      notEngagedFor30Days: false,
    });
    expect(today.find((p) => p.id === 'cps')?.lastEngagement).toBe('2019-11-10');
  });

  it('partners are unknown before they are registered as known', async () => {
    expect(await partners(f.read.db, at('2019-08-31', undefined, head))).toEqual([]);
  });

  it('every answer equals a from-scratch fold of exactly the qualifying events', async () => {
    const log = await projectedLog(f);
    const moments: [string, string | undefined][] = [
      ['2019-08-31', undefined],
      ['2019-09-05', 'latest'],
      ['2019-10-20', undefined],
      ['2019-11-15', undefined],
      ['2019-11-15', 'latest'],
      ['2019-12-10', 'latest'],
      ['2020-02-15', 'latest'],
    ];
    for (const position of [middle, head]) {
      for (const [asOf, knownAt] of moments) {
        const tt = at(asOf, knownAt, position);
        expect(await partners(f.read.db, tt)).toEqual(referencePartners(log, tt));
      }
    }
  });
}

describe('partner queries on embedded PGlite', () => partnerQuerySpecs('embedded'));
describeOnServer('partner queries on a PostgreSQL server', () => partnerQuerySpecs('server'));
