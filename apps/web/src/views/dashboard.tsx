import { lazy, Suspense, useEffect } from 'react';
import { api } from '../http/client';
import type { Changes, Indicator, Projection, Question } from '../http/types';
import type { ViewProps } from '../app';
import { day, num, pct, unitLabel } from '../format';
import { ready, useLoad, type Loaded } from '../load';
import { TimeControls, timeFromQuery } from '../time-controls';
import { withQuery } from '../url-state';

const loadChart = () => import('../charts/indicator-chart');
const IndicatorChart = lazy(loadChart);

const STATUS_RANK: Record<string, number> = { 'off-track': 0, 'not-returning': 1, 'at-risk': 2, 'no-target': 3, 'insufficient-data': 4, 'on-track': 5, returned: 6 };

/** Off track first: by projection status where there is one, then the furthest from recovered. */
export function boardOrder(indicators: Indicator[], projections: Map<string, Projection>): Indicator[] {
  const rank = (i: Indicator) => STATUS_RANK[projections.get(i.id)?.status ?? ''] ?? (i.withinTolerance ? 6 : 3);
  return [...indicators].sort((a, b) => rank(a) - rank(b) || Number(a.withinTolerance) - Number(b.withinTolerance) || (a.recoveredShare ?? 0) - (b.recoveredShare ?? 0) || a.id.localeCompare(b.id));
}

const minusDays = (iso: string, days: number) => new Date(Date.parse(iso.slice(0, 10)) - days * 86_400_000).toISOString().slice(0, 10);

export default function Dashboard({ path, query, navigate }: ViewProps) {
  const t = timeFromQuery(query);
  const key = JSON.stringify(t);
  const scorecard = useLoad(() => api.scorecard(t), key);
  const indicators = useLoad(() => api.indicators(t), key);
  const projections = useLoad(() => api.projections(t), key);
  const list = ready(indicators);
  const byId = new Map((ready(projections)?.projections ?? []).map((p) => [p.indicatorId, p]));
  const since = query.get('since') || minusDays(t.asOf ?? new Date().toISOString(), 28);
  const changes = useLoad(() => api.changes(since, t), `${since}|${key}`);
  // The chart library is the largest chunk: parse it while the reads above are on the wire.
  useEffect(() => void loadChart(), []);
  return (
    <div className="dashboard">
      <h1>Board dashboard</h1>
      <TimeControls path={path} query={query} navigate={navigate} position={list?.position} />
      <p className="stated">
        As of {day(list?.asOf)}, known at {list?.knownAt === 'latest' ? 'latest' : day(list?.knownAt)}
      </p>
      <section aria-labelledby="questions">
        <h2 id="questions">The six inspection questions</h2>
        <Questions loaded={scorecard} />
      </section>
      <section aria-labelledby="changes">
        <h2 id="changes">Changes since the last board</h2>
        <div className="field inline">
          <label htmlFor="since">Last board</label>
          <input id="since" type="date" value={since} onChange={(e) => navigate(withQuery(path, query, { since: e.target.value }))} />
        </div>
        <ChangesPanel loaded={changes} />
      </section>
      <section aria-labelledby="indicators">
        <h2 id="indicators">Indicators, off track first</h2>
        {projections.state === 'unavailable' && <p className="muted">Trend projections: not available.</p>}
        {indicators.state === 'error' && <p role="alert" className="error">{indicators.message}</p>}
        {indicators.state === 'loading' && <p role="status">Loading…</p>}
        <div className="cards">
          {list && boardOrder(list.indicators, byId).map((i) => <IndicatorCard key={i.id} indicator={i} projection={byId.get(i.id)} query={key} />)}
        </div>
      </section>
    </div>
  );
}

function Questions({ loaded }: { loaded: Loaded<{ questions: Question[] }> }) {
  if (loaded.state === 'loading') return <p role="status">Loading…</p>;
  if (loaded.state !== 'ready') return <p className="muted">{loaded.state === 'error' ? loaded.message : 'not available'}</p>;
  return (
    <ol className="questions">
      {loaded.data.questions.map((q) => (
        <li key={q.question} className={`q status-${q.status}`}>
          <span className={`badge ${q.status}`}>{q.status}</span>
          <strong>{q.question}. {q.title}</strong>
          <Evidence evidence={q.evidence} />
          <small className="rule">{q.rule}</small>
        </li>
      ))}
    </ol>
  );
}

function Evidence({ evidence }: { evidence: Record<string, unknown> }) {
  const words = (k: string) => k.replace(/([A-Z0-9]+)/g, ' $1').toLowerCase();
  const show = (v: unknown, k = ''): string =>
    typeof v === 'number' ? (/share|coverage/i.test(k) ? pct(v) : num(v)) : Array.isArray(v) ? (v.length ? v.join(', ') : 'none') : v === null ? '—' : typeof v === 'object' ? Object.entries(v as object).filter(([key]) => !/Id$/.test(key)).map(([key, x]) => `${words(key)} ${show(x, key)}`).join(', ') : String(v);
  return (
    <dl className="evidence">
      {Object.entries(evidence).map(([k, v]) => (
        <div key={k}>
          <dt>{words(k)}</dt>
          <dd>{show(v, k)}</dd>
        </div>
      ))}
    </dl>
  );
}

