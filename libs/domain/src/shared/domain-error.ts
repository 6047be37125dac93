/** How the HTTP edge reports an error: not-found → 404, rule → 409, validation → 400. */
export type DomainErrorKind = 'not-found' | 'rule' | 'validation';

/**
 * Base of every broken domain rule. `code` is stable and part of the public contract;
 * `field` is the JSON path in the request body the error is about, e.g. `points[2].date`.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;

  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export abstract class NotFoundError extends DomainError {
  readonly kind = 'not-found' as const;
}

export abstract class RuleError extends DomainError {
  readonly kind = 'rule' as const;
}

export abstract class ValidationError extends DomainError {
  readonly kind = 'validation' as const;

  constructor(message: string, field: string) {
    super(message, field);
  }
}
