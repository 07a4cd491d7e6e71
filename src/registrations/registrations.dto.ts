import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsNumber,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOptional } from '../common/validation/optional';

export class TargetDto {
  @ApiProperty() @IsUUID() criterionId!: string;
  @ApiProperty({ example: 90 }) @IsNumber({ maxDecimalPlaces: 2 }) value!: number;
}

export class RegisterDto {
  @ApiProperty({ description: 'Nội dung đăng ký, cam kết của đơn vị' })
  @IsString()
  @MinLength(10)
  @MaxLength(10000)
  commitments!: string;

  @ApiPropertyOptional({ type: [TargetDto], description: 'Chỉ tiêu đăng ký theo từng tiêu chí' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TargetDto)
  targets?: TargetDto[];

  @ApiPropertyOptional({ type: [String], description: 'Cá nhân của đơn vị đăng ký thi đua' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  personIds?: string[];
}

export class PilotDto {
  @ApiProperty() @IsBoolean() pilot!: boolean;
}
