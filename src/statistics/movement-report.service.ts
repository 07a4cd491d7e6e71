import { Injectable } from '@nestjs/common';
import { Workbook } from 'exceljs';
import { Actor, authorityScope } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import type { Authority } from '../authorities/authority.entity';
import { AuthoritiesService } from '../authorities/authorities.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { Db } from '../database/transactions';
import { DecisionsService } from '../decisions/decisions.service';
import { PdfRenderer } from '../documents/pdf-renderer.service';
import { TemplatesService, vietnameseMoney } from '../documents/templates.service';
import { Statistics, StatisticsService } from './statistics.service';

const ROUND_KIND_TITLES: Record<string, string> = {
  annual: 'BÁO CÁO KẾT QUẢ',
  preliminary: 'BÁO CÁO SƠ KẾT',
  final: 'BÁO CÁO TỔNG KẾT',
};

/** What the movement's report of a round says: the figures and the lists a coordinator needs. */
export interface MovementReport {
  authority: Authority;
  movement: { title: string };
  round: { name: string; kind: string; periodStart: string; periodEnd: string };
  figures: Statistics;
  registered: { name: string; pilot: boolean }[];
  results: { name: string; overall: string; score: number }[];
  awardees: { name: string; unit: string | null; form: string; decision: string }[];
}

const RESULT_LABELS: Record<string, string> = {
  met: 'Đạt',
  not_met: 'Chưa đạt',
  pending: 'Chờ đánh giá',
};

/**
 * The movement's report of a round (seed 001, VI: the units report, Home
 * Affairs compiles for the chairman): the round's figures, the units
 * registered, each unit's result against the criteria and those awarded, as
 * a draft PDF in the administrative layout and as an XLSX of the same lists.
 */
@Injectable()
export class MovementReportService {
  constructor(
    private readonly db: Db,
    private readonly statistics: StatisticsService,
    private readonly templates: TemplatesService,
    private readonly renderer: PdfRenderer,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly authorities: AuthoritiesService,
  ) {}

  async of(actor: Actor, roundId: string): Promise<MovementReport> {
    const authorityId = authorityScope(actor);
    const [round] = await this.db.tx.query(
      `SELECT rr.name, rr.kind, rr.period_start::text AS "periodStart", rr.period_end::text AS "periodEnd",
              m.id AS "movementId", m.title
         FROM review_rounds rr JOIN movements m ON m.id = rr.movement_id
        WHERE rr.id = $1 AND m.authority_id = $2`,
      [roundId, authorityId],
    );
    if (!round) throw AppError.notFound('Đợt của phong trào');
    const [authority, figures, registered, results, awardees] = await Promise.all([
      this.authorities.own(actor),
      this.statistics.of(actor, { roundId }),
      this.db.tx.query(
        `SELECT u.name, r.pilot FROM registrations r JOIN units u ON u.id = r.unit_id
          WHERE r.movement_id = $1 AND r.status = 'registered' ORDER BY u.name`,
        [round.movementId],
      ),
      this.db.tx.query(
        `SELECT u.name, ir.overall, ir.score FROM indicator_reports ir JOIN units u ON u.id = ir.unit_id
          WHERE ir.round_id = $1 AND ir.superseded_at IS NULL ORDER BY u.name`,
        [roundId],
      ),
      this.db.tx.query(
        `SELECT i.display_name AS name, i.unit_name AS unit, i.award_form_name AS form,
                dec.number, dec.issued_on::text AS "issuedOn"
           FROM decision_items i
           JOIN decisions dec ON dec.id = i.decision_id AND dec.status = 'issued'
           JOIN award_register ar ON ar.item_id = i.id AND ar.status = 'valid'
           JOIN dossiers d ON d.id = i.dossier_id
          WHERE d.round_id = $1
          ORDER BY i.award_form_name, i.display_name`,
        [roundId],
      ),
    ]);
    return {
      authority,
      movement: { title: round.title },
      round,
      figures,
      registered,
      results: results.map((r: { name: string; overall: string; score: string }) => ({
        name: r.name,
        overall: RESULT_LABELS[r.overall] ?? r.overall,
        score: Number(r.score),
      })),
      awardees: awardees.map(
        (a: {
          name: string;
          unit: string | null;
          form: string;
          number: number;
          issuedOn: string;
        }) => ({
          name: a.name,
          unit: a.unit,
          form: a.form,
          decision: DecisionsService.reference(a),
        }),
      ),
    };
  }

