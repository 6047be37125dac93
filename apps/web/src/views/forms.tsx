import { useState } from 'react';
import { api, ApiError, notAvailable } from '../http/client';
import type { ImportReport } from '../http/types';
import type { ViewProps } from '../app';
import { ready, useLoad } from '../load';
import { WriteForm, type FormSpec } from './form-kit';

const id = { name: 'id', label: 'Indicator id', param: true, list: 'known-indicators' };
const date = (name: string, label: string, optional = false) => ({ name, label, kind: 'date' as const, optional });

export const INDICATOR_FORMS: FormSpec[] = [
  { route: 'recordFigure', title: 'Record a figure', fields: [id, { name: 'value', label: 'Value', kind: 'number' }, date('effectiveAt', 'Effective date'), { name: 'source', label: 'Source' }, { name: 'figureId', label: 'Figure id', optional: true }, { name: 'note', label: 'Note', kind: 'textarea', optional: true }] },
  { route: 'correctFigure', title: 'Correct a figure', fields: [id, { name: 'figureId', label: 'Figure id', param: true }, { name: 'value', label: 'Corrected value', kind: 'number' }, { name: 'reason', label: 'Reason', kind: 'textarea' }] },
  { route: 'assessRisk', title: 'Record a risk assessment', fields: [id, date('assessedAt', 'Assessed on'), { name: 'high', label: 'High', kind: 'number' }, { name: 'medium', label: 'Medium', kind: 'number' }, { name: 'standard', label: 'Standard', kind: 'number' }, { name: 'rationale', label: 'Rationale', kind: 'textarea' }] },
  { route: 'setThreshold', title: 'Set a threshold', fields: [id, { name: 'thresholdId', label: 'Threshold id' }, { name: 'kind', label: 'Kind', kind: 'select', options: ['level', 'growth', 'age'] }, { name: 'limit', label: 'Limit', kind: 'number' }, { name: 'windowDays', label: 'Window (days)', kind: 'number', optional: true }, date('inForceFrom', 'In force from', true)] },
  {
    route: 'reviseBaseline', title: 'Revise a baseline', submit: 'Revise',
    fields: [id, { name: 'baselineValue', body: 'baseline.value', label: 'Baseline value', kind: 'number' }, { name: 'baselineFrom', body: 'baseline.from', label: 'Baseline from', kind: 'date' }, { name: 'baselineTo', body: 'baseline.to', label: 'Baseline to', kind: 'date' }, { name: 'baselineSource', body: 'baseline.source', label: 'Baseline source' }, { name: 'tolerance', label: 'Tolerance', kind: 'number', optional: true }, { name: 'reason', label: 'Reason', kind: 'textarea' }],
  },
  { route: 'recordItems', title: 'Record backlog items', fields: [id, { name: 'items', label: 'Items', kind: 'items', hint: 'one "ref, opened|graded|cleared, date, risk" a line (risk when graded)' }] },
  { route: 'retireThreshold', title: 'Retire a threshold', fields: [id, { name: 'thresholdId', label: 'Threshold id', param: true }, { name: 'reason', label: 'Reason', kind: 'textarea', optional: true }] },
  {
    route: 'registerIndicator', title: 'Register an indicator', submit: 'Register',
    fields: [
      { name: 'id', label: 'Id', hint: 'lower-case letters, digits and dashes' }, { name: 'name', label: 'Name' }, { name: 'description', label: 'Description', kind: 'textarea' },
      { name: 'unit', label: 'Unit', kind: 'select', options: ['count', 'percent', 'seconds', 'rate'] }, { name: 'direction', label: 'Direction', kind: 'select', options: ['lower-is-better', 'higher-is-better'] },
      { name: 'baselineValue', body: 'baseline.value', label: 'Baseline value', kind: 'number' }, { name: 'baselineFrom', body: 'baseline.from', label: 'Baseline from', kind: 'date' },
      { name: 'baselineTo', body: 'baseline.to', label: 'Baseline to', kind: 'date' }, { name: 'baselineSource', body: 'baseline.source', label: 'Baseline source' },
      { name: 'tolerance', label: 'Tolerance', kind: 'number' }, { name: 'owner', label: 'Owner' }, { name: 'questions', label: 'Inspection questions', kind: 'numbers', hint: 'e.g. 1, 2' },
    ],
  },
];

