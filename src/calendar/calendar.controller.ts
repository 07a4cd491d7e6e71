import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { ALL_ROLES, Role } from '../access/roles';
import { IdParam } from '../common/validation/id-param';
import { CalendarService } from './calendar.service';
import { CreateHolidayDto, HolidayQueryDto } from './calendar.dto';

@ApiTags('Lịch làm việc')
@Controller('holidays')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Các ngày nghỉ lễ, Tết (không tính vào thời hạn thẩm định)' })
  list(@CurrentActor() actor: Actor, @Query() query: HolidayQueryDto) {
    return this.calendar.list(actor, query.year);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Thêm ngày nghỉ' })
  add(@CurrentActor() actor: Actor, @Body() dto: CreateHolidayDto) {
    return this.calendar.add(actor, dto.date, dto.name);
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiOperation({ summary: 'Bỏ ngày nghỉ' })
  remove(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.calendar.remove(actor, id);
  }
}
