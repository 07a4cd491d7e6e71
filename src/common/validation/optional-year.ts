import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsOptional } from './optional';

/** An optional year in a query or body: a whole number from 2000 to 2100. */
export const OptionalYear = () =>
  applyDecorators(
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(2000),
    Max(2100),
  );