const plan = { name: 'id', label: 'Plan id', param: true, list: 'known-plans' };
export const PLAN_FORMS: FormSpec[] = [
  { route: 'createPlan', title: 'Create a plan', submit: 'Create', fields: [{ name: 'id', label: 'Plan id' }, { name: 'title', label: 'Title' }, { name: 'objective', label: 'Objective', kind: 'textarea' }, date('targetDate', 'Target date')] },
  {
    route: 'addAction', title: 'Add an action', submit: 'Add',
    fields: [plan, { name: 'actionId', label: 'Action id' }, { name: 'title', label: 'Title' }, { name: 'owner', label: 'Owner' }, date('dueDate', 'Due date'), { name: 'indicators', label: 'Indicators', kind: 'strings', hint: 'ids, comma-separated' }, { name: 'questions', label: 'Questions', kind: 'numbers' }, { name: 'successMeasure', label: 'Success measure', kind: 'textarea' }],
  },
  { route: 'setTrajectory', title: 'Set a trajectory', fields: [plan, { name: 'indicatorId', label: 'Indicator id', list: 'known-indicators' }, { name: 'points', label: 'Points', kind: 'points', hint: 'one "date, value" a line' }] },
];

const action = { name: 'actionId', label: 'Action id', param: true, list: 'known-actions' };
export const LIFECYCLE_FORMS: FormSpec[] = [
  { route: 'startAction', title: 'Start', submit: 'Start', fields: [plan, action, date('startedOn', 'Started on')] },
  { route: 'progressAction', title: 'Report progress', fields: [plan, action, { name: 'percent', label: 'Percent', kind: 'number' }, { name: 'note', label: 'Note', kind: 'textarea' }, date('reportedOn', 'Reported on')] },
  { route: 'rescheduleAction', title: 'Reschedule', submit: 'Reschedule', fields: [plan, action, date('dueDate', 'New due date'), { name: 'reason', label: 'Reason', kind: 'textarea' }, date('decidedOn', 'Decided on', true)] },
  { route: 'completeAction', title: 'Complete', submit: 'Complete', fields: [plan, action, date('completedOn', 'Completed on'), { name: 'evidence', label: 'Evidence', kind: 'textarea' }] },
  { route: 'cancelAction', title: 'Cancel', submit: 'Cancel action', fields: [plan, action, { name: 'reason', label: 'Reason', kind: 'textarea' }, date('decidedOn', 'Decided on', true)] },
];

export const PARTNER_WORKFORCE_FORMS: FormSpec[] = [
  { route: 'registerPartner', title: 'Register a partner', submit: 'Register', fields: [{ name: 'id', label: 'Partner id' }, { name: 'name', label: 'Name' }, { name: 'kind', label: 'Kind', kind: 'select', options: ['cps', 'court', 'childrens-social-care', 'marac', 'victims-services', 'other'] }] },
  { route: 'recordEngagement', title: 'Record an engagement', fields: [{ name: 'id', label: 'Partner id', param: true }, date('date', 'Date'), { name: 'channel', label: 'Channel' }, { name: 'topics', label: 'Topics', kind: 'strings' }, { name: 'indicators', label: 'Indicators', kind: 'strings' }, { name: 'summary', label: 'Summary', kind: 'textarea' }] },
  { route: 'recordSurvey', title: 'Record a confidence survey', fields: [date('date', 'Date'), { name: 'respondents', label: 'Respondents', kind: 'number' }, { name: 'confidentPercent', label: 'Confident (%)', kind: 'number' }] },
  { route: 'recordTraining', title: 'Record a training session', fields: [date('date', 'Date'), { name: 'topic', label: 'Topic' }, { name: 'attendees', label: 'Attendees', kind: 'number' }] },
  { route: 'recordSupportMeasure', title: 'Record a support measure', fields: [date('date', 'Date'), { name: 'title', label: 'Title' }, { name: 'description', label: 'Description', kind: 'textarea' }] },
];

const SECTIONS = [
  { key: 'indicators', label: 'Indicators and figures' },
  { key: 'plans', label: 'Plans and actions' },
  { key: 'partners', label: 'Partners and workforce' },
  { key: 'import', label: 'CSV import' },
];

/** Known ids as suggestions for the id fields (typing any other id stays possible). */
function KnownIds() {
  const indicators = useLoad(() => api.indicators({ knownAt: 'latest' }), 'ids');
  const actions = useLoad(() => api.actions({ knownAt: 'latest' }), 'ids');
  const acts = ready(actions)?.actions ?? [];
  return (
    <>
      <datalist id="known-indicators">{ready(indicators)?.indicators.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}</datalist>
      <datalist id="known-plans">{[...new Set(acts.map((a) => a.planId))].map((p) => <option key={p} value={p} />)}</datalist>
      <datalist id="known-actions">{acts.map((a) => <option key={`${a.planId}/${a.actionId}`} value={a.actionId}>{a.title}</option>)}</datalist>
    </>
  );
}

