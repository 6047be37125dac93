import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { bodyShapeMiddleware } from './http/body-shape.middleware.js';
import { RedactingLogger } from './http/redacting-logger.js';
import { applySecurity } from './http/security.js';
import { completeOpenApi } from './http/openapi.js';
import type { AppConfig } from '@rm/config';
import { serveWeb } from './web/serve-web.js';

/** Builds the HTTP application; shared by `main.ts` and the end-to-end tests. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    logger: new RedactingLogger(config.logLevels),
    bodyParser: false,
    // Fail with the error (the data directory is in use, KurrentDB unreachable) rather than abort the process.
    abortOnError: false,
  });
  applySecurity(app, config);
  // 1 MiB, as the contract says; larger bodies get 413 from the parser, mapped to problem+json.
  app.useBodyParser('json', { limit: '1mb', type: ['application/json', 'application/*+json'] });
  app.use(bodyShapeMiddleware);
  app.disable('x-powered-by');
  // Express's own weak ETags would pose as stream revisions; writes set the real one.
  app.set('etag', false);
  app.enableShutdownHooks();
  // Built on the first request for it: scanning every route costs hundreds of ms of each start.
  const document = () => completeOpenApi(app, SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Recovery Monitor')
      .setDescription('System of record for recovering from a failed operational IT go-live. Errors are application/problem+json (RFC 9457).')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'claims: sub, name, roles' })
      .build(),
  ));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  serveWeb(app, config.webDir);
  return app;
}
