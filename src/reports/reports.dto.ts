import { IsBooleanQuery } from '../common/validation/is-boolean-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOptional } from '../common/validation/optional';
import { PageQueryDto } from '../common/pagination';
import { ListExportQueryDto } from '../documents/sheet-format.dto';
import { EvaluationResult } from './report.entity';

export class ReportValueDto {
  @ApiProperty() @IsUUID() criterionId!: string;

  @ApiPropertyOptional({ description: 'Tỷ lệ % (0-100) hoặc số lượng' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  number?: number;

  @ApiPropertyOptional({ description: 'Tiêu chí có/không' })
  @IsOptional()
  @IsBoolean()
  achieved?: boolean;

  @ApiPropertyOptional({ description: 'Trình bày kết quả (bắt buộc với tiêu chí định tính)' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  statement?: string;

  @ApiPropertyOptional({ type: [String], description: 'Tệp minh chứng đã tải lên' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidenceFileIds?: string[];
}

export class SubmitReportDto {
  @ApiProperty() @IsUUID() roundId!: string;

  @ApiProperty({ type: [ReportValueDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ReportValueDto)
  values!: ReportValueDto[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) note?: string;
}

export class DraftQueryDto {
  @ApiProperty() @IsUUID() roundId!: string;
}

export class JudgementDto {
  @ApiProperty() @IsUUID() criterionId!: string;
  @ApiProperty({ enum: [EvaluationResult.Met, EvaluationResult.NotMet] })
  @IsIn([EvaluationResult.Met, EvaluationResult.NotMet])
  result!: EvaluationResult;
  @ApiProperty({ description: 'Lý do (bắt buộc)' })
  @IsString()
  @MinLength(5)
  @MaxLength(2000)
  reason!: string;
}

export class ReportQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() movementId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() roundId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;

  @ApiPropertyOptional({ description: 'Gồm cả các lần báo cáo đã được thay thế' })
  @IsOptional()
  @IsBooleanQuery()
  includeSuperseded?: boolean;
}

/** A round's reports to download: the round, and XLSX (default) or CSV. */
export class ReportExportQueryDto extends ListExportQueryDto {
  @ApiProperty() @IsUUID() roundId!: string;
}
