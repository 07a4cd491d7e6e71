import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsOptional } from '../common/validation/optional';
import type { SheetFormat } from './spreadsheet';

/** The format of a download: XLSX (default) or CSV. */
export class ListExportQueryDto {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'])
  format?: SheetFormat;
}
