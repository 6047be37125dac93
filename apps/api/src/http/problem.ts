/** RFC 9457 problem details, as every error of the API is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface FieldError {
  field: string;
  message: string;
}

/** Thrown by the edge itself for problems that are not domain rules. */
export class ProblemException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
    /** Extension members of the problem document (RFC 9457 §3.2). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

/** 400 VALIDATION.FAILED naming the query parameter and the rule it broke. */
export const invalid = (field: string, message: string) =>
  new ProblemException(400, 'VALIDATION.FAILED', 'Bad request', `${field} ${message}`, [{ field, message }]);

export const problemType = (code: string) => `urn:recovery-monitor:problem:${code.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
