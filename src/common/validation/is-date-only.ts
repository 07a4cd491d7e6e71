import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

/** A calendar date, YYYY-MM-DD. */
export const IsDateOnly = () =>
  applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, {
      message:
        'Trường "$property" phải là ngày viết dạng năm-tháng-ngày (YYYY-MM-DD), ví dụ 2026-06-30.',
    }),
    IsISO8601(
      { strict: true },
      {
        message:
          'Trường "$property" không phải là một ngày có thật (ví dụ: ngày 30/02 không tồn tại).',
      },
    ),
  );
