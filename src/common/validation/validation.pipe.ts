import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import { unsafeInput } from './input-safety';
import { toFieldDetails } from './validation-messages';
import { rememberValidationRules } from './remembered-rules';

/**
 * Refuses, for every route and before any DTO rule walks it, a body, query or
 * parameter that is nested too deep or carries a NUL character.
 */
class SafeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problem = unsafeInput(value, metadata.data ?? '');
      if (problem) throw new AppError(400, 'VALIDATION_FAILED', problem.message, [problem]);
    }
    return super.transform(value, metadata);
  }
}

/**
 * The global ValidationPipe: unknown fields are refused (which also blocks
 * mass-assignment of e.g. `role` or `authorityId`), payloads are transformed
 * into DTO instances, and failures answer 400 with one detail per field.
 */
export function createValidationPipe(): ValidationPipe {
  rememberValidationRules();
  return new SafeValidationPipe({
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
