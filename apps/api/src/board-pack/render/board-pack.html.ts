import type { BoardAction, BoardChanges, BoardIndicator, BoardPackData, BoardQuestion, IndicatorMove } from '../board-pack.model.js';
import { BOARD_PACK_CSS } from './board-pack.css.js';
import { day, esc, longDay, num, percent } from './html.js';
import { lineChart } from './line-chart.svg.js';

/**
 * The board pack as one self-contained HTML document: no scripts, no external assets, charts as
 * inline SVG, no clock. The same data gives the same bytes.
 */
export function renderBoardPack(data: BoardPackData): string {
  const knownAt = data.knownAt === 'latest' ? 'as known now' : `as known at ${esc(data.knownAt)}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB"><head><meta charset="utf-8">',
    `<title>Board pack: recovery position at ${esc(longDay(data.asOf))}</title>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<style>${BOARD_PACK_CSS}</style></head><body><main>`,
    `<header><h1>Recovery position at ${esc(longDay(data.asOf))}</h1>`,
    `<p class="moment">As of <b>${esc(data.asOf)}</b>, ${knownAt}, log position <b>${esc(data.position)}</b>${data.since ? `; changes since <b>${esc(longDay(data.since))}</b>` : ''}. `,
    'Reproduce any figure here by reading the API with the same asOf, knownAt and position.</p></header>',
    questionsSection(data.questions),
    indicatorsSection(data.indicators, data.asOf),
    actionsSection(data.actions),
    data.changes ? changesSection(data.changes, data.knownAt === 'latest' ? 'now' : `at ${longDay(data.knownAt)}`) : '',
    '</main></body></html>',
    '',
  ].join('\n');
}

function questionsSection(questions: readonly BoardQuestion[]): string {
  const rows = questions.map(
    (q) =>
      `<tr><td class="q">${q.question}</td><td><span class="rag ${esc(q.status)}">${esc(q.status)}</span></td><td><b>${esc(q.title)}</b><div class="rule">${esc(q.rule)}</div></td><td class="evidence">${evidence(q.evidence)}</td></tr>`,
  );
  return `<section><h2>The six questions</h2><table class="questions"><thead><tr><th>#</th><th>Status</th><th>Question and rule</th><th>Evidence</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function evidence(e: Record<string, unknown>): string {
  return Object.entries(e)
    .map(([k, v]) => `<span>${esc(k)}: <b>${esc(evidenceValue(v))}</b></span>`)
    .join(' ');
}

function evidenceValue(v: unknown): string {
  if (typeof v === 'number') return num(v);
  if (v === null || v === undefined) return '–';
  if (Array.isArray(v)) return v.map(evidenceValue).join(', ') || '–';
  if (typeof v === 'object') return Object.entries(v).map(([k, x]) => `${k} ${evidenceValue(x)}`).join(', ');
  return String(v);
}

function indicatorsSection(indicators: readonly BoardIndicator[], asOf: string): string {
  if (indicators.length === 0) return '<section><h2>Indicators</h2><p>No indicator is known at this moment.</p></section>';
  return `<section><h2>Indicators</h2><p class="legend"><span class="key history"></span> history (daily, last figure carried forward) <span class="key baseline"></span> baseline <span class="key band"></span> tolerance band <span class="key projection"></span> projected trend <span class="key asof"></span> as of</p>${indicators.map((i) => indicatorCard(i, asOf)).join('')}</section>`;
}

