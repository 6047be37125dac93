export { scorecard, referenceScorecard } from './scorecard.query.js';
export { DEFAULT_SCORECARD_RULES, scoreQuestions, type QuestionScore, type Rag, type ScorecardInputs, type ScorecardRules } from './scorecard.rules.js';
export { scorecardHorizon } from './scorecard-horizon.js';
