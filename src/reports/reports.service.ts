import { Injectable } from '@nestjs/common';
import { Db } from '../database/transactions';
import { In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, authorityScope, unitScope } from '../access/actor';
import { Clock } from '../common/clock';
import { formatVietnameseDate } from '../common/dates';
import { AppError, FieldDetail } from '../common/errors/app-error';
import { Page, pageOf } from '../common/pagination';
import { FilesService } from '../files/files.service';
import {
  Criterion,
  CriterionType,
  MovementStatus,
  subjectKindOfUnit,
} from '../movements/movement.entity';
import { MovementsService, roundIsOpen } from '../movements/movements.service';
import { RegistrationsService } from '../registrations/registrations.service';
import { Unit } from '../units/unit.entity';
import { UnitsService } from '../units/units.service';
import { evaluateValue, summarize } from './evaluation';
import { EVALUATION_LABELS, EvaluationResult, IndicatorReport, ReportValue } from './report.entity';
import { ReportDraft } from './report-draft.entity';
import { JudgementDto, ReportQueryDto, ReportValueDto, SubmitReportDto } from './reports.dto';

/** One value of a report as the export lists it. */
export interface ReportValueRow {
  unitName: string;
  subjectKind: string;
  revision: number;
  submittedAt: Date;
  criterionCode: string;
  criterionText: string;
  number: number | null;
  achieved: boolean | null;
  statement: string;
  autoResult: EvaluationResult;
  reviewResult: EvaluationResult | null;
  reviewReason: string | null;
  overall: EvaluationResult;
  score: number;
}

/** Whether the unit has given anything for a criterion (a draft may leave it empty). */
const isGiven = (v: ReportValueDto) =>
  v.number !== undefined ||
  v.achieved !== undefined ||
  !!v.statement?.trim() ||
  !!v.evidenceFileIds?.length;

/** Checks one value against its criterion's type; returns the problems found. */
function valueProblems(criterion: Criterion, value: ReportValueDto, field: string): FieldDetail[] {
  const problem = (name: string, code: string, message: string) => ({
    field: `${field}.${name}`,
    code,
    message,
  });
  switch (criterion.type) {
    case CriterionType.Percentage:
      if (value.number === undefined)
        return [problem('number', 'required', `Tiêu chí ${criterion.code}: cần nhập tỷ lệ %.`)];
      if (value.number < 0 || value.number > 100)
        return [problem('number', 'range', `Tiêu chí ${criterion.code}: tỷ lệ phải từ 0 đến 100.`)];
      return [];
    case CriterionType.Count:
      if (value.number === undefined || value.number < 0 || !Number.isInteger(value.number)) {
        return [
          problem(
            'number',
            'integer',
            `Tiêu chí ${criterion.code}: cần nhập số lượng là số nguyên ≥ 0.`,
          ),
        ];
      }
      return [];
    case CriterionType.Boolean:
      return value.achieved === undefined
        ? [problem('achieved', 'required', `Tiêu chí ${criterion.code}: cần chọn có hoặc không.`)]
        : [];
    case CriterionType.Qualitative:
      return value.statement?.trim()
        ? []
        : [problem('statement', 'required', `Tiêu chí ${criterion.code}: cần trình bày kết quả.`)];
  }
}

@Injectable()
export class ReportsService {
  constructor(
    private readonly db: Db,
    private readonly movements: MovementsService,
    private readonly registrations: RegistrationsService,
    private readonly units: UnitsService,
    private readonly files: FilesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    // A report's evidence reaches staff with the report: not while it is a draft (lưu nháp).
    files.shareWithStaffOnceSent(
      (fileId) =>
        `EXISTS (SELECT 1 FROM report_values rv
          WHERE rv.evidence_file_ids @> jsonb_build_array(${fileId}::text))`,
    );
  }

  /** A unit's report in force for a round (its latest revision), or null before it sends one. */
  currentOf(roundId: string, unitId: string): Promise<IndicatorReport | null> {
    return this.db.tx.findOneBy(IndicatorReport, { roundId, unitId, supersededAt: IsNull() });
  }

