/** Response shapes of the API, as its OpenAPI document and answers give them. */
export interface Stamp {
  asOf: string;
  knownAt: string;
  position: string;
}
export type Role = 'programme-office' | 'inspector' | 'board' | 'admin';
export interface Actor {
  sub: string;
  name?: string;
  roles: Role[];
}
export interface SessionInfo {
  signedIn: boolean;
  actor?: Actor;
  csrfToken?: string;
  oidc?: boolean;
}
export interface Question {
  question: number;
  title: string;
  status: 'green' | 'amber' | 'red';
  rule: string;
  evidence: Record<string, unknown>;
}
export interface Scorecard extends Stamp {
  questions: Question[];
}
export interface Warning {
  indicatorId: string;
  thresholdId: string;
  kind: string;
  limit: number;
  raisedAt: string;
  clearedAt: string | null;
  open: boolean;
}
export interface Indicator {
  id: string;
  name: string;
  description: string;
  unit: 'count' | 'percent' | 'seconds' | 'rate';
  direction: 'lower-is-better' | 'higher-is-better';
  owner: string;
  questions: number[];
  baseline: { value: number; from: string; to: string; source: string };
  tolerance: number;
  value: number | null;
  effectiveAt: string | null;
  gap: number | null;
  peak: number | null;
  recoveredShare: number | null;
  withinTolerance: boolean | null;
  figureCount?: number;
  openWarnings?: Warning[];
}
export interface IndicatorList extends Stamp {
  indicators: Indicator[];
}
export interface History extends Stamp {
  points: { date: string; value: number }[];
}
export interface Trajectory extends Stamp {
  planId: string | null;
  points: { date: string; target: number; actual: number | null }[];
}
export interface Projection extends Stamp {
  indicatorId: string;
  method: string;
  status: string;
  intercept: number | null;
  slopePerDay: number | null;
  targetLevel: number;
  targetDate: string | null;
  projectedReturn: { date: string | null; earliest: string | null; latest: string | null } | null;
  pace?: { requiredPerDay: number | null; actualPerDay: number | null };
  formula?: string;
}
export interface ProjectionList extends Stamp {
  projections: Projection[];
}
export interface Changes {
  since: string;
  until: string;
  position: string;
  indicators: { id: string; from: { value: number | null; gap: number | null; withinTolerance: boolean | null }; to: { value: number | null; gap: number | null; withinTolerance: boolean | null } }[];
  actions: { completed: { planId: string; actionId: string; completedOn: string }[]; slipped: { planId: string; actionId: string; from: string; to: string; days: number; reason: string }[]; newlyOverdue: { planId: string; actionId: string; dueDate: string }[] };
  warnings: { raised: Warning[]; cleared: Warning[] };
  restatements: { indicatorId: string; figureId: string; effectiveAt: string; from: number; to: number; reason: string; knownAt: string }[];
}
export interface Action {
  planId: string;
  actionId: string;
  title: string;
  owner: string;
  status: 'planned' | 'started' | 'completed' | 'cancelled';
  dueDate: string;
  originalDueDate: string;
  slips: number;
  overdue: boolean;
  percent: number | null;
}
export interface ActionList extends Stamp {
  actions: Action[];
}
export interface AuditEvent {
  id: string;
  type: string;
  streamId: string;
  revision: number;
  position: string;
  recordedAt: string;
  knownAt: string;
  effectiveAt: string | null;
  data: Record<string, unknown>;
  metadata: { actor?: { sub: string; name?: string }; importedBy?: unknown; [k: string]: unknown };
}
export interface WriteResult {
  streamId: string;
  revision: number;
  position: string;
  figureId?: string;
}
export interface ImportReport {
  rows?: number;
  written?: number;
  unchanged?: number;
  wouldWrite?: number;
}
export interface Problem {
  status: number;
  title: string;
  detail: string;
  code?: string;
  errors?: { field: string; message?: string; line?: number }[];
}
