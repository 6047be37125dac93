import { unknownCommand, type Decider } from '../shared/decider.js';
import { correctFigure, recordFigure } from './figure.decider.js';
import type { IndicatorCommand } from './indicator.commands.js';
import type { IndicatorEvent } from './indicator.events.js';
import { registerIndicator, reviseBaseline } from './indicator-registration.decider.js';
import { evolveIndicator, initialIndicatorState, type IndicatorState } from './indicator.state.js';
import { assessRisk } from './risk-assessment.decider.js';
import { retireThreshold, setThreshold } from './threshold.decider.js';

const decide = (command: IndicatorCommand, state: IndicatorState): IndicatorEvent[] => {
  switch (command.type) {
    case 'RegisterIndicator':
      return registerIndicator(command, state);
    case 'ReviseBaseline':
      return reviseBaseline(command, state);
    case 'RecordFigure':
      return recordFigure(command, state);
    case 'CorrectFigure':
      return correctFigure(command, state);
    case 'AssessRisk':
      return assessRisk(command, state);
    case 'SetThreshold':
      return setThreshold(command, state);
    case 'RetireThreshold':
      return retireThreshold(command, state);
    default:
      return unknownCommand(command);
  }
};

/** One stream per indicator: `indicatorStream(id)`; its item feed has streams of its own. */
export const indicatorDecider: Decider<IndicatorCommand, IndicatorEvent, IndicatorState> = {
  initialState: initialIndicatorState,
  evolve: evolveIndicator,
  decide,
};
