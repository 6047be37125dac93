import type { ActionList, AuditEvent, Changes, History, ImportReport, Indicator, IndicatorList, Problem, Projection, ProjectionList, Scorecard, SessionInfo, Trajectory, WriteResult } from './types';

/**
 * Every route the web application calls, as the OpenAPI document names it; a test checks each one
 * against /api/docs-json. Routes of features that may not be deployed yet answer 404 and the views
 * show "not available".
 */
export const ROUTES = {
  session: ['get', '/api/session'],
  signIn: ['post', '/api/session'],
  signOut: ['post', '/api/session/signout'],
  scorecard: ['get', '/api/scorecard'],
  indicators: ['get', '/api/indicators'],
  indicator: ['get', '/api/indicators/{id}'],
  history: ['get', '/api/indicators/{id}/history'],
  trajectory: ['get', '/api/indicators/{id}/trajectory'],
  actions: ['get', '/api/actions'],
  plan: ['get', '/api/plans/{id}'],
  stream: ['get', '/api/streams/{streamId}'],
  registerIndicator: ['post', '/api/indicators'],
  reviseBaseline: ['post', '/api/indicators/{id}/baseline-revisions'],
  recordItems: ['post', '/api/indicators/{id}/items'],
  recordFigure: ['post', '/api/indicators/{id}/figures'],
  correctFigure: ['post', '/api/indicators/{id}/figures/{figureId}/corrections'],
  assessRisk: ['post', '/api/indicators/{id}/risk-assessments'],
  setThreshold: ['post', '/api/indicators/{id}/thresholds'],
  retireThreshold: ['post', '/api/indicators/{id}/thresholds/{thresholdId}/retire'],
  createPlan: ['post', '/api/plans'],
  addAction: ['post', '/api/plans/{id}/actions'],
  startAction: ['post', '/api/plans/{id}/actions/{actionId}/start'],
  progressAction: ['post', '/api/plans/{id}/actions/{actionId}/progress'],
  rescheduleAction: ['post', '/api/plans/{id}/actions/{actionId}/reschedule'],
  completeAction: ['post', '/api/plans/{id}/actions/{actionId}/complete'],
  cancelAction: ['post', '/api/plans/{id}/actions/{actionId}/cancel'],
  setTrajectory: ['post', '/api/plans/{id}/trajectories'],
  registerPartner: ['post', '/api/partners'],
  recordEngagement: ['post', '/api/partners/{id}/engagements'],
  recordSurvey: ['post', '/api/workforce/surveys'],
  recordTraining: ['post', '/api/workforce/training'],
  recordSupportMeasure: ['post', '/api/workforce/support-measures'],
} as const;

/** Routes of features built alongside this one; they may answer 404 until deployed. */
export const OPTIONAL_ROUTES = {
  projections: ['get', '/api/projections'],
  projection: ['get', '/api/indicators/{id}/projection'],
  changes: ['get', '/api/changes'],
  importFigures: ['post', '/api/imports/figures'],
} as const;