  /**
   * Submits a unit's report for a round against the current criteria of its
   * kind. It is locked once submitted: submitting again makes a new revision
   * and keeps the previous one as superseded.
   */
  submit(actor: Actor, dto: SubmitReportDto) {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const { round, unit, unitId, set } = await this.reportContext(actor, dto.roundId);
      const byId = new Map(set.criteria!.map((c) => [c.id, c]));
      await this.checkValues(actor, set.criteria!, dto.values, 'complete');

      const previous = await manager.findOne(IndicatorReport, {
        where: { roundId: round.id, unitId, supersededAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      const maxRevision: number =
        (await manager.maximum(IndicatorReport, 'revision', { roundId: round.id, unitId })) ?? 0;
      if (previous)
        await manager.update(IndicatorReport, { id: previous.id }, { supersededAt: new Date() });

      const values = dto.values.map((v) => {
        const criterion = byId.get(v.criterionId)!;
        const given = { number: v.number ?? null, achieved: v.achieved ?? null };
        return { criterion, given, v, autoResult: evaluateValue(criterion, given) };
      });
      const summary = summarize(
        values.map((x) => ({
          mandatory: x.criterion.mandatory,
          weight: x.criterion.weight,
          result: x.autoResult,
        })),
      );
      const report = await manager.save(
        manager.create(IndicatorReport, {
          authorityId: unit.authorityId,
          movementId: round.movementId,
          roundId: round.id,
          unitId,
          criteriaSetId: set.id,
          revision: maxRevision + 1,
          supersededAt: null,
          note: dto.note?.trim() ?? '',
          submittedBy: actor.userId,
          ...summary,
        }),
      );
      await manager.save(
        values.map((x) =>
          manager.create(ReportValue, {
            reportId: report.id,
            criterionId: x.criterion.id,
            number: x.given.number,
            achieved: x.given.achieved,
            statement: x.v.statement?.trim() ?? '',
            evidenceFileIds: x.v.evidenceFileIds ?? [],
            autoResult: x.autoResult,
            reviewResult: null,
          }),
        ),
      );
      // What was saved as a draft is now the report.
      await manager.delete(ReportDraft, { roundId: round.id, unitId });
      await this.audit.record(
        actor,
        'report.submit',
        { type: 'report', id: report.id },
        {
          revision: { from: previous?.revision ?? null, to: report.revision },
          overall: { from: previous?.overall ?? null, to: report.overall },
        },
      );
      return this.detail(actor, report.id);
    });
  }

  /**
   * The round the actor's unit reports on, open and registered for, with the
   * unit and the criteria of its kind in force; refused with the reason otherwise.
   */
  private async reportContext(actor: Actor, roundId: string) {
    const unitId = unitScope(actor);
    if (!unitId) throw AppError.forbidden('Chỉ cán bộ đơn vị mới gửi báo cáo kết quả của đơn vị.');
    const round = await this.movements.requireRound(actor, roundId);
    if (
      round.movement.status !== MovementStatus.Launched ||
      !roundIsOpen(round, this.clock.today())
    )
      throw AppError.invalidField(
        'roundId',
        `Đợt "${round.name}" đã khoá, không nhận báo cáo (hạn báo cáo: ${formatVietnameseDate(round.reportDeadline)}).`,
        'roundClosed',
      );
    const registered = await this.registrations.isRegistered(round.movementId, unitId);
    if (!registered)
      throw AppError.invalidField(
        'roundId',
        'Đơn vị chưa đăng ký phong trào này nên chưa thể báo cáo.',
        'notRegistered',
      );
    const unit = await this.units.byId(unitId);
    const set = await this.movements.currentSet(round.movementId, subjectKindOfUnit(unit.kind));
    if (!set?.criteria?.length)
      throw AppError.invalidField(
        'roundId',
        'Phong trào chưa có bộ tiêu chuẩn cho loại đơn vị của bạn.',
        'noCriteria',
      );
    return { round, unit, unitId, set };
  }

  /**
   * The values against the criteria: each known once, of its criterion's type,
   * the evidence the unit's own. A report needs every criterion; a draft
   * (`partial`) may leave some empty. 400 naming each bad value.
   */
  private async checkValues(
    actor: Actor,
    criteria: Criterion[],
    values: ReportValueDto[],
    mode: 'complete' | 'partial',
  ): Promise<void> {
    const byId = new Map(criteria.map((c) => [c.id, c]));
    const details: FieldDetail[] = [];
    const seen = new Set<string>();
    values.forEach((value, i) => {
      const criterion = byId.get(value.criterionId);
      if (!criterion)
        details.push({
          field: `values.${i}.criterionId`,
          code: 'unknownCriterion',
          message:
            'Tiêu chí không thuộc bộ tiêu chuẩn hiện hành của đơn vị (sai bộ hoặc phiên bản cũ).',
        });
      else if (seen.has(value.criterionId))
        details.push({
          field: `values.${i}.criterionId`,
          code: 'duplicate',
          message: `Tiêu chí ${criterion.code} được nhập hai lần.`,
        });
      else if (mode === 'complete' || isGiven(value))
        details.push(...valueProblems(criterion, value, `values.${i}`));
      seen.add(value.criterionId);
    });
    const missing = criteria.filter((c) => !seen.has(c.id)).map((c) => c.code);
    if (mode === 'complete' && missing.length)
      details.push({
        field: 'values',
        code: 'missing',
        message: `Còn thiếu kết quả của tiêu chí: ${missing.join(', ')}.`,
      });
    if (details.length)
      throw AppError.badRequest(
        details.length === 1 ? details[0].message : 'Báo cáo chưa hợp lệ.',
        details,
      );
    for (const [i, value] of values.entries())
      await this.files.requireOwned(
        actor,
        value.evidenceFileIds ?? [],
        `values.${i}.evidenceFileIds`,
      );
  }

  /**
   * Saves what the unit has typed so far without sending it (lưu nháp): the
   * values given are checked as in a report, empty ones are allowed. One
   * draft per unit and round, replaced by each save, removed when sent.
   */
  saveDraft(actor: Actor, dto: SubmitReportDto) {
    return this.db.withTransaction(async () => {
      const { round, unit, unitId, set } = await this.reportContext(actor, dto.roundId);
      await this.checkValues(actor, set.criteria!, dto.values, 'partial');
      await this.db.tx.upsert(
        ReportDraft,
        {
          authorityId: unit.authorityId,
          roundId: round.id,
          unitId,
          values: dto.values,
          note: dto.note?.trim() ?? '',
          savedBy: actor.userId,
          savedAt: new Date(),
        },
        ['roundId', 'unitId'],
      );
      await this.audit.record(
        actor,
        'report.draft',
        { type: 'round', id: round.id },
        {
          values: { from: null, to: dto.values.filter(isGiven).length },
        },
      );
      return (await this.draft(actor, round.id))!;
    });
  }

  /**
   * The unit's draft for a round, or null; each value with what the
   * thresholds would say of it (Đạt / Chưa đạt), as the report will.
   */
  async draft(actor: Actor, roundId: string) {
    const unitId = unitScope(actor);
    if (!unitId) return null;
    const draft = await this.db.tx.findOneBy(ReportDraft, {
      roundId,
      unitId,
      authorityId: authorityScope(actor),
    });
    if (!draft) return null;
    const criteria = await this.movements.criteriaByIds(draft.values.map((v) => v.criterionId));
    const byId = new Map(criteria.map((c) => [c.id, c]));
    return {
      ...draft,
      values: draft.values.map((v) => {
        const criterion = byId.get(v.criterionId);
        const result =
          criterion && isGiven(v)
            ? evaluateValue(criterion, { number: v.number ?? null, achieved: v.achieved ?? null })
            : null;
        return { ...v, result, resultLabel: result && EVALUATION_LABELS[result] };
      }),
    };
  }

  private scoped(actor: Actor) {
    const manager = this.db.tx;
    const qb = manager
      .getRepository(IndicatorReport)
      .createQueryBuilder('r')
      .where('r.authority_id = :authorityId', { authorityId: authorityScope(actor) });
    const own = unitScope(actor);
    if (own) qb.andWhere('r.unit_id = :own', { own });
    return qb;
  }

  async list(actor: Actor, query: ReportQueryDto): Promise<Page<IndicatorReport>> {
    const qb = this.scoped(actor);
    if (query.movementId)
      qb.andWhere('r.movement_id = :movementId', { movementId: query.movementId });
    if (query.roundId) qb.andWhere('r.round_id = :roundId', { roundId: query.roundId });
    if (query.unitId) qb.andWhere('r.unit_id = :unitId', { unitId: query.unitId });
    if (!query.includeSuperseded) qb.andWhere('r.superseded_at IS NULL');
    return pageOf(qb.orderBy('r.submitted_at', 'DESC'), query);
  }

  /**
   * The results of a round: each unit's current report with its values and
   * their evaluation, in one read (the coordinator's units × criteria table).
   */
  async roundResults(actor: Actor, roundId: string) {
    const reports = await this.scoped(actor)
      .leftJoinAndSelect('r.values', 'v')
      .leftJoinAndMapOne('r.unit', Unit, 'u', 'u.id = r.unit_id')
      .andWhere('r.round_id = :roundId AND r.superseded_at IS NULL', { roundId })
      .orderBy('u.search_name', 'ASC')
      .getMany();
    return reports.map((r) => ({
      id: r.id,
      unitName: (r as IndicatorReport & { unit?: Unit }).unit?.name ?? '',
      overall: r.overall,
      overallLabel: EVALUATION_LABELS[r.overall],
      score: r.score,
      revision: r.revision,
      results: new Map(
        (r.values ?? []).map((v) => {
          const result = v.reviewResult ?? v.autoResult;
          return [
            v.criterionId,
            {
              result,
              label: EVALUATION_LABELS[result],
              number: v.number,
              reviewed: !!v.reviewResult,
            },
          ];
        }),
      ),
    }));
  }

  /**
   * Audits a download of a round's reports (404 for a round outside the
   * actor's authority) before a byte of it is sent.
   */
  async recordExport(actor: Actor, roundId: string, format: string): Promise<void> {
    const round = await this.movements.requireRound(actor, roundId);
    const reports = await this.scoped(actor)
      .andWhere('r.round_id = :roundId AND r.superseded_at IS NULL', { roundId })
      .getCount();
    await this.audit.record(
      actor,
      'report.export',
      { type: 'round', id: roundId },
      {
        export: {
          from: null,
          to: `Báo cáo kết quả ${round.name} (${format}, ${reports} báo cáo)`,
        },
      },
    );
  }

  /**
   * A round's current reports (a unit officer's own) as one row per unit and
   * criterion, read in batches of reports after the last unit seen (keyset),
   * so that memory does not grow with the round.
   */
  async *exportRows(actor: Actor, roundId: string): AsyncGenerator<ReportValueRow[]> {
    const BATCH = 200;
    let after: { name: string; id: string } | null = null;
    for (;;) {
      const qb = this.scoped(actor)
        .innerJoinAndMapOne('r.unit', Unit, 'u', 'u.id = r.unit_id')
        .innerJoinAndSelect('r.criteriaSet', 's')
        .andWhere('r.round_id = :roundId AND r.superseded_at IS NULL', { roundId });
      if (after)
        qb.andWhere('(u.search_name, r.id) > (:afterName, :afterId)', {
          afterName: after.name,
          afterId: after.id,
        });
      const batch = (await qb
        .orderBy('u.search_name', 'ASC')
        .addOrderBy('r.id', 'ASC')
        .take(BATCH)
        .getMany()) as (IndicatorReport & { unit: Unit })[];
      if (!batch.length) return;
      const values = await this.db.tx.getRepository(ReportValue).find({
        where: { reportId: In(batch.map((r) => r.id)) },
        relations: { criterion: true },
      });
      const byReport = new Map<string, ReportValue[]>();
      for (const v of values) byReport.set(v.reportId, [...(byReport.get(v.reportId) ?? []), v]);
      yield batch.flatMap((r) =>
        (byReport.get(r.id) ?? [])
          .sort((a, b) => a.criterion!.position - b.criterion!.position)
          .map((v) => ({
            unitName: r.unit.name,
            subjectKind: r.criteriaSet!.subjectKind,
            revision: r.revision,
            submittedAt: r.submittedAt,
            criterionCode: v.criterion!.code,
            criterionText: v.criterion!.text,
            number: v.number,
            achieved: v.achieved,
            statement: v.statement,
            autoResult: v.autoResult,
            reviewResult: v.reviewResult,
            reviewReason: v.reviewReason,
            overall: r.overall,
            score: r.score,
          })),
      );
      if (batch.length < BATCH) return;
      const last = batch[batch.length - 1];
      after = { name: last.unit.searchName, id: last.id };
    }
  }

  /** A report with each criterion, the value given and its evaluation. */
  async detail(actor: Actor, id: string) {
    const report = await this.withCriteria(actor).andWhere('r.id = :id', { id }).getOne();
    if (!report) throw AppError.notFound('Báo cáo');
    return this.described(report);
  }

  /** A unit's current report in a round, with its criteria (null: none, or outside the actor's scope). */
  async current(actor: Actor, roundId: string, unitId: string) {
    const report = await this.withCriteria(actor)
      .andWhere('r.round_id = :roundId AND r.unit_id = :unitId AND r.superseded_at IS NULL', {
        roundId,
        unitId,
      })
      .getOne();
    return report ? this.described(report) : null;
  }

  private withCriteria(actor: Actor) {
    return this.scoped(actor)
      .leftJoinAndSelect('r.values', 'v')
      .leftJoinAndSelect('v.criterion', 'c')
      .orderBy('c.position', 'ASC');
  }

  private described(report: IndicatorReport) {
    return {
      ...report,
      overallLabel: EVALUATION_LABELS[report.overall],
      current: report.supersededAt === null,
      values: (report.values ?? []).map((v) => {
        const result = v.reviewResult ?? v.autoResult;
        return { ...v, result, resultLabel: EVALUATION_LABELS[result] };
      }),
    };
  }

  /**
   * A Home Affairs reviewer judges a qualitative criterion or overrides an
   * automatic result, always with a reason; the overall result is recomputed.
   */
  judge(actor: Actor, reportId: string, dto: JudgementDto) {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const report = await this.scoped(actor)
        .setLock('pessimistic_write')
        .andWhere('r.id = :id', { id: reportId })
        .getOne();
      if (!report) throw AppError.notFound('Báo cáo');
      if (report.supersededAt)
        throw AppError.conflict(
          'Báo cáo này đã được đơn vị thay bằng lần báo cáo mới; hãy đánh giá lần mới nhất.',
        );
      const values = await manager.find(ReportValue, {
        where: { reportId },
        relations: { criterion: true },
      });
      const target = values.find((v) => v.criterionId === dto.criterionId);
      if (!target)
        throw AppError.invalidField(
          'criterionId',
          'Tiêu chí không có trong báo cáo này.',
          'unknownCriterion',
        );
      const before = target.reviewResult ?? target.autoResult;
      target.reviewResult = dto.result;
      target.reviewReason = dto.reason.trim();
      target.reviewedBy = actor.userId;
      target.reviewedAt = new Date();
      await manager.save(ReportValue, target);
      const summary = summarize(
        values.map((v) => ({
          mandatory: v.criterion!.mandatory,
          weight: v.criterion!.weight,
          result: v.reviewResult ?? v.autoResult,
        })),
      );
      await manager.update(IndicatorReport, { id: reportId }, summary);
      const action =
        target.criterion!.type === CriterionType.Qualitative ? 'report.judge' : 'report.override';
      await this.audit.record(
        actor,
        action,
        { type: 'report', id: reportId },
        {
          [`criterion:${target.criterion!.code}`]: { from: before, to: dto.result },
          reason: { from: null, to: target.reviewReason },
          overall: { from: report.overall, to: summary.overall },
        },
      );
      return this.detail(actor, reportId);
    });
  }
}