  /** The draft report as a PDF (the coordinator completes the assessment before signing). */
  async pdf(actor: Actor, roundId: string): Promise<Buffer> {
    const r = await this.of(actor, roundId);
    await this.record(actor, r, 'pdf');
    return this.renderer.render(
      this.templates.render('movement-report', {
        issuingBody: r.authority.issuingBody,
        numberSuffix: 'BC-UBND',
        placeName: r.authority.placeName,
        title: ROUND_KIND_TITLES[r.round.kind] ?? 'BÁO CÁO',
        movement: r.movement.title,
        round: r.round,
        figures: {
          ...r.figures,
          awards: r.figures.awards.map((a) => ({ ...a, amount: vietnameseMoney(a.amount) })),
          awardsTotal: {
            ...r.figures.awardsTotal,
            amount: vietnameseMoney(r.figures.awardsTotal.amount),
          },
        },
        registered: r.registered,
        results: r.results,
        awardees: r.awardees,
      }),
    );
  }

  /** The same lists as an XLSX: one sheet each, a styled frozen header. */
  async xlsx(actor: Actor, roundId: string): Promise<Buffer> {
    const r = await this.of(actor, roundId);
    await this.record(actor, r, 'xlsx');
    const book = new Workbook();
    const add = (name: string, columns: { header: string; width: number }[], rows: unknown[][]) => {
      const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = columns;
      sheet.getRow(1).font = { bold: true };
      for (const row of rows) sheet.addRow(row);
    };
    add(
      'Khen thưởng',
      [
        { header: 'Hình thức khen thưởng', width: 48 },
        { header: 'Đối tượng', width: 14 },
        { header: 'Số lượt', width: 10 },
        { header: 'Tiền thưởng (đồng)', width: 18 },
      ],
      r.figures.awards.map((a) => [a.form, a.kindLabel, a.count, a.amount]),
    );
    add(
      'Được khen thưởng',
      [
        { header: 'Họ và tên, tên tập thể, hộ gia đình', width: 34 },
        { header: 'Đơn vị', width: 30 },
        { header: 'Hình thức khen thưởng', width: 44 },
        { header: 'Quyết định', width: 26 },
      ],
      r.awardees.map((a) => [a.name, a.unit, a.form, a.decision]),
    );
    add(
      'Kết quả đơn vị',
      [
        { header: 'Đơn vị', width: 40 },
        { header: 'Kết quả', width: 14 },
        { header: 'Điểm', width: 8 },
      ],
      r.results.map((x) => [x.name, x.overall, x.score]),
    );
    add(
      'Tiêu chí',
      [
        { header: 'Mã', width: 8 },
        { header: 'Tiêu chí', width: 70 },
        { header: 'Đạt', width: 8 },
        { header: 'Chưa đạt', width: 10 },
      ],
      r.figures.criteria.map((c) => [c.code, c.text, c.met, c.notMet]),
    );
    add(
      'Đơn vị đăng ký',
      [
        { header: 'Đơn vị', width: 40 },
        { header: 'Làm điểm', width: 10 },
      ],
      r.registered.map((u) => [u.name, u.pilot ? 'Có' : '']),
    );
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  private record(actor: Actor, r: MovementReport, format: string): Promise<void> {
    return this.audit.record(
      actor,
      'statistics.movement_report',
      { type: 'authority', id: r.authority.id },
      {
        export: {
          from: null,
          to: `${r.round.name} · ${r.movement.title} (${format}, ngày ${this.clock.today()})`,
        },
      },
    );
  }
}
