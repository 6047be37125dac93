import {
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
