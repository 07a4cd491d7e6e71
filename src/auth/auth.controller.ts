import { OnlyThrottle } from '../common/http/throttles';
import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ALL_ROLES, ROLE_LABELS } from '../access/roles';
import { AllowPendingPassword, Public, Roles } from '../access/access.decorators';
import { Actor, CurrentActor, RequestWithActor } from '../access/actor';
import { ChangePasswordDto, LoginDto, RefreshDto, SessionListDto, TokensDto } from './auth.dto';
import type { FastifyRequest } from 'fastify';
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
  login(@Body() body: LoginDto, @Req() req: RequestWithActor & FastifyRequest): Promise<TokensDto> {
    return this.auth.login(
      body.username,
      body.password,
      typeof req.id === 'string' ? req.id : null,
      req.headers['user-agent'],
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

  @Get('sessions')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Các phiên đăng nhập còn hiệu lực của chính mình, mới nhất trước' })
  @ApiOkResponse({ type: SessionListDto })
  async sessions(@CurrentActor() actor: Actor): Promise<SessionListDto> {
    return { items: await this.auth.sessionsOf(actor) };
  }

  @Post('sessions/end-others')
  @Roles(...ALL_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Đăng xuất mọi phiên khác của chính mình (giữ phiên này)' })
  endOtherSessions(@CurrentActor() actor: Actor): Promise<{ ended: number }> {
    return this.auth.endOtherSessions(actor);
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
