import { getMetadataArgsStorage } from 'typeorm';
import { epochMs } from './iso-time.js';

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
    return { property: c.propertyName as keyof T & string, name: c.options.name ?? c.propertyName, type };
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
 * `json_build_object('property', column, ...)` over the entity's chosen properties (all by
 * default), `alias` qualifying the columns: a row that travels by name inside json_agg, so one
 * statement answers several tables. Decode each with `decodeRow`.
 */
export function namedRow<T, K extends keyof T & string>(entity: EntityClass<T>, properties?: readonly K[], alias?: string): string {
  const columns = properties ? properties.map((p) => columnOf(entity, p)) : tableOf(entity).columns;
  const at = alias ? `${alias}.` : '';
  return `json_build_object(${columns.map((c) => `'${c.property}', ${selected(c.type, at + c.name)}`).join(', ')})`;
}

/** A row built by `namedRow`, parsed from JSON: its instants turned into Dates, in place. */
export function decodeRow<T, K extends keyof T & string>(entity: EntityClass<T>, row: Record<string, unknown>, properties?: readonly K[]): Pick<T, K> {
  for (const c of instantColumns(entity)) {
    if (properties && !properties.includes(c as K)) continue;
    const v = row[c];
    if (v !== null && v !== undefined) row[c] = new Date(Number(v));
  }
  return row as Pick<T, K>;
}

/** A json_agg of `namedRow`s as the driver hands it over (PGlite: text), decoded. */
export function decodeRows<T, K extends keyof T & string>(entity: EntityClass<T>, value: unknown, properties?: readonly K[]): Pick<T, K>[] {
  const rows = (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as Record<string, unknown>[];
  for (const row of rows) decodeRow(entity, row, properties);
  return rows as Pick<T, K>[];
}

const instants = new WeakMap<object, string[]>();
function instantColumns<T>(entity: EntityClass<T>): string[] {
  let list = instants.get(entity);
  if (!list) instants.set(entity, (list = tableOf(entity).columns.filter((c) => c.type === 'timestamptz').map((c) => c.property)));
  return list;
}
