import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { vietnameseMoney } from '../documents/templates.service';
import { MovementsService } from '../movements/movements.service';
import { movementReportFile, STATISTICS_READERS } from '../statistics/statistics.controller';
import { MovementReportService } from '../statistics/movement-report.service';
import { IdParam } from '../common/validation/id-param';
import {
  ReportFormatDto,
  StatisticsExportQueryDto,
  StatisticsQueryDto,
} from '../statistics/statistics.dto';
import { StatisticsService } from '../statistics/statistics.service';
import { UNIT_KIND_LABELS, UnitKind } from '../units/unit.entity';
import { UnitsService } from '../units/units.service';
import { barChart } from './charts';
import { option } from './format';
import { WebErrors } from './web-errors.filter';
import { WebForms } from './web-forms';
import { WebPages } from './web-pages';

const percent = (part: number, whole: number) =>
  whole ? `${Math.round((part / whole) * 1000) / 10}%`.replace('.', ',') : '–';

/**
 * The statistics page: the year's figures of the authority, each as a chart
 * drawn on the server with its table beside it, filtered as the API is.
 */
@ApiExcludeController()
@Controller('thong-ke')
@UseFilters(WebErrors)
export class StatisticsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly forms: WebForms,
    private readonly statistics: StatisticsService,
    private readonly movements: MovementsService,
    private readonly units: UnitsService,
    private readonly reports: MovementReportService,
  ) {}

  @Get()
  @Roles(...STATISTICS_READERS)
  async page(
    @CurrentActor() actor: Actor,
    @Query() raw: Record<string, unknown>,
    @Req() req: FastifyRequest,
  ) {
    const { query } = await this.forms.query(StatisticsQueryDto, raw, {
      year: 'Năm phải là số có bốn chữ số, từ 2000 đến 2100.',
      unitKind: 'Loại đơn vị không hợp lệ.',
    });
    const [s, movements, units] = await Promise.all([
      this.statistics.of(actor, query),
      this.movements.visibleTo(actor),
      this.units.visibleTo(actor),
    ]);
    const money = (n: number) => `${vietnameseMoney(n)}\u00a0đ`;
    const funnelTop = s.funnel[0]?.value ?? 0;
    return this.pages.page(
      actor,
      'statistics',
      `Thống kê năm ${s.year}`,
      {
        year: s.year,
        movements: movements.map((m) => option(m.id, m.title, query.movementId)),
        unitKinds: Object.values(UnitKind).map((k) =>
          option(k, UNIT_KIND_LABELS[k], query.unitKind),
        ),
        units: units.map((u) => option(u.id, u.name, query.unitId)),
        kpis: [
          { label: 'Lượt khen thưởng', value: s.awardsTotal.count.toLocaleString('vi-VN') },
          { label: 'Tổng tiền thưởng', value: money(s.awardsTotal.amount) },
          { label: 'Hồ sơ quá hạn thẩm định', value: String(s.overdue) },
          {
            label: 'Ngày làm việc đến khi có quyết định (trung vị)',
            value:
              s.medianWorkingDays === null ? '–' : String(s.medianWorkingDays).replace('.', ','),
          },
        ],
        awards: {
          chart: barChart(
            `Số lượt khen thưởng năm ${s.year} theo hình thức`,
            s.awards.map((a) => ({ label: `${a.form}`, value: a.count })),
          ),
          rows: s.awards.map((a) => ({ ...a, amount: money(a.amount) })),
          total: { count: s.awardsTotal.count, amount: money(s.awardsTotal.amount) },
        },
        dossiers: {
          chart: barChart(`Hồ sơ năm ${s.year} theo trạng thái`, s.dossiers),
          rows: s.dossiers,
        },
        funnel: {
          chart: barChart('Tỷ lệ xét duyệt', s.funnel),
          rows: s.funnel.map((f) => ({ ...f, share: percent(f.value, funnelTop) })),
        },
        coverage: {
          chart: barChart(
            'Số đơn vị đăng ký thi đua',
            s.coverage.map((c) => ({ label: c.title, value: c.registered })),
          ),
          rows: s.coverage.map((c) => ({ ...c, share: percent(c.registered, c.units) })),
        },
        byUnit: {
          chart: barChart('Số lượt khen thưởng theo đơn vị', s.awardsByUnit),
          rows: s.awardsByUnit,
        },
        // The same filters, downloaded.
        download: new URLSearchParams(
          Object.entries({ ...query, year: s.year }).flatMap(([k, v]) =>
            v === undefined || v === '' ? [] : [[k, String(v)] as [string, string]],
          ),
        ).toString(),
        criteria: s.criteria.map((c) => ({ ...c, share: percent(c.met, c.met + c.notMet) })),
        reports: s.reports,
      },
      this.forms.csrf(req),
    );
  }

  /** The year's awards by form and subject kind, as XLSX or CSV (the API's export). */
  @Get('khen-thuong/tai-ve')
  @Roles(...STATISTICS_READERS)
  async exportAwards(
    @CurrentActor() actor: Actor,
    @Query() raw: Record<string, unknown>,
    @Res() res: FastifyReply,
  ) {
    const { query } = await this.forms.query(StatisticsExportQueryDto, raw, {
      year: 'Năm phải là số có bốn chữ số, từ 2000 đến 2100.',
      format: 'Định dạng tải về là xlsx hoặc csv.',
    });
    await this.statistics.sendAwards(actor, query, query.format ?? 'xlsx', res);
  }

  /** The movement's report of a round, as the API gives it (PDF in the browser, or XLSX). */
  @Get('dot/:roundId/bao-cao')
  @Roles(...STATISTICS_READERS)
  async movementReport(
    @CurrentActor() actor: Actor,
    @IdParam('roundId') roundId: string,
    @Query() raw: Record<string, unknown>,
  ) {
    const { query } = await this.forms.query(ReportFormatDto, raw, {
      format: 'Định dạng là pdf hoặc xlsx.',
    });
    return movementReportFile(this.reports, actor, roundId, query.format ?? 'pdf');
  }
}
