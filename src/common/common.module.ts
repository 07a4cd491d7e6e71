import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { requestId } from './http/request-id';
import { createValidationPipe } from './validation/validation.pipe';

/** Paths pino must never print: credentials in headers and bodies. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
];

/**
 * Cross-cutting pieces, registered once as APP_* providers so that an app
 * built from AppModule (in production or in a test) behaves the same.
 */
@Global()
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          genReqId: requestId,
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          customProps: (req) => ({ requestId: (req as { id?: unknown }).id }),
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
            }),
          },
        },
      }),
    }),
  ],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
  ],
})
export class CommonModule {}
