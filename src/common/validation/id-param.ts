import { Param, ParseUUIDPipe } from '@nestjs/common';
import { AppError } from '../errors/app-error';

/** `:id` route parameter, which must be a UUID (400 naming `id` otherwise). */
export const IdParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        AppError.invalidField(
          name,
          `Trường "${name}" phải là mã định danh (UUID) hợp lệ.`,
          'isUUID',
        ),
    }),
  );
