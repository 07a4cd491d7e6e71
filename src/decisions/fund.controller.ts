import { Body, Controller, Get, Param, ParseIntPipe, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { Role } from '../access/roles';
import { AppError } from '../common/errors/app-error';
import { sendSheet } from '../documents/spreadsheet';
import { FundReportQueryDto, FundYearQueryDto, SetFundDto } from './fund.dto';
import { FUND_COLUMNS, FundService } from './fund.service';

/** Who reads the fund: Home Affairs, the chairman and vice-chairmen, the admin. */
export const FUND_READERS = [Role.HomeAffairs, Role.Chairman, Role.ViceChairman, Role.Admin];

/** A year in a path: 2000-2100, else 400 naming it. */
const yearOf = (raw: number) => {
  if (raw < 2000 || raw > 2100)
    throw AppError.invalidField('year', 'Năm phải từ 2000 đến 2100.', 'range');
  return raw;
};

@ApiTags('Quỹ thi đua, khen thưởng')
@Controller('fund')
export class FundController {
  constructor(private readonly fund: FundService) {}

  @Get()
  @Roles(...FUND_READERS)
  @ApiOperation({
    summary:
      'Quỹ thi đua, khen thưởng của năm: số được giao, số đã chi theo từng quyết định, số hoàn lại do thu hồi, số dư',
  })
  statement(@CurrentActor() actor: Actor, @Query() query: FundYearQueryDto) {
    return this.fund.statement(actor, query.year);
  }

  @Put(':year')
  @Roles(Role.HomeAffairs, Role.Admin)
  @ApiOperation({ summary: 'Ghi nhận hoặc điều chỉnh số quỹ được giao của năm (kèm văn bản)' })
  set(
    @CurrentActor() actor: Actor,
    @Param(
      'year',
      new ParseIntPipe({
        exceptionFactory: () => AppError.invalidField('year', 'Năm phải là số.', 'isInt'),
      }),
    )
    year: number,
    @Body() dto: SetFundDto,
  ) {
    return this.fund.set(actor, yearOf(year), dto);
  }

  @Get('report')
  @Roles(...FUND_READERS)
  @ApiProduces(
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  @ApiOperation({ summary: 'Báo cáo quỹ thi đua, khen thưởng của năm (PDF hoặc XLSX)' })
  async report(
    @CurrentActor() actor: Actor,
    @Query() query: FundReportQueryDto,
    @Res() res: FastifyReply,
  ) {
    await sendFundReport(this.fund, actor, query, res);
  }
}

/** The year's fund report as PDF or XLSX (the API's and the web's); audited. */
export async function sendFundReport(
  fund: FundService,
  actor: Actor,
  query: FundReportQueryDto,
  res: FastifyReply,
): Promise<void> {
  const year = query.year ?? fund.thisYear();
  if ((query.format ?? 'pdf') === 'pdf') {
    const pdf = await fund.pdf(actor, year);
    res
      .type('application/pdf')
      .header('Content-Disposition', `inline; filename="quy-thi-dua-${year}.pdf"`)
      .send(pdf);
    return;
  }
  const s = await fund.statement(actor, year);
  await fund.recordReport(actor, year, 'xlsx');
  await sendSheet(
    res,
    'xlsx',
    `quy-thi-dua-${year}`,
    `Quỹ năm ${year}`,
    FUND_COLUMNS,
    (async function* () {
      yield s.lines;
    })(),
  );
}
