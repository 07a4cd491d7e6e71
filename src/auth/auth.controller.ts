import { OnlyThrottle } from '../common/http/throttles';
import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ALL_ROLES, ROLE_LABELS } from '../access/roles';
import { AllowPendingPassword, Public, Roles } from '../access/access.decorators';
import { Actor, CurrentActor, RequestWithActor } from '../access/actor';
import { ChangePasswordDto, LoginDto, RefreshDto, TokensDto } from './auth.dto';
import { AuthService } from './auth.service';
import { UsersService } from '../users/users.service';

@ApiTags('Đăng nhập')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @OnlyThrottle('login')
  @ApiOperation({ summary: 'Đăng nhập bằng tên đăng nhập và mật khẩu' })
  @ApiOkResponse({ type: TokensDto })
  @ApiTooManyRequestsResponse({ description: 'Đăng nhập sai quá nhiều lần hoặc quá nhiều yêu cầu' })
  login(@Body() body: LoginDto, @Req() req: RequestWithActor): Promise<TokensDto> {
    return this.auth.login(
      body.username,
      body.password,
      typeof req.id === 'string' ? req.id : null,
    );
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @OnlyThrottle('login')
  @ApiOperation({
    summary:
      'Lấy accessToken mới bằng refreshToken (refreshToken cũ hết hiệu lực; dùng lại refreshToken cũ sẽ kết thúc phiên)',
  })
  @ApiOkResponse({ type: TokensDto })
  refresh(@Body() body: RefreshDto, @Req() req: RequestWithActor): Promise<TokensDto> {
    return this.auth.refresh(body.refreshToken, typeof req.id === 'string' ? req.id : null);
  }

  @Post('logout')
  @Roles(...ALL_ROLES)
  @AllowPendingPassword()
  @HttpCode(204)
  @ApiOperation({ summary: 'Đăng xuất: chấm dứt phiên hiện tại' })
  logout(@CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logout(actor);
  }

  @Post('password')
  @Roles(...ALL_ROLES)
  @AllowPendingPassword()
  @HttpCode(204)
  @ApiOperation({ summary: 'Đổi mật khẩu của chính mình (các phiên khác bị đăng xuất)' })
  changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(actor, body.currentPassword, body.newPassword);
  }

  @Get('me')
  @Roles(...ALL_ROLES)
  @AllowPendingPassword()
  @ApiOperation({ summary: 'Thông tin người dùng đang đăng nhập' })
  async me(@CurrentActor() actor: Actor) {
    const user = await this.users.get(actor, actor.userId);
    return {
      ...user,
      roleLabel: ROLE_LABELS[user.role],
      mustChangePassword: actor.mustChangePassword,
    };
  }
}
