import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { ListExportQueryDto } from '../documents/sheet-format.dto';
import { IsEnum, IsIn, IsUUID } from 'class-validator';
import { IsOptional } from '../common/validation/optional';
import { OptionalYear } from '../common/validation/optional-year';
import { UnitKind } from '../units/unit.entity';

/** What narrows the statistics: a year (default: this one), a movement, a kind of unit, a unit. */
export class StatisticsQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'Năm thống kê (mặc định: năm nay)' })
  @OptionalYear()
  year?: number;
  @ApiPropertyOptional() @IsOptional() @IsUUID() movementId?: string;
  @ApiPropertyOptional({
    description: 'Một đợt (sơ kết, tổng kết, năm): số liệu của cả đợt, không cắt theo năm',
  })
  @IsOptional()
  @IsUUID()
  roundId?: string;
  @ApiPropertyOptional({ enum: UnitKind }) @IsOptional() @IsEnum(UnitKind) unitKind?: UnitKind;
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
}

export class StatisticsExportQueryDto extends IntersectionType(
  StatisticsQueryDto,
  ListExportQueryDto,
) {}

export class ReportFormatDto {
  @ApiPropertyOptional({ enum: ['pdf', 'xlsx'], default: 'pdf' })
  @IsOptional()
  @IsIn(['pdf', 'xlsx'])
  format?: 'pdf' | 'xlsx';
}
