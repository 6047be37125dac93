import type { NextFunction, Request, Response } from 'express';
import { problemType } from './problem.js';

const MAX_DEPTH = 32;
/** Names the validator never sees (the object prototype's), so they could slip past whitelisting. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);

/**
 * Runs right after the JSON parser: refuses bodies nested deeper than any request needs (deep
 * nesting would exhaust the stack of recursive transformers) and keys that name prototype
 * members. Iterative, so that it cannot itself overflow.
 */
export function bodyShapeMiddleware(req: Request, res: Response, next: NextFunction): void {
  const problem = inspect(req.body);
  if (!problem) return next();
  const code = problem.code;
  res
    .status(400)
    .type('application/problem+json')
    .send(JSON.stringify({ type: problemType(code), title: 'Bad request', status: 400, detail: problem.message, code, instance: req.originalUrl.split('?')[0], errors: [{ field: problem.field, message: problem.message }] }));
}

function inspect(body: unknown): { code: string; field: string; message: string } | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_DEPTH) return { code: 'BODY.TOO_DEEP', field: path || '(body)', message: `must not nest deeper than ${MAX_DEPTH} levels` };
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return { code: 'VALIDATION.FAILED', field, message: 'is not an accepted field' };
      stack.push({ value: (value as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return undefined;
}