function ChangesPanel({ loaded }: { loaded: Loaded<Changes> }) {
  if (loaded.state === 'loading') return <p role="status">Loading…</p>;
  if (loaded.state === 'unavailable') return <p className="muted">Changes since the last board: not available.</p>;
  if (loaded.state === 'error') return <p className="error">{loaded.message}</p>;
  const c = loaded.data;
  const empty =
    !c.indicators.length && !c.actions.completed.length && !c.actions.slipped.length && !c.actions.newlyOverdue.length && !c.restatements.length && !c.warnings.raised.length && !c.warnings.cleared.length;
  if (empty) return <p>Nothing moved between {day(c.since)} and {day(c.until)}.</p>;
  return (
    <ul className="changes">
      {c.indicators.map((i) => <li key={i.id}>{i.id}: {num(i.from.value)} → {num(i.to.value)} (gap {num(i.from.gap)} → {num(i.to.gap)})</li>)}
      {c.actions.completed.map((a) => <li key={`c${a.planId}${a.actionId}`}>Completed {a.actionId} on {day(a.completedOn)}</li>)}
      {c.actions.slipped.map((a) => <li key={`s${a.planId}${a.actionId}${a.to}`}>Slipped {a.actionId}: {day(a.from)} → {day(a.to)} ({num(a.days)} days) — {a.reason}</li>)}
      {c.actions.newlyOverdue.map((a) => <li key={`o${a.planId}${a.actionId}`}>Newly overdue {a.actionId} (due {day(a.dueDate)})</li>)}
      {c.warnings.raised.map((w) => <li key={`wr${w.indicatorId}${w.thresholdId}${w.raisedAt}`}>Warning raised on {w.indicatorId} ({w.thresholdId}) on {day(w.raisedAt)}</li>)}
      {c.warnings.cleared.map((w) => <li key={`wc${w.indicatorId}${w.thresholdId}${w.clearedAt}`}>Warning cleared on {w.indicatorId} ({w.thresholdId}) on {day(w.clearedAt)}</li>)}
      {c.restatements.map((r) => <li key={`r${r.figureId}${r.knownAt}`}>Restated {r.indicatorId} {day(r.effectiveAt)}: {num(r.from)} → {num(r.to)} — {r.reason}</li>)}
    </ul>
  );
}

function IndicatorCard({ indicator: i, projection, query }: { indicator: Indicator; projection?: Projection; query: string }) {
  const t = JSON.parse(query) as ReturnType<typeof timeFromQuery>;
  const history = useLoad(() => api.history(i.id, t), `${i.id}|${query}`);
  const trajectory = useLoad(() => api.trajectory(i.id, t), `${i.id}|${query}`);
  const status = projection?.status ?? (i.withinTolerance ? 'within tolerance' : i.value === null ? 'no figures' : 'outside tolerance');
  return (
    <article className={`card ${i.withinTolerance ? 'within' : 'outside'}`} aria-labelledby={`card-${i.id}`}>
      <header>
        <h3 id={`card-${i.id}`}>{i.name}</h3>
        <span className={`badge ${projection ? projection.status : i.withinTolerance ? 'green' : 'red'}`}>{status}</span>
      </header>
      <dl className="figures">
        <div><dt>Value</dt><dd className="value">{num(i.value)} <small>{unitLabel[i.unit]}</small></dd></div>
        <div><dt>Baseline</dt><dd>{num(i.baseline.value)} ± {num(i.tolerance)}</dd></div>
        <div><dt>Gap</dt><dd>{num(i.gap)}</dd></div>
        <div><dt>Peak</dt><dd>{num(i.peak)}</dd></div>
        <div><dt>Recovered</dt><dd>{pct(i.recoveredShare)}</dd></div>
        <div><dt>Figure of</dt><dd>{day(i.effectiveAt)}</dd></div>
        {projection && <div><dt>Projected return</dt><dd>{projection.projectedReturn?.date ? `${day(projection.projectedReturn.date)} (${day(projection.projectedReturn.earliest)} – ${day(projection.projectedReturn.latest)})` : '—'}</dd></div>}
      </dl>
      <Suspense fallback={<div className="chart" role="status">Loading chart…</div>}>
        {history.state === 'ready' ? <IndicatorChart indicator={i} history={history.data} trajectory={ready(trajectory)} projection={projection} /> : <div className="chart" />}
      </Suspense>
      <p className="owner">Owner: {i.owner}. Questions {i.questions.join(', ')}.</p>
    </article>
  );
}
