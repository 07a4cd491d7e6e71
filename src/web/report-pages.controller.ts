import { Body, Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { ALL_ROLES, Role, STAFF_ROLES } from '../access/roles';
import { STATISTICS_READERS } from '../statistics/statistics.controller';
import { AppError } from '../common/errors/app-error';
import { IdParam } from '../common/validation/id-param';
import { FilesService } from '../files/files.service';
import { SUBJECT_KIND_LABELS, SubjectKind } from '../movements/movement.entity';
import { MovementsService } from '../movements/movements.service';
import { EvaluationResult } from '../reports/report.entity';
import { JudgementDto } from '../reports/reports.dto';
import { sendReports } from '../reports/report-export';
import { ReportsService } from '../reports/reports.service';
import { formatDate } from './format';
import { FormPost } from './web-form.decorators';
import { WebErrors } from './web-errors.filter';
import { WebForms } from './web-forms';
import { WebPages } from './web-pages';

/**
 * The indicator results of a round as staff read them: a table of units ×
 * criteria with Đạt / Chưa đạt, and each report with its values, evidence and
 * Home Affairs' judgements (qualitative criteria, overrides, always with a reason).
 */
@ApiExcludeController()
@Controller()
@UseFilters(WebErrors)
export class ReportPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly forms: WebForms,
    private readonly movements: MovementsService,
    private readonly reports: ReportsService,
    private readonly files: FilesService,
  ) {}

  @Get('phong-trao/:id/ket-qua/:roundId')
  @Roles(...STAFF_ROLES)
  async results(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('roundId') roundId: string,
    @Req() req: FastifyRequest,
    @Query('doiTuong') kindQuery?: string,
    @Query('chuaDat') notMetOnly?: string,
  ) {
    const m = await this.movements.get(actor, id);
    const round = m.rounds.find((r) => r.id === roundId);
    if (!round) throw AppError.notFound('Đợt báo cáo');
    const kinds = m.criteriaSets.filter((s) => s.criteria?.length);
    const kind =
      kinds.find((s) => s.subjectKind === kindQuery)?.subjectKind ?? kinds[0]?.subjectKind;
    const criteria = kinds.find((s) => s.subjectKind === kind)?.criteria ?? [];
    const ids = new Set(criteria.map((c) => c.id));
    const all = (await this.reports.roundResults(actor, roundId)).filter((r) =>
      [...r.results.keys()].some((c) => ids.has(c)),
    );
    const rows = all.filter((r) => notMetOnly !== '1' || r.overall === EvaluationResult.NotMet);
    return this.pages.page(
      actor,
      'results',
      `Kết quả ${round.name}: ${m.title}`,
      {
        movement: { id: m.id, title: m.title },
        round: { id: round.id, name: round.name },
        // The round's report (sơ kết, tổng kết) for those who compile it.
        canReport: STATISTICS_READERS.includes(actor.role),
        kinds: kinds.map((s) => ({
          value: s.subjectKind,
          label: SUBJECT_KIND_LABELS[s.subjectKind as SubjectKind],
          selected: s.subjectKind === kind,
        })),
        notMetOnly: notMetOnly === '1',
        criteria: criteria.map((c) => ({ code: c.code, text: c.text })),
        summary: {
          reported: all.length,
          met: all.filter((r) => r.overall === EvaluationResult.Met).length,
          notMet: all.filter((r) => r.overall === EvaluationResult.NotMet).length,
        },
        rows: rows.map((r) => ({
          id: r.id,
          unitName: r.unitName,
          overall: r.overall,
          overallLabel: r.overallLabel,
          cells: criteria.map((c) => {
            const v = r.results.get(c.id);
            return {
              code: c.code,
              result: v?.result ?? 'pending',
              label: v ? v.label : '—',
              number: v?.number == null ? '' : String(v.number).replace('.', ','),
              reviewed: v?.reviewed ?? false,
            };
          }),
        })),
      },
      this.forms.csrf(req),
    );
  }

  /** The round's reports as XLSX or CSV (the API's export). */
  @Get('phong-trao/:id/ket-qua/:roundId/tai-ve')
  @Roles(...STAFF_ROLES)
  async exportResults(
    @CurrentActor() actor: Actor,
    @IdParam('roundId') roundId: string,
    @Query() raw: Record<string, unknown>,
    @Res() res: FastifyReply,
  ) {
    await sendReports(this.reports, actor, roundId, await this.forms.sheetFormat(raw), res);
  }

  /** One report: each criterion, the value, the evidence, the result; Home Affairs judges here. */
  @Get('bao-cao/:id')
  @Roles(...ALL_ROLES)
  async report(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() req: FastifyRequest,
    @Query('loi') problem?: string,
  ) {
    const r = await this.reports.detail(actor, id);
    const names = new Map<string, string>();
    for (const fileId of r.values.flatMap((v) => v.evidenceFileIds)) {
      const file = await this.files.describe(actor, fileId).catch(() => null);
      if (file) names.set(fileId, file.originalName);
    }
    return this.pages.page(
      actor,
      'report-detail',
      'Báo cáo kết quả của đơn vị',
      {
        problem: problem ?? null,
        back:
          actor.role === Role.UnitOfficer
            ? `/phong-trao/${r.movementId}/dot/${r.roundId}`
            : `/phong-trao/${r.movementId}/ket-qua/${r.roundId}`,
        report: {
          id: r.id,
          revision: r.revision,
          current: r.current,
          submittedOn: formatDate(r.submittedAt),
          overall: r.overall,
          overallLabel: r.overallLabel,
          score: String(r.score).replace('.', ','),
        },
        canJudge: actor.role === Role.HomeAffairs && r.current,
        values: r.values.map((v) => ({
          criterionId: v.criterionId,
          code: v.criterion?.code ?? '',
          text: v.criterion?.text ?? '',
          given:
            v.number != null
              ? String(v.number).replace('.', ',')
              : v.achieved != null
                ? v.achieved
                  ? 'Có'
                  : 'Không'
                : '',
          statement: v.statement,
          evidence: v.evidenceFileIds
            .filter((f) => names.has(f))
            .map((f) => ({ id: f, name: names.get(f) })),
          result: v.result,
          resultLabel: v.resultLabel,
          reviewReason: v.reviewReason,
        })),
      },
      this.forms.csrf(req),
    );
  }

  @FormPost('bao-cao/:id/danh-gia', Role.HomeAffairs)
  async judge(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, `/bao-cao/${id}`, async () => {
      const dto = await this.forms.valid(
        JudgementDto,
        { criterionId: body.criterionId, result: body.result, reason: body.reason },
        {
          result: 'Hãy chọn Đạt hoặc Chưa đạt.',
          reason: 'Hãy ghi lý do đánh giá (từ 5 ký tự).',
        },
      );
      await this.reports.judge(actor, id, dto);
    });
    return '';
  }
}
