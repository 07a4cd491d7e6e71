import { Body, Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { Role } from '../access/roles';
import { FUND_READERS, sendFundReport } from '../decisions/fund.controller';
import { FundReportQueryDto, FundYearQueryDto, SetFundDto } from '../decisions/fund.dto';
import { FundService } from '../decisions/fund.service';
import { vietnameseMoney } from '../documents/templates.service';
import { formatDate } from './format';
import { FormPost } from './web-form.decorators';
import { WebErrors } from './web-errors.filter';
import { WebForms } from './web-forms';
import { WebPages } from './web-pages';

const YEAR_MESSAGE = 'Năm phải là số có bốn chữ số, từ 2000 đến 2100.';

/**
 * The award fund's page: the year's allocation, what each issued decision
 * spent and each revocation returned, the balance; Home Affairs records the
 * allocation; the year's report as PDF or XLSX.
 */
@ApiExcludeController()
@Controller('quy-thi-dua')
@UseFilters(WebErrors)
export class FundPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly forms: WebForms,
    private readonly fund: FundService,
  ) {}

  @Get()
  @Roles(...FUND_READERS)
  async page(
    @CurrentActor() actor: Actor,
    @Query() raw: Record<string, unknown>,
    @Req() req: FastifyRequest,
  ) {
    const { query } = await this.forms.query(
      FundYearQueryDto,
      { year: raw.nam },
      { year: YEAR_MESSAGE },
    );
    const s = await this.fund.statement(actor, query.year);
    const money = (n: number) => `${vietnameseMoney(n)}\u00a0đ`;
    return this.pages.page(
      actor,
      'fund',
      `Quỹ thi đua, khen thưởng năm ${s.year}`,
      {
        year: s.year,
        problem: typeof raw.loi === 'string' ? raw.loi : null,
        allocation: s.allocation && { ...s.allocation, amount: money(s.allocation.amount) },
        committed: money(s.committed),
        released: money(s.released),
        balance: s.balance === null ? null : money(s.balance),
        negative: s.balance !== null && s.balance < 0,
        lines: s.lines.map((l) => ({
          ...l,
          issuedOn: formatDate(l.issuedOn),
          spent: l.amount > 0 ? money(l.amount) : '',
          returned: l.amount < 0 ? money(-l.amount) : '',
        })),
        canSet: actor.role === Role.HomeAffairs || actor.role === Role.Admin,
        // The form shows what is recorded (empty the first time).
        current: s.allocation ?? { amount: '', reference: '' },
      },
      this.forms.csrf(req),
    );
  }

  @Get('bao-cao')
  @Roles(...FUND_READERS)
  async report(
    @CurrentActor() actor: Actor,
    @Query() raw: Record<string, unknown>,
    @Res() res: FastifyReply,
  ) {
    const { query } = await this.forms.query(
      FundReportQueryDto,
      { year: raw.nam, format: raw.format },
      { year: YEAR_MESSAGE, format: 'Định dạng tải về là pdf hoặc xlsx.' },
    );
    await sendFundReport(this.fund, actor, query, res);
  }

  @FormPost('', Role.HomeAffairs, Role.Admin)
  async set(
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const year = Number(body.year);
    await this.forms.back(
      res,
      `/quy-thi-dua?nam=${Number.isInteger(year) ? year : ''}`,
      async () => {
        const dto = await this.forms.valid(
          SetFundDto,
          {
            amount: Number(String(body.amount ?? '').replace(/[.\s]/g, '')),
            reference: body.reference,
          },
          {
            amount: 'Số tiền của quỹ là số đồng, không âm (ví dụ 50.000.000).',
            reference: 'Hãy ghi văn bản giao quỹ (số, ngày).',
          },
        );
        const { query } = await this.forms.query(
          FundYearQueryDto,
          { year: body.year },
          { year: YEAR_MESSAGE },
        );
        await this.fund.set(actor, query.year ?? this.fund.thisYear(), dto);
      },
    );
    return '';
  }
}
