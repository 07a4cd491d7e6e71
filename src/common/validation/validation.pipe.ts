import { ValidationPipe } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import { toFieldDetails } from './validation-messages';

/**
 * The global ValidationPipe: unknown fields are refused (which also blocks
 * mass-assignment of e.g. `role` or `authorityId`), payloads are transformed
 * into DTO instances, and failures answer 400 with one detail per field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = toFieldDetails(errors);
      return new AppError(
        400,
        'VALIDATION_FAILED',
        details.length === 1 ? details[0].message : 'Dữ liệu gửi lên không hợp lệ.',
        details,
      );
    },
  });
}
