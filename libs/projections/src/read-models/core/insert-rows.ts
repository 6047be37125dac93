import type { CopyRows } from '../../database/copy-rows.js';
import type { BulkReadDb } from '../../database/read-database.js';
import type { ReadDb } from '../../runner/projection.js';
import { columnList, tableOf, type EntityClass, type EntityColumn } from './entity-table.js';
import { isoOf } from './iso-time.js';

/** A row to write, keyed by the entity's properties; a nullable one may be left undefined. */
export type RowOf<T> = { [K in keyof T as null extends T[K] ? never : K]: T[K] } & { [K in keyof T as null extends T[K] ? K : never]?: T[K] };

type Key<T> = keyof T & string;

/**
 * INSERT ... SELECT FROM unnest(one array per column) ... ON CONFLICT (key) DO NOTHING: how
 * projections write a batch into an entity's table, in one statement of as many parameters as
 * columns whatever the row count (a multi-row VALUES list costs a parameter per cell to build,
 * send and plan). Rows go in in list order, as with VALUES. Re-applying the same rows changes
 * nothing when `key` names the fact's key. Columns and their SQL types come from the entity.
 */
export async function insertRows<T>(db: ReadDb, entity: EntityClass<T>, rows: readonly RowOf<T>[], key?: readonly Key<T>[]): Promise<void> {
  const { copy } = db as BulkReadDb;
  if (copy && rows.length > 0) await copyRows(db.schema, copy, entity, rows as readonly Record<string, unknown>[]);
  else await unnestInsert(db, entity, rows, `ON CONFLICT ${key ? columnList(entity, key) : ''} DO NOTHING`);
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const copyText = (text: string) => text.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]);

/**
 * A rebuild's fresh generation on a PostgreSQL server: the rows in COPY's text format, no
 * conflict to look for (each batch is applied once into tables that hold none of its rows).
 */
async function copyRows<T>(schema: string, copy: CopyRows, entity: EntityClass<T>, rows: readonly Record<string, unknown>[]): Promise<void> {
  const { name, columns } = tableOf(entity);
  // A line at a time, joined once: one flat string, where appending every cell to the whole
  // text builds a rope several times its size, held until the COPY is sent.
  const lines: string[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let line = '';
    for (let c = 0; c < columns.length; c++) {
      const value = row[columns[c].property];
      if (c > 0) line += '\t';
      if (value === null || value === undefined) line += '\\N';
      else if (columns[c].type === 'jsonb') line += copyText(JSON.stringify(value));
      else if (typeof value === 'string') line += copyText(value);
      else if (value instanceof Date) line += isoOf(value);
      else line += String(value);
    }
    lines[r] = line + '\n';
  }
  await copy(`${schema}.${name}`, columns.map((c) => c.name), lines.join(''));
}

/** The same, replacing every other column of a row whose `key` columns are already there. */
export async function upsertRows<T>(db: ReadDb, entity: EntityClass<T>, rows: readonly RowOf<T>[], key: readonly Key<T>[]): Promise<void> {
  const set = tableOf(entity).columns.filter((c) => !key.includes(c.property)).map((c) => `${c.name} = EXCLUDED.${c.name}`);
  await unnestInsert(db, entity, rows, `ON CONFLICT ${columnList(entity, key)} DO UPDATE SET ${set.join(', ')}`);
}

/** The same with any ON CONFLICT clause, writing only `properties`; answers how many rows it inserted or updated. */
export async function insertRowsCounted<T, K extends Key<T>>(
  db: ReadDb,
  entity: EntityClass<T>,
  rows: readonly Partial<RowOf<T>>[],
  onConflict: string,
  properties?: readonly K[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const { sql, arrays } = unnestInsertSql(db, entity, rows, onConflict, properties);
  const [{ n }] = await db.query<{ n: number }>(`WITH written AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM written`, arrays);
  return Number(n);
}

async function unnestInsert<T>(db: ReadDb, entity: EntityClass<T>, rows: readonly Partial<RowOf<T>>[], onConflict: string) {
  if (rows.length === 0) return;
  const { sql, arrays } = unnestInsertSql(db, entity, rows, onConflict);
  await db.query(sql, arrays);
}

function unnestInsertSql<T>(db: ReadDb, entity: EntityClass<T>, rows: readonly Partial<RowOf<T>>[], onConflict: string, properties?: readonly Key<T>[]) {
  const table = tableOf(entity);
  const columns = properties ? table.columns.filter((c) => properties.includes(c.property)) : table.columns;
  const arrays = columns.map((c) => arrayParameter(rows as readonly Record<string, unknown>[], c));
  const unnest = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  return { sql: `INSERT INTO ${db.schema}.${table.name} (${columns.map((c) => c.name).join(', ')}) SELECT * FROM unnest(${unnest}) ${onConflict}`, arrays };
}

const quoted = (text: string) => (text.includes('"') || text.includes('\\') ? `"${text.replace(/[\\"]/g, '\\$&')}"` : `"${text}"`);

/**
 * A column of `rows` as a PostgreSQL array literal, built here for the common values (text,
 * numbers, booleans, bigints, instants into timestamptz, JSON into jsonb: the same elements pg's
 * own array serialisation sends, without its per-element overhead), or as the plain array for
 * pg to serialise when a value is of any other kind.
 */
function arrayParameter<T>(rows: readonly Record<string, unknown>[], column: EntityColumn<T>): string | unknown[] {
  const { property, type } = column;
  const instants = type === 'timestamptz';
  const json = type === 'jsonb';
  let literal = '{';
  for (let r = 0; r < rows.length; r++) {
    const value = rows[r][property];
    if (r > 0) literal += ',';
    if (value === null || value === undefined) literal += 'NULL';
    else if (json) literal += quoted(JSON.stringify(value));
    else if (typeof value === 'string') literal += quoted(value);
    else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') literal += `"${value}"`;
    else if (value instanceof Date && instants) literal += isoOf(value);
    else return rows.map((row) => row[property] ?? null);
  }
  return literal + '}';
}
