import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { sendSheet, SheetColumn, SheetFormat } from '../documents/spreadsheet';
import { Actor, authorityScope } from '../access/actor';
import { RECIPIENT_KIND_LABELS, RecipientKind } from '../awards/award-form.entity';
import { CalendarService } from '../calendar/calendar.service';
import { workingDaysBetween } from '../calendar/working-days';
import { Clock } from '../common/clock';
import { Db } from '../database/transactions';
import { LAW_TITLES, LawTitle } from '../law/money';
import { DOSSIER_STATUS_LABELS, DossierStatus } from '../dossiers/workflow';
import { StatisticsQueryDto } from './statistics.dto';

/** A count with its label, as a table row and a chart bar. */
export interface Figure {
  key: string;
  label: string;
  value: number;
}

export interface AwardFigure {
  form: string;
  /** The form's title in the law (Giấy khen, a danh hiệu), else the form's own name. */
  title: string;
  kind: RecipientKind;
  kindLabel: string;
  count: number;
  amount: number;
}

export interface Statistics {
  year: number;
  /** Units registered in each movement running in the year, out of the active units. */
  coverage: { movementId: string; title: string; registered: number; units: number }[];
  /** The current indicator reports of the year's rounds: per criterion, met and not met. */
  criteria: { code: string; text: string; met: number; notMet: number }[];
  reports: { met: number; notMet: number };
  /** Dossiers submitted (or, drafts, created) in the year, by status; overdue ones among them. */
  dossiers: Figure[];
  overdue: number;
  /** Awards of the decisions issued in the year whose certificate stands (not revoked, not replaced by a correction). */
  awards: AwardFigure[];
  awardsTotal: { count: number; amount: number };
  awardsByUnit: Figure[];
  /** Nominees of the year's submitted dossiers: proposed by units, by Home Affairs, decided. */
  funnel: Figure[];
  /** Working days from submission to the decision, over the dossiers decided in the year. */
  medianWorkingDays: number | null;
}

/** One line of the statistical table: a form of award, its counts by subject kind and its money. */
export interface AwardTableRow {
  title: string;
  counts: Record<RecipientKind, number>;
  total: number;
  amount: number;
}

/**
 * The year's awards as the statistical forms tabulate them: a line per form
 * of award (the law's title, so that a Giấy khen to people and one to
 * households are one line), a column per subject kind, and a total line.
 */
export function awardTable(awards: AwardFigure[]): AwardTableRow[] {
  const rows = new Map<string, AwardTableRow>();
  const zero = (title: string): AwardTableRow => ({
    title,
    counts: { collective: 0, individual: 0, household: 0 },
    total: 0,
    amount: 0,
  });
  const total = zero('Tổng cộng');
  for (const a of awards) {
    const row = rows.get(a.title) ?? zero(a.title);
    rows.set(a.title, row);
    for (const r of [row, total]) {
      r.counts[a.kind] += a.count;
      r.total += a.count;
      r.amount += a.amount;
    }
  }
  return [...rows.values(), total];
}

/** The columns of the awards statistics export, the year in each row. */
const AWARD_COLUMNS = (year: number): SheetColumn<AwardTableRow>[] => [
  { header: 'Năm', width: 7, format: 'integer', value: () => year },
  { header: 'Hình thức khen thưởng', width: 48, value: (a) => a.title },
  ...[RecipientKind.Collective, RecipientKind.Individual, RecipientKind.Household].map(
    (kind): SheetColumn<AwardTableRow> => ({
      header: RECIPIENT_KIND_LABELS[kind],
      width: 12,
      format: 'integer',
      value: (a) => a.counts[kind],
    }),
  ),
  { header: 'Tổng số lượt', width: 12, format: 'integer', value: (a) => a.total },
  { header: 'Tiền thưởng (đồng)', width: 18, format: 'money', value: (a) => a.amount },
];

