import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { Role } from '../access/roles';
import { StatisticsExportQueryDto, StatisticsQueryDto } from './statistics.dto';
import { StatisticsService } from './statistics.service';
import { MovementReportService } from './movement-report.service';
import { IdParam } from '../common/validation/id-param';
import { ReportFormatDto } from './statistics.dto';

/** Who reads the authority's statistics: those who run the movement and the awards. */
export const STATISTICS_READERS = [
  Role.HomeAffairs,
  Role.Chairman,
  Role.ViceChairman,
  Role.Coordinator,
  Role.Admin,
];

@ApiTags('Thống kê')
@Controller('statistics')
export class StatisticsController {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly reports: MovementReportService,
  ) {}

  @Get()
  @Roles(...STATISTICS_READERS)
  @ApiOperation({
    summary:
      'Thống kê của năm: đăng ký, kết quả tiêu chí, hồ sơ theo trạng thái, khen thưởng theo hình thức và đối tượng (kèm tiền thưởng), tỷ lệ xét duyệt, số ngày làm việc đến khi có quyết định',
  })
  of(@CurrentActor() actor: Actor, @Query() query: StatisticsQueryDto) {
    return this.statistics.of(actor, query);
  }

  @Get('awards/export')
  @Roles(...STATISTICS_READERS)
  @ApiOperation({
    summary: 'Tải thống kê khen thưởng của năm theo hình thức và đối tượng (XLSX hoặc CSV)',
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  async exportAwards(
    @CurrentActor() actor: Actor,
    @Query() query: StatisticsExportQueryDto,
    @Res() res: FastifyReply,
  ) {
    await this.statistics.sendAwards(actor, query, query.format ?? 'xlsx', res);
  }

  @Get('rounds/:roundId/report')
  @Roles(...STATISTICS_READERS)
  @ApiOperation({
    summary:
      'Báo cáo sơ kết, tổng kết (hoặc kết quả năm) của một đợt: dự thảo PDF hoặc XLSX các danh sách',
  })
  @ApiProduces(
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  async movementReport(
    @CurrentActor() actor: Actor,
    @IdParam('roundId') roundId: string,
    @Query() query: ReportFormatDto,
  ) {
    return movementReportFile(this.reports, actor, roundId, query.format ?? 'pdf');
  }
}

/** The movement's report of a round as a download (the API's and the web's). */
export async function movementReportFile(
  reports: MovementReportService,
  actor: Actor,
  roundId: string,
  format: 'pdf' | 'xlsx',
): Promise<StreamableFile> {
  return format === 'pdf'
    ? new StreamableFile(await reports.pdf(actor, roundId), {
        type: 'application/pdf',
        disposition: 'inline; filename="bao-cao-phong-trao.pdf"',
      })
    : new StreamableFile(await reports.xlsx(actor, roundId), {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        disposition: 'attachment; filename="bao-cao-phong-trao.xlsx"',
      });
}
