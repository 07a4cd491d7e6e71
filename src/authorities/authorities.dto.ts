import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { AUTHORITY_LEVELS } from './authority.entity';

export class SigningTitlesDto {
  @IsString() @MinLength(1) @MaxLength(100) collective!: string;
  @IsString() @MinLength(1) @MaxLength(100) chairman!: string;
  @IsString() @MinLength(1) @MaxLength(100) viceChairman!: string;
  @IsString() @MinLength(1) @MaxLength(100) onBehalf!: string;
}

export class UpdateAuthorityDto {
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

  @ApiPropertyOptional({ type: SigningTitlesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SigningTitlesDto)
  signingTitles?: SigningTitlesDto;

  @ApiPropertyOptional({ description: 'Phiên bản đang sửa; khác phiên bản hiện tại thì trả 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
