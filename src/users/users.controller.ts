import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { Role } from '../access/roles';
import { IdParam } from '../common/validation/id-param';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, UserQueryDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('Người dùng')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Danh sách người dùng của cơ quan' })
  list(@CurrentActor() actor: Actor, @Query() query: UserQueryDto) {
    return this.users.list(actor, query);
  }

  @Get(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Chi tiết người dùng' })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.users.get(actor, id);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Tạo người dùng (phải đổi mật khẩu khi đăng nhập lần đầu)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Sửa vai trò, đơn vị, trạng thái người dùng' })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }

  @Post(':id/reset-password')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiOperation({ summary: 'Đặt lại mật khẩu (người dùng bị đăng xuất và phải đổi mật khẩu)' })
  resetPassword(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() dto: ResetPasswordDto,
  ) {
    return this.users.resetPassword(actor, id, dto.newPassword);
  }
}
