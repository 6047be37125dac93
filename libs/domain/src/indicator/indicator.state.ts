import { PersistentMap } from '../shared/persistent-map.js';
import type {
  FigureCorrected,
  FigureRecorded,
  IndicatorEvent,
  IndicatorRegistered,
  RiskAssessed,
  ThresholdSet,
} from './indicator.events.js';

type Registration = IndicatorRegistered['data'];

export type FigureState = {
  recorded: FigureRecorded['data'];
  value: number;
  corrections: FigureCorrected['data'][];
};

export type ThresholdState = { set: ThresholdSet['data']; retired: boolean };

export type RegisteredIndicator = {
  status: 'registered';
  registration: Registration;
  baseline: Registration['baseline'];
  tolerance: number;
  figures: PersistentMap<FigureState>;
  assessments: PersistentMap<RiskAssessed['data']>;
  thresholds: PersistentMap<ThresholdState>;
  /** The stream holds item events of a log older than the item streams (their states: `olderItemStates`). */
  olderItemEvents?: true;
};

export type IndicatorState = { status: 'unregistered' } | RegisteredIndicator;

export const initialIndicatorState = (): IndicatorState => ({ status: 'unregistered' });

/** Assessments without an id are keyed by content, so only an identical repeat is a no-op. */
export const assessmentKey = (a: Omit<RiskAssessed['data'], 'indicatorId'>): string =>
  a.assessmentId !== undefined
    ? `id:${a.assessmentId}`
    : `content:${JSON.stringify([a.assessedAt, a.high, a.medium, a.standard, a.rationale])}`;

const register = (data: Registration): RegisteredIndicator => ({
  status: 'registered',
  registration: data,
  baseline: data.baseline,
  tolerance: data.tolerance,
  figures: PersistentMap.empty(),
  assessments: PersistentMap.empty(),
  thresholds: PersistentMap.empty(),
});

const correct = (s: RegisteredIndicator, data: FigureCorrected['data']): RegisteredIndicator => {
  const figure = s.figures.get(data.figureId);
  if (!figure) return s;
  const corrected = { ...figure, value: data.value, corrections: [...figure.corrections, data] };
  return { ...s, figures: s.figures.set(data.figureId, corrected) };
};

const evolveRegistered = (s: RegisteredIndicator, event: IndicatorEvent): RegisteredIndicator => {
  switch (event.type) {
    case 'BaselineRevised':
      return { ...s, baseline: event.data.baseline, tolerance: event.data.tolerance };
    case 'FigureRecorded': {
      const figure = { recorded: event.data, value: event.data.value, corrections: [] };
      return { ...s, figures: s.figures.set(event.data.figureId, figure) };
    }
    case 'FigureCorrected':
      return correct(s, event.data);
    case 'RiskAssessed':
      return { ...s, assessments: s.assessments.set(assessmentKey(event.data), event.data) };
    case 'ThresholdSet': {
      const threshold = { set: event.data, retired: false };
      return { ...s, thresholds: s.thresholds.set(event.data.thresholdId, threshold) };
    }
    case 'ThresholdRetired': {
      const threshold = s.thresholds.get(event.data.thresholdId);
      if (!threshold) return s;
      const retired = { ...threshold, retired: true };
      return { ...s, thresholds: s.thresholds.set(event.data.thresholdId, retired) };
    }
    case 'BacklogItemOpened':
    case 'BacklogItemGraded':
    case 'BacklogItemCleared':
      // Items live in streams of their own; an older log's item events here are only flagged.
      return s.olderItemEvents ? s : { ...s, olderItemEvents: true };
    default:
      return s;
  }
};

export const evolveIndicator = (state: IndicatorState, event: IndicatorEvent): IndicatorState => {
  if (event.type === 'IndicatorRegistered') {
    return state.status === 'unregistered' ? register(event.data) : state;
  }
  return state.status === 'registered' ? evolveRegistered(state, event) : state;
};
