import {
  Body,
  Controller,
  Get,
  Query,
  Req,
  Res,
  UploadedFiles,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-fastify/multipart';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { ALL_ROLES, Role } from '../access/roles';
import { AppError } from '../common/errors/app-error';
import { IdParam } from '../common/validation/id-param';
import { MovementsService } from '../movements/movements.service';
import { RegisterDto } from '../registrations/registrations.dto';
import { RegistrationsService } from '../registrations/registrations.service';
import { sendRegistrations } from '../registrations/registration-export';
import { SubmitReportDto } from '../reports/reports.dto';
import { ReportsService } from '../reports/reports.service';
import { UploadedFile as Upload } from '../files/files.service';
import { ReportForm } from './report-form';
import { CRITERION_TYPES, MANAGERS, ROUND_KINDS, SPARE_ROWS } from './movement-forms';
import {
  CriterionType,
  MovementStatus,
  SUBJECT_KIND_LABELS,
  SubjectKind,
} from '../movements/movement.entity';
import { WebErrors } from './web-errors.filter';
import { WebForms } from './web-forms';
import { WebPages } from './web-pages';
import { FormPost, MultipartFormPost } from './web-form.decorators';
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
    private readonly reportForm: ReportForm,
  ) {}

  /** The movement's registrations as XLSX or CSV (the API's export; a unit officer's own). */
  @Get(':id/dang-ky')
  @Roles(...ALL_ROLES)
  async exportRegistrations(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() raw: Record<string, unknown>,
    @Res() res: FastifyReply,
  ) {
    await sendRegistrations(this.registrations, actor, id, await this.forms.sheetFormat(raw), res);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  async movement(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() req: FastifyRequest<{ Querystring: { loi?: unknown } }>,
  ) {
    const m = await this.movements.get(actor, id);
    const mine =
      actor.role === Role.UnitOfficer
        ? (await this.registrations.list(actor, id)).find((r) => r.status === 'registered')
        : undefined;
    const staff = actor.role !== Role.UnitOfficer;
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
        isUnit: !staff,
        registered: !!mine,
        commitments: mine?.commitments ?? '',
        rounds: m.rounds.map((r) => ({
          id: r.id,
          name: r.name,
          reportDeadline: formatDate(r.reportDeadline),
          open: r.open,
        })),
        coverage: staff ? await this.registrations.coverage(actor, id) : null,
        manage: MANAGERS.includes(actor.role) && {
          draft: m.status === MovementStatus.Draft,
          launched: m.status === MovementStatus.Launched,
          criteria: Object.values(SubjectKind).map((kind) => {
            const set = m.criteriaSets.find((s) => s.subjectKind === kind);
            const rows = [
              ...(set?.criteria ?? []).map((c) => ({
                code: c.code,
                text: c.text,
                type: c.type,
                threshold: c.threshold === null ? '' : String(c.threshold).replace('.', ','),
                mandatory: c.mandatory,
              })),
              ...Array.from({ length: SPARE_ROWS }, () => ({
                code: '',
                text: '',
                type: CriterionType.Percentage,
                threshold: '',
                mandatory: true,
              })),
            ];
            return {
              kind,
              label: SUBJECT_KIND_LABELS[kind],
              version: set?.version ?? null,
              count: set?.criteria?.length ?? 0,
              rows: rows.map((r, i) => ({
                ...r,
                i,
                types: CRITERION_TYPES.map((t) => ({ ...t, selected: t.value === r.type })),
              })),
            };
          }),
          roundKinds: ROUND_KINDS,
        },
      },
      this.forms.csrf(req),
    );
  }

  @FormPost(':id/dang-ky', Role.UnitOfficer)
  async register(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
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
    @Res({ passthrough: true }) res: FastifyReply,
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
    @Req() req: FastifyRequest,
    @Query('luu') saved?: string,
  ) {
    return this.reportForm.render(actor, id, roundId, this.forms.csrf(req), {
      saved: saved === 'nhap' ? SAVED.draft : saved === 'gui' ? SAVED.submit : null,
    });
  }

  /**
   * Saves the report as a draft or sends it (the button pressed says which),
   * with the evidence files of each criterion; refused, the form comes back
   * with what was typed, the files kept and each error beside its criterion.
   */
  @MultipartFormPost(':id/dot/:roundId', Role.UnitOfficer)
  @UseInterceptors(AnyFilesInterceptor())
  async submitReport(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('roundId') roundId: string,
    @Body() body: Record<string, unknown>,
    @UploadedFiles() uploads: (Upload & { fieldname: string })[] | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const intent = body.intent === 'draft' ? 'draft' : 'submit';
    const { criteria } = await this.reportForm.context(actor, id, roundId);
    const { values, state } = await this.reportForm.read(actor, criteria, body, uploads ?? []);
    try {
      if (Object.keys(state.errors ?? {}).length) throw AppError.badRequest('Báo cáo chưa hợp lệ.');
      const dto = await this.forms.valid(SubmitReportDto, { roundId, values });
      if (intent === 'draft') await this.reports.saveDraft(actor, dto);
      else await this.reports.submit(actor, dto);
      res.header(
        'Location',
        `/phong-trao/${id}/dot/${roundId}?luu=${intent === 'draft' ? 'nhap' : 'gui'}`,
      );
      return '';
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
      res.status(200);
      return this.reportForm.render(
        actor,
        id,
        roundId,
        this.forms.csrf(req),
        this.reportForm.refused(error, criteria, state),
      );
    }
  }
}

const SAVED = {
  draft: 'Đã lưu nháp. Báo cáo chưa được gửi: khi đủ số liệu, hãy bấm "Gửi báo cáo".',
  submit: 'Đã gửi báo cáo. Kết quả từng tiêu chí được ghi bên dưới.',
};
