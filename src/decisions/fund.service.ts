import { Injectable } from '@nestjs/common';
import { Actor, authorityScope } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { AuthoritiesService } from '../authorities/authorities.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { Db } from '../database/transactions';
import { PdfRenderer } from '../documents/pdf-renderer.service';
import { SheetColumn } from '../documents/spreadsheet';
import { TemplatesService, vietnameseMoney } from '../documents/templates.service';
import { DecisionKind } from './decision.entity';
import { amountInWords, decisionNumberLabel } from './labels';
import { SetFundDto } from './fund.dto';
import { FundAllocation } from './fund.entity';

const KIND_LABELS: Record<DecisionKind, string> = {
  [DecisionKind.Award]: 'Khen thưởng',
  [DecisionKind.Correction]: 'Đính chính',
  [DecisionKind.Revocation]: 'Thu hồi',
};

/** One issued decision's effect on the fund: committed (positive) or released (negative). */
export interface FundLine {
  decisionId: string;
  numberLabel: string;
  issuedOn: string;
  kind: DecisionKind;
  kindLabel: string;
  title: string;
  amount: number;
}

export interface FundStatement {
  year: number;
  allocation: { amount: number; reference: string } | null;
  committed: number;
  released: number;
  /** allocation - committed + released; null when no fund is set for the year. */
  balance: number | null;
  lines: FundLine[];
}

/** The fund report's columns (its XLSX). */
export const FUND_COLUMNS: SheetColumn<FundLine>[] = [
  { header: 'Quyết định', width: 16, value: (l) => l.numberLabel },
  { header: 'Ngày', width: 12, format: 'date', value: (l) => l.issuedOn },
  { header: 'Loại', width: 12, value: (l) => l.kindLabel },
  { header: 'Trích yếu', width: 60, value: (l) => l.title },
  { header: 'Chi từ quỹ (đồng)', width: 18, format: 'money', value: (l) => Math.max(l.amount, 0) },
  {
    header: 'Hoàn lại quỹ (đồng)',
    width: 18,
    format: 'money',
    value: (l) => Math.max(-l.amount, 0),
  },
];

const money = vietnameseMoney;

/**
 * The award fund (quỹ thi đua, khen thưởng) per authority and year: the
 * allocation Home Affairs records, the money each issued decision commits
 * (its awards; a correction the difference it makes) and each revocation
 * releases, the balance; a decision that would overdraw it is stopped until
 * the chairman acknowledges it (DecisionsService.issue); a yearly report.
 */
