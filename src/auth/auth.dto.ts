import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_RULE, PASSWORD_RULE_MESSAGE } from '../users/password.service';

export class LoginDto {
  @ApiProperty({ example: 'noivu' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  username!: string;

  @ApiProperty({ example: 'ThiDua@2025' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password!: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  currentPassword!: string;

  @ApiProperty({ description: 'Từ 8 đến 128 ký tự, gồm cả chữ và số' })
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  @Matches(PASSWORD_RULE, { message: PASSWORD_RULE_MESSAGE })
  newPassword!: string;
}

export class TokensDto {
  @ApiProperty({ description: 'JWT, gửi trong header Authorization: Bearer …' })
  accessToken!: string;

  @ApiProperty({ description: 'Thời hạn của accessToken, tính bằng giây' })
  expiresIn!: number;

  @ApiProperty({ description: 'Dùng một lần với POST /api/auth/refresh' })
  refreshToken!: string;
}

/** One of the user's open sessions, as its owner sees it. */
export class SessionView {
  @ApiProperty()
  id!: string;

  @ApiProperty({
    description: 'Trình duyệt và hệ điều hành đã đăng nhập, ví dụ "Chrome 131 trên Windows 10"',
  })
  device!: string;

  @ApiProperty({ description: 'Lúc đăng nhập' })
  startedAt!: Date;

  @ApiProperty({ description: 'Lần gần nhất phiên được gia hạn (làm mới mã truy cập)' })
  lastRenewedAt!: Date;

  @ApiProperty()
  expiresAt!: Date;

  @ApiProperty({ description: 'Phiên đang dùng để gọi yêu cầu này' })
  current!: boolean;
}

export class SessionListDto {
  @ApiProperty({ type: SessionView, isArray: true })
  items!: SessionView[];
}