export type RouteName = keyof typeof ROUTES | keyof typeof OPTIONAL_ROUTES;

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
  /** The API's message for one field of the request, if it named it. */
  fieldError(field: string): string | undefined {
    const hit = this.problem.errors?.find((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`));
    return hit ? (hit.message ?? 'is invalid') : undefined;
  }
}

export interface TimeQuery {
  asOf?: string;
  knownAt?: string;
  position?: string;
}

type Params = Record<string, string>;
let csrfToken: string | undefined;

function url(name: RouteName, params: Params = {}, query: Record<string, string | undefined> = {}): string {
  const [, template] = (ROUTES as Record<string, readonly [string, string]>)[name] ?? (OPTIONAL_ROUTES as Record<string, readonly [string, string]>)[name];
  const path = template.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(params[key] ?? ''));
  const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
  return q.size ? `${path}?${q}` : path;
}

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  const body = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new ApiError(body && typeof body === 'object' ? (body as Problem) : { status: res.status, title: res.statusText, detail: text });
  return body as T;
}

async function get<T>(name: RouteName, params?: Params, query?: Record<string, string | undefined>): Promise<T> {
  return parse<T>(await fetch(url(name, params, query), { credentials: 'same-origin', headers: { accept: 'application/json' } }));
}

export interface WriteOptions {
  ifMatch?: number;
  idempotencyKey?: string;
}

async function send<T>(name: RouteName, params: Params, body: unknown, options: WriteOptions = {}): Promise<{ body: T; etag: string | null }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  headers['idempotency-key'] = options.idempotencyKey ?? crypto.randomUUID();
  const res = await fetch(url(name, params), { method: 'POST', credentials: 'same-origin', headers, body: JSON.stringify(body) });
  const parsed = await parse<T>(res);
  remember((parsed as { position?: unknown } | undefined)?.position);
  return { body: parsed, etag: res.headers.get('etag') };
}

const WAIT_KEY = 'rm:lastWritePosition';
/** Read-your-writes: after a write in this tab, reads wait until the read models include it. */
const time = (t: TimeQuery = {}) => ({ asOf: t.asOf, knownAt: t.knownAt, position: t.position, waitFor: t.position ? undefined : (sessionStorage.getItem(WAIT_KEY) ?? undefined) });
const remember = (position: unknown) => {
  if (typeof position === 'string' && /^\d+$/.test(position)) sessionStorage.setItem(WAIT_KEY, position);
};

export const api = {
  async session(): Promise<SessionInfo> {
    const s = await get<SessionInfo>('session');
    csrfToken = s.csrfToken;
    return s;
  },
  async signIn(token: string): Promise<SessionInfo> {
    const { body } = await send<SessionInfo>('signIn', {}, { token });
    csrfToken = body.csrfToken;
    return body;
  },
  async signOut(): Promise<void> {
    await send('signOut', {}, {});
    csrfToken = undefined;
  },
  scorecard: (t?: TimeQuery) => get<Scorecard>('scorecard', {}, time(t)),
  indicators: (t?: TimeQuery) => get<IndicatorList>('indicators', {}, time(t)),
  indicator: (id: string, t?: TimeQuery) => get<Indicator & { asOf: string; knownAt: string; position: string }>('indicator', { id }, time(t)),
  history: (id: string, t?: TimeQuery) => get<History>('history', { id }, time(t)),
  trajectory: (id: string, t?: TimeQuery) => get<Trajectory>('trajectory', { id }, time(t)),
  actions: (t?: TimeQuery) => get<ActionList>('actions', {}, time(t)),
  async plan(id: string): Promise<{ plan: { id: string; actions: { actionId: string; title: string; status: string; dueDate: string }[] }; revision: number | undefined }> {
    const res = await fetch(url('plan', { id }), { credentials: 'same-origin', headers: { accept: 'application/json' } });
    const etag = res.headers.get('etag');
    return { plan: await parse(res), revision: etag ? Number(etag.replace(/"/g, '')) : undefined };
  },
  stream: (streamId: string) => get<AuditEvent[]>('stream', { streamId }),
  projections: (t?: TimeQuery) => get<ProjectionList>('projections', {}, time(t)),
  projection: (id: string, t?: TimeQuery) => get<Projection>('projection', { id }, time(t)),
  /** What moved in (since, until], as known at the view's knownAt (the API's default is `until`). */
  changes: (since: string, t?: TimeQuery) => get<Changes>('changes', {}, { since, until: t?.asOf, knownAt: t?.knownAt, position: t?.position }),
  write: <T = WriteResult>(name: keyof typeof ROUTES, params: Params, body: unknown, options?: WriteOptions) => send<T>(name, params, body, options),
  importFigures: (csv: string, dryRun: boolean) => fetchImport(csv, dryRun),
};

async function fetchImport(csv: string, dryRun: boolean): Promise<{ body: ImportReport; etag: string | null }> {
  const headers: Record<string, string> = { 'content-type': 'text/csv', accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(url('importFigures', {}, { dryRun: dryRun ? 'true' : undefined }), { method: 'POST', credentials: 'same-origin', headers, body: csv });
  const body = await parse<ImportReport & { lastPosition?: string }>(res);
  remember(body.lastPosition);
  return { body, etag: res.headers.get('etag') };
}

/** True when the error says the route does not exist (a feature not deployed yet). */
export const notAvailable = (e: unknown) => e instanceof ApiError && e.status === 404 && (!e.problem.code || e.problem.code === 'HTTP.404');
