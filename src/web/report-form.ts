import { Injectable } from '@nestjs/common';
import { Actor } from '../access/actor';
import { AppError } from '../common/errors/app-error';
import { FilesService, UploadedFile as Upload } from '../files/files.service';
import { Criterion, CriterionType, subjectKindOfUnit } from '../movements/movement.entity';
import { MovementsService } from '../movements/movements.service';
import { ReportValueDto } from '../reports/reports.dto';
import { ReportsService } from '../reports/reports.service';
import { UnitsService } from '../units/units.service';
import { formatDate } from './format';
import { WebPages } from './web-pages';
import { asList, isUuid } from './web-forms';

/** One criterion's field as the form holds it: the text typed, the evidence kept. */
interface TypedValue {
  text: string;
  achieved: boolean;
  evidence: string[];
}

/** The form sent back: what was typed and each criterion's error (by criterion id). */
export interface ReportFormState {
  typed?: Map<string, TypedValue>;
  errors?: Record<string, string>;
  problem?: string | null;
  saved?: string | null;
}

const NUMBER_HINT: Partial<Record<CriterionType, string>> = {
  [CriterionType.Percentage]: 'Hãy nhập tỷ lệ phần trăm là một số từ 0 đến 100, ví dụ 79,9.',
  [CriterionType.Count]: 'Hãy nhập số lượng là số nguyên, ví dụ 12.',
};

/**
 * The unit's indicator report for a round, as a form: a field per criterion
 * with its threshold, its evidence files and, once saved (draft or sent), its
 * result. A refused form comes back with what was typed and the errors beside
 * their criteria; an uploaded file is kept, never asked for twice.
 */
@Injectable()
export class ReportForm {
  constructor(
    private readonly pages: WebPages,
    private readonly movements: MovementsService,
    private readonly reports: ReportsService,
    private readonly units: UnitsService,
    private readonly files: FilesService,
  ) {}

  /** The round and the criteria the actor's unit reports against. */
  async context(actor: Actor, movementId: string, roundId: string) {
    const m = await this.movements.get(actor, movementId);
    const round = m.rounds.find((r) => r.id === roundId);
    if (!round) throw AppError.notFound('Đợt báo cáo');
    const unit = await this.units.get(actor, actor.unitId!);
    const set = m.criteriaSets.find((s) => s.subjectKind === subjectKindOfUnit(unit.kind));
    return { m, round, criteria: set?.criteria ?? [] };
  }

  /**
   * Reads the form: each criterion's text as the API's value ("79,9" is how
   * a Vietnamese office writes 79.9), its kept evidence plus the files just
   * uploaded (stored at once, so a refusal elsewhere never loses them).
   */
  async read(
    actor: Actor,
    criteria: Criterion[],
    body: Record<string, unknown>,
    uploads: (Upload & { fieldname: string })[],
  ): Promise<{ values: ReportValueDto[]; state: ReportFormState }> {
    const typed = new Map<string, TypedValue>();
    const errors: Record<string, string> = {};
    const values: ReportValueDto[] = [];
    for (const c of criteria) {
      const raw = body[`c_${c.id}`];
      const text = typeof raw === 'string' ? raw.trim() : '';
      const evidence = [...asList(body[`k_${c.id}`]).filter(isUuid)];
      for (const file of uploads.filter((u) => u.fieldname === `e_${c.id}` && u.size > 0)) {
        try {
          evidence.push((await this.files.upload(actor, file)).id);
        } catch (error) {
          if (!(error instanceof AppError) || error.status >= 500) throw error;
          errors[c.id] = `Tệp "${file.originalname}": ${error.message}`;
        }
      }
      typed.set(c.id, { text, achieved: raw === 'true', evidence });
      const value: ReportValueDto = { criterionId: c.id };
      if (evidence.length) value.evidenceFileIds = evidence;
      if (c.type === CriterionType.Boolean) value.achieved = raw === 'true';
      else if (c.type === CriterionType.Qualitative) value.statement = text;
      else if (text !== '') {
        const n = /^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : NaN;
        if (Number.isNaN(n)) errors[c.id] ??= NUMBER_HINT[c.type]!;
        else value.number = n;
      }
      values.push(value);
    }
    return { values, state: { typed, errors } };
  }

