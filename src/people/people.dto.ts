import { INITIATIVE_LEVELS, InitiativeKind, InitiativeLevel } from './person-initiative.entity';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsEnum,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsNullable, IsOptional } from '../common/validation/optional';
import { IsDateOnly } from '../common/validation/is-date-only';
import { CaseKind } from '../law/eligibility';
import { SearchQueryDto } from '../common/pagination';
import { Gender } from './person.entity';

const thisYear = new Date().getFullYear();

export class CreatePersonDto {
  @ApiProperty({ example: 'Nguyễn Thị Hường' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  fullName!: string;
  @ApiProperty({ enum: Gender }) @IsEnum(Gender) gender!: Gender;
  @ApiProperty({ example: 1985 }) @IsInt() @Min(1900) @Max(thisYear) birthYear!: number;
  @ApiPropertyOptional({ example: 'Chuyên viên' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  position?: string;
  @ApiProperty({ description: 'Đơn vị công tác (cán bộ đơn vị: chỉ đơn vị của mình)' })
  @IsUUID()
  unitId!: string;
}

export class UpdatePersonDto extends PartialType(CreatePersonDto, { skipNullProperties: false }) {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) version?: number;
}

export class PersonQueryDto extends SearchQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;

  @ApiPropertyOptional({ enum: ['name', 'birthYear', 'createdAt'], default: 'name' })
  @IsOptional()
  @IsIn(['name', 'birthYear', 'createdAt'])
  sort: 'name' | 'birthYear' | 'createdAt' = 'name';
}

export class CreatePersonCaseDto {
  @ApiProperty({ enum: CaseKind }) @IsEnum(CaseKind) kind!: CaseKind;
  @ApiProperty({ example: '2026-10-01' }) @IsDateOnly() startsOn!: string;
  @ApiPropertyOptional({
    nullable: true,
    description: 'Ngày kết thúc (kỷ luật: hết thời hạn); trống khi đang mở',
  })
  @IsNullable()
  @IsDateOnly()
  endsOn?: string | null;
  @ApiProperty({ example: 'Quyết định số 12/QĐ-UBND ngày 01/10/2026' })
  @IsString()
  @MinLength(5)
  @MaxLength(300)
  reference!: string;
}

export class ClosePersonCaseDto {
  @ApiProperty({ example: '2026-12-01', description: 'Ngày có kết luận, kết thúc' })
  @IsDateOnly()
  endsOn!: string;
}

export class CreatePersonInitiativeDto {
  @ApiProperty({ enum: InitiativeKind }) @IsEnum(InitiativeKind) kind!: InitiativeKind;
  @ApiProperty({ example: 'Số hóa sổ hộ tịch bằng biểu mẫu điện tử' })
  @IsString()
  @MinLength(5)
  @MaxLength(300)
  title!: string;
  @ApiProperty({ enum: Object.keys(INITIATIVE_LEVELS) })
  @IsIn(Object.keys(INITIATIVE_LEVELS))
  level!: InitiativeLevel;
  @ApiProperty({ example: '2026-11-10' }) @IsDateOnly() recognisedOn!: string;
  @ApiProperty({ example: 'Quyết định số 20/QĐ-UBND ngày 10/11/2026 công nhận sáng kiến' })
  @IsString()
  @MinLength(5)
  @MaxLength(300)
  reference!: string;
}
