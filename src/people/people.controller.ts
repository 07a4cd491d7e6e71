import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { ALL_ROLES, Role } from '../access/roles';
import { TaskRatingDto } from '../law/task-rating';
import { IdParam } from '../common/validation/id-param';
import { YearParam } from '../common/validation/year-param';
import {
  ClosePersonCaseDto,
  CreatePersonCaseDto,
  CreatePersonDto,
  PersonQueryDto,
  CreatePersonInitiativeDto,
  UpdatePersonDto,
} from './people.dto';
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

  @Get(':id/cases')
  @Roles(Role.Admin, Role.HomeAffairs)
  @ApiOperation({ summary: 'Các vụ việc (kỷ luật, điều tra, thanh tra, khiếu nại) của cá nhân' })
  cases(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.people.cases(actor, id);
  }

  @Post(':id/cases')
  @Roles(Role.HomeAffairs)
  @ApiOperation({
    summary:
      'Ghi nhận vụ việc: kỷ luật (không khen thưởng trong thời hạn) hoặc điều tra, thanh tra, khiếu nại (chờ kết luận)',
  })
  addCase(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: CreatePersonCaseDto) {
    return this.people.addCase(actor, id, dto);
  }

  @Post(':id/cases/:caseId/close')
  @Roles(Role.HomeAffairs)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Kết thúc vụ việc (có kết luận): việc khen thưởng đang chờ được tiếp tục',
  })
  closeCase(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('caseId') caseId: string,
    @Body() dto: ClosePersonCaseDto,
  ) {
    return this.people.closeCase(actor, id, caseId, dto.endsOn);
  }

  @Get(':id/initiatives')
  @Roles(Role.Admin, Role.HomeAffairs)
  @ApiOperation({ summary: 'Sáng kiến, đề tài nghiên cứu được công nhận của cá nhân' })
  initiatives(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.people.initiatives(actor, id);
  }

  @Post(':id/initiatives')
  @Roles(Role.HomeAffairs)
  @ApiOperation({
    summary:
      'Ghi nhận sáng kiến, đề tài nghiên cứu được công nhận (căn cứ xét Chiến sĩ thi đua cơ sở)',
  })
  addInitiative(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() dto: CreatePersonInitiativeDto,
  ) {
    return this.people.addInitiative(actor, id, dto);
  }

  @Get(':id/ratings')
  @Roles(Role.Admin, Role.HomeAffairs)
  @ApiOperation({ summary: 'Kết quả đánh giá, xếp loại hằng năm của cá nhân' })
  ratings(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.people.ratings(actor, id);
  }

  @Put(':id/ratings/:year')
  @Roles(Role.HomeAffairs)
  @ApiOperation({
    summary:
      'Ghi kết quả đánh giá, xếp loại của một năm (căn cứ xét Lao động tiên tiến, Chiến sĩ thi đua cơ sở)',
  })
  rate(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @YearParam() year: number,
    @Body() dto: TaskRatingDto,
  ) {
    return this.people.rate(actor, id, year, dto);
  }
}
