import { stringify } from 'csv-stringify/sync';
import { writeFile } from 'node:fs/promises';
import { ApiClient, momentQuery, type ConnectionOptions, type MomentOptions } from './api-client.js';

/** The list reads and the field of their JSON answer that holds the list. */
export const LISTS = {
  indicators: { path: () => '/api/indicators', field: 'indicators' },
  history: { path: (id?: string) => `/api/indicators/${encodeURIComponent(required(id))}/history`, field: 'points' },
  actions: { path: () => '/api/actions', field: 'actions' },
  scorecard: { path: () => '/api/scorecard', field: 'questions' },
  projections: { path: () => '/api/projections', field: 'projections' },
  partners: { path: () => '/api/partners', field: 'partners' },
  warnings: { path: () => '/api/warnings', field: 'warnings' },
} as const;

export type ListName = keyof typeof LISTS;

export interface ExportOptions extends ConnectionOptions, MomentOptions {
  indicator?: string;
  status?: string;
  from?: string;
  to?: string;
  out?: string;
}

/**
 * Writes a list read as CSV. The app answers `Accept: text/csv` itself where it can; where it
 * answers JSON, the list is flattened here (nested fields as dotted columns, lists joined by ';').
 * The moment it reflects goes to stderr, never into the data.
 */
export async function exportList(list: ListName, options: ExportOptions): Promise<void> {
  const api = new ApiClient(options, 'inspector');
  const target = LISTS[list];
  const query = { ...momentQuery(options), status: options.status, from: options.from, to: options.to };
  const answer = await api.get(target.path(options.indicator), query, 'text/csv');
  let csv: string;
  let moment: { asOf?: string; knownAt?: string; position?: string };
  if ((answer.headers.get('content-type') ?? '').startsWith('text/csv')) {
    csv = answer.text;
    moment = { asOf: answer.headers.get('x-as-of') ?? undefined, knownAt: answer.headers.get('x-known-at') ?? undefined, position: answer.headers.get('x-position') ?? undefined };
  } else {
    const body = JSON.parse(answer.text) as Record<string, unknown>;
    csv = toCsv((body[target.field] as Record<string, unknown>[]) ?? []);
    moment = body;
  }
  if (options.out) await writeFile(options.out, csv);
  else process.stdout.write(csv);
  console.error(`${list}: as of ${moment.asOf}, known at ${moment.knownAt}, position ${moment.position}${options.out ? ` -> ${options.out}` : ''}`);
}

/** Rows of nested JSON as CSV: the union of their flattened fields, in first-seen order. */
export function toCsv(rows: readonly Record<string, unknown>[]): string {
  const flat = rows.map((r) => flatten(r));
  const columns = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  return stringify(flat, { header: true, columns, cast: { boolean: (b) => String(b) } });
}

function flatten(value: Record<string, unknown>, prefix = '', into: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix + key;
    if (Array.isArray(v)) into[name] = v.map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x))).join(';');
    else if (v !== null && typeof v === 'object') flatten(v as Record<string, unknown>, `${name}.`, into);
    else into[name] = v;
  }
  return into;
}

function required(id: string | undefined): string {
  if (!id) throw new Error('export history needs --indicator ID');
  return id;
}