  /** A refusal of the service, each detail beside the criterion it names. */
  refused(error: AppError, criteria: Criterion[], state: ReportFormState): ReportFormState {
    const errors = { ...state.errors };
    for (const d of error.details) {
      const match = /^values\.(\d+)/.exec(d.field);
      const criterion = match ? criteria[Number(match[1])] : undefined;
      if (criterion) errors[criterion.id] ??= d.message;
    }
    return { ...state, errors, problem: Object.keys(errors).length ? null : error.message };
  }

  async render(
    actor: Actor,
    movementId: string,
    roundId: string,
    csrf: string,
    state: ReportFormState = {},
  ) {
    const { m, round, criteria } = await this.context(actor, movementId, roundId);
    const current = (await this.reports.list(actor, { roundId, limit: 1, offset: 0 } as never))
      .items[0];
    const report = current && (await this.reports.detail(actor, current.id));
    const draft = await this.reports.draft(actor, roundId);
    // What the fields show: what was just typed, else the draft, else the report sent.
    const shown = (c: Criterion) => {
      const typed = state.typed?.get(c.id);
      if (typed) return { ...typed, result: null };
      const v =
        draft?.values.find((x) => x.criterionId === c.id) ??
        report?.values.find((x) => x.criterionId === c.id);
      return {
        // Written as a Vietnamese office writes it: 79,9.
        text:
          c.type === CriterionType.Qualitative
            ? (v?.statement ?? '')
            : v?.number == null
              ? ''
              : String(v.number).replace('.', ','),
        achieved: v?.achieved === true,
        evidence: v?.evidenceFileIds ?? [],
        result: v?.result ? { label: v.resultLabel, value: v.result } : null,
      };
    };
    const errors = state.errors ?? {};
    const rows = [];
    for (const c of criteria) {
      const s = shown(c);
      rows.push({
        id: c.id,
        code: c.code,
        text: c.text,
        mandatory: c.mandatory,
        isPercentage: c.type === CriterionType.Percentage,
        isCount: c.type === CriterionType.Count,
        isBoolean: c.type === CriterionType.Boolean,
        isQualitative: c.type === CriterionType.Qualitative,
        threshold: c.threshold === null ? null : String(c.threshold).replace('.', ','),
        value: s.text,
        achieved: s.achieved,
        result: s.result,
        error: errors[c.id] ?? null,
        evidence: await this.describeAll(actor, s.evidence),
      });
    }
    return this.pages.page(
      actor,
      'report',
      `Báo cáo kết quả: ${round.name}`,
      {
        problem:
          state.problem ??
          (Object.keys(errors).length
            ? 'Báo cáo chưa lưu được: hãy sửa các tiêu chí được ghi chú bên dưới.'
            : null),
        saved: state.saved ?? null,
        movement: { id: m.id, title: m.title },
        round: {
          id: round.id,
          name: round.name,
          deadline: formatDate(round.reportDeadline),
          open: round.open,
        },
        draft: draft && !state.typed ? { savedAt: formatDate(draft.savedAt) } : null,
        overall: report
          ? { label: report.overallLabel, result: report.overall, revision: report.revision }
          : null,
        criteria: rows,
      },
      csrf,
    );
  }

  /** The evidence files' names, for the ones still in the unit's scope. */
  private async describeAll(actor: Actor, ids: string[]) {
    const found = [];
    for (const id of ids) {
      const file = await this.files.describe(actor, id).catch(() => null);
      if (file) found.push({ id: file.id, name: file.originalName });
    }
    return found;
  }
}
