import { getMetadataArgsStorage, type ValueTransformer } from 'typeorm';
import { epochMs } from './iso-time.js';

/** Log positions are bigint columns, and bigints in JavaScript (TypeORM hands them over as text). */
export const BIGINT: ValueTransformer = {
  from: (v: string | null) => (v === null ? null : BigInt(v)),
  to: (v: bigint | null | undefined) => (v === null || v === undefined ? v : String(v)),
};

/**
 * A read model table as its TypeORM entity describes it: the one description of the table.
 * Migrations are generated from the entities (npm run migration:generate), projections write
 * rows keyed by entity property (insert-rows.ts) and queries select named columns (below).
 */
export type EntityClass<T> = new () => T;

export interface EntityColumn<T> {
  property: keyof T & string;
  /** The SQL column name and type. */
  name: string;
  type: string;
  nullable: boolean;
}

export interface EntityTable<T> {
  name: string;
  columns: readonly EntityColumn<T>[];
}

const described = new WeakMap<object, EntityTable<unknown>>();

/** The entity's table and columns, from TypeORM's metadata storage (filled by its decorators). */
export function tableOf<T>(entity: EntityClass<T>): EntityTable<T> {
  let table = described.get(entity) as EntityTable<T> | undefined;
  if (table) return table;
  const storage = getMetadataArgsStorage();
  const name = storage.tables.find((t) => t.target === entity)?.name;
  if (!name) throw new Error(`${entity.name} is not a TypeORM entity with a table name`);
  const columns = storage.filterColumns(entity).map((c) => {
    const type = c.options.type;
    if (typeof type !== 'string') throw new Error(`${entity.name}.${c.propertyName} must name its SQL type`);
    return { property: c.propertyName as keyof T & string, name: c.options.name ?? c.propertyName, type, nullable: c.options.nullable === true };
  });
  table = { name, columns };
  described.set(entity, table as EntityTable<unknown>);
  return table;
}

export function columnOf<T>(entity: EntityClass<T>, property: keyof T & string): EntityColumn<T> {
  const column = tableOf(entity).columns.find((c) => c.property === property);
  if (!column) throw new Error(`${entity.name} has no column property ${property}`);
  return column;
}

/** `(a, b)`: the SQL column list of the properties, e.g. for ON CONFLICT. */
export const columnList = <T>(entity: EntityClass<T>, properties: readonly (keyof T & string)[]): string =>
  `(${properties.map((p) => columnOf(entity, p).name).join(', ')})`;

/** A property as selected by `namedRow`: instants as epoch ms (decoded to Date), bigints as text. */
function selected(type: string, column: string): string {
  if (type === 'timestamptz') return epochMs(column);
  if (type === 'bigint') return `${column}::text`;
  return column;
}

/**
 * `column AS "property", ...` over the entity's chosen properties (all by default), `alias`
 * qualifying the columns: a SELECT list whose rows are named by the entity. Decode each with
 * `decodeRow`.
 */
export function selectColumns<T, K extends keyof T & string>(entity: EntityClass<T>, properties?: readonly K[], alias?: string): string {
  const columns = properties ? properties.map((p) => columnOf(entity, p)) : tableOf(entity).columns;
  const at = alias ? `${alias}.` : '';
  return columns.map((c) => `${selected(c.type, at + c.name)} AS "${c.property}"`).join(', ');
}

/** SELECT the properties of the rows of the entity's table that match `where`, decoded. */
export async function selectRows<T, K extends keyof T & string = keyof T & string>(
  db: { schema: string; query<R>(sql: string, params?: unknown[]): Promise<R[]> },
  entity: EntityClass<T>,
  where: string,
  params: unknown[],
  properties?: readonly K[],
): Promise<Decoded<Pick<T, K>>[]> {
  const rows = await db.query<Record<string, unknown>>(`SELECT ${selectColumns(entity, properties)} FROM ${db.schema}.${tableOf(entity).name} WHERE ${where}`, params);
  for (const row of rows) decodeRow(entity, row);
  return rows as Decoded<Pick<T, K>>[];
}

/**
 * `json_build_object('property', column, ...)` over the entity's chosen properties (all by
 * default), `alias` qualifying the columns: a row that travels by name inside json_agg, so one
 * statement answers several tables. Decode each with `decodeRow`.
 */
export function namedRow<T, K extends keyof T & string>(entity: EntityClass<T>, properties?: readonly K[], alias?: string): string {
  const columns = properties ? properties.map((p) => columnOf(entity, p)) : tableOf(entity).columns;
  const at = alias ? `${alias}.` : '';
  return `json_build_object(${columns.map((c) => `'${c.property}', ${selected(c.type, at + c.name)}`).join(', ')})`;
}

/** A row as read: a nullable column that is null is left undefined (as facts leave absent fields). */
export type Decoded<T> = { [K in keyof T as null extends T[K] ? never : K]: T[K] } & { [K in keyof T as null extends T[K] ? K : never]?: Exclude<T[K], null> };

/**
 * A row built by `namedRow`, parsed from JSON, decoded in place (hot reads decode thousands:
 * no copy): instants into Dates, bigints into bigint, nulls into undefined.
 */
export function decodeRow<T, K extends keyof T & string = keyof T & string>(entity: EntityClass<T>, row: Record<string, unknown>): Decoded<Pick<T, K>> {
  for (const c of decodingOf(entity)) {
    const v = row[c.property];
    if (v === undefined) continue;
    if (v === null) row[c.property] = undefined;
    else if (c.type === 'timestamptz') row[c.property] = new Date(Number(v));
    else if (c.type === 'bigint') row[c.property] = BigInt(v as string);
  }
  return row as Decoded<Pick<T, K>>;
}

/** A json_agg of `namedRow`s as the driver hands it over (PGlite: text), decoded. */
export function decodeRows<T, K extends keyof T & string = keyof T & string>(entity: EntityClass<T>, value: unknown, _properties?: readonly K[]): Decoded<Pick<T, K>>[] {
  const rows = (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as Record<string, unknown>[];
  for (const row of rows) decodeRow(entity, row);
  return rows as Decoded<Pick<T, K>>[];
}

const decoding = new WeakMap<object, EntityColumn<unknown>[]>();
/** The columns a read has to decode: instants, bigints and nullable ones. */
function decodingOf<T>(entity: EntityClass<T>): EntityColumn<unknown>[] {
  let list = decoding.get(entity);
  if (!list) {
    list = (tableOf(entity).columns as EntityColumn<unknown>[]).filter((c) => c.nullable || c.type === 'timestamptz' || c.type === 'bigint');
    decoding.set(entity, list);
  }
  return list;
}
