import type { CsvError } from 'csv-parse';
import { Readable } from 'node:stream';
import { deterministicUuid } from '../commands/deterministic-id.js';
import { ProblemException } from '../http/problem.js';
import { LineKeys } from './import-body.js';
import type { ImportLine, LineError } from './import-plan.js';

const REQUIRED = ['indicator', 'effectiveAt', 'value', 'source'] as const;
const OPTIONAL = ['note', 'figureId', 'reportedAt'] as const;
const KNOWN = new Set<string>([...REQUIRED, ...OPTIONAL]);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The id of a row without one: its indicator, effective time, value and source, so equal rows are one figure. */
export const derivedFigureId = (indicator: string, effectiveAt: string, value: string, source: string): string =>
  deterministicUuid('figure-row', indicator, effectiveAt, value, source);

/**
 * The weekly return: CSV rows of figures, each becoming a write of `POST /api/indicators/{id}/figures`.
 * Parsed as a stream (csv-parse), one record at a time. The header is line 1. A `reportedAt`
 * column makes the rows history, which only an admin may import.
 */
export async function* csvFigureLines(chunks: AsyncIterable<Buffer>, mayReport: boolean): AsyncGenerator<ImportLine | LineError> {
  const skipped: LineError[] = [];
  // Loaded by the first CSV import rather than at every start (bench:start).
  const { parse } = await import('csv-parse');
  const parser = Readable.from(chunks).pipe(
    parse({
      bom: true,
      trim: true,
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err: CsvError | undefined) => void skipped.push({ line: (err as { lines?: number } | undefined)?.lines ?? 0, field: '(row)', message: err?.message ?? 'is not a valid CSV record' }),
    }),
  );
  const keys = new LineKeys();
  let header: string[] | undefined;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield* skipped.splice(0);
    const line = info.lines;
    if (!header) {
      header = record;
      const errors = headerErrors(header, line);
      if (header.includes('reportedAt') && !mayReport)
        throw new ProblemException(403, 'AUTH.FORBIDDEN', 'Forbidden', 'only an admin may import figures with a reportedAt column (history known at an earlier time)');
      if (errors.length > 0) {
        yield* errors;
        return;
      }
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((name, i) => (row[name] = record[i]));
    yield toLine(row, line, keys);
  }
  yield* skipped.splice(0);
}

function headerErrors(header: string[], line: number): LineError[] {
  const errors: LineError[] = [];
  for (const name of REQUIRED) if (!header.includes(name)) errors.push({ line, field: name, message: `the header must name the column ${name} (columns: ${REQUIRED.join(',')}, optional ${OPTIONAL.join(',')})` });
  for (const name of header) if (!KNOWN.has(name)) errors.push({ line, field: name, message: 'is not a column of a figures file' });
  const twice = header.find((name, i) => header.indexOf(name) !== i);
  if (twice) errors.push({ line, field: twice, message: 'is named twice in the header' });
  return errors;
}

function toLine(row: Record<string, string>, line: number, keys: LineKeys): ImportLine {
  const { indicator, effectiveAt, value, source } = row;
  const body: Record<string, unknown> = {
    figureId: row.figureId || derivedFigureId(indicator, effectiveAt, value, source),
    value: NUMBER.test(value) ? Number(value) : value === '' ? undefined : value,
    effectiveAt: effectiveAt === '' ? undefined : effectiveAt,
    source: source === '' ? undefined : source,
  };
  if (row.note) body.note = row.note;
  return {
    line,
    path: `/api/indicators/${encodeURIComponent(indicator)}/figures`,
    pathField: 'indicator',
    body,
    reportedAt: 'reportedAt' in row ? row.reportedAt : undefined,
    key: keys.of(row),
    bodyPrefix: '',
  };
}
