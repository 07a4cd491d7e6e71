import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsDateOnly } from '../common/validation/is-date-only';
import { OptionalYear } from '../common/validation/optional-year';

export class HolidayQueryDto {
  @ApiPropertyOptional()
  @OptionalYear()
  year?: number;
}

export class CreateHolidayDto {
  @ApiProperty({ example: '2026-09-02' }) @IsDateOnly() date!: string;
  @ApiProperty({ example: 'Quốc khánh' }) @IsString() @MinLength(2) @MaxLength(200) name!: string;
}
