import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { ALL_ROLES, Role } from '../access/roles';
import { IdParam } from '../common/validation/id-param';
import { CreateAwardFormDto, CreateBaseSalaryDto, UpdateAwardFormDto } from './awards.dto';
import { AwardsService } from './awards.service';

@ApiTags('Hình thức khen thưởng')
@Controller()
export class AwardsController {
  constructor(private readonly awards: AwardsService) {}

  @Get('award-forms')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Danh mục hình thức khen thưởng của cơ quan' })
  list(@CurrentActor() actor: Actor) {
    return this.awards.list(actor);
  }

  @Post('award-forms')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Thêm hình thức khen thưởng' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAwardFormDto) {
    return this.awards.create(actor, dto);
  }

  @Patch('award-forms/:id')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Sửa hình thức khen thưởng (quy tắc bỏ phiếu, thủ tục, tiền thưởng, chỉ tiêu)',
  })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateAwardFormDto) {
    return this.awards.update(actor, id, dto);
  }

  @Get('base-salaries')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Các mức lương cơ sở theo ngày áp dụng' })
  baseSalaries(@CurrentActor() actor: Actor) {
    return this.awards.listBaseSalaries(actor);
  }

  @Post('base-salaries')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Thêm mức lương cơ sở mới' })
  addBaseSalary(@CurrentActor() actor: Actor, @Body() dto: CreateBaseSalaryDto) {
    return this.awards.addBaseSalary(actor, dto);
  }
}
