import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

/** A calendar date, YYYY-MM-DD. */
export const IsDateOnly = () =>
  applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, {
      message: 'Trường "$property" phải là ngày theo định dạng YYYY-MM-DD.',
    }),
    IsISO8601({ strict: true }),
  );
