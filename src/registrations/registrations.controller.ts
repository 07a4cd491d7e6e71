import { Body, Controller, Get, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ListExportQueryDto } from '../documents/sheet-format.dto';
import { sendRegistrations } from './registration-export';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { ALL_ROLES, Role, STAFF_ROLES } from '../access/roles';
import { IdParam } from '../common/validation/id-param';
import { PilotDto, RegisterDto } from './registrations.dto';
import { RegistrationsService } from './registrations.service';

@ApiTags('Đăng ký thi đua')
@Controller('movements/:id')
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Post('registrations')
  @Roles(Role.UnitOfficer)
  @ApiOperation({ summary: 'Đơn vị đăng ký thi đua (trước hạn đăng ký)' })
  register(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: RegisterDto) {
    return this.registrations.register(actor, id, dto);
  }

  @Post('registrations/withdraw')
  @Roles(Role.UnitOfficer)
  @HttpCode(200)
  @ApiOperation({ summary: 'Đơn vị rút đăng ký (trước hạn đăng ký)' })
  withdraw(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.registrations.withdraw(actor, id);
  }

  @Get('registrations')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Các bản đăng ký (cán bộ đơn vị: của đơn vị mình)' })
  list(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.registrations.list(actor, id);
  }

  @Get('registrations/export')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: 'Tải danh sách đăng ký thi đua (XLSX hoặc CSV); cán bộ đơn vị: của đơn vị mình',
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  async export(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() query: ListExportQueryDto,
    @Res() res: FastifyReply,
  ) {
    await sendRegistrations(this.registrations, actor, id, query.format ?? 'xlsx', res);
  }

  @Put('registrations/:registrationId/pilot')
  @Roles(Role.Admin, Role.HomeAffairs)
  @ApiOperation({ summary: 'Chọn hoặc bỏ đơn vị chỉ đạo điểm (tối đa 2)' })
  setPilot(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('registrationId') registrationId: string,
    @Body() dto: PilotDto,
  ) {
    return this.registrations.setPilot(actor, id, registrationId, dto.pilot);
  }

  @Get('coverage')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Tỷ lệ đăng ký theo loại đơn vị và danh sách đơn vị chưa đăng ký' })
  coverage(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.registrations.coverage(actor, id);
  }
}
