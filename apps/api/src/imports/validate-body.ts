import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FieldError } from '../http/problem.js';
import { flatten } from '../http/validation.pipe.js';

/**
 * The request validation of the API (the same DTOs and the options of `RequestValidationPipe`),
 * run synchronously: an import validates up to millions of bodies, and none of the DTOs has an
 * asynchronous rule.
 */
export function validateBody(dto: new () => object, value: unknown): { body: Record<string, unknown> } | { errors: FieldError[] } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { errors: [{ field: '(body)', message: 'must be a JSON object' }] };
  const instance = plainToInstance(dto, value, { enableImplicitConversion: false });
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
  return errors.length > 0 ? { errors: flatten(errors) } : { body: instance as Record<string, unknown> };
}
