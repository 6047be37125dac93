import { INDICATOR_EVENT_TYPES } from '@rm/domain';
import type { Projection, ProjectedEvent, ReadDb } from '../../runner/projection.js';
import { insertRows } from '../core/insert-rows.js';
import { isoOf } from '../core/iso-time.js';
import { ITEM_TABLES, writeItemLines } from './backlog-item-lines.writer.js';
import { factOf, type Fact, type ItemFact } from './indicator-facts.model.js';

type Table = Exclude<Fact['table'], 'items'>;
type Mapper<T extends Table> = (fact: Extract<Fact, { table: T }>['fact']) => unknown[];

const iso = isoOf;
const opt = <T>(v: T | undefined) => (v === undefined ? null : v);

/** Where each kind of fact goes: table, columns, and the row in column order. */
const TABLES: { [T in Table]: { name: string; columns: string[]; row: Mapper<T> } } = {
  definitions: {
    name: 'rm_indicator_definitions',
    columns:
      'position indicator_id kind known_at name description unit direction owner questions baseline_value baseline_from baseline_to baseline_source tolerance reason'.split(
        ' ',
      ),
    row: (f) => [
      String(f.position),
      f.indicatorId,
      f.kind,
      iso(f.knownAt),
      opt(f.name),
      opt(f.description),
      opt(f.unit),
      opt(f.direction),
      opt(f.owner),
      f.questions === undefined ? null : JSON.stringify(f.questions),
      f.baseline.value,
      f.baseline.from,
      f.baseline.to,
      f.baseline.source,
      f.tolerance,
      opt(f.reason),
    ],
  },
  figures: {
    name: 'rm_indicator_figures',
    columns: ['position', 'indicator_id', 'figure_id', 'value', 'effective_at', 'known_at', 'source', 'note'],
    row: (f) => [String(f.position), f.indicatorId, f.figureId, f.value, iso(f.effectiveAt), iso(f.knownAt), f.source, opt(f.note)],
  },
  corrections: {
    name: 'rm_indicator_figure_corrections',
    columns: ['position', 'indicator_id', 'figure_id', 'correction_id', 'value', 'previous_value', 'effective_at', 'known_at', 'reason'],
    row: (f) => [String(f.position), f.indicatorId, f.figureId, opt(f.correctionId), f.value, f.previousValue, iso(f.effectiveAt), iso(f.knownAt), f.reason],
  },
  risks: {
    name: 'rm_indicator_risk_assessments',
    columns: ['position', 'indicator_id', 'assessment_id', 'assessed_at', 'known_at', 'high', 'medium', 'standard', 'rationale'],
    row: (f) => [String(f.position), f.indicatorId, opt(f.assessmentId), iso(f.assessedAt), iso(f.knownAt), f.high, f.medium, f.standard, f.rationale],
  },
  thresholds: {
    name: 'rm_indicator_thresholds',
    columns: ['position', 'indicator_id', 'threshold_id', 'event', 'kind', 'limit_value', 'window_days', 'reason', 'known_at', 'in_force_from'],
    row: (f) => [String(f.position), f.indicatorId, f.thresholdId, f.event, opt(f.kind), opt(f.limit), opt(f.windowDays), opt(f.reason), iso(f.knownAt), f.inForceFrom ? iso(f.inForceFrom) : null],
  },
};

/** Table names, for specs and maintenance. */
export const INDICATOR_FACT_TABLES: readonly string[] = [...Object.values(TABLES).map((t) => t.name), ...ITEM_TABLES];

/** Groups a batch's facts per table, so each table gets one multi-row insert per batch; item lines apart. */
function rowsPerTable(events: readonly ProjectedEvent[]): { rows: Map<Table, unknown[][]>; items: ItemFact[] } {
  const rows = new Map<Table, unknown[][]>();
  const items: ItemFact[] = [];
  for (const event of events) {
    const fact = factOf(event);
    if (!fact) continue;
    if (fact.table === 'items') {
      items.push(fact.fact);
      continue;
    }
    const mapper = TABLES[fact.table].row as (f: Fact['fact']) => unknown[];
    let list = rows.get(fact.table);
    if (!list) rows.set(fact.table, (list = []));
    list.push(mapper(fact.fact));
  }
  return { rows, items };
}

/**
 * Every indicator event as a fact row keyed by its log position (item openings and clearings as
 * item lifecycles: backlog-item-lines.writer.ts), so re-applying a batch is a no-op. Answers are
 * folded from these rows at read time (see indicator-position.query.ts).
 */
export const indicatorFactsProjection: Projection = {
  name: 'indicator-facts.v1',
  handles: INDICATOR_EVENT_TYPES,
  async apply(events: readonly ProjectedEvent[], db: ReadDb): Promise<void> {
    const { rows: perTable, items } = rowsPerTable(events);
    for (const [table, rows] of perTable) {
      const { name, columns } = TABLES[table];
      await insertRows(db, name, columns, rows, '(position)');
    }
    await writeItemLines(db, items);
  },
};
