import { useId, useState } from 'react';
import { api, ApiError, notAvailable, ROUTES, type WriteOptions } from '../http/client';
import type { WriteResult } from '../http/types';

export type FieldKind = 'text' | 'textarea' | 'number' | 'date' | 'select' | 'numbers' | 'strings' | 'points' | 'items';
export interface FieldSpec {
  name: string;
  label: string;
  kind?: FieldKind;
  options?: string[];
  optional?: boolean;
  /** Goes into the path, not the body. */
  param?: boolean;
  hint?: string;
  /** Where the field sits in the body (e.g. baseline.value); defaults to its name. */
  body?: string;
  /** Id of a datalist of known values (indicator, plan and action ids). */
  list?: string;
}
export interface FormSpec {
  route: keyof typeof ROUTES;
  title: string;
  fields: FieldSpec[];
  submit?: string;
}

function toBody(spec: FormSpec, values: Record<string, string>) {
  const params: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const raw = (values[f.name] ?? '').trim();
    if (f.param) {
      params[f.name] = raw;
      continue;
    }
    if (raw === '' && f.optional) continue;
    const value =
      f.kind === 'number' ? (raw === '' ? undefined : Number(raw))
      : f.kind === 'numbers' ? raw.split(',').map((x) => x.trim()).filter(Boolean).map(Number)
      : f.kind === 'strings' ? raw.split(',').map((x) => x.trim()).filter(Boolean)
      : f.kind === 'items' ? raw.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => { const [ref, event, at, risk] = l.split(/\s*,\s*/); return risk ? { ref, event, at, risk } : { ref, event, at }; })
      : f.kind === 'points' ? raw.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => { const [date, v] = l.split(/[,\s]+/); return { date, value: Number(v) }; })
      : raw;
    const path = (f.body ?? f.name).split('.');
    let target = body;
    for (const p of path.slice(0, -1)) target = (target[p] ??= {}) as Record<string, unknown>;
    target[path[path.length - 1]] = value;
  }
  return { params, body };
}

interface Props {
  spec: FormSpec;
  options?: WriteOptions;
  disabled?: boolean;
  onWritten?: (result: WriteResult, etag: string | null) => void;
  onError?: (error: ApiError) => string | undefined;
}

/** One write of the API as a form; the API's validation errors appear at their fields. */
export function WriteForm({ spec, options, disabled, onWritten, onError }: Props) {
  const id = useId();
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(undefined);
    setErrors({});
    const { params, body } = toBody(spec, values);
    try {
      const { body: result, etag } = await api.write(spec.route, params, body, options);
      setMessage({ kind: 'ok', text: `Recorded: ${result.streamId}, revision ${result.revision}, position ${result.position}${result.figureId ? `, figure ${result.figureId}` : ''}` });
      onWritten?.(result, etag);
    } catch (err) {
      if (!(err instanceof ApiError)) setMessage({ kind: 'error', text: 'The server could not be reached.' });
      else if (notAvailable(err)) setMessage({ kind: 'error', text: 'not available' });
      else {
        const at: Record<string, string> = {};
        for (const f of spec.fields) {
          const m = err.fieldError(f.body ?? f.name) ?? (f.body ? undefined : err.fieldError(f.name));
          if (m) at[f.name] = m;
        }
        setErrors(at);
        setMessage({ kind: 'error', text: onError?.(err) ?? err.message });
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="write-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{spec.title}</h3>
      {spec.fields.map((f) => {
        const fid = `${id}-${f.name}`;
        const err = errors[f.name];
        const common = {
          id: fid, name: f.name, value: values[f.name] ?? '', 'aria-invalid': Boolean(err), 'aria-describedby': err ? `${fid}-error` : f.hint ? `${fid}-hint` : undefined,
          onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => setValues((v) => ({ ...v, [f.name]: e.target.value })),
        };
        return (
          <div className="field" key={f.name}>
            <label htmlFor={fid}>{f.label}{f.optional ? ' (optional)' : ''}</label>
            {f.kind === 'textarea' || f.kind === 'points' || f.kind === 'items' ? <textarea rows={f.kind === 'textarea' ? 2 : 4} {...common} />
              : f.kind === 'select' ? <select {...common}><option value="">Choose…</option>{f.options?.map((o) => <option key={o} value={o}>{o}</option>)}</select>
              : <input type={f.kind === 'number' ? 'number' : f.kind === 'date' ? 'date' : 'text'} step={f.kind === 'number' ? 'any' : undefined} list={f.list} autoComplete="off" {...common} />}
            {f.hint && <small id={`${fid}-hint`}>{f.hint}</small>}
            {err && <p id={`${fid}-error`} className="error">{err}</p>}
          </div>
        );
      })}
      <button type="submit" className="primary" disabled={busy || disabled}>{spec.submit ?? 'Record'}</button>
      {message && <p className={message.kind === 'ok' ? 'ok' : 'error'} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</p>}
    </form>
  );
}
