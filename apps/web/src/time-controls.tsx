import { useId } from 'react';
import type { TimeQuery } from './http/client';
import { withQuery } from './url-state';

export interface Preset {
  label: string;
  date: string;
}

interface Props {
  path: string;
  query: URLSearchParams;
  navigate: (to: string) => void;
  position?: string;
  presets?: Preset[];
  /** More to pin with the position (the replay explorer pins its known-now column too). */
  pinAlso?: Record<string, string | undefined>;
}

/** The time a view reads at, from the URL: ?asOf=&knownAt=&position=. */
export function timeFromQuery(query: URLSearchParams): TimeQuery {
  return { asOf: query.get('asOf') || undefined, knownAt: query.get('knownAt') || undefined, position: query.get('position') || undefined };
}

/** "As of" and "Known at" pickers; every change is a new URL, so the view can be shared. */
export function TimeControls({ path, query, navigate, position, presets, pinAlso }: Props) {
  const id = useId();
  const asOf = query.get('asOf') ?? '';
  const knownAt = query.get('knownAt') ?? '';
  const knownMode = knownAt === 'latest' ? 'latest' : knownAt ? 'date' : 'asOf';
  // A new question unpins the old answer's position.
  const go = (changes: Record<string, string | undefined>) => navigate(withQuery(path, query, { ...changes, position: undefined, nowPosition: undefined }));
  const pinned = withQuery(path, query, { position, ...pinAlso });
  return (
    <form className="time-controls" aria-label="Point in time" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-asof`}>As of</label>
        <input id={`${id}-asof`} type="date" value={asOf.slice(0, 10)} max="2099-12-31" onChange={(e) => go({ asOf: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-known`}>Known at</label>
        <select
          id={`${id}-known`}
          value={knownMode}
          onChange={(e) => go({ knownAt: e.target.value === 'latest' ? 'latest' : e.target.value === 'date' ? asOf.slice(0, 10) || new Date().toISOString().slice(0, 10) : undefined })}
        >
          <option value="asOf">as known on the As of date</option>
          <option value="latest">latest</option>
          <option value="date">a date…</option>
        </select>
        {knownMode === 'date' && (
          <input aria-label="Known at date" type="date" value={knownAt.slice(0, 10)} onChange={(e) => go({ knownAt: e.target.value || undefined })} />
        )}
      </div>
      {presets && (
        <div className="presets" role="group" aria-label="Presets">
          {presets.map((p) => (
            <button key={p.label} type="button" className={asOf === p.date ? 'chip active' : 'chip'} aria-pressed={asOf === p.date} onClick={() => go({ asOf: p.date })}>
              {p.label}
            </button>
          ))}
        </div>
      )}
      {position && (
        <p className="position">
          Log position <code>{position}</code>{' '}
          {query.get('position') === position ? (
            <span className="pinned">(pinned)</span>
          ) : (
            <a href={pinned} onClick={(e) => { e.preventDefault(); navigate(pinned); }}>
              Pin this view
            </a>
          )}
        </p>
      )}
    </form>
  );
}