export default function Forms({ path, query, navigate }: ViewProps) {
  const section = query.get('section') ?? 'indicators';
  return (
    <div className="forms">
      <h1>Record</h1>
      <KnownIds />
      <nav className="tabs" aria-label="Forms">
        {SECTIONS.map((s) => (
          <a key={s.key} href={`${path}?section=${s.key}`} aria-current={section === s.key ? 'page' : undefined} onClick={(e) => { e.preventDefault(); navigate(`${path}?section=${s.key}`); }}>{s.label}</a>
        ))}
      </nav>
      <div className="form-grid">
        {section === 'indicators' && INDICATOR_FORMS.map((f) => <WriteForm key={f.route} spec={f} />)}
        {section === 'plans' && (
          <>
            <ActionEditor />
            {PLAN_FORMS.map((f) => <WriteForm key={f.route} spec={f} />)}
          </>
        )}
        {section === 'partners' && PARTNER_WORKFORCE_FORMS.map((f) => <WriteForm key={f.route} spec={f} />)}
        {section === 'import' && <CsvImport />}
      </div>
    </div>
  );
}

/** An action's lifecycle, conditional on the plan as loaded: a concurrent edit is a 412, never an overwrite. */
function ActionEditor() {
  const [planId, setPlanId] = useState('');
  const [loaded, setLoaded] = useState<{ revision?: number; actions: { actionId: string; title: string; status: string; dueDate: string }[] } | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const load = async () => {
    setProblem(undefined);
    try {
      const { plan, revision } = await api.plan(planId.trim());
      setLoaded({ revision, actions: plan.actions });
    } catch (err) {
      setLoaded(undefined);
      setProblem(err instanceof ApiError ? err.message : 'The server could not be reached.');
    }
  };
  return (
    <section className="action-editor write-form" aria-labelledby="editor-title">
      <h3 id="editor-title">Edit a plan’s actions</h3>
      <div className="field inline">
        <label htmlFor="editor-plan">Plan to edit</label>
        <input id="editor-plan" list="known-plans" autoComplete="off" value={planId} onChange={(e) => setPlanId(e.target.value)} />
        <button type="button" onClick={load}>{loaded ? 'Reload' : 'Load'}</button>
      </div>
      {problem && <p className="error" role="alert">{problem}</p>}
      {loaded && (
        <>
          <p>Editing revision <code>{loaded.revision ?? '—'}</code>.</p>
          <ul className="plain">{loaded.actions.map((a) => <li key={a.actionId}><strong>{a.actionId}</strong> {a.title}: {a.status}, due {a.dueDate}</li>)}</ul>
          {LIFECYCLE_FORMS.map((f) => (
            <WriteForm
              key={f.route}
              spec={f}
              options={{ ifMatch: loaded.revision }}
              onWritten={(_r, etag) => etag && setLoaded((l) => l && { ...l, revision: Number(etag.replace(/"/g, '')) })}
              onError={(err) => (err.status === 412 ? 'This plan was changed by someone else — reload before editing.' : undefined)}
            />
          ))}
        </>
      )}
    </section>
  );
}

function CsvImport() {
  const [csv, setCsv] = useState('');
  const [dryRun, setDryRun] = useState(true);
  const [report, setReport] = useState<{ ok?: ImportReport; problem?: ApiError; unavailable?: boolean } | undefined>();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      setReport({ ok: (await api.importFigures(csv, dryRun)).body });
    } catch (err) {
      setReport(notAvailable(err) ? { unavailable: true } : err instanceof ApiError ? { problem: err } : { unavailable: true });
    }
  };
  return (
    <form className="write-form wide" onSubmit={submit} aria-labelledby="csv-title">
      <h3 id="csv-title">Import figures from CSV</h3>
      <div className="field">
        <label htmlFor="csv-file">CSV file</label>
        <input id="csv-file" type="file" accept=".csv,text/csv" onChange={async (e) => setCsv((await e.target.files?.[0]?.text()) ?? '')} />
      </div>
      <div className="field">
        <label htmlFor="csv-text">CSV text</label>
        <textarea id="csv-text" rows={6} value={csv} onChange={(e) => setCsv(e.target.value)} aria-describedby="csv-hint" />
        <small id="csv-hint">Header row: indicator,effectiveAt,value,source (optional note, figureId)</small>
      </div>
      <div className="field checkbox">
        <input id="csv-dry" type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
        <label htmlFor="csv-dry">Dry run (check only, write nothing)</label>
      </div>
      <button type="submit" className="primary">Upload</button>
      {report?.unavailable && <p className="error" role="alert">CSV import: not available.</p>}
      {report?.ok && <p className="ok" role="status">Rows {report.ok.rows ?? '—'}: written {report.ok.written ?? 0}, unchanged {report.ok.unchanged ?? 0}{report.ok.wouldWrite !== undefined ? `, would write ${report.ok.wouldWrite}` : ''}.</p>}
      {report?.problem && (
        <div role="alert" className="error">
          <p>{report.problem.message}</p>
          <ul>{report.problem.problem.errors?.map((e, i) => <li key={i}>{e.line !== undefined ? `Line ${e.line}: ` : ''}{e.field} {e.message}</li>)}</ul>
        </div>
      )}
    </form>
  );
}
