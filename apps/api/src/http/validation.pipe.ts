import { Injectable, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ProblemException, type FieldError } from './problem.js';

/** class-validator with whitelisting: unknown fields are refused; every error names its field path. */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      exceptionFactory: (errors) =>
        new ProblemException(400, 'VALIDATION.FAILED', 'Bad request', 'the request is not valid: see errors', flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object) {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        throw new ProblemException(400, 'VALIDATION.FAILED', 'Bad request', 'the request body must be a JSON object', [
          { field: '(body)', message: 'must be a JSON object' },
        ]);
    }
    return super.transform(value, metadata);
  }
}

/** class-validator's errors as `{ field, message }` with JSON paths (`points[2].date`). */
export function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: message.replace(/^property \S+ /, '') }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
