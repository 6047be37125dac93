import type { ReadDb } from '../../runner/projection.js';
import { LoadsUpTo } from './loads-up-to.js';
import { decodeRows, namedRow, tableOf, type Decoded, type EntityClass } from './entity-table.js';

export interface KeptRowsOptions {
  /**
   * Rows held at most over every table kept; past it they are dropped and reads go back to SQL.
   * About 0.7 KB of heap a row (the benchmark's 16,762 rows at a million events: 11.6 MB).
   */
  maxRows?: number;
}

/** What every kept table holds: when its row was logged, known and effective. */
interface Logged {
  position: bigint;
}

/**
 * Every row up to the newest position read of a few small fact tables (plans, partners,
 * workforce), in position order. Their projections only ever insert rows keyed by log position,
 * so nothing at or before a position every projection includes changes: the rows are loaded once
 * and, when the position moves on, only those logged since are added (one statement for all the
 * tables). A table's list is replaced, not changed, when rows are added: what a read derives from
 * a list (an order, an index) stays good while the list is the same object.
 */
class KeptRows {
  private readonly rows = new Map<EntityClass<unknown>, readonly Logged[]>();
  private count = 0;
  private readonly loads = new LoadsUpTo((after, through) => this.load(after, through));
  private readonly maxRows: number;

  constructor(
    private readonly source: ReadDb,
    private readonly entities: readonly EntityClass<unknown>[],
    options: KeptRowsOptions,
  ) {
    this.maxRows = options.maxRows ?? 200_000;
  }

  /**
   * The entity's rows logged up to at least `position` (maybe later: a read picks those logged by
   * its position), in position order; undefined when too many rows are held to keep.
   */
  async of<T extends Logged>(entity: EntityClass<T>, position: bigint): Promise<readonly Decoded<T>[] | undefined> {
    await this.loads.upTo(position);
    if (this.count > this.maxRows) return undefined;
    return (this.rows.get(entity as EntityClass<unknown>) ?? []) as unknown as readonly Decoded<T>[];
  }

  warm(position: bigint): Promise<void> {
    return this.loads.upTo(position);
  }

  /** Adds the rows logged after `after` up to `position`. */
  private async load(after: bigint, position: bigint): Promise<void> {
    if (this.count > this.maxRows) return;
    const s = this.source.schema;
    // Plain SQL: one statement of a JSON array per table, rows named by the entity's properties.
    const tables = this.entities.map(
      (e, i) => `(SELECT coalesce(json_agg(${namedRow(e)} ORDER BY position), '[]') FROM ${s}.${tableOf(e).name} WHERE position > $1::bigint AND position <= $2::bigint) AS t${i}`,
    );
    const [row] = await this.source.query<Record<string, unknown>>(`SELECT ${tables.join(', ')}`, [after.toString(), position.toString()]);
    this.entities.forEach((e, i) => {
      const added = decodeRows(e, row[`t${i}`]) as unknown as Logged[];
      if (added.length === 0) return;
      this.rows.set(e, [...(this.rows.get(e) ?? []), ...added]);
      this.count += added.length;
    });
    if (this.count > this.maxRows) this.rows.clear();
  }
}

const keptOn = new WeakMap<ReadDb, KeptRows>();

/** Keeps the rows of `entities` read through `view` (a view of `source`) in memory: see KeptRows. */
export function keepRows(view: ReadDb, source: ReadDb, entities: readonly EntityClass<unknown>[], options: KeptRowsOptions = {}): void {
  keptOn.set(view, new KeptRows(source, entities, options));
}

/**
 * The entity's rows logged up to at least `position` through a view that keeps them (keepRows);
 * undefined on any other db, or when too many rows are held to keep (the read then goes to SQL).
 */
export async function keptRows<T extends Logged>(db: ReadDb, entity: EntityClass<T>, position: bigint): Promise<readonly Decoded<T>[] | undefined> {
  return keptOn.get(db)?.of(entity, position);
}

/** Loads the kept rows up to `position` ahead of the first read there; nothing on a db that keeps none. */
export async function warmKeptRows(db: ReadDb, position: bigint): Promise<void> {
  await keptOn.get(db)?.warm(position);
}
