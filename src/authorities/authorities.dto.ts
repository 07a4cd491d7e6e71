import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNumber,
  Max,
  IsInt,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsNullable, IsOptional } from '../common/validation/optional';
import { AUTHORITY_LEVELS } from './authority.entity';
import { IsDateOnly } from '../common/validation/is-date-only';

export class SigningTitlesDto {
  @IsString() @MinLength(1) @MaxLength(100) collective!: string;
  @IsString() @MinLength(1) @MaxLength(100) chairman!: string;
  @IsString() @MinLength(1) @MaxLength(100) viceChairman!: string;
  @IsString() @MinLength(1) @MaxLength(100) onBehalf!: string;
}

export class FieldPositionDto {
  @IsNumber({ maxDecimalPlaces: 1 }) @Min(0) @Max(297) x!: number;
  @IsNumber({ maxDecimalPlaces: 1 }) @Min(0) @Max(210) y!: number;
  @IsNumber({ maxDecimalPlaces: 1 }) @Min(6) @Max(60) fontPt!: number;
}

export class QrPositionDto {
  @IsNumber({ maxDecimalPlaces: 1 }) @Min(0) @Max(297) x!: number;
  @IsNumber({ maxDecimalPlaces: 1 }) @Min(0) @Max(210) y!: number;
  @IsNumber({ maxDecimalPlaces: 1 }) @Min(10) @Max(60) size!: number;
}

/** Millimetres from the top-left corner of an A4 landscape blank certificate. */
export class CertificateLayoutDto {
  @IsOptional() @ValidateNested() @Type(() => FieldPositionDto) awardee?: FieldPositionDto;
  @IsOptional() @ValidateNested() @Type(() => FieldPositionDto) unit?: FieldPositionDto;
  @IsOptional() @ValidateNested() @Type(() => FieldPositionDto) achievement?: FieldPositionDto;
  @IsOptional() @ValidateNested() @Type(() => FieldPositionDto) decision?: FieldPositionDto;
  @IsOptional() @ValidateNested() @Type(() => FieldPositionDto) register?: FieldPositionDto;
  @IsOptional() @ValidateNested() @Type(() => FieldPositionDto) date?: FieldPositionDto;
  @IsOptional() @ValidateNested() @Type(() => FieldPositionDto) signer?: FieldPositionDto;
  @IsOptional() @ValidateNested() @Type(() => QrPositionDto) qr?: QrPositionDto;
}

export class ProvincialTextDto {
  @ApiProperty({
    example:
      'Quyết định số 45/2025/QĐ-UBND ngày 15/8/2025 của Ủy ban nhân dân thành phố ban hành Quy chế thi đua, khen thưởng',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  basis!: string;
  @ApiProperty({ example: '2025-08-25' }) @IsDateOnly() from!: string;
  @ApiPropertyOptional({
    nullable: true,
    description: 'Ngày cuối cùng có hiệu lực; null: còn hiệu lực',
  })
  @IsNullable()
  @IsDateOnly()
  to?: string | null;
}

export class UpdateAuthorityDto {
  @ApiPropertyOptional({
    type: CertificateLayoutDto,
    description: 'Vị trí in trên phôi Giấy khen (mm)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CertificateLayoutDto)
  certificateLayout?: CertificateLayoutDto;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: AUTHORITY_LEVELS })
  @IsOptional()
  @IsIn(AUTHORITY_LEVELS)
  level?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(100) placeName?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  provinceName?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  issuingBody?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  chairmanTitle?: string;

  @ApiPropertyOptional({ example: 'Trưởng phòng Văn hóa - Xã hội' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  proposerTitle?: string;
  @ApiPropertyOptional({
    example: 'Chánh Văn phòng HĐND và UBND xã, Trưởng phòng Văn hóa - Xã hội, Trưởng phòng Kinh tế',
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  executors?: string;
  @ApiPropertyOptional({ enum: [1, 100, 1000], description: 'Làm tròn lên tiền thưởng đến (đồng)' })
  @IsOptional()
  @IsIn([1, 100, 1000])
  moneyRoundTo?: number;

  @ApiPropertyOptional({
    description: 'Cho phép công khai danh sách dự kiến khen thưởng để lấy ý kiến',
  })
  @IsOptional()
  @IsBoolean()
  publishNominees?: boolean;

  @ApiPropertyOptional({ description: 'Công khai danh sách quyết định khen thưởng đã ban hành' })
  @IsOptional()
  @IsBoolean()
  publishDecisions?: boolean;

  @ApiPropertyOptional({ type: SigningTitlesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SigningTitlesDto)
  signingTitles?: SigningTitlesDto;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Ngày bắt đầu hoạt động (null: không giới hạn)',
  })
  @IsNullable()
  @IsDateOnly()
  validFrom?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description:
      'Ngày cuối cùng hoạt động (sau sắp xếp, hợp nhất); sau ngày này không ban hành quyết định',
  })
  @IsNullable()
  @IsDateOnly()
  validTo?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Mã cơ quan kế thừa thẩm quyền (sau hợp nhất, sắp xếp); null: không có',
  })
  @IsNullable()
  @IsString()
  @Matches(/^[a-z0-9-]{2,40}$/, {
    message: 'Mã cơ quan kế thừa chỉ gồm chữ thường không dấu, số và dấu gạch ngang (2-40 ký tự).',
  })
  successorCode?: string | null;

  @ApiPropertyOptional({
    type: [ProvincialTextDto],
    description:
      'Văn bản của tỉnh về thi đua, khen thưởng (in vào căn cứ quyết định khi còn hiệu lực)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ProvincialTextDto)
  provincialTexts?: ProvincialTextDto[];

  @ApiPropertyOptional({ description: 'Phiên bản đang sửa; khác phiên bản hiện tại thì trả 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
