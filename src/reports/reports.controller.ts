import { Body, Controller, Get, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { ALL_ROLES, Role } from '../access/roles';
import { IdParam } from '../common/validation/id-param';
import { sendReports } from './report-export';
import {
  DraftQueryDto,
  JudgementDto,
  ReportExportQueryDto,
  ReportQueryDto,
  SubmitReportDto,
} from './reports.dto';
import { ReportsService } from './reports.service';

@ApiTags('Báo cáo kết quả')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @Roles(Role.UnitOfficer)
  @ApiOperation({
    summary: 'Gửi báo cáo kết quả của đơn vị cho một đợt (gửi lại: tạo lần báo cáo mới)',
  })
  submit(@CurrentActor() actor: Actor, @Body() dto: SubmitReportDto) {
    return this.reports.submit(actor, dto);
  }

  @Put('draft')
  @Roles(Role.UnitOfficer)
  @ApiOperation({
    summary: 'Lưu nháp báo cáo của đơn vị cho một đợt (chưa gửi; được để trống một số tiêu chí)',
  })
  saveDraft(@CurrentActor() actor: Actor, @Body() dto: SubmitReportDto) {
    return this.reports.saveDraft(actor, dto);
  }

  @Get('draft')
  @Roles(Role.UnitOfficer)
  @ApiOperation({ summary: 'Bản nháp báo cáo của đơn vị cho một đợt (null nếu chưa có)' })
  async draft(@CurrentActor() actor: Actor, @Query() query: DraftQueryDto) {
    return { draft: await this.reports.draft(actor, query.roundId) };
  }

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Danh sách báo cáo (mặc định: lần mới nhất của mỗi đơn vị)' })
  list(@CurrentActor() actor: Actor, @Query() query: ReportQueryDto) {
    return this.reports.list(actor, query);
  }

  @Get('export')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary:
      'Tải báo cáo kết quả của một đợt (XLSX hoặc CSV; mỗi dòng một tiêu chí của một đơn vị); cán bộ đơn vị: của đơn vị mình',
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  async export(
    @CurrentActor() actor: Actor,
    @Query() query: ReportExportQueryDto,
    @Res() res: FastifyReply,
  ) {
    await sendReports(this.reports, actor, query.roundId, query.format ?? 'xlsx', res);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Chi tiết báo cáo và kết quả đánh giá từng tiêu chí' })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.reports.detail(actor, id);
  }

  @Post(':id/judgements')
  @Roles(Role.HomeAffairs)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Đánh giá tiêu chí định tính hoặc điều chỉnh kết quả tự động (bắt buộc nêu lý do)',
  })
  judge(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: JudgementDto) {
    return this.reports.judge(actor, id, dto);
  }
}
