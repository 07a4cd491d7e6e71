import { Body, Controller, Get, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { ALL_ROLES, Role, STAFF_ROLES } from '../access/roles';
import { IdParam } from '../common/validation/id-param';
import { YearParam } from '../common/validation/year-param';
import { TaskRatingDto } from '../law/task-rating';
import { CreateClusterDto, CreateUnitDto, UnitQueryDto, UpdateUnitDto } from './units.dto';
import { UnitsService } from './units.service';

const MANAGERS = [Role.Admin, Role.HomeAffairs];

@ApiTags('Đơn vị')
@Controller()
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get('units')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Danh sách đơn vị (cán bộ đơn vị chỉ thấy đơn vị mình)' })
  list(@CurrentActor() actor: Actor, @Query() query: UnitQueryDto) {
    return this.units.list(actor, query);
  }

  @Get('units/:id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Chi tiết đơn vị' })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.units.get(actor, id);
  }

  @Post('units')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Thêm đơn vị' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUnitDto) {
    return this.units.create(actor, dto);
  }

  @Patch('units/:id')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Sửa đơn vị (đổi cấp trên, cụm/khối, ngừng hoạt động)' })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateUnitDto) {
    return this.units.update(actor, id, dto);
  }

  @Get('units/:id/ratings')
  @Roles(Role.Admin, Role.HomeAffairs)
  @ApiOperation({ summary: 'Kết quả đánh giá, xếp loại hằng năm của tập thể' })
  ratings(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.units.ratings(actor, id);
  }

  @Put('units/:id/ratings/:year')
  @Roles(Role.HomeAffairs)
  @ApiOperation({
    summary:
      'Ghi kết quả đánh giá, xếp loại của tập thể trong một năm (căn cứ xét Tập thể lao động tiên tiến)',
  })
  rate(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @YearParam() year: number,
    @Body() dto: TaskRatingDto,
  ) {
    return this.units.rate(actor, id, year, dto);
  }

  @Get('clusters')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Danh sách cụm, khối thi đua' })
  listClusters(@CurrentActor() actor: Actor) {
    return this.units.listClusters(actor);
  }

  @Post('clusters')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Thêm cụm, khối thi đua' })
  createCluster(@CurrentActor() actor: Actor, @Body() dto: CreateClusterDto) {
    return this.units.createCluster(actor, dto);
  }
}
