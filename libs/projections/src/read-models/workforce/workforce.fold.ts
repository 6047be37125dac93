import { byEffect, byPosition, type FactTimes } from '../plans/fact-times.js';
import type { SupportMeasureFact, SurveyFact, TrainingFact } from './workforce-facts.js';

export interface ConfidencePoint {
  surveyId: string;
  date: string;
  respondents: number;
  confidentPercent: number;
}

export interface TrainingTotals {
  sessions: number;
  attendees: number;
  byTopic: { topic: string; sessions: number; attendees: number }[];
}

export interface WorkforceView {
  /** One point per survey, in effective order. */
  confidence: ConfidencePoint[];
  latestConfidence: ConfidencePoint | null;
  training: TrainingTotals;
  supportMeasures: { measureId: string; date: string; title: string; description: string }[];
}

/** One record per id, the first by position (as the decider keeps it), then in effective order. */
function firstPerId<F extends FactTimes>(facts: readonly F[], id: (f: F) => string): F[] {
  const kept = new Map<string, F>();
  for (const f of [...facts].sort(byPosition)) if (!kept.has(id(f))) kept.set(id(f), f);
  return [...kept.values()].sort(byEffect);
}

/** Folds qualifying workforce facts (each effective by asOf and known by knownAt). */
export function foldWorkforce(
  surveys: readonly SurveyFact[],
  trainings: readonly Pick<TrainingFact, keyof FactTimes | 'trainingId' | 'topic' | 'attendees'>[],
  measures: readonly SupportMeasureFact[],
): WorkforceView {
  const confidence = firstPerId(surveys, (s) => s.surveyId).map(
    ({ surveyId, date, respondents, confidentPercent }) => ({
      surveyId,
      date,
      respondents,
      confidentPercent,
    }),
  );
  const topics = new Map<string, { topic: string; sessions: number; attendees: number }>();
  let attendees = 0;
  const sessions = firstPerId(trainings, (t) => t.trainingId);
  for (const t of sessions) {
    const topic =
      topics.get(t.topic) ??
      topics.set(t.topic, { topic: t.topic, sessions: 0, attendees: 0 }).get(t.topic)!;
    topic.sessions++;
    topic.attendees += t.attendees;
    attendees += t.attendees;
  }
  return {
    confidence,
    latestConfidence: confidence.at(-1) ?? null,
    training: {
      sessions: sessions.length,
      attendees,
      byTopic: [...topics.values()].sort((a, b) =>
        a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0,
      ),
    },
    supportMeasures: firstPerId(measures, (m) => m.measureId).map(
      ({ measureId, date, title, description }) => ({ measureId, date, title, description }),
    ),
  };
}
