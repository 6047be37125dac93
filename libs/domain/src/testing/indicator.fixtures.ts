import type {
  FigureRecorded,
  IndicatorCommand,
  IndicatorRegistered,
  RegisterIndicator,
} from '../index.js';
import { commandBuilder } from './commands.fixtures.js';

export { NOW } from './commands.fixtures.js';

export const command = commandBuilder<IndicatorCommand>();

export const registerDaRiskAssessment: RegisterIndicator = command('RegisterIndicator', {
  id: 'da-risk-assessment',
  name: 'Domestic abuse incidents awaiting risk assessment',
  description: 'Domestic abuse incidents with no DASH risk assessment recorded yet',
  unit: 'count',
  direction: 'lower-is-better',
  baseline: { value: 0, from: '2019-06-01', to: '2019-06-30', source: 'Pre-go-live weekly return' },
  tolerance: 10,
  owner: 'Head of Public Protection',
  questions: [1, 2],
});

export const daRegistered: IndicatorRegistered = {
  type: 'IndicatorRegistered',
  data: {
    indicatorId: 'da-risk-assessment',
    name: 'Domestic abuse incidents awaiting risk assessment',
    description: 'Domestic abuse incidents with no DASH risk assessment recorded yet',
    unit: 'count',
    direction: 'lower-is-better',
    baseline: {
      value: 0,
      from: '2019-06-01',
      to: '2019-06-30',
      source: 'Pre-go-live weekly return',
    },
    tolerance: 10,
    owner: 'Head of Public Protection',
    questions: [1, 2],
  },
};

export const registered = (
  indicatorId: string,
  unit: IndicatorRegistered['data']['unit'],
  baselineValue: number,
): IndicatorRegistered => ({
  type: 'IndicatorRegistered',
  data: {
    ...daRegistered.data,
    indicatorId,
    unit,
    baseline: { ...daRegistered.data.baseline, value: baselineValue },
  },
});

export const answerTimeRegistered = registered('999-answer-time', 'seconds', 12);
export const recordingRateRegistered = registered('crime-recording-rate', 'percent', 89.1);
export const maracReferralsRegistered = registered('marac-referrals', 'rate', 20);
export const legacyCrimesRegistered = registered('legacy-crimes-not-migrated', 'count', 0);

export const daFigure686: FigureRecorded = {
  type: 'FigureRecorded',
  data: {
    indicatorId: 'da-risk-assessment',
    figureId: 'fig-2019-10-28',
    value: 686,
    effectiveAt: '2019-10-28',
    source: 'HMICFRS fieldwork briefing',
  },
};

export const legacyFigure604: FigureRecorded = {
  type: 'FigureRecorded',
  data: {
    indicatorId: 'legacy-crimes-not-migrated',
    figureId: 'fig-2019-10-21',
    value: 604,
    effectiveAt: '2019-10-21T16:30:00Z',
    source: 'Data migration reconciliation',
    note: 'Found in the week before fieldwork',
  },
};
