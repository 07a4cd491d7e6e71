import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOptional } from '../common/validation/optional';
import { PageQueryDto } from '../common/pagination';
import { IsCode } from '../common/validation/is-code';
import { IsDateOnly } from '../common/validation/is-date-only';
import { CriterionType, MovementStatus, RoundKind } from './movement.entity';

export class PhaseDto {
  @ApiProperty({ example: 'Giai đoạn 1' }) @IsString() @MinLength(2) @MaxLength(100) name!: string;
  @ApiProperty({ example: 2021 }) @IsInt() @Min(2000) @Max(2100) startYear!: number;
  @ApiProperty({ example: 2025 }) @IsInt() @Min(2000) @Max(2100) endYear!: number;
}

export class CreateMovementDto {
  @ApiProperty({ example: 'Chuyển đổi số giai đoạn 2021-2025' })
  @IsString()
  @MinLength(5)
  @MaxLength(300)
  title!: string;

  @ApiPropertyOptional({ type: [String], description: 'Căn cứ, mỗi dòng một văn bản' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  legalBases?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  contentAreas?: string[];

  @ApiPropertyOptional({ type: [PhaseDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PhaseDto)
  phases?: PhaseDto[];

  @ApiProperty({
    example: '2026-12-31',
    description: 'Hạn cuối đăng ký thi đua (tính cả ngày này)',
  })
  @IsDateOnly()
  registrationDeadline!: string;
}

export class UpdateMovementDto extends PartialType(CreateMovementDto, {
  skipNullProperties: false,
}) {
  @ApiPropertyOptional({ description: 'Phiên bản đang sửa; khác phiên bản hiện tại thì trả 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class MovementQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MovementStatus })
  @IsOptional()
  @IsEnum(MovementStatus)
  status?: MovementStatus;
}

export class CreateRoundDto {
  @ApiProperty({ enum: RoundKind }) @IsEnum(RoundKind) kind!: RoundKind;
  @ApiProperty({ example: 'Năm 2026' }) @IsString() @MinLength(2) @MaxLength(200) name!: string;
  @ApiProperty({ example: '2026-01-01' }) @IsDateOnly() periodStart!: string;
  @ApiProperty({ example: '2026-12-31' }) @IsDateOnly() periodEnd!: string;
  @ApiProperty({ example: '2026-12-15' }) @IsDateOnly() reportDeadline!: string;
  @ApiProperty({ example: '2026-12-20' }) @IsDateOnly() nominationDeadline!: string;
}

export class UpdateRoundDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateOnly() reportDeadline?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateOnly() nominationDeadline?: string;
  @ApiPropertyOptional({ description: 'Khoá đợt: không nhận báo cáo nữa' })
  @IsOptional()
  @IsBoolean()
  closed?: boolean;
}

export class CriterionDto {
  @ApiProperty({ example: 'H1' }) @IsCode(20) code!: string;
  @ApiProperty() @IsString() @MinLength(5) @MaxLength(2000) text!: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1000)
  weight?: number;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() mandatory?: boolean;
  @ApiProperty({ enum: CriterionType }) @IsEnum(CriterionType) type!: CriterionType;

  @ApiPropertyOptional({
    description: 'Ngưỡng tối thiểu: 0-100 với tỷ lệ %, số nguyên ≥ 0 với số lượng',
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  threshold?: number;
}

export class PutCriteriaDto {
  @ApiProperty({ type: [CriterionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria!: CriterionDto[];
}
