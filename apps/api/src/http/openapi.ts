import { RequestMethod } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_KEY, ROLES_KEY, type Role } from '../auth/roles.js';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

/** Codes the domain and the edge answer with, by the first path segment after /api. */
const RULE_CODES: Record<string, string[]> = {
  indicators: ['INDICATOR.ALREADY_REGISTERED', 'INDICATOR.BASELINE_PERIOD_INVALID', 'INDICATOR.BASELINE_REASON_REQUIRED', 'INDICATOR.TOLERANCE_INVALID', 'INDICATOR.VALUE_INVALID_FOR_UNIT', 'FIGURE.ID_CONFLICT', 'FIGURE.CORRECTION_ID_CONFLICT', 'FIGURE.CORRECTION_REASON_REQUIRED', 'RISK.ASSESSMENT_ID_CONFLICT', 'RISK.COUNT_INVALID', 'THRESHOLD.ALREADY_SET', 'THRESHOLD.LIMIT_INVALID', 'THRESHOLD.WINDOW_INVALID', 'THRESHOLD.WINDOW_REQUIRED', 'THRESHOLD.WINDOW_NOT_APPLICABLE', 'ITEM.ALREADY_CLEARED', 'ITEM.NOT_OPENED', 'ITEM.RISK_REQUIRED', 'ITEM.RISK_NOT_APPLICABLE'],
  plans: ['PLAN.ALREADY_CREATED', 'ACTION.ALREADY_EXISTS', 'ACTION.ALREADY_CANCELLED', 'ACTION.ALREADY_COMPLETED', 'ACTION.PROGRESS_PERCENT_INVALID', 'ACTION.RESCHEDULE_REASON_REQUIRED', 'ACTION.RESCHEDULE_SAME_DATE', 'TRAJECTORY.DATES_NOT_INCREASING', 'TRAJECTORY.EMPTY', 'TRAJECTORY.VALUE_INVALID'],
  partners: ['PARTNER.ALREADY_REGISTERED', 'PARTNER.ENGAGEMENT_ID_CONFLICT'],
  workforce: ['WORKFORCE.ID_CONFLICT', 'WORKFORCE.RESPONDENTS_INVALID', 'WORKFORCE.CONFIDENT_PERCENT_INVALID', 'WORKFORCE.ATTENDEES_INVALID'],
};
const NOT_FOUND_CODES: Record<string, string[]> = {
  indicators: ['INDICATOR.NOT_FOUND', 'FIGURE.NOT_FOUND', 'THRESHOLD.NOT_FOUND'],
  plans: ['PLAN.NOT_FOUND', 'ACTION.NOT_FOUND'],
  partners: ['PARTNER.NOT_FOUND'],
  streams: ['STREAM.NOT_FOUND'],
};
const VALIDATION_CODES = ['VALIDATION.FAILED', 'BODY.MALFORMED_JSON', 'BODY.TOO_DEEP', 'DATE.INVALID', 'EFFECTIVE_TIME.IN_FUTURE', 'FIELD.REQUIRED', 'FIELD.INVALID_OPTION', 'ID.INVALID', 'QUESTIONS.INVALID'];

interface RouteInfo {
  roles: readonly Role[];
  isPublic: boolean;
}

/** The roles (or public access) of every route, read from the same metadata the guard reads. */
function routeInfo(app: INestApplication): Map<string, RouteInfo> {
  const reflector = app.get(Reflector);
  const routes = new Map<string, RouteInfo>();
  for (const module of app.get(ModulesContainer).values())
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata('path', controller) ?? '').replace(/^\/|\/$/g, '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = Object.getOwnPropertyDescriptor(controller.prototype, name)?.value as unknown;
        if (typeof handler !== 'function' || Reflect.getMetadata('method', handler) === undefined) continue;
        const sub = String(Reflect.getMetadata('path', handler) ?? '').replace(/^\/|\/$/g, '');
        const path = `/${[base, sub].filter(Boolean).join('/')}`.replace(/:(\w+)/g, '{$1}');
        const method = RequestMethod[Reflect.getMetadata('method', handler) as number].toLowerCase();
        const targets = [handler, controller];
        routes.set(`${method} ${path}`, {
          roles: reflector.getAllAndOverride<readonly Role[]>(ROLES_KEY, targets) ?? [],
          isPublic: reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false,
        });
      }
    }
  return routes;
}

