import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsDateOnly } from '../common/validation/is-date-only';
import { IsOptional } from '../common/validation/optional';

export class HolidayQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class CreateHolidayDto {
  @ApiProperty({ example: '2026-09-02' }) @IsDateOnly() date!: string;
  @ApiProperty({ example: 'Quốc khánh' }) @IsString() @MinLength(2) @MaxLength(200) name!: string;
}
