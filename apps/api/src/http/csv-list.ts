import { applyDecorators, Injectable, SetMetadata, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiProduces } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';

const CSV_ROWS = 'rm:csv-rows';

/**
 * Lets a list read answer `text/csv` when asked with `Accept: text/csv`: one row per element of
 * the answer's `field`, nested objects as dotted columns. The answer's asOf, knownAt and position
 * go into `X-As-Of`, `X-Known-At`, `X-Position` and the file name; the CSV holds data only.
 */
export const CsvList = (field: string) =>
  applyDecorators(SetMetadata(CSV_ROWS, field), UseInterceptors(CsvListInterceptor), ApiProduces('application/json', 'text/csv'));

type Row = Record<string, unknown>;

/** A cell: nested objects become dotted columns, lists of plain values are joined with `; `, others JSON. */
function flattenInto(out: Row, value: unknown, prefix: string): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
    const entries = Object.entries(value);
    if (entries.length === 0) out[prefix] = '';
    for (const [k, v] of entries) flattenInto(out, v, prefix ? `${prefix}.${k}` : k);
  } else if (Array.isArray(value)) {
    out[prefix] = value.every((v) => v === null || typeof v !== 'object') ? value.join('; ') : JSON.stringify(value);
  } else out[prefix] = value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? value.toString() : value;
}

/** Rows as CSV text with a header of every column seen, in first-seen order. */
export function toCsv(rows: readonly unknown[]): string {
  const flat = rows.map((r) => {
    const out: Row = {};
    flattenInto(out, r, '');
    return out;
  });
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of flat)
    for (const k of Object.keys(r)) {
      if (seen.has(k)) continue;
      seen.add(k);
      columns.push(k);
    }
  return stringify(flat, { header: true, columns, cast: { boolean: (b) => String(b) } });
}

const part = (text: string) => text.replace(/[^A-Za-z0-9.-]+/g, '');

/** The CSV's file name states what it reproduces: the list, asOf, knownAt and position. */
export function csvFileName(name: string, asOf: string, knownAt: string, position: string): string {
  return `${part(name)}_asOf-${part(asOf)}_knownAt-${part(knownAt)}_position-${part(position)}.csv`;
}

/**
 * Whether content negotiation picks CSV over JSON. Most reads send no Accept, or one that can only
 * mean JSON: those skip the negotiator, which parses the header on every request.
 */
export function wantsCsv(req: Request): boolean {
  const accept = req.headers.accept;
  if (accept === undefined || accept === '*/*' || accept === 'application/json') return false;
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

@Injectable()
export class CsvListInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const field = this.reflector.get<string>(CSV_ROWS, context.getHandler());
    if (!field || !wantsCsv(req)) return next.handle();
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: Row) => {
        const rows = Array.isArray(body[field]) ? (body[field] as unknown[]) : [];
        const [asOf, knownAt, position] = [body.asOf, body.knownAt, body.position].map((v) => String(v ?? ''));
        const name = req.path.replace(/^\/api\//, '').replace(/\//g, '-');
        res.setHeader('X-As-Of', asOf);
        res.setHeader('X-Known-At', knownAt);
        res.setHeader('X-Position', position);
        res.setHeader('Content-Disposition', `attachment; filename="${csvFileName(name, asOf, knownAt, position)}"`);
        res.setHeader('Vary', 'Accept');
        res.type('text/csv; charset=utf-8');
        return toCsv(rows);
      }),
    );
  }
}
