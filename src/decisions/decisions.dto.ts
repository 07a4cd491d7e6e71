import { ApiPropertyOptional, ApiProperty, IntersectionType } from '@nestjs/swagger';
import { ListExportQueryDto } from '../documents/sheet-format.dto';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsNullable, IsOptional } from '../common/validation/optional';
import { OptionalYear } from '../common/validation/optional-year';
import { PageQueryDto } from '../common/pagination';
import { CertificateStatus, DecisionStatus } from './decision.entity';
import { RecipientKind } from '../awards/award-form.entity';

export class CreateDecisionDto {
  @ApiPropertyOptional({
    type: [String],
    description: 'Các đối tượng chờ quyết định; bỏ trống để lấy theo hồ sơ hoặc đợt',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  nomineeIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  dossierIds?: string[];
  @ApiPropertyOptional({ description: 'Mọi đối tượng chờ quyết định của một đợt' })
  @IsOptional()
  @IsUUID()
  roundId?: string;
  @ApiPropertyOptional({ example: 'Về việc tặng Giấy khen' })
  @IsOptional()
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  title?: string;
}

export class UpdateDecisionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(5) @MaxLength(500) title?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  legalBases?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(5) @MaxLength(3000) funding?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(5)
  @MaxLength(3000)
  execution?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  recipients?: string[];
}

export class RevokeDto {
  @ApiProperty({ description: 'Lý do thu hồi hoặc đính chính' })
  @IsString()
  @MinLength(10)
  @MaxLength(3000)
  reason!: string;
  @ApiPropertyOptional({
    type: [String],
    description: 'Chỉ thu hồi các dòng này (bỏ trống: toàn bộ quyết định)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsUUID('all', { each: true })
  itemIds?: string[];
}

/** One certificate's corrected content; what is left out stays as it was. */
export class CorrectionLineDto {
  @ApiProperty({ description: 'Dòng của quyết định được đính chính' })
  @IsUUID()
  itemId!: string;
  @ApiPropertyOptional({ example: 'Nguyễn Thị Hường' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  awardeeName?: string;
  @ApiPropertyOptional({ nullable: true, description: 'Đơn vị in dưới tên; null để bỏ' })
  @IsNullable()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  unitName?: string | null;
  @ApiPropertyOptional({ example: 'Đã có thành tích xuất sắc trong phong trào thi đua ...' })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(1000)
  achievement?: string;
}

export class CorrectDto {
  @ApiProperty({ description: 'Lý do đính chính' })
  @IsString()
  @MinLength(10)
  @MaxLength(3000)
  reason!: string;
  @ApiProperty({ type: [CorrectionLineDto], description: 'Nội dung đính chính của từng Giấy khen' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => CorrectionLineDto)
  corrections!: CorrectionLineDto[];
}

export class DecisionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DecisionStatus })
  @IsOptional()
  @IsEnum(DecisionStatus)
  status?: DecisionStatus;

  @ApiPropertyOptional({
    description: 'Số quyết định ("12" hoặc "12/QĐ-UBND") hoặc từ trong trích yếu',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional()
  @OptionalYear()
  year?: number;
}

export class AwaitingQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() movementId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() roundId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() awardFormId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
}

export class IssueDto {
  @ApiPropertyOptional({
    description:
      'Số mà người ký đã xác nhận; nếu số đã được cấp cho quyết định khác thì từ chối (409)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedNumber?: number;

  @ApiPropertyOptional({
    description:
      'Chủ tịch xác nhận vẫn ban hành dù quyết định làm vượt Quỹ thi đua, khen thưởng của năm (ghi vào nhật ký)',
  })
  @IsOptional()
  @IsBoolean()
  acknowledgeFundOverdraw?: boolean;
}

/** What narrows the register: on its page and in its export. */
export class RegisterFiltersDto {
  @ApiPropertyOptional({ description: 'Tên người, tập thể, hộ được khen, có hoặc không dấu' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional()
  @OptionalYear()
  year?: number;
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() awardFormId?: string;
  @ApiPropertyOptional({ description: 'Khen thưởng trong phong trào này' })
  @IsOptional()
  @IsUUID()
  movementId?: string;
  @ApiPropertyOptional({ enum: RecipientKind, description: 'Cá nhân, tập thể hay hộ gia đình' })
  @IsOptional()
  @IsEnum(RecipientKind)
  kind?: RecipientKind;
}

export class RegisterQueryDto extends IntersectionType(PageQueryDto, RegisterFiltersDto) {}

export class RegisterExportQueryDto extends IntersectionType(
  RegisterFiltersDto,
  ListExportQueryDto,
) {}

/** What narrows the register, on its page and in its export. */
export type RegisterFilters = Pick<
  RegisterFiltersDto,
  'q' | 'year' | 'unitId' | 'awardFormId' | 'movementId' | 'kind'
>;

/** One register entry as the export reads it (the certificate's frozen text, the money). */
export interface RegisterRow {
  year: number;
  registerNumber: number;
  awardeeName: string;
  unitName: string | null;
  awardFormName: string;
  decisionNumber: string;
  decisionDate: string;
  recipientKind: RecipientKind;
  amount: number | null;
  status: CertificateStatus;
}

export class HouseholdQueryDto {
  @ApiProperty({ description: 'Tên hộ gia đình như trong sổ khen thưởng, có hoặc không dấu' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;
}
