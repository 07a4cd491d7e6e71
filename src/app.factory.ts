import { INestApplication, INestApplicationContext, ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import bytes from 'bytes';
import { parse as parseQuery } from 'qs';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { echoRequestId, requestIdOf } from './common/http/request-id';
import { securityHeaders } from './common/http/security-headers';
import { Clock } from './common/clock';
import { createRootLogger, logRequests, PinoNestLogger } from './common/logging';
import { AppConfig, ConfigError } from './config/app-config';
import { probe } from './database/postgres-server';
import { routesOf } from './common/http/unprefixed-routes';
import { pagesAsHtml } from './common/http/site-pages';
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
): Promise<NestFastifyApplication> {
  // Before Nest starts, so a wrong DATABASE_URL fails in seconds with one line.
  if (config.DATABASE_URL) await probe(config.DATABASE_URL);
  // Fastify rather than Express: the same routes cost about a fifth less of the event
  // loop per request (issue 16's HTTP target; figures in test/bench/workflow.bench.ts).
  const adapter = new FastifyAdapter({
    // JSON and form bodies (Nest registers both parsers with this limit).
    bodyLimit: bytes.parse(config.BODY_LIMIT) ?? 1024 * 1024,
    // Our request id (a proxy's X-Request-Id when well-formed), on every log line and error.
    genReqId: requestIdOf,
    requestIdHeader: false,
    routerOptions: {
      // As Express did: /ho-so/ is /ho-so, and filters such as a[b]=c are objects.
      ignoreTrailingSlash: true,
      querystringParser: (query) => parseQuery(query),
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, clock, imports),
    adapter,
    { bufferLogs: true, abortOnError: false },
  );
  const logger = createRootLogger(config);
  app.useLogger(new PinoNestLogger(logger));
  const fastify = app.getHttpAdapter().getInstance();
  // First, so that even a body the parser refuses gets its id echoed (and its log line).
  fastify.addHook('onRequest', echoRequestId);
  fastify.addHook('onRequest', securityHeaders(config.publicBaseUrl.startsWith('https:')));
  // On the pages' routes only: an API answer skips the hook (Fastify's quicker path).
  fastify.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) route.onSend = [pagesAsHtml, ...[route.onSend ?? []].flat()];
  });
  // Silent (benchmarks, some tests) writes no line: no hook either.
  if (config.LOG_LEVEL !== 'silent') logRequests(fastify, logger);
  // reply.sendFile for the PDFs kept on disk (ranges, ETag, Last-Modified); it serves no folder itself.
  await app.register(fastifyStatic, { root: resolve(config.FILES_DIR), serve: false });
  // A JSON body may be empty, as Express allowed (`POST /take` with the header and no body).
  const json = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>('application/json', {}, (req, body, done) =>
    body.length ? json(req, body.toString('utf8'), done) : done(null, undefined),
  );
  app.setGlobalPrefix('api', { exclude: UNPREFIXED_ROUTES });
  app.enableShutdownHooks();
  setupOpenApi(app);
  await app.init();
  await fastify.ready();
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
