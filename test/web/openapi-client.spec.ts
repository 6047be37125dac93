import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { loadConfig } from '@rm/config';

/** The [method, path] pairs of the web client's route table (read as text: the client is browser code). */
function clientRoutes(table: 'ROUTES' | 'OPTIONAL_ROUTES'): [string, string][] {
  const source = readFileSync(join(process.cwd(), 'apps/web/src/http/client.ts'), 'utf8');
  const block = source.slice(source.indexOf(`export const ${table} = {`));
  const body = block.slice(0, block.indexOf('} as const;'));
  return [...body.matchAll(/\['(get|post)', '([^']+)'\]/g)].map((m) => [m[1], m[2]]);
}

describe('openapi-client: the web client against the OpenAPI document', () => {
  let app: NestExpressApplication;
  let doc: { paths: Record<string, Record<string, { responses: Record<string, { description?: string; headers?: object }>; parameters?: { name: string; in: string }[]; description?: string; 'x-roles'?: string[] }>> };
  beforeAll(async () => {
    app = await createApp(loadConfig({ DATA_DIR: 'memory://', AUTH_JWT_SECRET: 'openapi-test-secret-of-thirty-two-chars!', LOG_LEVEL: 'error' }));
    await app.init();
    doc = (await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body;
  }, 60_000);
  afterAll(() => app?.close());

  it('every path and method the client calls exists in /api/docs-json', () => {
    const routes = clientRoutes('ROUTES');
    expect(routes.length).toBeGreaterThan(25);
    const missing = routes.filter(([method, path]) => !doc.paths[path]?.[method]).map((r) => r.join(' '));
    expect(missing).toEqual([]);
  });

  it('the client (and so the forms) covers every write of the API but the operator routes', () => {
    const client = new Set([...clientRoutes('ROUTES'), ...clientRoutes('OPTIONAL_ROUTES')].map((r) => r.join(' ')));
    const writes = Object.entries(doc.paths)
      .filter(([path, item]) => 'post' in item && !path.startsWith('/api/admin/'))
      .map(([path]) => `post ${path}`);
    expect(writes.filter((w) => !client.has(w))).toEqual([]);
    const source = readFileSync(join(process.cwd(), 'apps/web/src/views/forms.tsx'), 'utf8');
    // The CSV upload has a form of its own.
    const formed = new Set([...source.matchAll(/route: '(\w+)'/g)].map((m) => m[1]).concat('importFigures'));
    const names = [...readFileSync(join(process.cwd(), 'apps/web/src/http/client.ts'), 'utf8').matchAll(/ {2}(\w+): \['post', '\/api\/(?!session)/g)].map((m) => m[1]);
    expect(names.filter((n) => !formed.has(n))).toEqual([]);
  });

  it('the routes of features built elsewhere are listed apart (the views show "not available" on 404)', () => {
    expect(clientRoutes('OPTIONAL_ROUTES').map((r) => r[1])).toEqual(['/api/projections', '/api/indicators/{id}/projection', '/api/changes', '/api/imports/figures']);
  });

  it('every route states its roles and its problem+json answers; writes state Idempotency-Key, If-Match, ETag, 412 and 422', () => {
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item)) {
        const where = `${method} ${path}`;
        expect({ where, roles: Array.isArray(op['x-roles']) }).toEqual({ where, roles: true });
        if (op['x-roles']!.length === 0) {
          // Public: health, documentation, and the sign-in routes themselves.
          expect({ where, public: /^\/(health|signin\/link|auth\/|api\/session)/.test(path) }).toEqual({ where, public: true });
          expect(op.description).toMatch(/Answers without a token/);
          continue;
        }
        expect({ where, has: ['401', '403'].filter((s) => op.responses[s]) }).toEqual({ where, has: ['401', '403'] });
        expect(op.description).toMatch(/Roles: /);
        if (method !== 'post') continue;
        if (/^\/api\/(admin|imports)\//.test(path)) {
          // Imports and admin actions: bad input and size, but no stream revision to match or report.
          expect({ where, has: ['400', '413'].filter((s) => op.responses[s]) }).toEqual({ where, has: ['400', '413'] });
          continue;
        }
        expect({ where, has: ['400', '412', '413', '422'].filter((s) => op.responses[s]) }).toEqual({ where, has: ['400', '412', '413', '422'] });
        expect(op.parameters?.filter((p) => p.in === 'header').map((p) => p.name)).toEqual(expect.arrayContaining(['Idempotency-Key', 'If-Match']));
        const ok = op.responses['201'] ?? op.responses['202'];
        expect({ where, etag: Boolean(ok?.headers && 'ETag' in ok.headers) }).toEqual({ where, etag: true });
      }
    expect(doc.paths['/api/indicators/{id}/figures'].post['x-roles']).toEqual(['programme-office', 'admin']);
    expect(doc.paths['/api/streams/{streamId}'].get['x-roles']).toEqual(['inspector', 'admin']);
    expect(doc.paths['/api/indicators/{id}/figures'].post.responses['409'].description).toMatch(/FIGURE.ID_CONFLICT/);
  });

  it('no description cites a document users do not have', () => {
    expect(JSON.stringify(doc)).not.toMatch(/PRODUCT\.md/);
  });

  it('serves the web application at / with client-side routes, and leaves /api and /health to the API', async () => {
    const http = request(app.getHttpServer());
    const hasBuild = (await http.get('/')).status === 200;
    if (!hasBuild) return expect((await http.get('/api/nope')).status).toBe(401);
    for (const path of ['/', '/replay', '/forms?section=plans', '/signin']) {
      const res = await http.get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<div id="root">');
    }
    expect((await http.get('/api/nope')).headers['content-type']).toMatch(/problem\+json/);
    expect((await http.get('/health')).headers['content-type']).toMatch(/json/);
  });
});