@Injectable()
export class FundService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly templates: TemplatesService,
    private readonly renderer: PdfRenderer,
    private readonly authorities: AuthoritiesService,
  ) {}

  thisYear(): number {
    return Number(this.clock.today().slice(0, 4));
  }

  async statement(actor: Actor, year = this.thisYear()): Promise<FundStatement> {
    return this.statementOf(authorityScope(actor), year);
  }

  async statementOf(authorityId: string, year: number): Promise<FundStatement> {
    const allocation = await this.db.tx.findOneBy(FundAllocation, { authorityId, year });
    const rows: (Omit<FundLine, 'numberLabel' | 'kindLabel' | 'amount'> & {
      number: number;
      amount: string;
    })[] = await this.db.tx.query(
      `SELECT dec.id AS "decisionId", dec.number, dec.issued_on::text AS "issuedOn", dec.kind, dec.title,
              CASE WHEN dec.kind = 'revocation'
                THEN -(SELECT coalesce(sum(di.amount), 0) FROM award_register ar
                         JOIN decision_items di ON di.id = ar.item_id WHERE ar.revoked_by_decision_id = dec.id)
                ELSE (SELECT coalesce(sum(coalesce(i.amount, 0) - coalesce(c.amount, 0)), 0) FROM decision_items i
                         LEFT JOIN decision_items c ON c.id = i.corrects_item_id WHERE i.decision_id = dec.id)
              END AS amount
         FROM decisions dec
        WHERE dec.authority_id = $1 AND dec.status = 'issued' AND dec.year = $2
        ORDER BY dec.issued_on, dec.number`,
      [authorityId, year],
    );
    const lines = rows.map((r) => ({
      decisionId: r.decisionId,
      numberLabel: decisionNumberLabel(r.number),
      issuedOn: r.issuedOn,
      kind: r.kind,
      kindLabel: KIND_LABELS[r.kind],
      title: r.title,
      amount: Number(r.amount),
    }));
    const committed = lines.filter((l) => l.amount > 0).reduce((s, l) => s + l.amount, 0);
    const released = lines.filter((l) => l.amount < 0).reduce((s, l) => s - l.amount, 0);
    return {
      year,
      allocation: allocation
        ? { amount: allocation.amount, reference: allocation.reference }
        : null,
      committed,
      released,
      balance: allocation ? allocation.amount - committed + released : null,
      lines,
    };
  }

  /** Sets the year's allocation (a new one, or a change with its document); audited. */
  set(actor: Actor, year: number, dto: SetFundDto): Promise<FundStatement> {
    const authorityId = authorityScope(actor);
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const current = await manager.findOne(FundAllocation, {
        where: { authorityId, year },
        lock: { mode: 'pessimistic_write' },
      });
      const reference = dto.reference.trim();
      if (current)
        await manager.update(FundAllocation, { id: current.id }, { amount: dto.amount, reference });
      // Two first settings at once: the unique (authority, year) keeps one, the other retries as a change.
      else
        await manager
          .createQueryBuilder()
          .insert()
          .into(FundAllocation)
          .values({ authorityId, year, amount: dto.amount, reference })
          .orUpdate(['amount', 'reference'], ['authority_id', 'year'])
          .execute();
      await this.audit.record(
        actor,
        'fund.set',
        { type: 'authority', id: authorityId },
        {
          [`fund${year}`]: {
            from: current ? `${money(current.amount)} đ (${current.reference})` : null,
            to: `${money(dto.amount)} đ (${reference})`,
          },
        },
      );
      return this.statementOf(authorityId, year);
    });
  }

  /**
   * Before a decision spending `total` is issued in `year`: refused (409,
   * naming the balance) when it would overdraw the year's fund, unless the
   * chairman acknowledged it; returns by how much it overdraws (0 when it
   * does not, or when no fund is set for the year).
   */
  async check(
    authorityId: string,
    year: number,
    total: number,
    acknowledged: boolean,
  ): Promise<number> {
    // Two decisions issued at once wait for each other here, so the second sees the first's spending.
    const allocation = await this.db.tx.findOne(FundAllocation, {
      where: { authorityId, year },
      lock: { mode: 'pessimistic_write' },
    });
    if (!allocation) return 0;
    const { balance } = await this.statementOf(authorityId, year);
    if (balance === null || total <= balance) return 0;
    const over = total - balance;
    if (!acknowledged) {
      const message = `Quỹ thi đua, khen thưởng năm ${year} còn ${money(balance)} đồng; quyết định này chi ${money(total)} đồng, vượt ${money(over)} đồng. Chủ tịch cần xác nhận vẫn ban hành khi vượt quỹ.`;
      throw AppError.conflict(
        message,
        [{ field: 'acknowledgeFundOverdraw', code: 'fundOverdraw', message }],
        { balance, total },
      );
    }
    return over;
  }

  /** The year's report, as the fund's owner files it: PDF (A4) with its lines and totals. */
  async pdf(actor: Actor, year = this.thisYear()): Promise<Buffer> {
    const s = await this.statement(actor, year);
    const authority = await this.authorities.own(actor);
    await this.recordReport(actor, year, 'pdf');
    return this.renderer.render(
      this.templates.render('fund-report', {
        issuingBody: authority.issuingBody,
        numberSuffix: 'BC-UBND',
        placeName: authority.placeName,
        issuedOn: this.clock.today(),
        authorityName: authority.name,
        year,
        allocation: s.allocation,
        committed: s.committed,
        released: s.released,
        balance: s.balance,
        balanceInWords: s.balance !== null && s.balance > 0 ? amountInWords(s.balance) : null,
        lines: s.lines.map((l) => ({
          ...l,
          spent: l.amount > 0 ? l.amount : null,
          returned: l.amount < 0 ? -l.amount : null,
        })),
      }),
    );
  }

  recordReport(actor: Actor, year: number, format: string): Promise<void> {
    return this.audit.record(
      actor,
      'fund.report',
      { type: 'authority', id: authorityScope(actor) },
      { export: { from: null, to: `Báo cáo quỹ thi đua, khen thưởng năm ${year} (${format})` } },
    );
  }
}
