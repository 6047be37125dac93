import {
  backlogItemDeciderFrom, backlogItemStream, indicatorDecider, indicatorStream, itemFeedCommands, partnerDecider, partnerStream, recoveryPlanDecider, recoveryPlanStream, workforceDecider, workforceStream,
  type BacklogItemState, type Decider, type DomainCommand, type DomainEvent, type IndicatorState, type RecordItems,
} from '@rm/domain';
import { deterministicUuid } from '../commands/deterministic-id.js';
import {
  AssessRiskRequest, CorrectFigureRequest, RecordFigureRequest, RecordItemsRequest, RegisterIndicatorRequest,
  RetireThresholdRequest, ReviseBaselineRequest, SetThresholdRequest,
} from '../indicators/indicator.request.dto.js';
import { RecordEngagementRequest, RegisterPartnerRequest } from '../partners/partner.request.dto.js';
import {
  ACTION_ID, AddActionRequest, CancelActionRequest, CompleteActionRequest, CreatePlanRequest, ReportProgressRequest,
  RescheduleActionRequest, SetTrajectoryRequest, StartActionRequest,
} from '../plans/plan.request.dto.js';
import { SLUG } from '../http/validators.js';
import { RecordSupportMeasureRequest, RecordSurveyRequest, RecordTrainingRequest } from '../workforce/workforce.request.dto.js';

/** What one write becomes: the decider and stream its controller's handler uses, and the domain command. */
export interface RoutedCommand {
  decider: Decider<DomainCommand, DomainEvent, unknown>;
  streamId: string;
  command: DomainCommand;
}

/**
 * An item feed batch: checked against its indicator's stream (`checked`), then one command per
 * item on the item's own stream, as the controller's handler does.
 */
export interface RoutedItemFeed {
  indicatorId: string;
  checked: Omit<RoutedCommand, 'command'>;
  /** `older`: the items of an older log in the indicator's stream, where their streams start from. */
  commands(indicator: unknown, older?: ReadonlyMap<string, BacklogItemState>): RoutedCommand[];
}

export type RoutedWrite = RoutedCommand | RoutedItemFeed;

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Build = (p: Record<string, string>, body: Body, commandId: string, now: string) => RoutedWrite;

export interface ImportRoute {
  /** The route as the API documents it, e.g. `POST /api/indicators/{id}/figures`. */
  route: string;
  pattern: RegExp;
  dto: new () => object;
  build: Build;
}

const asDecider = (d: unknown) => d as RoutedCommand['decider'];
const ind = (id: string, command: Omit<DomainCommand, 'now'>, now: string): RoutedCommand => ({ decider: asDecider(indicatorDecider), streamId: indicatorStream(id), command: { ...command, now } });
const plan = (id: string, command: Omit<DomainCommand, 'now'>, now: string): RoutedCommand => ({ decider: asDecider(recoveryPlanDecider), streamId: recoveryPlanStream(id), command: { ...command, now } });
const partner = (id: string, command: Omit<DomainCommand, 'now'>, now: string): RoutedCommand => ({ decider: asDecider(partnerDecider), streamId: partnerStream(id), command: { ...command, now } });
const itemFeed = (command: RecordItems): RoutedItemFeed => ({
  indicatorId: command.data.indicatorId,
  checked: { decider: asDecider(indicatorDecider), streamId: indicatorStream(command.data.indicatorId) },
  commands: (indicator, older) =>
    itemFeedCommands(command, indicator as IndicatorState).map((c) => ({
      decider: asDecider(backlogItemDeciderFrom(older?.get(c.data.ref))),
      streamId: backlogItemStream(c.data.indicatorId, c.data.ref),
      command: c,
    })),
});
const workforce = (command: Omit<DomainCommand, 'now'>, now: string): RoutedCommand => ({ decider: asDecider(workforceDecider), streamId: workforceStream(), command: { ...command, now } });

const ID = '([^/]+)';
const route = (method: string, template: string, dto: new () => object, build: Build): ImportRoute => ({
  route: `${method} ${template}`,
  pattern: new RegExp(`^${template.replace(/\{[A-Za-z]+\}/g, ID)}$`),
  dto,
  build,
});

/**
 * Every POST route of the write API, building the same domain command as its controller, so an
 * imported line is decided exactly as the request would have been.
 */