/**
 * The authority's figures of a year, filterable by movement, kind of unit and
 * unit: registrations, indicator results, dossiers, awards with their money,
 * the approval funnel and the time to a decision. Read-only queries over the
 * tables of the modules that own them, always scoped to the actor's authority.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly db: Db,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /**
   * The year's awards by form and subject kind (what the province's
   * statistical forms ask of an authority), sent as XLSX or CSV; audited.
   */
  async sendAwards(
    actor: Actor,
    query: StatisticsQueryDto,
    format: SheetFormat,
    res: FastifyReply,
  ) {
    const s = await this.of(actor, query);
    const table = awardTable(s.awards);
    // Audited before the file goes out: the record is there once the download ends.
    await this.audit.record(
      actor,
      'statistics.export',
      { type: 'authority', id: authorityScope(actor) },
      {
        export: {
          from: null,
          to: `Thống kê khen thưởng năm ${s.year} (${format}, ${table.length} dòng)`,
        },
      },
    );
    await sendSheet(
      res,
      format,
      `thong-ke-khen-thuong-${s.year}`,
      'Khen thưởng',
      AWARD_COLUMNS(s.year),
      (async function* () {
        yield table;
      })(),
    );
  }

  async of(actor: Actor, query: StatisticsQueryDto): Promise<Statistics> {
    const authorityId = authorityScope(actor);
    // A round (a sơ kết, a tổng kết) spans what it spans: its figures are not cut by a year.
    const [round] = query.roundId
      ? await this.db.tx.query(
          `SELECT rr.period_end::text AS "periodEnd", rr.movement_id AS "movementId"
             FROM review_rounds rr JOIN movements m ON m.id = rr.movement_id
            WHERE rr.id = $1 AND m.authority_id = $2`,
          [query.roundId, authorityId],
        )
      : [];
    if (query.roundId && !round)
      throw AppError.invalidField(
        'roundId',
        'Không có đợt này trong các phong trào của cơ quan.',
        'unknown',
      );
    const year =
      query.year ??
      (round ? Number(round.periodEnd.slice(0, 4)) : Number(this.clock.today().slice(0, 4)));
    const yearFilter = round && !query.year ? null : year;
    // The units the figures cover: the kind and the unit chosen, within the authority.
    const unitFilter = `u.authority_id = $1
      AND ($2::unit_kind IS NULL OR u.kind = $2::unit_kind)
      AND ($3::uuid IS NULL OR u.id = $3::uuid)`;
    const base = [authorityId, query.unitKind ?? null, query.unitId ?? null];
    const movement = query.movementId ?? round?.movementId ?? null;
    // $4 the movement, $5 the year (null: any), $6 the round (null: any).
    const scope = [movement, yearFilter, query.roundId ?? null];
    const q = <T>(sql: string, extra: unknown[] = []) =>
      this.db.tx.query(sql, [...base, ...extra]) as Promise<T[]>;

    const coverage = await q<{
      movementId: string;
      title: string;
      registered: number;
      units: number;
    }>(
      `SELECT m.id AS "movementId", m.title,
              (SELECT count(*)::int FROM registrations r JOIN units u ON u.id = r.unit_id
                WHERE r.movement_id = m.id AND r.status = 'registered' AND ${unitFilter}) AS registered,
              (SELECT count(*)::int FROM units u WHERE u.active AND ${unitFilter}) AS units
         FROM movements m
        WHERE m.authority_id = $1 AND m.status <> 'draft' AND ($4::uuid IS NULL OR m.id = $4::uuid)
          AND EXISTS (SELECT 1 FROM review_rounds rr WHERE rr.movement_id = m.id
                       AND ($5::int IS NULL OR extract(year FROM rr.period_end) = $5)
                       AND ($6::uuid IS NULL OR rr.id = $6::uuid))
        ORDER BY m.title`,
      scope,
    );

    const reportScope = `FROM indicator_reports ir
        JOIN review_rounds rr ON rr.id = ir.round_id
        JOIN units u ON u.id = ir.unit_id
       WHERE ir.superseded_at IS NULL AND ${unitFilter}
         AND ($5::int IS NULL OR extract(year FROM rr.period_end) = $5)
         AND ($4::uuid IS NULL OR ir.movement_id = $4::uuid) AND ($6::uuid IS NULL OR ir.round_id = $6::uuid)`;
    const criteria = await q<{ code: string; text: string; met: number; notMet: number }>(
      `SELECT c.code, c.text,
              count(*) FILTER (WHERE coalesce(v.review_result, v.auto_result) = 'met')::int AS met,
              count(*) FILTER (WHERE coalesce(v.review_result, v.auto_result) = 'not_met')::int AS "notMet"
         ${reportScope.replace('FROM indicator_reports ir', 'FROM indicator_reports ir JOIN report_values v ON v.report_id = ir.id JOIN criteria c ON c.id = v.criterion_id')}
        GROUP BY c.code, c.text ORDER BY c.code`,
      scope,
    );
    const [reports] = await q<{ met: number; notMet: number }>(
      `SELECT count(*) FILTER (WHERE ir.overall = 'met')::int AS met,
              count(*) FILTER (WHERE ir.overall = 'not_met')::int AS "notMet"
         ${reportScope}`,
      scope,
    );

    // Dossiers of the year: submitted in it, or drafts created in it.
    const dossierScope = `FROM dossiers d JOIN units u ON u.id = d.unit_id
       WHERE ${unitFilter} AND ($4::uuid IS NULL OR d.movement_id = $4::uuid)
         AND ($6::uuid IS NULL OR d.round_id = $6::uuid)
         AND ($5::int IS NULL OR extract(year FROM coalesce(d.submitted_at, d.created_at) AT TIME ZONE 'Asia/Ho_Chi_Minh') = $5)`;
    const byStatus = await q<{ status: DossierStatus; n: number }>(
      `SELECT d.status, count(*)::int AS n ${dossierScope} GROUP BY d.status`,
      scope,
    );
    const [overdue] = await q<{ n: number }>(
      `SELECT count(*)::int AS n ${dossierScope}
         AND d.status IN ('submitted', 'under_appraisal') AND d.appraisal_due_on < $7::date`,
      [...scope, this.clock.today()],
    );

    // Awards: lines of the decisions issued in the year whose certificate stands.
    const awardScope = `FROM decision_items i
        JOIN decisions dec ON dec.id = i.decision_id
        JOIN award_register ar ON ar.item_id = i.id
        JOIN nominees n ON n.id = i.nominee_id
        LEFT JOIN award_forms f ON f.id = n.award_form_id
        JOIN dossiers d ON d.id = i.dossier_id
        JOIN units u ON u.id = d.unit_id
       WHERE dec.status = 'issued' AND dec.kind <> 'revocation' AND ar.status = 'valid'
         AND ($5::int IS NULL OR dec.year = $5) AND ${unitFilter}
         AND ($4::uuid IS NULL OR d.movement_id = $4::uuid) AND ($6::uuid IS NULL OR d.round_id = $6::uuid)`;
    const awards = await q<{
      form: string;
      lawTitle: LawTitle | null;
      kind: RecipientKind;
      count: number;
      amount: string;
    }>(
      `SELECT i.award_form_name AS form, f.law_title AS "lawTitle", i.recipient_kind AS kind,
              count(*)::int AS count, coalesce(sum(i.amount), 0)::bigint AS amount
         ${awardScope}
        GROUP BY 1, 2, 3 ORDER BY 1, 3`,
      scope,
    );
    const byUnit = await q<{ key: string; label: string; value: number }>(
      `SELECT u.id AS key, u.name AS label, count(*)::int AS value
         ${awardScope} GROUP BY u.id, u.name ORDER BY value DESC, u.name LIMIT 20`,
      scope,
    );

    const [funnel] = await q<{ proposed: number; appraised: number; decided: number }>(
      `SELECT count(*)::int AS proposed,
              count(*) FILTER (WHERE n.appraisal = 'proposed')::int AS appraised,
              count(*) FILTER (WHERE n.outcome = 'decided')::int AS decided
         FROM nominees n JOIN dossiers d ON d.id = n.dossier_id JOIN units u ON u.id = d.unit_id
        WHERE d.submitted_at IS NOT NULL AND ${unitFilter} AND ($4::uuid IS NULL OR d.movement_id = $4::uuid)
          AND ($6::uuid IS NULL OR d.round_id = $6::uuid)
          AND ($5::int IS NULL OR extract(year FROM d.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = $5)`,
      scope,
    );

    // Submission to decision, per dossier decided by a decision of the year.
    const spans = await q<{ submitted: string; issued: string }>(
      `SELECT DISTINCT d.id, to_char(d.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS submitted,
              min(dec.issued_on)::text AS issued
         ${awardScope} AND d.submitted_at IS NOT NULL
        GROUP BY d.id, d.submitted_at`,
      scope,
    );
    const holidays = await this.calendar.holidays(authorityId);
    const days = spans
      .map((s) => workingDaysBetween(s.submitted, s.issued, holidays))
      .sort((a, b) => a - b);

    const figures = awards.map((a) => ({
      form: a.form,
      title: (a.lawTitle && LAW_TITLES[a.lawTitle]) || a.form,
      kind: a.kind,
      kindLabel: RECIPIENT_KIND_LABELS[a.kind],
      count: a.count,
      amount: Number(a.amount),
    }));
    return {
      year,
      coverage,
      criteria,
      reports: reports ?? { met: 0, notMet: 0 },
      dossiers: Object.values(DossierStatus)
        .map((status) => ({
          key: status,
          label: DOSSIER_STATUS_LABELS[status],
          value: byStatus.find((r) => r.status === status)?.n ?? 0,
        }))
        .filter((f) => f.value > 0),
      overdue: overdue?.n ?? 0,
      awards: figures,
      awardsTotal: {
        count: figures.reduce((s, a) => s + a.count, 0),
        amount: figures.reduce((s, a) => s + a.amount, 0),
      },
      awardsByUnit: byUnit,
      funnel: [
        { key: 'proposed', label: 'Đơn vị đề nghị', value: funnel?.proposed ?? 0 },
        { key: 'appraised', label: 'Thẩm định đề nghị khen thưởng', value: funnel?.appraised ?? 0 },
        { key: 'decided', label: 'Được khen thưởng', value: funnel?.decided ?? 0 },
      ],
      medianWorkingDays: days.length
        ? days.length % 2
          ? days[(days.length - 1) / 2]
          : (days[days.length / 2 - 1] + days[days.length / 2]) / 2
        : null,
    };
  }
}