function indicatorCard(i: BoardIndicator, asOf: string): string {
  const status = i.withinTolerance === null ? 'none' : i.withinTolerance ? 'within' : 'outside';
  const facts = [
    ['Value', `${num(i.value)} ${unit(i.unit)}`, i.effectiveAt ? `at ${longDay(i.effectiveAt)}` : 'no figure yet'],
    ['Baseline', `${num(i.baseline.value)} ${unit(i.unit)}`, `${day(i.baseline.from)} to ${day(i.baseline.to)}`],
    ['Gap', num(i.gap), `tolerance ${num(i.tolerance)}`],
    ['Peak', num(i.peak), `recovered ${percent(i.recoveredShare)}`],
  ];
  return [
    `<article class="indicator ${status}"><h3>${esc(i.name)} <small>${esc(i.id)} · ${esc(i.direction.replace(/-/g, ' '))} · questions ${esc(i.questions.join(', '))} · ${esc(i.owner)}</small></h3>`,
    `<dl>${facts.map(([k, v, note]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}<small>${esc(note)}</small></dd></div>`).join('')}</dl>`,
    lineChart(i, asOf),
    `<p class="projection-note">${projectionNote(i)}</p>`,
    `<p class="source">Baseline source: ${esc(i.baseline.source)}</p></article>`,
  ].join('');
}

function projectionNote(i: BoardIndicator): string {
  const p = i.projection;
  if (!p) return 'No trend projection available.';
  if (p.status === 'insufficient-data') return `No trend: fewer than 4 days with a figure in the last ${p.window.days} days (status <b>insufficient-data</b>).`;
  const back = p.projectedReturn?.date
    ? `projected back within tolerance on <b>${esc(longDay(p.projectedReturn.date))}</b> (80 % range ${esc(longDay(p.projectedReturn.earliest))} to ${esc(longDay(p.projectedReturn.latest))})`
    : 'no projected return date';
  return `Trend (${esc(p.method)}, ${p.window.days} days): ${num(p.slopePerDay)} a day; ${back}; target ${p.targetDate ? esc(longDay(p.targetDate)) : 'none'}; status <b>${esc(p.status)}</b>.`;
}

const unit = (u: string) => (u === 'percent' ? '%' : u === 'seconds' ? 's' : '');

function actionsSection(actions: readonly BoardAction[]): string {
  if (actions.length === 0) return '<section><h2>Actions overdue or slipped</h2><p>None.</p></section>';
  const rows = actions.map(
    (a) =>
      `<tr class="${a.overdue ? 'overdue' : ''}"><td>${esc(a.title)}<div class="rule">${esc(a.planId)} / ${esc(a.actionId)} · ${esc(a.owner)}</div></td><td>${esc(a.status)}${a.overdue ? ' <span class="rag red">overdue</span>' : ''}</td><td class="d">${esc(longDay(a.dueDate))}</td><td class="d">${esc(longDay(a.originalDueDate))}</td><td class="n">${a.slips}</td><td class="n">${num(a.daysSlipped)}</td><td class="n">${a.percent === null ? '–' : `${num(a.percent)} %`}</td></tr>`,
  );
  return `<section><h2>Actions overdue or slipped</h2><table><thead><tr><th>Action</th><th>Status</th><th>Due</th><th>Originally due</th><th>Slips</th><th>Days slipped</th><th>Progress</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function changesSection(c: BoardChanges, knownLabel: string): string {
  const state = (s: IndicatorMove['to'] | null) =>
    !s || s.value === null ? '<td class="n">no figure</td><td class="n">–</td><td></td>' : `<td class="n">${num(s.value)}</td><td class="n">${num(s.gap)}</td><td>${s.withinTolerance ? 'yes' : 'no'}</td>`;
  const moved = c.indicators.length
    ? `<table><thead><tr><th>Indicator</th><th>Then</th><th>Gap</th><th>Within tolerance</th><th>Now</th><th>Gap</th><th>Within tolerance</th></tr></thead><tbody>${c.indicators.map((m) => `<tr><td>${esc(m.name)}</td>${state(m.from)}${state(m.to)}</tr>`).join('')}</tbody></table>`
    : '<p>None.</p>';
  const list = (title: string, items: string[]) => `<h3>${esc(title)}</h3>${items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '<p>None.</p>'}`;
  return [
    `<section><h2>Changes since ${esc(longDay(c.since))}</h2>`,
    `<h3>Indicators that moved</h3>${moved}`,
    list('Actions completed', c.completed.map((a) => `${esc(a.title)} (${esc(a.actionId)})${a.completedOn ? `, ${esc(longDay(a.completedOn))}` : ''}`)),
    list('Actions slipped', c.slipped.map((a) => `${esc(a.title)} (${esc(a.actionId)}): ${esc(longDay(a.from))} → ${esc(longDay(a.to))}, ${num(a.days)} days`)),
    list('Actions newly overdue', c.newlyOverdue.map((a) => `${esc(a.title)} (${esc(a.actionId)}), due ${esc(longDay(a.dueDate))}`)),
    restatementsTable(c, knownLabel),
    '</section>',
  ].join('');
}

function restatementsTable(c: BoardChanges, knownLabel: string): string {
  if (c.restatements.length === 0) return '<h3>Figures restated or back-filled</h3><p>None.</p>';
  const rows = c.restatements.map(
    (r) => `<tr><td>${esc(r.name)}</td><td class="d">${esc(longDay(r.effectiveAt))}</td><td class="n">${r.from === null ? 'not known' : num(r.from)}</td><td class="n">${num(r.to)}</td><td>${esc(r.figureId)}</td></tr>`,
  );
  return `<h3>Figures restated or back-filled</h3><table><thead><tr><th>Indicator</th><th>Effective</th><th>Stated at ${esc(longDay(c.since))}</th><th>Stated ${esc(knownLabel)}</th><th>Figure</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
