import { IsBooleanQuery } from '../common/validation/is-boolean-query';
import { DecidedElsewhereDto } from '../awards/awards.dto';
import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { ListExportQueryDto } from '../documents/sheet-format.dto';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOptional } from '../common/validation/optional';
import { CommendationKind, RecipientKind } from '../awards/award-form.entity';
import { PageQueryDto } from '../common/pagination';
import { IsDateOnly } from '../common/validation/is-date-only';
import { AppraisalResult, DocumentKind } from './dossier.entity';
import { DossierStatus } from './workflow';

export class CreateDossierDto {
  @ApiProperty({ example: 'Đề nghị tặng Giấy khen năm 2026' })
  @IsString()
  @MinLength(5)
  @MaxLength(300)
  title!: string;
  @ApiProperty({ enum: CommendationKind })
  @IsEnum(CommendationKind)
  commendationKind!: CommendationKind;
  @ApiPropertyOptional({ description: 'Đợt của phong trào (bỏ trống với khen thưởng đột xuất)' })
  @IsOptional()
  @IsUUID()
  roundId?: string;
  @ApiPropertyOptional({
    description:
      'Khóa của yêu cầu (UUID do bên gửi tạo): gửi lại cùng khóa, ví dụ khi bấm hai lần, trả về hồ sơ đã lập thay vì lập thêm',
  })
  @IsOptional()
  @IsUUID()
  requestKey?: string;
}

export class AddNomineeDto {
  @ApiProperty({ enum: RecipientKind }) @IsEnum(RecipientKind) kind!: RecipientKind;
  @ApiPropertyOptional({ description: 'Cá nhân (kind = individual)' })
  @IsOptional()
  @IsUUID()
  personId?: string;
  @ApiPropertyOptional({
    description: 'Tập thể: đơn vị hoặc đơn vị trực thuộc (kind = collective)',
  })
  @IsOptional()
  @IsUUID()
  collectiveUnitId?: string;
  @ApiPropertyOptional({ description: 'Chủ hộ và địa chỉ (kind = household)' })
  @IsOptional()
  @IsString()
  @MinLength(5)
  @MaxLength(300)
  household?: string;
  @ApiProperty() @IsUUID() awardFormId!: string;
  @ApiProperty({ description: 'Tóm tắt thành tích' })
  @IsString()
  @MinLength(10)
  @MaxLength(5000)
  achievementSummary!: string;
}

export class AttachDocumentDto {
  @ApiProperty({ enum: DocumentKind }) @IsEnum(DocumentKind) kind!: DocumentKind;
  @ApiProperty({ description: 'Tệp đã tải lên qua POST /api/files' }) @IsUUID() fileId!: string;
  @ApiPropertyOptional({ description: 'Với báo cáo thành tích: của đối tượng nào' })
  @IsOptional()
  @IsUUID()
  nomineeId?: string;
}

/** Dossiers one request may move by a step at once (QUEUE_STEPS): a page of the queue at most. */
export const AT_ONCE_AT_MOST = 100;

export class ManyDossiersDto {
  @ApiProperty({ type: [String], description: `Mã các hồ sơ (1 đến ${AT_ONCE_AT_MOST})` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AT_ONCE_AT_MOST)
  @IsUUID('all', { each: true })
  dossierIds!: string[];
}

export class TransitionDto {
  @ApiPropertyOptional({ description: 'Ý kiến, lý do (bắt buộc với một số bước)' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;
  @ApiPropertyOptional({
    description: 'Phiên bản hồ sơ đang xem; khác phiên bản hiện tại thì trả 409',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class SupplementDto extends TransitionDto {
  @ApiProperty({ type: [String], description: 'Những nội dung cần bổ sung' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MinLength(3, { each: true })
  @MaxLength(500, { each: true })
  items!: string[];
}

export class NomineeResultDto {
  @ApiProperty() @IsUUID() nomineeId!: string;
  @ApiProperty({ enum: AppraisalResult }) @IsEnum(AppraisalResult) result!: AppraisalResult;
  @ApiPropertyOptional({ description: 'Bắt buộc khi không đề nghị' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class AppraiseDto extends TransitionDto {
  @ApiProperty({ type: [NomineeResultDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => NomineeResultDto)
  results!: NomineeResultDto[];
}

export class ForwardDto {
  @ApiProperty({ example: 'Tờ trình số 15/TTr-UBND ngày 20/12/2026' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  reference!: string;
  @ApiProperty({ example: '2026-12-20' }) @IsDateOnly() forwardedOn!: string;
}

export class HigherDecisionDto extends DecidedElsewhereDto {
  @ApiProperty({ description: 'Cấp trên có khen thưởng đối tượng này không' })
  @IsBoolean()
  awarded!: boolean;

  @ApiPropertyOptional({
    example: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
    description: 'Hình thức khen thưởng như quyết định ghi (mặc định: hình thức đã đề nghị)',
  })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  formName?: string;

  @ApiPropertyOptional({ description: 'Tệp quyết định đã tải lên (PDF)' })
  @IsOptional()
  @IsUUID()
  fileId?: string;
}

export class AttestDto {
  @ApiProperty({ example: 'LUAT-TDKT-D24-TIEU-CHUAN', description: 'Mã điều kiện cần xác nhận' })
  @IsString()
  @MinLength(3)
  @MaxLength(60)
  rule!: string;
  @ApiProperty({ example: 'Nhận xét của chi bộ và thủ trưởng đơn vị: chấp hành tốt, gương mẫu.' })
  @IsString()
  @MinLength(5)
  @MaxLength(1000)
  reason!: string;
}

export class RefuseNomineeDto {
  @ApiProperty({ example: 'Chưa đủ tiêu chuẩn theo Điều 24 Luật Thi đua, khen thưởng' })
  @IsString()
  @MinLength(5)
  @MaxLength(2000)
  reason!: string;
}

export const DOSSIER_SORTS = ['submittedAt', 'appraisalDueOn', 'updatedAt'] as const;

export class DossierQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DossierStatus })
  @IsOptional()
  @IsEnum(DossierStatus)
  status?: DossierStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() movementId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() roundId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ description: 'Có đối tượng đề nghị hình thức này' })
  @IsOptional()
  @IsUUID()
  awardFormId?: string;
  @ApiPropertyOptional({ description: 'Quá hạn thẩm định' })
  @IsOptional()
  @IsBooleanQuery()
  overdue?: boolean;
  @ApiPropertyOptional({ description: 'Sắp đến hạn thẩm định' })
  @IsOptional()
  @IsBooleanQuery()
  dueSoon?: boolean;
  @ApiPropertyOptional({ description: 'Hồ sơ tôi đang thẩm định' })
  @IsOptional()
  @IsBooleanQuery()
  assignedToMe?: boolean;
  @ApiPropertyOptional({ enum: DOSSIER_SORTS, default: 'submittedAt' })
  @IsOptional()
  @IsIn(DOSSIER_SORTS)
  sort: (typeof DOSSIER_SORTS)[number] = 'submittedAt';
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'asc';
}

/** The queue's filters and a download's format (no page: every row the search names). */
export class DossierExportQueryDto extends IntersectionType(
  OmitType(DossierQueryDto, ['limit', 'offset'] as const),
  ListExportQueryDto,
) {}
