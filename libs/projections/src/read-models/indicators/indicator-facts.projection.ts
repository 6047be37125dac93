import { INDICATOR_EVENT_TYPES } from '@rm/domain';
import type { BulkLoader, Projection, ProjectedEvent, ReadDb } from '../../runner/projection.js';
import { tableOf, type EntityClass } from '../core/entity-table.js';
import { insertRows, type RowOf } from '../core/insert-rows.js';
import { ITEM_TABLES, writeItemLines } from './backlog-item-lines.writer.js';
import { FigureCorrectionRow } from './figure-correction.entity.js';
import { IndicatorDefinitionRow } from './indicator-definition.entity.js';
import { factOf, type CorrectionFact, type DefinitionFact, type Fact, type FigureFact, type ItemFact, type RiskFact, type ThresholdFact } from './indicator-facts.model.js';
import { IndicatorFigureRow } from './indicator-figure.entity.js';
import { IndicatorThresholdRow } from './indicator-threshold.entity.js';
import { itemFeedsInSql } from './item-feeds-in-sql.js';
import { ItemLifecyclesInBulk } from './item-lifecycles-in-bulk.js';
import { RiskAssessmentRow } from './risk-assessment.entity.js';

type Table = Exclude<Fact['table'], 'items'>;
type FactOf<T extends Table> = Extract<Fact, { table: T }>['fact'];
interface Destination<T extends Table> {
  entity: EntityClass<object>;
  write: (db: ReadDb, facts: FactOf<T>[]) => Promise<void>;
}
const to = <T extends Table, E extends { position: bigint }>(entity: EntityClass<E>, row: (fact: FactOf<T>) => RowOf<E>): Destination<T> => ({
  entity,
  write: (db, facts) => insertRows(db, entity, facts.map(row), ['position']),
});

/** Where each kind of fact goes: its entity, and the row keyed by the entity's properties. */
const TABLES: { [T in Table]: Destination<T> } = {
  definitions: to(IndicatorDefinitionRow, (f: DefinitionFact) => ({
    ...f,
    baselineValue: f.baseline.value,
    baselineFrom: f.baseline.from,
    baselineTo: f.baseline.to,
    baselineSource: f.baseline.source,
  })),
  figures: to(IndicatorFigureRow, (f: FigureFact) => f),
  corrections: to(FigureCorrectionRow, (f: CorrectionFact) => f),
  risks: to(RiskAssessmentRow, (f: RiskFact) => f),
  thresholds: to(IndicatorThresholdRow, (f: ThresholdFact) => ({ ...f, limitValue: f.limit })),
};

/** Table names, for specs and maintenance. */
export const INDICATOR_FACT_TABLES: readonly string[] = [...Object.values(TABLES).map((t) => tableOf(t.entity).name), ...ITEM_TABLES];

/** Groups a batch's facts per table, so each table gets one multi-row insert per batch; item lines apart. */
function factsPerTable(events: readonly ProjectedEvent[]): { facts: Map<Table, Fact['fact'][]>; items: ItemFact[] } {
  const facts = new Map<Table, Fact['fact'][]>();
  const items: ItemFact[] = [];
  for (const event of events) {
    const fact = factOf(event);
    if (!fact) continue;
    if (fact.table === 'items') {
      items.push(fact.fact);
      continue;
    }
    let list = facts.get(fact.table);
    if (!list) facts.set(fact.table, (list = []));
    list.push(fact.fact);
  }
  return { facts, items };
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
    await writeFacts(db, events, writeItemLines);
  },
  bulkLoader(): BulkLoader {
    const lifecycles = new ItemLifecyclesInBulk();
    return {
      apply: (events, db) => writeFacts(db, events, (db, items) => lifecycles.write(db, items)),
      finish: (db) => lifecycles.finish(db),
    };
  },
  sqlBulkLoad: itemFeedsInSql,
};

async function writeFacts(db: ReadDb, events: readonly ProjectedEvent[], writeItems: (db: ReadDb, items: ItemFact[]) => Promise<void>): Promise<void> {
  const { facts: perTable, items } = factsPerTable(events);
  for (const [table, facts] of perTable) await (TABLES[table].write as (db: ReadDb, facts: Fact['fact'][]) => Promise<void>)(db, facts);
  await writeItems(db, items);
}
