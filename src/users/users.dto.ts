import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsOptional, IsNullable } from '../common/validation/optional';
import { PASSWORD_RULE, PASSWORD_RULE_MESSAGE } from './password.service';
import { Role } from '../access/roles';
import { SearchQueryDto } from '../common/pagination';
import { IsCode } from '../common/validation/is-code';

export class CreateUserDto {
  @ApiProperty({ example: 'hungdao2' })
  @IsCode(60)
  username!: string;

  @ApiProperty({ example: 'Trần Văn Hùng' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  fullName!: string;
  @ApiProperty({ enum: Role }) @IsEnum(Role) role!: Role;

  @ApiPropertyOptional({ description: 'Bắt buộc với cán bộ đơn vị' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiProperty({ description: 'Mật khẩu ban đầu; người dùng phải đổi khi đăng nhập lần đầu' })
  @IsString()
  @Matches(PASSWORD_RULE, { message: PASSWORD_RULE_MESSAGE })
  password!: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(120) fullName?: string;
  @ApiPropertyOptional({ enum: Role }) @IsOptional() @IsEnum(Role) role?: Role;
  @ApiPropertyOptional({ nullable: true }) @IsNullable() @IsUUID() unitId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) version?: number;
}

export class ResetPasswordDto {
  @ApiProperty()
  @IsString()
  @Matches(PASSWORD_RULE, { message: PASSWORD_RULE_MESSAGE })
  newPassword!: string;
}

export class UserQueryDto extends SearchQueryDto {
  @ApiPropertyOptional({ enum: Role }) @IsOptional() @IsEnum(Role) role?: Role;
}
