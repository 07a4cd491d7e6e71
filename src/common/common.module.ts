import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { createValidationPipe } from './validation/validation.pipe';

/**
 * Cross-cutting pieces, registered once as APP_* providers so that an app
 * built from AppModule (in production or in a test) behaves the same.
 */
@Global()
@Module({
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
  ],
})
export class CommonModule {}
