import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError } from '@rm/domain';
import { EventIdConflict, InvalidAppend, isDatabaseUnavailable, WrongExpectedRevision } from '@rm/event-store';
import type { Request, Response } from 'express';
import { problemType, ProblemException, type Problem } from './problem.js';

const DOMAIN_STATUS = { 'not-found': 404, rule: 409, validation: 400 } as const;
const TITLES: Record<number, string> = {
  400: 'Bad request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed',
  409: 'Conflict', 412: 'Precondition failed', 413: 'Payload too large', 415: 'Unsupported media type',
  422: 'Unprocessable content', 429: 'Too many requests', 431: 'Request header fields too large', 500: 'Internal server error', 503: 'Service unavailable',
};

/** Maps every error to application/problem+json; nothing else leaves the API as an error. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const { problem, headers } = this.toProblem(error);
    problem.instance = request.originalUrl?.split('?')[0];
    if (problem.status >= 500 && problem.status !== 503) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    if (problem.status === 401) {
      const sent = (request.headers.authorization ?? '').length > 0;
      response.setHeader('WWW-Authenticate', sent ? 'Bearer realm="recovery-monitor", error="invalid_token"' : 'Bearer realm="recovery-monitor"');
    }
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(error: unknown): { problem: Problem; headers: Record<string, string> } {
    if (error instanceof ProblemException)
      return { problem: { ...build(error.status, error.code, error.message, error.errors, error.title), ...error.extensions }, headers: error.headers };
    if (error instanceof DomainError) {
      const status = DOMAIN_STATUS[error.kind];
      const errors = error.field ? [{ field: error.field, message: error.message }] : undefined;
      return { problem: build(status, error.code, error.message, errors), headers: {} };
    }
    if (error instanceof WrongExpectedRevision)
      return { problem: build(409, error.code, `the stream changed concurrently: ${error.message}; retry`), headers: {} };
    if (error instanceof EventIdConflict) return { problem: build(409, error.code, error.message), headers: {} };
    if (error instanceof InvalidAppend)
      return { problem: build(400, error.code, error.message, [{ field: error.field, message: error.rule }]), headers: {} };
    // Nest wraps the JSON parser's errors in an HttpException whose cause is the original.
    const bodyError = bodyParserProblem(error) ?? bodyParserProblem((error as { cause?: unknown })?.cause);
    if (bodyError) return { problem: bodyError, headers: {} };
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      const detail = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? error.message);
      return { problem: build(status, `HTTP.${status}`, Array.isArray(detail) ? detail.join('; ') : String(detail)), headers: {} };
    }
    if (isDatabaseUnavailable(error))
      return { problem: build(503, 'DATABASE.UNAVAILABLE', 'the database connection failed; the request may or may not have been recorded: retry it, with the same Idempotency-Key to be safe'), headers: { 'Retry-After': '1' } };
    return { problem: build(500, 'INTERNAL', 'an unexpected error occurred; it has been logged'), headers: {} };
  }
}

function build(status: number, code: string, detail: string, errors?: Problem['errors'], title?: string): Problem {
  const problem: Problem = { type: problemType(code), title: title ?? TITLES[status] ?? 'Error', status, detail, code };
  if (errors?.length) problem.errors = errors;
  return problem;
}

/** Errors raised by the JSON body parser before any route runs. */
function bodyParserProblem(error: unknown): Problem | undefined {
  const type = (error as { type?: unknown })?.type;
  if (type === 'entity.too.large') return build(413, 'BODY.TOO_LARGE', 'the request body must not exceed 1 MiB');
  if (type === 'entity.parse.failed') return build(400, 'BODY.MALFORMED_JSON', 'the request body is not valid JSON');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return build(415, 'BODY.UNSUPPORTED_ENCODING', 'the request body must be UTF-8 JSON');
  if (typeof type === 'string' && (error as { status?: number }).status === 400) return build(400, 'BODY.INVALID', String((error as Error).message));
  return undefined;
}
