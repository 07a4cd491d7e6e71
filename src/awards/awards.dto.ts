import { LAW_TITLES } from '../law/money';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsNullable, IsOptional } from '../common/validation/optional';
import { IsCode } from '../common/validation/is-code';
import { IsDateOnly } from '../common/validation/is-date-only';
import { CommendationKind, DecidedBy, Procedure, RecipientKind } from './award-form.entity';

export class CreateAwardFormDto {
  @ApiProperty({ example: 'GK-CT' }) @IsCode() code!: string;
  @ApiProperty({ example: 'Giấy khen của Chủ tịch UBND huyện' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: RecipientKind, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(RecipientKind, { each: true })
  recipientKinds!: RecipientKind[];

  @ApiProperty({ enum: CommendationKind, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(CommendationKind, { each: true })
  commendationKinds!: CommendationKind[];

  @ApiProperty({ enum: DecidedBy }) @IsEnum(DecidedBy) decidedBy!: DecidedBy;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() voteRequired?: boolean;
  @ApiPropertyOptional({ example: 0.667, description: 'Tỷ lệ thành viên phải bỏ phiếu (0-1)' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0)
  @Max(1)
  voteQuorum?: number;
  @ApiPropertyOptional({ example: 0.5, description: 'Tỷ lệ phiếu đồng ý tối thiểu (0-1)' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0)
  @Max(1)
  voteApproval?: number;
  @ApiProperty({ enum: Procedure }) @IsEnum(Procedure) procedure!: Procedure;
  @ApiPropertyOptional({ example: 0.3, description: 'Tiền thưởng: hệ số × lương cơ sở' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  moneyMultiplier?: number;
  @ApiPropertyOptional({
    enum: Object.keys(LAW_TITLES),
    description:
      'Danh hiệu, hình thức theo luật: tiền thưởng theo hệ số luật định vào ngày quyết định',
  })
  @IsOptional()
  @IsIn(Object.keys(LAW_TITLES))
  lawTitle?: string;
  @ApiPropertyOptional({
    nullable: true,
    description: 'Số lượng tối đa mỗi đơn vị mỗi đợt (null: không có chỉ tiêu)',
  })
  @IsNullable()
  @IsInt()
  @Min(1)
  quotaPerUnit?: number | null;
  @ApiPropertyOptional({
    example: 'Hướng dẫn số 05/HD-HĐTĐKT ngày 10/01/2026 của Hội đồng Thi đua - Khen thưởng',
    description: 'Văn bản quy định chỉ tiêu (bắt buộc khi có chỉ tiêu)',
    nullable: true,
  })
  @IsNullable()
  @IsString()
  @MinLength(5)
  @MaxLength(300)
  quotaCitation?: string | null;
}

export class UpdateAwardFormDto extends PartialType(
  OmitType(CreateAwardFormDto, ['code', 'decidedBy'] as const),
  { skipNullProperties: false },
) {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) version?: number;
}

export class CreateBaseSalaryDto {
  @ApiProperty({ example: 2340000 }) @IsInt() @Min(1) @Max(1000000000) amount!: number;
  @ApiProperty({ example: '2024-07-01' }) @IsDateOnly() effectiveFrom!: string;
}

/** An award decided elsewhere, as its decision names it: who decided, its number and date. */
export class DecidedElsewhereDto {
  @ApiProperty({ example: 'Chủ tịch Ủy ban nhân dân tỉnh Hải Dương' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  decidedBy!: string;

  @ApiProperty({ example: '1234/QĐ-UBND' })
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  number!: string;

  @ApiProperty({ example: '2027-01-15', description: 'Không sau hôm nay' })
  @IsDateOnly()
  date!: string;
}

/** An award decided elsewhere, recorded without a dossier (a province's Bằng khen to one of our people). */
export class RecordAwardDto extends DecidedElsewhereDto {
  @ApiProperty({ example: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  formName!: string;
}
