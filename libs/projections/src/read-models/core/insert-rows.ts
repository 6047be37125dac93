import type { ReadDb } from '../../runner/projection.js';
import { isoOf } from './iso-time.js';

/** Column SQL types per schema-qualified table, looked up once: read model tables never change shape in a process. */
const typesOfTable = new Map<string, ReadonlyMap<string, string>>();

async function columnTypes(db: ReadDb, table: string, columns: readonly string[]): Promise<string[]> {
  const qualified = `${db.schema}.${table}`;
  let types = typesOfTable.get(qualified);
  if (!types || columns.some((c) => !types!.has(c))) {
    const rows = await db.query<{ name: string; type: string }>(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
        WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
      [qualified],
    );
    types = new Map(rows.map((r) => [r.name, r.type]));
    typesOfTable.set(qualified, types);
  }
  return columns.map((c) => {
    const type = types!.get(c);
    if (!type) throw new Error(`insertRows: ${qualified} has no column ${c}`);
    return type;
  });
}

/**
 * INSERT ... SELECT FROM unnest(one array per column) ... ON CONFLICT DO NOTHING: how projections
 * write a batch, in one statement of as many parameters as columns whatever the row count (a
 * multi-row VALUES list costs a parameter per cell to build, send and plan). Rows go in in list
 * order, as with VALUES. Re-applying the same rows changes nothing when `conflict` names the
 * fact's key. `types` are the columns' SQL types; without them they are looked up once per table.
 */
export async function insertRows(
  db: ReadDb,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  conflict = '',
  types?: readonly string[],
): Promise<void> {
  await unnestInsert(db, table, columns, rows, `ON CONFLICT ${conflict} DO NOTHING`, types);
}

/** The same, replacing every other column of a row whose `key` columns are already there. */
export async function upsertRows(db: ReadDb, table: string, columns: readonly string[], rows: readonly unknown[][], key: readonly string[]): Promise<void> {
  const set = columns.filter((c) => !key.includes(c)).map((c) => `${c} = EXCLUDED.${c}`);
  await unnestInsert(db, table, columns, rows, `ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${set.join(', ')}`);
}

/** The same with any ON CONFLICT clause; answers how many rows it inserted or updated. */
export async function insertRowsCounted(db: ReadDb, table: string, columns: readonly string[], rows: readonly unknown[][], onConflict: string): Promise<number> {
  if (rows.length === 0) return 0;
  const { sql, arrays } = await unnestInsertSql(db, table, columns, rows, onConflict);
  const [{ n }] = await db.query<{ n: number }>(`WITH written AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM written`, arrays);
  return Number(n);
}

async function unnestInsert(db: ReadDb, table: string, columns: readonly string[], rows: readonly unknown[][], onConflict: string, types?: readonly string[]) {
  if (rows.length === 0) return;
  const { sql, arrays } = await unnestInsertSql(db, table, columns, rows, onConflict, types);
  await db.query(sql, arrays);
}

async function unnestInsertSql(db: ReadDb, table: string, columns: readonly string[], rows: readonly unknown[][], onConflict: string, types?: readonly string[]) {
  const sqlTypes = types ?? (await columnTypes(db, table, columns));
  if (sqlTypes.length !== columns.length) throw new Error(`insertRows: ${columns.length} columns but ${sqlTypes.length} types`);
  const arrays = columns.map((_, c) => arrayParameter(rows, c, sqlTypes[c]));
  const unnest = sqlTypes.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
  return { sql: `INSERT INTO ${db.schema}.${table} (${columns.join(', ')}) SELECT * FROM unnest(${unnest}) ${onConflict}`, arrays };
}

const TIMESTAMPTZ = new Set(['timestamp with time zone', 'timestamptz']);
const quoted = (text: string) => (text.includes('"') || text.includes('\\') ? `"${text.replace(/[\\"]/g, '\\$&')}"` : `"${text}"`);

/**
 * Column `c` of `rows` as a PostgreSQL array literal, built here for the common values (text,
 * numbers, booleans, bigints, instants into timestamptz: the same elements pg's own array
 * serialisation sends, without its per-element overhead), or as the plain array for pg to
 * serialise when a value is of any other kind.
 */
function arrayParameter(rows: readonly unknown[][], c: number, type: string): string | unknown[] {
  const instants = TIMESTAMPTZ.has(type);
  let literal = '{';
  for (let r = 0; r < rows.length; r++) {
    const value = rows[r][c];
    if (r > 0) literal += ',';
    if (value === null || value === undefined) literal += 'NULL';
    else if (typeof value === 'string') literal += quoted(value);
    else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') literal += `"${value}"`;
    else if (value instanceof Date && instants) literal += isoOf(value);
    else return rows.map((row) => row[c] ?? null);
  }
  return literal + '}';
}
