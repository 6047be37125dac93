import { deciderSpec } from '@rm/testing';
import {
  EffectiveTimeInFuture,
  IndicatorNotFound,
  indicatorDecider,
  InvalidRiskCount,
  RequiredTextMissing,
  RiskAssessmentIdConflict,
  type RiskAssessed,
} from '../index.js';
import { command, daFigure686, daRegistered } from '../testing/indicator.fixtures.js';

const spec = deciderSpec(indicatorDecider);

const assessment = {
  indicatorId: 'da-risk-assessment',
  assessedAt: '2019-11-01T12:00:00Z',
  high: 41,
  medium: 212,
  standard: 433,
  rationale: 'DASH triage of the 686 outstanding incidents; high-risk cases referred to MARAC',
};

const assess = (changes: object = {}) => command('AssessRisk', { ...assessment, ...changes });

const assessed: RiskAssessed = { type: 'RiskAssessed', data: assessment };

describe('risk assessment decider', () => {
  describe('AssessRisk', () => {
    const given = [daRegistered, daFigure686];

    it('records the grades inside the backlog', () => {
      spec.given(given).when(assess()).then([assessed]).andRepeatingIsANoOp();
    });

    it('keeps an assessment id when one is given', () => {
      spec
        .given(given)
        .when(assess({ assessmentId: 'ra-2019-11-01' }))
        .then([{ type: 'RiskAssessed', data: { ...assessment, assessmentId: 'ra-2019-11-01' } }])
        .andRepeatingIsANoOp();
    });

    it('is a no-op when an identical assessment without id is sent again', () => {
      spec
        .given([...given, assessed])
        .when(assess())
        .thenNothing();
    });

    it('records a second, different assessment at the same time when it has no id', () => {
      spec
        .given([...given, assessed])
        .when(assess({ high: 40, medium: 213 }))
        .then([{ type: 'RiskAssessed', data: { ...assessment, high: 40, medium: 213 } }]);
    });

    it('refuses an assessment id reused for different content', () => {
      const withId = {
        type: 'RiskAssessed',
        data: { ...assessment, assessmentId: 'ra-1' },
      } as const;
      spec
        .given([...given, withId])
        .when(assess({ assessmentId: 'ra-1', high: 50 }))
        .thenThrows(RiskAssessmentIdConflict, { field: 'assessmentId', kind: 'rule' });
    });

    it('refuses an unregistered indicator', () => {
      spec.when(assess()).thenThrows(IndicatorNotFound);
    });

    it.each([
      ['high', -1],
      ['medium', 2.5],
      ['standard', Number.NaN],
    ])('refuses %s = %d', (field, value) => {
      spec
        .given(given)
        .when(assess({ [field]: value }))
        .thenThrows(InvalidRiskCount, { field });
    });

    it('refuses an assessment dated after the moment of recording', () => {
      spec
        .given(given)
        .when(assess({ assessedAt: '2019-11-16' }))
        .thenThrows(EffectiveTimeInFuture, { field: 'assessedAt' });
    });

    it('needs a rationale', () => {
      spec
        .given(given)
        .when(assess({ rationale: '' }))
        .thenThrows(RequiredTextMissing, { field: 'rationale' });
    });
  });
});
