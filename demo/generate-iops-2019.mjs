/* global console, URL */
// Writes demo/iops-2019.ndjson, the founding case in the historical-import format:
// one { path, body, reportedAt, actor } per line, in reportedAt order. Run: node demo/generate-iops-2019.mjs
import { writeFileSync } from 'node:fs';
import { INDICATORS } from './indicators.mjs';
import { PARTNERS, planLines, workforceLines } from './plan.mjs';

const ACTOR = { sub: 'gmp-recovery-office', name: 'GMP recovery programme office (demo)' };
const SET_UP = '2019-07-08T09:00:00Z';
const FIRST_WEEK = '2019-07-12';
const LAST_WEEK = '2020-06-26';
const DAY = 86_400_000;

const addDays = (day, n) => new Date(Date.parse(day) + n * DAY).toISOString().slice(0, 10);
/** Weekly returns: the figure for the week ending Friday is reported on the Monday after. */
const reportedMonday = (friday) => `${addDays(friday, 3)}T09:00:00Z`;
const round = (unit, v) => (unit === 'count' || unit === 'rate' ? Math.round(v) : Math.round(v * 10) / 10);

const lines = [];
const add = (reportedAt, path, body) => lines.push({ path, body, reportedAt, actor: ACTOR });

function valueAt(anchors, day) {
  const t = Date.parse(day);
  for (let i = 0; i + 1 < anchors.length; i++) {
    const [d0, v0] = anchors[i];
    const [d1, v1] = anchors[i + 1];
    if (t >= Date.parse(d0) && t <= Date.parse(d1)) return v0 + ((v1 - v0) * (t - Date.parse(d0))) / (Date.parse(d1) - Date.parse(d0));
  }
  return undefined;
}

for (const ind of INDICATORS) {
  const registeredAt = ind.registeredOn ? `${ind.registeredOn}T09:00:00Z` : SET_UP;
  add(registeredAt, '/api/indicators', {
    id: ind.id, name: ind.name, description: ind.description, unit: ind.unit, direction: ind.direction,
    baseline: { value: ind.baseline.value, from: '2019-06-01', to: '2019-06-30', source: ind.baseline.source },
    tolerance: ind.tolerance, owner: ind.owner, questions: ind.questions,
  });
  const first = ind.anchors[0]?.[0];
  const last = ind.anchors[ind.anchors.length - 1]?.[0];
  for (let week = FIRST_WEEK; first && week <= LAST_WEEK; week = addDays(week, 7)) {
    if (week < first || week > last) continue;
    const anchor = ind.anchors.find(([d]) => d === week);
    const value = round(ind.unit, valueAt(ind.anchors, week));
    const source = anchor?.[2] ?? `Assumed: weekly return, interpolated between the published and assumed points around ${week}`;
    add(reportedMonday(week), `/api/indicators/${ind.id}/figures`, { figureId: `${ind.id}-${week}`, value, effectiveAt: week, source });
  }
  for (const [day, value, source, reportedAt] of ind.extra ?? [])
    add(reportedAt, `/api/indicators/${ind.id}/figures`, { figureId: `${ind.id}-${day}`, value, effectiveAt: day, source });
}

// The October 2019 unmigrated crimes: the return for 18 October said none; the 604 found the week
// after were there already, so that return is corrected when they are found, and again later.
add('2019-10-28T11:00:00Z', '/api/indicators/legacy-crimes-unmigrated/figures/legacy-crimes-unmigrated-2019-10-18/corrections', {
  value: 604, reason: 'Published: 604 legacy crimes found not migrated in the week before fieldwork were already unmigrated on 18 October (HMICFRS; Computer Weekly)',
});
add('2019-11-25T10:00:00Z', '/api/indicators/legacy-crimes-unmigrated/figures/legacy-crimes-unmigrated-2019-11-08/corrections', {
  value: 452, reason: 'Assumed: a second reconciliation found 42 more legacy crimes unmigrated on 8 November',
});

// DASH grades inside the domestic abuse backlog (the split is assumed; the total is the figure).
add('2019-11-11T15:00:00Z', '/api/indicators/da-risk-assessment/risk-assessments', {
  assessedAt: '2019-11-08', high: 48, medium: 214, standard: 424, rationale: 'Assumed split of the 686 incidents by DASH grade from a sample reviewed at fieldwork',
});
add('2020-02-03T15:00:00Z', '/api/indicators/da-risk-assessment/risk-assessments', {
  assessedAt: '2020-01-31', high: 9, medium: 71, standard: 160, rationale: 'Assumed split of the remaining 240 incidents by DASH grade',
});

// Early warnings, in force from the day the action to set them was completed.
for (const [id, thresholdId, limit] of [['da-risk-assessment', 'da-over-100', 100], ['investigations-awaiting-action', 'investigations-over-12000', 12000], ['answer-time-999', 'answer-over-20s', 20], ['legacy-crimes-unmigrated', 'any-unmigrated', 0]])
  add('2019-12-16T14:00:00Z', `/api/indicators/${id}/thresholds`, { thresholdId, kind: 'level', limit, inForceFrom: '2019-12-16' });

for (const [reportedAt, path, body] of [...planLines(), ...workforceLines()]) add(reportedAt, path, body);
for (const p of PARTNERS) add('2019-08-19T10:30:00Z', '/api/partners', { id: p.id, name: p.name, kind: p.kind });
for (const [reportedAt, path, body] of engagementLines()) add(reportedAt, path, body);

function engagementLines() {
  const out = [];
  for (const p of PARTNERS) {
    for (let day = p.firstOn, n = 1; day <= '2020-06-30'; day = addDays(day, p.everyDays), n++)
      out.push([`${day}T17:00:00Z`, `/api/partners/${p.id}/engagements`, {
        engagementId: `${p.id}-${day}`, date: day, channel: p.channel, topics: p.topics, indicators: p.indicators,
        summary: `Assumed: ${p.channel} number ${n}; shared the backlog position and the recovery plan`,
      }]);
  }
  return out;
}

lines.sort((a, b) => Date.parse(a.reportedAt) - Date.parse(b.reportedAt));
writeFileSync(new URL('./iops-2019.ndjson', import.meta.url), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
console.error(`demo/iops-2019.ndjson: ${lines.length} lines`);
