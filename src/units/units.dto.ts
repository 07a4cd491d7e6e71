import { IsBooleanQuery } from '../common/validation/is-boolean-query';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsOptional, IsNullable } from '../common/validation/optional';
import { SearchQueryDto } from '../common/pagination';
import { IsCode } from '../common/validation/is-code';
import { ClusterKind, UnitKind } from './unit.entity';

export class CreateUnitDto {
  @ApiProperty({ example: 'XA-HUNGDAO' })
  @IsCode()
  code!: string;

  @ApiProperty({ example: 'UBND xã Hưng Đạo' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: UnitKind })
  @IsEnum(UnitKind)
  kind!: UnitKind;

  @ApiPropertyOptional({ description: 'Đơn vị cấp trên (cùng cơ quan)' })
  @IsNullable()
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({ description: 'Cụm, khối thi đua' })
  @IsNullable()
  @IsUUID()
  clusterId?: string | null;
}

export class UpdateUnitDto extends PartialType(CreateUnitDto, { skipNullProperties: false }) {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) version?: number;
}

export class UnitQueryDto extends SearchQueryDto {
  @ApiPropertyOptional({ enum: UnitKind }) @IsOptional() @IsEnum(UnitKind) kind?: UnitKind;
  @ApiPropertyOptional() @IsOptional() @IsUUID() parentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() clusterId?: string;
  @ApiPropertyOptional() @IsOptional() @IsBooleanQuery() active?: boolean;

  @ApiPropertyOptional({ enum: ['code', 'name', 'kind', 'createdAt'], default: 'name' })
  @IsOptional()
  @IsIn(['code', 'name', 'kind', 'createdAt'])
  sort: 'code' | 'name' | 'kind' | 'createdAt' = 'name';
}

export class CreateClusterDto {
  @ApiProperty({ example: 'CUM-1' })
  @IsCode()
  code!: string;
  @ApiProperty({ example: 'Cụm thi đua số 1' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name!: string;
  @ApiProperty({ enum: ClusterKind }) @IsEnum(ClusterKind) kind!: ClusterKind;
}
