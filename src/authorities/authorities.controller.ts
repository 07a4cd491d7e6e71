import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { ALL_ROLES, Role } from '../access/roles';
import { UpdateAuthorityDto } from './authorities.dto';
import { AuthoritiesService } from './authorities.service';

@ApiTags('Cơ quan có thẩm quyền')
@Controller('authority')
export class AuthoritiesController {
  constructor(private readonly authorities: AuthoritiesService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Cơ quan của người dùng đang đăng nhập' })
  own(@CurrentActor() actor: Actor) {
    return this.authorities.own(actor);
  }

  @Patch()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Sửa thông tin cơ quan (tên, địa danh, chức danh ký)' })
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateAuthorityDto) {
    return this.authorities.update(actor, dto);
  }
}
