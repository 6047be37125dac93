import type { NextFunction, Request, Response } from 'express';
import { problemType } from './problem.js';
import { unstorableText } from './storable-text.js';

const MAX_DEPTH = 32;
/** Names the validator never sees (the object prototype's), so they could slip past whitelisting. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);

type Shape = { code: string; field: string; message: string };

/**
 * Runs right after the JSON parser: refuses bodies nested deeper than any request needs (deep
 * nesting would exhaust the stack of recursive transformers), keys that name prototype
 * members, and text that no database column can hold, in the body, the query or the path.
 * Iterative, so that it cannot itself overflow.
 */
export function bodyShapeMiddleware(req: Request, res: Response, next: NextFunction): void {
  const problem = inspectPath(req.path) ?? inspect(req.query, 'query.') ?? inspect(req.body);
  if (!problem) return next();
  const code = problem.code;
  res
    .status(400)
    .type('application/problem+json')
    .send(JSON.stringify({ type: problemType(code), title: 'Bad request', status: 400, detail: problem.message, code, instance: req.originalUrl.split('?')[0], errors: [{ field: problem.field, message: problem.message }] }));
}

function inspect(body: unknown, prefix = ''): Shape | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const message = unstorableText(value);
      if (message) return { code: 'VALIDATION.FAILED', field: `${prefix}${path}` || '(body)', message };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_DEPTH) return { code: 'BODY.TOO_DEEP', field: path || '(body)', message: `must not nest deeper than ${MAX_DEPTH} levels` };
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return { code: 'VALIDATION.FAILED', field: `${prefix}${field}`, message: 'is not an accepted field' };
      const keyProblem = unstorableText(key);
      if (keyProblem) return { code: 'VALIDATION.FAILED', field: `${prefix}${field}`, message: `as a field name ${keyProblem}` };
      stack.push({ value: (value as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return undefined;
}

/** Path segments are decoded by the router later; undecodable or unstorable ones stop here. */
function inspectPath(path: string): Shape | undefined {
  // Without a percent sign no segment decodes to anything else: one look at the whole path will do.
  if (!path.includes('%')) {
    const message = unstorableText(path);
    return message ? { code: 'VALIDATION.FAILED', field: 'path', message } : undefined;
  }
  for (const segment of path.split('/')) {
    let text: string;
    try {
      text = decodeURIComponent(segment);
    } catch {
      return { code: 'VALIDATION.FAILED', field: 'path', message: `segment "${segment.slice(0, 64)}" is not valid percent-encoded UTF-8` };
    }
    const message = unstorableText(text);
    if (message) return { code: 'VALIDATION.FAILED', field: 'path', message };
  }
  return undefined;
}
