import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** A short identifier: letters without diacritics, digits, dot, dash, underscore. */
export const IsCode = (maxLength = 40) =>
  applyDecorators(
    IsString(),
    MinLength(2),
    MaxLength(maxLength),
    Matches(/^[A-Za-z0-9._-]+$/, {
      message: 'Trường "$property" chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới.',
    }),
  );
