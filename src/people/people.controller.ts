import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { ALL_ROLES, Role } from '../access/roles';
import { IdParam } from '../common/validation/id-param';
import { CreatePersonDto, PersonQueryDto, UpdatePersonDto } from './people.dto';
import { PeopleService } from './people.service';

const EDITORS = [Role.Admin, Role.HomeAffairs, Role.UnitOfficer];

@ApiTags('Cá nhân')
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Danh sách cá nhân; tìm theo tên có hoặc không dấu' })
  list(@CurrentActor() actor: Actor, @Query() query: PersonQueryDto) {
    return this.people.list(actor, query);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Chi tiết cá nhân' })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.people.get(actor, id);
  }

  @Post()
  @Roles(...EDITORS)
  @ApiOperation({ summary: 'Thêm cá nhân vào đơn vị' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePersonDto) {
    return this.people.create(actor, dto);
  }

  @Patch(':id')
  @Roles(...EDITORS)
  @ApiOperation({ summary: 'Sửa thông tin cá nhân' })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdatePersonDto) {
    return this.people.update(actor, id, dto);
  }
}
