import { api } from '../http/client';
import type { AuditEvent, Indicator } from '../http/types';
import type { ViewProps } from '../app';
import { day, num, stamp } from '../format';
import { ready, useLoad } from '../load';
import { TimeControls, timeFromQuery, type Preset } from '../time-controls';
import { withQuery } from '../url-state';

export const PRESETS: Preset[] = [
  { label: 'Go-live 8 Jul 2019', date: '2019-07-08' },
  { label: 'Fieldwork starts 21 Oct 2019', date: '2019-10-21' },
  { label: 'Fieldwork 1 Nov 2019', date: '2019-11-01' },
  { label: 'Fieldwork ends 15 Nov 2019', date: '2019-11-15' },
  { label: 'Publication 3 Mar 2020', date: '2020-03-03' },
];

type Row = Pick<Indicator, 'value' | 'gap' | 'withinTolerance' | 'effectiveAt'>;
const FIELDS: { key: keyof Row; label: string; show: (r: Row) => string }[] = [
  { key: 'value', label: 'Value', show: (r) => num(r.value) },
  { key: 'gap', label: 'Gap', show: (r) => num(r.gap) },
  { key: 'withinTolerance', label: 'Within tolerance', show: (r) => (r.withinTolerance === null ? '—' : r.withinTolerance ? 'yes' : 'no') },
  { key: 'effectiveAt', label: 'Figure of', show: (r) => day(r.effectiveAt) },
];

/** Known then beside known now, at the same As of; any figure opens its events. */
export default function Replay({ path, query, navigate }: ViewProps) {
  const t = timeFromQuery(query);
  const then = useLoad(() => api.indicators(t), JSON.stringify(t));
  const nowPosition = query.get('nowPosition') || undefined;
  const now = useLoad(() => api.indicators({ asOf: t.asOf, knownAt: 'latest', position: nowPosition }), `${t.asOf}|${nowPosition}`);
  const selected = query.get('indicator');
  const a = ready(then);
  const b = ready(now);
  const nowById = new Map((b?.indicators ?? []).map((i) => [i.id, i]));
  const ids = [...new Set([...(a?.indicators ?? []).map((i) => i.id), ...nowById.keys()])].sort();
  const thenById = new Map((a?.indicators ?? []).map((i) => [i.id, i]));
  return (
    <div className="replay">
      <h1>Replay explorer</h1>
      <TimeControls path={path} query={query} navigate={navigate} position={a?.position} presets={PRESETS} pinAlso={{ nowPosition: ready(now)?.position }} />
      {then.state === 'error' && <p role="alert" className="error">{then.message}</p>}
      <p className="stated">
        Known then: as of {day(a?.asOf)}, known at {a?.knownAt === 'latest' ? 'latest' : stamp(a?.knownAt)}, position <code>{a?.position ?? '—'}</code>. Known now{nowPosition ? ' (pinned)' : ''}: position <code>{b?.position ?? '—'}</code>.
      </p>
      <div className="table-wrap" role="region" aria-label="Known then and known now" tabIndex={0}>
        <table className="compare">
          <caption>Each indicator as known then and as known now; differences are marked</caption>
          <thead>
            <tr>
              <th scope="col">Indicator</th>
              {FIELDS.map((f) => <th key={`t${f.key}`} scope="col">{f.label} (then)</th>)}
              {FIELDS.map((f) => <th key={`n${f.key}`} scope="col">{f.label} (now)</th>)}
            </tr>
          </thead>
          <tbody>
            {ids.map((id) => {
              const x = thenById.get(id);
              const y = nowById.get(id);
              const empty: Row = { value: null, gap: null, withinTolerance: null, effectiveAt: null };
              const r1 = x ?? empty;
              const r2 = y ?? empty;
              return (
                <tr key={id} className={selected === id ? 'selected' : undefined}>
                  <th scope="row">
                    <a href={withQuery(path, query, { indicator: id })} onClick={(e) => { e.preventDefault(); navigate(withQuery(path, query, { indicator: id })); }}>
                      {(x ?? y)?.name ?? id}
                    </a>
                  </th>
                  {FIELDS.map((f) => <td key={`t${f.key}`}>{f.show(r1)}</td>)}
                  {FIELDS.map((f) => {
                    const differs = f.show(r1) !== f.show(r2);
                    return (
                      <td key={`n${f.key}`} className={differs ? 'diff' : undefined}>
                        {f.show(r2)}
                        {differs && <span className="diff-mark"> (changed)</span>}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {selected && <FigureEvents indicatorId={selected} shownThen={thenById.get(selected)?.effectiveAt ?? null} shownNow={nowById.get(selected)?.effectiveAt ?? null} />}
    </div>
  );
}

/** The indicator's figures with who recorded them, when, and every correction with its reason. */
function FigureEvents({ indicatorId, shownThen, shownNow }: { indicatorId: string; shownThen: string | null; shownNow: string | null }) {
  const stream = useLoad(() => api.stream(`indicator-${indicatorId}`), indicatorId);
  if (stream.state === 'loading') return <p role="status">Loading events…</p>;
  if (stream.state !== 'ready') return <p className="error">{stream.state === 'error' ? stream.message : 'not available'}</p>;
  const events = stream.data;
  const figures = events.filter((e) => e.type === 'FigureRecorded');
  const corrections = (figureId: string) => events.filter((e) => e.type === 'FigureCorrected' && e.data.figureId === figureId);
  const who = (e: AuditEvent) => e.metadata.actor?.name ?? e.metadata.actor?.sub ?? '—';
  return (
    <section aria-labelledby="events-title" className="events">
      <h2 id="events-title">Events behind {indicatorId}</h2>
      <div className="table-wrap" role="region" aria-label="Figures and corrections" tabIndex={0}>
        <table>
          <caption>Figures, newest effective date first, with their correction chains</caption>
          <thead>
            <tr><th scope="col">Effective</th><th scope="col">Value</th><th scope="col">Source</th><th scope="col">Recorded by</th><th scope="col">Recorded</th><th scope="col">Known</th><th scope="col">Position</th><th scope="col">Corrections</th></tr>
          </thead>
          <tbody>
            {[...figures].sort((x, y) => (y.effectiveAt ?? '').localeCompare(x.effectiveAt ?? '') || y.position.length - x.position.length || y.position.localeCompare(x.position)).map((f) => {
              const chain = corrections(String(f.data.figureId));
              return (
                <tr key={f.id} className={[chain.length ? 'corrected' : '', f.effectiveAt === shownThen || f.effectiveAt === shownNow ? 'shown' : ''].join(' ').trim() || undefined}>
                  <td>{day(f.effectiveAt)}{f.effectiveAt === shownThen || f.effectiveAt === shownNow ? <span className="diff-mark"> (shown above)</span> : null}</td>
                  <td>{num(f.data.value as number)}</td>
                  <td>{String(f.data.source ?? '')}</td>
                  <td>{who(f)}</td>
                  <td>{stamp(f.recordedAt)}</td>
                  <td>{stamp(f.knownAt)}</td>
                  <td><code>{f.position}</code></td>
                  <td>
                    {chain.length === 0 ? '—' : (
                      <ol className="chain">
                        {chain.map((c) => <li key={c.id}>{num(c.data.value as number)}: “{String(c.data.reason)}” by {who(c)}, known {stamp(c.knownAt)} (position <code>{c.position}</code>)</li>)}
                      </ol>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
