import {
  backlogItemStream,
  idInStream,
  indicatorStream,
  parseStreamName,
  partnerStream,
  recoveryPlanStream,
  streamCategory,
  workforceStream,
} from '../index.js';

describe('stream names', () => {
  it('builds one stream name per category', () => {
    expect(indicatorStream('da-risk-assessment')).toBe('indicator-da-risk-assessment');
    expect(recoveryPlanStream('2019')).toBe('recoveryPlan-2019');
    expect(partnerStream('cps-gm')).toBe('partner-cps-gm');
    expect(workforceStream()).toBe('workforce-main');
  });

  it('parses at the first dash, so ids may contain dashes', () => {
    expect(parseStreamName('indicator-da-risk-assessment')).toEqual({
      category: 'indicator',
      id: 'da-risk-assessment',
    });
    expect(streamCategory('recoveryPlan-iops-2019')).toBe('recoveryPlan');
    expect(idInStream('partner-cps-gm', 'partner')).toBe('cps-gm');
    expect(idInStream('partner-cps-gm', 'indicator')).toBeUndefined();
  });

  it.each(['indicator', 'indicator-', '-x', 'unknown-x', 'recovery-plan-2019'])(
    'does not parse %j',
    (name) => {
      expect(parseStreamName(name)).toBeUndefined();
    },
  );
});

describe('backlog item streams', () => {
  const STORE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:@+-]{0,254}$/;

  it('spells a plain ref out after the indicator id and a colon', () => {
    expect(backlogItemStream('da-risk-assessment', 'DA-2019-000101')).toBe('backlogItem-da-risk-assessment:DA-2019-000101');
    expect(parseStreamName('backlogItem-da-risk-assessment:DA-1')).toEqual({ category: 'backlogItem', id: 'da-risk-assessment:DA-1' });
  });

  it('escapes what a stream name may not hold, so distinct refs never share a stream', () => {
    const refs = ['a b', 'a:0020b', 'a:b', 'a/b', 'a\u00e9', 'é', ':0020', 'x'.repeat(178), 'x'.repeat(179), 'ü'.repeat(200), 'ü'.repeat(199)];
    const names = refs.map((ref) => backlogItemStream('da', ref));
    expect(new Set(names).size).toBe(refs.length);
    for (const name of names) expect(name).toMatch(STORE_NAME);
    expect(backlogItemStream('da', 'a b')).toBe('backlogItem-da:a:0020b');
    expect(backlogItemStream('x'.repeat(64), 'ü'.repeat(200))).toMatch(/^backlogItem-x{64}::[0-9a-f]{32}$/);
  });
});