const problem = (description: string, codes: string[]) => ({
  description: `${description} Codes: ${codes.join(', ')}.`,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/**
 * Completes the generated document: who may call each route, every problem+json answer with its
 * codes, and the Idempotency-Key, If-Match and ETag headers of writes.
 */
export function completeOpenApi(app: INestApplication, document: OpenAPIObject): OpenAPIObject {
  const routes = routeInfo(app);
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem = {
    type: 'object',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, code: { type: 'string', example: 'VALIDATION.FAILED' }, instance: { type: 'string' },
      errors: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } },
    },
  };
  document.components.securitySchemes = { ...document.components.securitySchemes, session: { type: 'apiKey', in: 'cookie', name: 'rm_session', description: 'browser session from POST /api/session; writes also send X-CSRF-Token' } };
  for (const [path, item] of Object.entries(document.paths))
    for (const method of ['get', 'post'] as const) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      const info = routes.get(`${method} ${path}`);
      const area = path.split('/')[2] ?? '';
      const responses = op.responses as Record<string, unknown>;
      const isApiWrite = method === 'post' && path.startsWith('/api/') && !path.startsWith('/api/session');
      if (info && !info.isPublic) {
        (op as unknown as Record<string, unknown>)['x-roles'] = [...info.roles];
        op.description = `${op.description ? `${op.description}\n\n` : ''}Roles: ${info.roles.join(', ')}.`;
        op.security = [{ bearer: [] }, { session: [] }];
        responses['401'] = problem('No token, or a bad or expired one (a missing or invalid session).', ['HTTP.401']);
        responses['403'] = problem(`The token has none of the roles: ${info.roles.join(', ')}${method === 'post' ? '; or a session write without its X-CSRF-Token' : ''}.`, ['HTTP.403']);
      } else if (info) {
        (op as unknown as Record<string, unknown>)['x-roles'] = [];
        op.description = `${op.description ? `${op.description}\n\n` : ''}Answers without a token.`;
      }
      if (method === 'post' || op.parameters?.length) responses['400'] = problem('Bad input: the field and the rule broken are in errors[]; nothing is written.', VALIDATION_CODES);
      if (path.includes('{') || isApiWrite) {
        const codes = NOT_FOUND_CODES[area];
        if (codes) responses['404'] = problem('An id in the path is not known.', codes);
      }
      if (path.startsWith('/api/') && method === 'get' && !['session', 'events', 'streams', 'docs-json', 'admin'].includes(area))
        responses['503'] = { ...problem('waitFor named a position the read models have not reached within the bounded wait; retry after Retry-After.', ['READ_MODELS.NOT_YET']), headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'seconds' } } };
      // Imports and admin actions are not commands on one stream: no revision to match or report.
      if (isApiWrite && /^\/api\/(admin|imports)\//.test(path)) {
        responses['413'] = problem(path.includes('import') ? 'The body is over 64 MiB.' : 'The body is over 1 MiB.', ['BODY.TOO_LARGE']);
        continue;
      }
      if (!isApiWrite) continue;
      op.parameters = [
        ...(op.parameters ?? []),
        { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 }, description: 'The same key with the same body replays the first answer and writes nothing; with another body: 422.' },
        { name: 'If-Match', in: 'header', required: false, schema: { type: 'string', example: '"3"' }, description: 'Write only if the stream is still at this revision (the ETag of the last read or write); else 412.' },
      ];
      const etag = { ETag: { schema: { type: 'string', example: '"4"' }, description: 'the stream revision after the write' } };
      for (const ok of ['200', '201', '202']) if (responses[ok]) responses[ok] = { ...(responses[ok] as object), headers: etag };
      if (RULE_CODES[area]) responses['409'] = problem('A rule of the domain refuses the command, or the stream changed concurrently.', [...RULE_CODES[area], 'EVENT_STORE.WRONG_EXPECTED_REVISION']);
      responses['412'] = problem('If-Match named another revision than the stream has; the answer carries the current ETag.', ['REVISION.MISMATCH']);
      responses['413'] = problem('The body is over 1 MiB.', ['BODY.TOO_LARGE']);
      responses['415'] = problem('The body is not UTF-8 JSON.', ['BODY.UNSUPPORTED_ENCODING']);
      responses['422'] = problem('This Idempotency-Key was used with another request.', ['IDEMPOTENCY_KEY.REUSED']);
    }
  return document;
}
