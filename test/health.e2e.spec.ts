import request from 'supertest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../apps/api/src/bootstrap.js';
import { loadConfig } from '@rm/config';

describe('GET /health on the embedded database', () => {
  let app: NestExpressApplication;
  beforeAll(async () => {
    app = await createApp(loadConfig({ DATA_DIR: 'memory://', PORT: '0' }));
    await app.init();
  });
  afterAll(async () => app?.close());

  it('answers without a token: ready, database reachable', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toMatchObject({ ready: true, database: { reachable: true, kind: 'embedded' } });
  });
});
