import { INestApplication, INestApplicationContext, ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { requestIdMiddleware } from './common/http/request-id';
import { securityHeaders } from './common/http/security-headers';
import { Clock } from './common/clock';
import { createRootLogger, PinoNestLogger, requestLogger } from './common/logging';
import { AppConfig, ConfigError } from './config/app-config';
import { SitePages, wantsHtml } from './common/http/site-pages';
import type { Request, Response } from 'express';
import { probe } from './database/postgres-server';
import { routesOf } from './common/http/unprefixed-routes';
import { HealthController } from './health/health.controller';
import { VerificationController } from './decisions/verification.controller';
import { WEB_CONTROLLERS } from './web/web.module';

/** Routes outside the `/api` prefix: the health check, the public verification page, the web pages. */
export const UNPREFIXED_ROUTES = routesOf([
  HealthController,
  VerificationController,
  ...WEB_CONTROLLERS,
]);

/**
 * Builds the application exactly as it runs in production. main.ts, the demo
 * command and the end-to-end tests all go through here.
 */
export async function createApp(
  config: AppConfig,
  clock?: Clock,
  imports: ModuleMetadata['imports'] = [],
): Promise<NestExpressApplication> {
  // Before Nest starts, so a wrong DATABASE_URL fails in seconds with one line.
  if (config.DATABASE_URL) await probe(config.DATABASE_URL);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, clock, imports),
    {
      bodyParser: false,
      bufferLogs: true,
      abortOnError: false,
    },
  );
  const logger = createRootLogger(config);
  app.useLogger(new PinoNestLogger(logger));
  // First, so that even a body the parser refuses gets a request id (and its log line).
  app.use(requestIdMiddleware);
  // Silent (benchmarks, some tests) writes no line: no per-request child logger either.
  if (config.LOG_LEVEL !== 'silent') app.use(requestLogger(logger));
  app.use(securityHeaders(config.publicBaseUrl.startsWith('https:')));
  app.useBodyParser('json', { limit: config.BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: config.BODY_LIMIT, extended: false });
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.setGlobalPrefix('api', { exclude: UNPREFIXED_ROUTES });
  app.enableShutdownHooks();
  setupOpenApi(app);
  await app.init();
  notFoundOutsideApi(app);
  return app;
}

/**
 * A worker process (`npm run worker`): the application without HTTP, taking
 * long work (print jobs) from the Redis queue. It shares the API's
 * PostgreSQL, Redis and file storage, so both URLs are required.
 */
export async function createWorker(config: AppConfig): Promise<INestApplicationContext> {
  if (!config.REDIS_URL || !config.DATABASE_URL)
    throw new ConfigError(
      'Invalid configuration: a worker needs REDIS_URL and DATABASE_URL (the queue and the database the API uses)',
    );
  await probe(config.DATABASE_URL);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(config, undefined, [], true),
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(new PinoNestLogger(createRootLogger(config)));
  app.enableShutdownHooks();
  await app.init();
  return app;
}

/**
 * Nest answers unknown addresses under /api only; past every route, any other
 * unknown address gets the web interface's 404 page (or the JSON error shape).
 */
function notFoundOutsideApi(app: NestExpressApplication): void {
  const page = app.get(SitePages, { strict: false });
  app.use((req: Request & { id?: unknown }, res: Response) => {
    const requestId = String(req.id ?? '');
    if (wantsHtml(req))
      res
        .status(404)
        .type('html')
        .send(page.error(404, 'Không có trang nào ở địa chỉ này.', requestId));
    else
      res.status(404).json({
        statusCode: 404,
        error: 'NOT_FOUND',
        message: `Không tìm thấy đường dẫn ${req.method} ${req.path}.`,
        details: [],
        requestId,
      });
  });
}

function setupOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Thi đua API')
      .setDescription(
        'API quản lý phong trào thi đua và công tác khen thưởng: đơn vị, phong trào, hồ sơ đề nghị khen thưởng, quyết định và Giấy khen.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'Thi đua API',
  });
}