export const IMPORT_ROUTES: readonly ImportRoute[] = [
  route('POST', '/api/indicators', RegisterIndicatorRequest, (_, b, __, now) => ind(b.id, { type: 'RegisterIndicator', data: { ...b, baseline: { ...b.baseline } } }, now)),
  route('POST', '/api/indicators/{id}/baseline-revisions', ReviseBaselineRequest, ({ id }, b, _, now) =>
    ind(id, { type: 'ReviseBaseline', data: { indicatorId: id, ...b, baseline: { ...b.baseline } } }, now)),
  route('POST', '/api/indicators/{id}/figures', RecordFigureRequest, ({ id }, b, commandId, now) =>
    ind(id, { type: 'RecordFigure', data: { ...b, indicatorId: id, figureId: b.figureId ?? deterministicUuid(commandId, 'figure') } }, now)),
  route('POST', '/api/indicators/{id}/figures/{figureId}/corrections', CorrectFigureRequest, ({ id, figureId }, b, commandId, now) =>
    ind(id, { type: 'CorrectFigure', data: { ...b, indicatorId: id, figureId, correctionId: deterministicUuid(commandId, 'correction') } }, now)),
  route('POST', '/api/indicators/{id}/risk-assessments', AssessRiskRequest, ({ id }, b, _, now) => ind(id, { type: 'AssessRisk', data: { ...b, indicatorId: id } }, now)),
  route('POST', '/api/indicators/{id}/thresholds', SetThresholdRequest, ({ id }, b, _, now) => ind(id, { type: 'SetThreshold', data: { ...b, indicatorId: id } }, now)),
  route('POST', '/api/indicators/{id}/thresholds/{thresholdId}/retire', RetireThresholdRequest, ({ id, thresholdId }, b, _, now) =>
    ind(id, { type: 'RetireThreshold', data: { ...b, indicatorId: id, thresholdId } }, now)),
  route('POST', '/api/indicators/{id}/items', RecordItemsRequest, ({ id }, b, _, now) =>
    itemFeed({ type: 'RecordItems', data: { indicatorId: id, items: (b.items as RecordItems['data']['items']).map((line) => ({ ...line })) }, now })),
  route('POST', '/api/plans', CreatePlanRequest, (_, b, __, now) => plan(b.id, { type: 'CreatePlan', data: { ...b } }, now)),
  route('POST', '/api/plans/{id}/actions', AddActionRequest, ({ id }, b, _, now) =>
    plan(id, { type: 'AddAction', data: { ...b, planId: id, indicators: [...b.indicators], questions: [...b.questions] } }, now)),
  ...(
    [
      ['start', 'StartAction', StartActionRequest],
      ['progress', 'ReportProgress', ReportProgressRequest],
      ['reschedule', 'RescheduleAction', RescheduleActionRequest],
      ['complete', 'CompleteAction', CompleteActionRequest],
      ['cancel', 'CancelAction', CancelActionRequest],
    ] as const
  ).map(([verb, type, dto]) =>
    route('POST', `/api/plans/{id}/actions/{actionId}/${verb}`, dto, ({ id, actionId }, b, _, now) => plan(id, { type, data: { ...b, planId: id, actionId } }, now)),
  ),
  route('POST', '/api/plans/{id}/trajectories', SetTrajectoryRequest, ({ id }, b, _, now) =>
    plan(id, { type: 'SetTrajectory', data: { planId: id, indicatorId: b.indicatorId, points: (b.points as { date: string; value: number }[]).map(({ date, value }) => ({ date, value })) } }, now)),
  route('POST', '/api/partners', RegisterPartnerRequest, (_, b, __, now) => partner(b.id, { type: 'RegisterPartner', data: { ...b } }, now)),
  route('POST', '/api/partners/{id}/engagements', RecordEngagementRequest, ({ id }, b, commandId, now) =>
    partner(id, { type: 'RecordEngagement', data: { ...b, partnerId: id, engagementId: b.engagementId ?? deterministicUuid(commandId, 'engagement'), topics: [...b.topics], indicators: [...b.indicators] } }, now)),
  route('POST', '/api/workforce/surveys', RecordSurveyRequest, (_, b, commandId, now) =>
    workforce({ type: 'RecordConfidenceSurvey', data: { ...b, surveyId: b.surveyId ?? deterministicUuid(commandId, 'survey') } }, now)),
  route('POST', '/api/workforce/training', RecordTrainingRequest, (_, b, commandId, now) =>
    workforce({ type: 'RecordTraining', data: { ...b, trainingId: b.trainingId ?? deterministicUuid(commandId, 'training') } }, now)),
  route('POST', '/api/workforce/support-measures', RecordSupportMeasureRequest, (_, b, commandId, now) =>
    workforce({ type: 'RecordSupportMeasure', data: { ...b, measureId: b.measureId ?? deterministicUuid(commandId, 'support-measure') } }, now)),
];

/** Path parameters the controllers' pipes refuse (an id that could name nothing). */
const PARAM_RULES: Record<string, RegExp> = { id: SLUG, actionId: ACTION_ID };

export type RouteMatch = { route: ImportRoute; params: Record<string, string> } | { error: string };

/** The route a path names, with its parameters, or why it names none. */
export function matchImportRoute(path: string): RouteMatch {
  for (const r of IMPORT_ROUTES) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    const names = [...r.route.matchAll(/\{([A-Za-z]+)\}/g)].map((n) => n[1]);
    const params: Record<string, string> = {};
    for (const [i, name] of names.entries()) {
      let value: string;
      try {
        value = decodeURIComponent(m[i + 1]);
      } catch {
        return { error: `the ${name} in the path is not valid percent-encoding` };
      }
      if (PARAM_RULES[name] && !PARAM_RULES[name].test(value)) return { error: `no resource has the ${name} "${value.slice(0, 80)}"` };
      params[name] = value;
    }
    return { route: r, params };
  }
  return { error: 'must be a POST route of this API, e.g. /api/indicators/{id}/figures' };
}
