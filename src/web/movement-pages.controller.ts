import { Body, Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { ALL_ROLES, Role } from '../access/roles';
import { AppError } from '../common/errors/app-error';
import { IdParam } from '../common/validation/id-param';
import { CriterionType, subjectKindOfUnit } from '../movements/movement.entity';
import { MovementsService } from '../movements/movements.service';
import { RegisterDto } from '../registrations/registrations.dto';
import { RegistrationsService } from '../registrations/registrations.service';
import { SubmitReportDto } from '../reports/reports.dto';
import { ReportsService } from '../reports/reports.service';
import { UnitsService } from '../units/units.service';
import { WebErrors } from './web-errors.filter';
import { WebForms } from './web-forms';
import { WebPages } from './web-pages';
import { FormPost } from './web-form.decorators';
import { formatDate } from './format';

/**
 * A movement as the unit officer sees it: its deadlines, the unit's
 * registration (register, withdraw) and the indicator report of each open
 * round, evaluated against the criteria as soon as it is saved.
 */
@ApiExcludeController()
@Controller('phong-trao')
@UseFilters(WebErrors)
export class MovementPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly forms: WebForms,
    private readonly movements: MovementsService,
    private readonly registrations: RegistrationsService,
    private readonly reports: ReportsService,
    private readonly units: UnitsService,
  ) {}

  @Get(':id')
  @Roles(...ALL_ROLES)
  async movement(@CurrentActor() actor: Actor, @IdParam() id: string, @Req() req: Request) {
    const m = await this.movements.get(actor, id);
    const mine =
      actor.role === Role.UnitOfficer
        ? (await this.registrations.list(actor, id)).find((r) => r.status === 'registered')
        : undefined;
    return this.pages.page(
      actor,
      'movement',
      m.title,
      {
        problem: typeof req.query.loi === 'string' ? req.query.loi : null,
        movement: {
          id: m.id,
          title: m.title,
          statusLabel: m.statusLabel,
          deadline: formatDate(m.registrationDeadline),
          registrationOpen: m.registrationOpen,
        },
        isUnit: actor.role === Role.UnitOfficer,
        registered: !!mine,
        commitments: mine?.commitments ?? '',
        rounds: m.rounds.map((r) => ({
          id: r.id,
          name: r.name,
          reportDeadline: formatDate(r.reportDeadline),
          open: r.open,
        })),
      },
      this.forms.csrf(req),
    );
  }

  @FormPost(':id/dang-ky', Role.UnitOfficer)
  async register(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.forms.back(res, `/phong-trao/${id}`, async () => {
      const dto = await this.forms.valid(
        RegisterDto,
        { commitments: body.commitments },
        {
          commitments: 'Hãy ghi nội dung đăng ký, cam kết thi đua của đơn vị.',
        },
      );
      await this.registrations.register(actor, id, dto);
    });
    return '';
  }

  @FormPost(':id/rut-dang-ky', Role.UnitOfficer)
  async withdraw(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.forms.back(res, `/phong-trao/${id}`, () => this.registrations.withdraw(actor, id));
    return '';
  }

  /** The unit's indicator report for a round: a field per criterion, each with its result once saved. */
  @Get(':id/dot/:roundId')
  @Roles(Role.UnitOfficer)
  async reportPage(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('roundId') roundId: string,
    @Req() req: Request,
  ) {
    const m = await this.movements.get(actor, id);
    const round = m.rounds.find((r) => r.id === roundId);
    if (!round) throw AppError.notFound('Đợt báo cáo');
    const unit = await this.units.get(actor, actor.unitId!);
    const set = m.criteriaSets.find((s) => s.subjectKind === subjectKindOfUnit(unit.kind));
    const current = (await this.reports.list(actor, { roundId, limit: 1, offset: 0 } as never))
      .items[0];
    const report = current && (await this.reports.detail(actor, current.id));
    const valueOf = (criterionId: string) =>
      report?.values.find((v) => v.criterionId === criterionId);
    return this.pages.page(
      actor,
      'report',
      `Báo cáo kết quả: ${round.name}`,
      {
        problem: typeof req.query.loi === 'string' ? req.query.loi : null,
        movement: { id: m.id, title: m.title },
        round: {
          id: round.id,
          name: round.name,
          deadline: formatDate(round.reportDeadline),
          open: round.open,
        },
        overall: report
          ? { label: report.overallLabel, result: report.overall, revision: report.revision }
          : null,
        criteria: (set?.criteria ?? []).map((c) => {
          const v = valueOf(c.id);
          return {
            id: c.id,
            code: c.code,
            text: c.text,
            mandatory: c.mandatory,
            isPercentage: c.type === CriterionType.Percentage,
            isCount: c.type === CriterionType.Count,
            isBoolean: c.type === CriterionType.Boolean,
            isQualitative: c.type === CriterionType.Qualitative,
            threshold: c.threshold,
            // Written as a Vietnamese office writes it: 79,9.
            number: v?.number == null ? '' : String(v.number).replace('.', ','),
            achieved: v?.achieved === true,
            statement: v?.statement ?? '',
            result: v ? { label: v.resultLabel, value: v.result } : null,
          };
        }),
      },
      this.forms.csrf(req),
    );
  }

  @FormPost(':id/dot/:roundId', Role.UnitOfficer)
  async submitReport(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('roundId') roundId: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const page = `/phong-trao/${id}/dot/${roundId}`;
    await this.forms.back(res, page, async () => {
      const m = await this.movements.get(actor, id);
      const unit = await this.units.get(actor, actor.unitId!);
      const set = m.criteriaSets.find((s) => s.subjectKind === subjectKindOfUnit(unit.kind));
      const values = (set?.criteria ?? []).map((c) => {
        const raw = body[`c_${c.id}`];
        if (c.type === CriterionType.Boolean)
          return { criterionId: c.id, achieved: raw === 'true' };
        if (c.type === CriterionType.Qualitative)
          return { criterionId: c.id, statement: typeof raw === 'string' ? raw : '' };
        // "79,9" is how a Vietnamese office writes 79.9.
        const text = typeof raw === 'string' ? raw.trim().replace(',', '.') : '';
        return { criterionId: c.id, number: text === '' ? undefined : Number(text) };
      });
      const dto = await this.forms.valid(
        SubmitReportDto,
        { roundId, values },
        {
          values:
            'Hãy nhập đủ số liệu cho từng tiêu chí (số, dùng dấu phẩy hoặc dấu chấm cho phần thập phân).',
        },
      );
      await this.reports.submit(actor, dto);
    });
    return '';
  }
}
