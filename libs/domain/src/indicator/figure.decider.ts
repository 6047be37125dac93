import { jsonEqual, withoutUndefined } from '../shared/json-equal.js';
import { requireEffectiveTime } from '../shared/time.js';
import { requireText } from '../shared/validation.js';
import type { CorrectFigure, RecordFigure } from './indicator.commands.js';
import {
  CorrectionIdConflict,
  CorrectionReasonRequired,
  FigureIdConflict,
  FigureNotFound,
} from './indicator.errors.js';
import type { FigureCorrected, FigureRecorded } from './indicator.events.js';
import { requireRegistered, requireValueForUnit } from './indicator.rules.js';
import type { FigureState, IndicatorState } from './indicator.state.js';

export const recordFigure = (
  { data, now }: RecordFigure,
  state: IndicatorState,
): FigureRecorded[] => {
  const s = requireRegistered(state, data.indicatorId);
  const figureId = requireText(data.figureId, 'figureId');
  const recorded: FigureRecorded['data'] = withoutUndefined({
    indicatorId: s.registration.indicatorId,
    figureId,
    value: requireValueForUnit(s.registration.unit, data.value, 'value'),
    effectiveAt: data.effectiveAt,
    source: requireText(data.source, 'source'),
    note: data.note,
  });
  requireEffectiveTime(data.effectiveAt, 'effectiveAt', now);
  const existing = s.figures.get(figureId);
  if (!existing) return [{ type: 'FigureRecorded', data: recorded }];
  if (jsonEqual(existing.recorded, recorded)) return [];
  throw new FigureIdConflict(figureId);
};

// The current value is the latest correction's, so a retried correction (same value and
// reason as the latest) is caught by comparing with the current value.
const isRepeat = (figure: FigureState, correction: FigureCorrected['data']): boolean => {
  const { correctionId, value, reason } = correction;
  const earlier = figure.corrections.find(
    (c) => correctionId !== undefined && c.correctionId === correctionId,
  );
  if (earlier && (earlier.value !== value || earlier.reason !== reason)) {
    throw new CorrectionIdConflict(correctionId as string);
  }
  return earlier !== undefined || figure.value === value;
};

export const correctFigure = (
  { data }: CorrectFigure,
  state: IndicatorState,
): FigureCorrected[] => {
  const s = requireRegistered(state, data.indicatorId);
  const figure = s.figures.get(data.figureId);
  if (!figure) throw new FigureNotFound(s.registration.indicatorId, data.figureId);
  const value = requireValueForUnit(s.registration.unit, data.value, 'value');
  if (typeof data.reason !== 'string' || data.reason.trim() === '') {
    throw new CorrectionReasonRequired();
  }
  const corrected: FigureCorrected['data'] = withoutUndefined({
    indicatorId: s.registration.indicatorId,
    figureId: data.figureId,
    correctionId: data.correctionId,
    value,
    previousValue: figure.value,
    effectiveAt: figure.recorded.effectiveAt,
    reason: data.reason,
  });
  return isRepeat(figure, corrected) ? [] : [{ type: 'FigureCorrected', data: corrected }];
};
