import { randomBytes } from 'node:crypto';
import { Db } from '../database/transactions';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, authorityScope } from '../access/actor';
import { Role } from '../access/roles';
import { AuthoritiesService } from '../authorities/authorities.service';
import type { Authority } from '../authorities/authority.entity';
import type { AwardForm } from '../awards/award-form.entity';
import { RECIPIENT_KIND_LABELS, RecipientKind } from '../awards/award-form.entity';
import { AwardsService } from '../awards/awards.service';
import { Clock } from '../common/clock';
import { formatVietnameseDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import { Page, PageQueryDto, pageOf, whereNameMatches } from '../common/pagination';
import { escapeLike, foldForSearch } from '../common/text/fold';
import { legalBasesOn } from '../law/legal-texts';
import { awardAmount } from '../law/money';
import { multipleOn } from '../law/money';
import { caseRules, onceAYear, TaskRating, TitleAwarded, titleRules } from '../law/eligibility';
import { PeopleService } from '../people/people.service';
import { UnitsService } from '../units/units.service';
import { AppConfig } from '../config/app-config';
import { Dossier, Nominee, NomineeOutcome } from '../dossiers/dossier.entity';
import { DossierWorkflowService } from '../dossiers/dossier-workflow.service';
import { MovementsService } from '../movements/movements.service';
import { NotificationsService } from '../notifications/notifications.service';
import { Gender } from '../people/person.entity';
import { FundService } from './fund.service';
import { decisionNumberLabel } from './labels';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import {
  AwardDecision,
  CertificateSnapshot,
  CertificateStatus,
  DecisionItem,
  DecisionKind,
  DecisionStatus,
  RegisterEntry,
  SignerForm,
} from './decision.entity';
import {
  AwaitingQueryDto,
  RegisterFilters,
  RegisterQueryDto,
  RegisterRow,
  CorrectDto,
  CreateDecisionDto,
  DecisionQueryDto,
  RevokeDto,
  UpdateDecisionDto,
} from './decisions.dto';

/**
 * The signature lines of a chairman's decision (Nghị định 30/2020): "CHỦ
 * TỊCH", or "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" when a vice-chairman signs. A draft
 * (no signer yet) prints the chairman's.
 */
export function signerLines(authority: Authority, form: SignerForm | null): string[] {
  const t = authority.signingTitles;
  return form === SignerForm.ViceChairman ? [t.onBehalf, t.viceChairman] : [t.chairman];
}

/** The kinds of awardee present, in the order a decision names them: "tập thể, cá nhân". */
export function awardeeKinds(kinds: RecipientKind[]): string {
  return [RecipientKind.Collective, RecipientKind.Individual, RecipientKind.Household]
    .filter((k) => kinds.includes(k))
    .map((k) => RECIPIENT_KIND_LABELS[k].toLowerCase())
    .join(', ');
}

const EDITABLE: (keyof AwardDecision)[] = [
  'title',
  'legalBases',
  'funding',
  'execution',
  'recipients',
];

/** The filters of the awaiting list (its page aside). */
type AwaitingFilters = Pick<AwaitingQueryDto, 'movementId' | 'roundId' | 'awardFormId' | 'unitId'>;

@Injectable()
export class DecisionsService {
  constructor(
    private readonly db: Db,
    private readonly awards: AwardsService,
    private readonly workflow: DossierWorkflowService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly people: PeopleService,
    private readonly units: UnitsService,
    private readonly fund: FundService,
    private readonly authorities: AuthoritiesService,
    private readonly movements: MovementsService,
    private readonly users: UsersService,
  ) {}

  async list(actor: Actor, query: DecisionQueryDto): Promise<Page<AwardDecision>> {
    const qb = this.db.tx
      .getRepository(AwardDecision)
      .createQueryBuilder('d')
      .where('d.authority_id = :a', { a: authorityScope(actor) });
    if (query.status) qb.andWhere('d.status = :s', { s: query.status });
    if (query.year) qb.andWhere('d.year = :year', { year: query.year });
    const q = query.q?.trim();
    if (q) {
      // "12" or "12/QĐ-UBND" finds decision number 12; otherwise words of the title.
      const number = /^0*(\d{1,6})(\/|$)/.exec(q);
      if (number) qb.andWhere('d.number = :number', { number: Number(number[1]) });
      else qb.andWhere("d.title ILIKE :title ESCAPE '\\'", { title: `%${escapeLike(q)}%` });
    }
    return pageOf(qb.orderBy('d.created_at', 'DESC'), query);
  }

  /**
   * An authority's issued decisions, newest first, as its public list shows
   * them (number, date, title, count of awardees): no actor, no draft.
   */
  async published(authorityId: string, query: PageQueryDto) {
    const qb = this.db.tx
      .getRepository(AwardDecision)
      .createQueryBuilder('d')
      .where('d.authority_id = :a AND d.status = :issued', {
        a: authorityId,
        issued: DecisionStatus.Issued,
      })
      .orderBy('d.issued_on', 'DESC')
      .addOrderBy('d.number', 'DESC');
    const page = await pageOf(qb, query);
    const counts: { decisionId: string; n: number }[] = page.items.length
      ? await this.db.tx.query(
          `SELECT decision_id AS "decisionId", count(*)::int AS n FROM decision_items
            WHERE decision_id = ANY($1) GROUP BY decision_id`,
          [page.items.map((d) => d.id)],
        )
      : [];
    return {
      ...page,
      items: page.items.map((d) => ({
        id: d.id,
        numberLabel: decisionNumberLabel(d.number!),
        issuedOn: d.issuedOn!,
        title: d.title,
        awardees: counts.find((c) => c.decisionId === d.id)?.n ?? 0,
      })),
    };
  }

  async require(actor: Actor, id: string, lock = false): Promise<AwardDecision> {
    const manager = this.db.tx;
    const decision = await manager.findOne(AwardDecision, {
      where: { id, authorityId: authorityScope(actor) },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!decision) throw AppError.notFound('Quyết định');
    return decision;
  }

  async detail(actor: Actor, id: string) {
    const decision = await this.require(actor, id);
    const items = await this.db.tx
      .getRepository(DecisionItem)
      .find({ where: { decisionId: id }, order: { position: 'ASC' } });
    const register = await this.db.tx
      .getRepository(RegisterEntry)
      .find({ where: { decisionId: id }, order: { registerNumber: 'ASC' } });
    // The decisions that revoked or corrected this one, and the one this one revokes or corrects.
    const related = await this.db.tx.getRepository(AwardDecision).find({
      where: [
        { referencesId: id },
        ...(decision.referencesId ? [{ id: decision.referencesId }] : []),
      ],
      order: { createdAt: 'ASC' },
    });
    const brief = (d: AwardDecision) => ({
      id: d.id,
      kind: d.kind,
      status: d.status,
      numberLabel: d.number ? decisionNumberLabel(d.number) : null,
      issuedOn: d.issuedOn,
      title: d.title,
    });
    return {
      ...decision,
      supersededBy: related.filter((d) => d.referencesId === id).map(brief),
      references: related.filter((d) => d.id === decision.referencesId).map(brief)[0] ?? null,
      numberLabel: decision.number ? decisionNumberLabel(decision.number) : null,
      items: items.map((i) => ({
        ...i,
        register: register.find((r) => r.itemId === i.id) ?? null,
      })),
      total: items.reduce((sum, i) => sum + (i.amount ?? 0), 0),
    };
  }

  /** Nominees of the actor's authority awaiting a decision and in none yet, with form and dossier. */
  private awaitingQuery(actor: Actor) {
    return this.db.tx
      .getRepository(Nominee)
      .createQueryBuilder('n')
      .innerJoinAndSelect('n.awardForm', 'f')
      .innerJoinAndSelect('n.dossier', 'd')
      .where('d.authority_id = :a AND n.outcome = :awaiting', {
        a: authorityScope(actor),
        awaiting: NomineeOutcome.AwaitingDecision,
      })
      .andWhere('NOT EXISTS (SELECT 1 FROM decision_items i WHERE i.nominee_id = n.id)');
  }

  /**
   * What awaits the chairman: nominees from every dossier sent for a decision
   * and in no draft yet, filtered by movement, round, award form or unit.
   */
  async awaiting(actor: Actor, query: AwaitingQueryDto) {
    return pageOf(this.awaitingSearch(actor, query), query);
  }

  /**
   * Every nominee awaiting a decision that a search names, in the list's
   * order, in one read (one snapshot): at most `max` of them.
   */
  awaitingAll(actor: Actor, filters: AwaitingFilters, max: number) {
    return this.awaitingSearch(actor, filters).limit(max).getMany();
  }

  /** The awaiting nominees a search names, by unit, then name. */
  private awaitingSearch(actor: Actor, query: AwaitingFilters) {
    const qb = this.awaitingQuery(actor).leftJoinAndSelect('d.unit', 'u');
    if (query.movementId) qb.andWhere('d.movement_id = :m', { m: query.movementId });
    if (query.roundId) qb.andWhere('d.round_id = :r', { r: query.roundId });
    if (query.awardFormId) qb.andWhere('n.award_form_id = :f', { f: query.awardFormId });
    if (query.unitId) qb.andWhere('d.unit_id = :u', { u: query.unitId });
    return qb.orderBy('u.name').addOrderBy('n.display_name').addOrderBy('n.id');
  }

  /** Writes entries of the award register, each with its awardee's name folded for search. */
  private enter(entries: Partial<RegisterEntry>[]) {
    return this.db.tx.insert(
      RegisterEntry,
      entries.map((e) => ({ ...e, searchName: foldForSearch(e.snapshot!.awardeeName) })) as never,
    );
  }

  /**
   * The award register (sổ khen thưởng): entries found by name with or
   * without diacritics, unit, year and award form, newest first, each with
   * its decision and certificate.
   */
  async register(actor: Actor, query: RegisterQueryDto) {
    return pageOf(this.registerQuery(actor, query), query);
  }

  /** The register entries a search names, newest first: the page's query and the export's. */
  private registerQuery(actor: Actor, query: RegisterFilters) {
    const qb = this.db.tx
      .getRepository(RegisterEntry)
      .createQueryBuilder('r')
      .innerJoin(DecisionItem, 'i', 'i.id = r.item_id')
      .innerJoin(Nominee, 'n', 'n.id = i.nominee_id')
      .innerJoin(Dossier, 'd', 'd.id = i.dossier_id')
      .where('r.authority_id = :a', { a: authorityScope(actor) });
    whereNameMatches(qb, 'r.search_name', query.q);
    if (query.year) qb.andWhere('r.year = :year', { year: query.year });
    if (query.unitId) qb.andWhere('d.unit_id = :unit', { unit: query.unitId });
    if (query.awardFormId) qb.andWhere('n.award_form_id = :form', { form: query.awardFormId });
    if (query.movementId) qb.andWhere('d.movement_id = :movement', { movement: query.movementId });
    if (query.kind) qb.andWhere('n.kind = :kind', { kind: query.kind });
    return qb.orderBy('r.year', 'DESC').addOrderBy('r.register_number', 'DESC');
  }

  /**
   * Every register entry a search names, in batches (keyset on year and
   * number), for an export whose memory does not grow with the register.
   */
  async *registerRows(
    actor: Actor,
    query: RegisterFilters,
    batch = 2000,
  ): AsyncGenerator<RegisterRow[]> {
    let after: { year: number; number: number } | null = null;
    for (;;) {
      const qb = this.registerQuery(actor, query)
        .select([
          'r.year AS year',
          'r.register_number AS "registerNumber"',
          `r.snapshot->>'awardeeName' AS "awardeeName"`,
          `r.snapshot->>'unitName' AS "unitName"`,
          `r.snapshot->>'awardFormName' AS "awardFormName"`,
          `r.snapshot->>'decisionNumber' AS "decisionNumber"`,
          `r.snapshot->>'decisionDate' AS "decisionDate"`,
          'i.recipient_kind AS "recipientKind"',
          'i.amount AS amount',
          'r.status AS status',
        ])
        .limit(batch);
      if (after)
        qb.andWhere('(r.year, r.register_number) < (:y, :nr)', { y: after.year, nr: after.number });
      const rows: RegisterRow[] = await qb.getRawMany();
      if (!rows.length) return;
      yield rows;
      if (rows.length < batch) return;
      const last = rows[rows.length - 1];
      after = { year: last.year, number: last.registerNumber };
    }
  }

  /** An export of a decision's list is audited. */
  recordListExport(actor: Actor, id: string, format: string, rows: number): Promise<void> {
    return this.audit.record(
      actor,
      'decision.export',
      { type: 'decision', id },
      { export: { from: null, to: `Danh sách kèm quyết định (${format}, ${rows} dòng)` } },
    );
  }

  /** An export of the register is audited: who took which rows (counted), in which format. */
  async recordExport(actor: Actor, filters: RegisterFilters, format: string): Promise<void> {
    const rows = await this.registerQuery(actor, filters).getCount();
    await this.audit.record(
      actor,
      'register.export',
      { type: 'authority', id: authorityScope(actor) },
      { export: { from: null, to: `Sổ khen thưởng (${format}, ${rows} dòng)` } },
    );
  }

  /** The number the next decision issued this year would take (the counter is only read). */
  async nextNumber(actor: Actor): Promise<{ number: number; label: string }> {
    const year = Number(this.clock.today().slice(0, 4));
    const [row] = await this.db.tx.query(
      `SELECT last FROM number_counters WHERE authority_id = $1 AND kind = 'decision' AND year = $2`,
      [authorityScope(actor), year],
    );
    const number = ((row?.last as number | undefined) ?? 0) + 1;
    return { number, label: decisionNumberLabel(number) };
  }

  /**
   * What issuing a draft today would do to the year's award fund: its total
   * at today's base salary against the balance; null when no fund is set for
   * the year (or no base salary yet). The signing page warns with it.
   */
  async fundOutlook(actor: Actor, id: string) {
    const manager = this.db.tx;
    const decision = await this.require(actor, id);
    const today = this.clock.today();
    const year = Number(today.slice(0, 4));
    const authority = await this.authorities.byId(decision.authorityId);
    const base = await this.awards.baseSalaryOn(authority.id, today);
    const { balance } = await this.fund.statementOf(authority.id, year);
    if (base === null || balance === null) return null;
    const items = await manager.findBy(DecisionItem, { decisionId: id });
    const total = items.reduce(
      (sum, i) => sum + awardAmount(Number(i.moneyMultiplier), base, authority.moneyRoundTo),
      0,
    );
    return { year, balance, total, over: Math.max(0, total - balance) };
  }

  /** The nominees awaiting a decision that the request names, all of the actor's authority. */
  private async gather(
    actor: Actor,
    dto: CreateDecisionDto,
  ): Promise<(Nominee & { awardForm: AwardForm; dossier: Dossier })[]> {
    const qb = this.awaitingQuery(actor);
    if (dto.nomineeIds?.length) qb.andWhere('n.id IN (:...ids)', { ids: dto.nomineeIds });
    if (dto.dossierIds?.length) qb.andWhere('d.id IN (:...dossiers)', { dossiers: dto.dossierIds });
    if (dto.roundId) qb.andWhere('d.round_id = :round', { round: dto.roundId });
    const found = (await qb
      .orderBy('n.kind')
      .addOrderBy('n.display_name')
      .getMany()) as (Nominee & { awardForm: AwardForm; dossier: Dossier })[];
    if (dto.nomineeIds?.length && found.length !== new Set(dto.nomineeIds).size) {
      throw AppError.invalidField(
        'nomineeIds',
        'Có đối tượng không chờ quyết định, đã thuộc quyết định khác hoặc không thuộc cơ quan.',
        'notAwaiting',
      );
    }
    if (!found.length)
      throw AppError.invalidField(
        'nomineeIds',
        'Không có đối tượng nào chờ quyết định khen thưởng.',
        'empty',
      );
    return found;
  }

  /** A draft decision gathering nominees awaiting the chairman, with the texts an office starts from. */
  createDraft(actor: Actor, dto: CreateDecisionDto) {
    return this.db.withTransaction(async () => {
      const today = this.clock.today();
      const manager = this.db.tx;
      const nominees = await this.gather(actor, dto);
      const authority = await this.authorities.own(actor);
      const movementIds = [
        ...new Set(nominees.map((n) => n.dossier.movementId).filter((x): x is string => !!x)),
      ];
      const movements = await this.movements.byIds(movementIds);
      const theme =
        movements.length === 1 ? ` trong phong trào thi đua "${movements[0].title}"` : '';
      const decision = await manager.save(
        manager.create(AwardDecision, {
          authorityId: authority.id,
          kind: DecisionKind.Award,
          status: DecisionStatus.Draft,
          title: dto.title ?? `Về việc khen thưởng${theme}`,
          // The pack in force today, the province's, then the movements' own texts: each once, none repealed.
          legalBases: [
            ...legalBasesOn(
              today,
              movements.flatMap((m) => m.legalBases),
              authority.provincialTexts,
            ),
            `Xét đề nghị của ${authority.proposerTitle}.`,
          ],
          funding: `Tiền thưởng kèm theo được chi từ Quỹ thi đua, khen thưởng của ${authority.name} theo quy định hiện hành.`,
          // Điều 3 names only the kinds of awardee the decision has.
          execution: `${authority.executors}, thủ trưởng các cơ quan, đơn vị liên quan và các ${awardeeKinds(nominees.map((n) => n.kind))} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.`,
          recipients: ['Như Điều 3;', 'Chủ tịch, các Phó Chủ tịch;', 'Lưu: VT.'],
          signerForm: null,
          signerName: null,
        }),
      );
      const units = await this.units.byIds([...new Set(nominees.map((n) => n.dossier.unitId))]);
      const people = await this.people.byIds(
        nominees.map((n) => n.personId).filter((x): x is string => !!x),
      );
      const personUnits = await this.units.byIds(people.map((p) => p.unitId));
      await manager.save(
        nominees.map((n, position) => {
          const person = people.find((p) => p.id === n.personId);
          const unitName = person
            ? (personUnits.find((u) => u.id === person.unitId)?.name ?? null)
            : n.kind === RecipientKind.Household
              ? (units.find((u) => u.id === n.dossier.unitId)?.name ?? null)
              : null;
          return manager.create(DecisionItem, {
            decisionId: decision.id,
            nomineeId: n.id,
            dossierId: n.dossierId,
            recipientKind: n.kind,
            displayName: n.displayName,
            unitName,
            awardFormName: n.awardForm.name,
            // The law's multiple for the title and subject kind today, else the catalogue's.
            moneyMultiplier: String(
              multipleOn(n.awardForm.lawTitle, n.kind, today)?.multiple ??
                n.awardForm.moneyMultiplier,
            ),
            amount: null,
            position,
          });
        }),
      );
      await this.audit.record(
        actor,
        'decision.create',
        { type: 'decision', id: decision.id },
        { items: { from: null, to: nominees.length } },
      );
      return decision;
    });
  }

  update(actor: Actor, id: string, dto: UpdateDecisionDto) {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const decision = await this.require(actor, id, true);
      if (decision.status !== DecisionStatus.Draft)
        throw AppError.conflict(
          'Quyết định đã ban hành, không sửa được. Muốn thay đổi, hãy ban hành quyết định thu hồi hoặc điều chỉnh.',
          [],
          { status: decision.status },
        );
      const changed: Record<string, { from: unknown; to: unknown }> = {};
      for (const field of EDITABLE) {
        const value = dto[field as keyof UpdateDecisionDto];
        if (value !== undefined && JSON.stringify(value) !== JSON.stringify(decision[field])) {
          changed[field] = { from: decision[field], to: value };
          Object.assign(decision, { [field]: value });
        }
      }
      const saved = await manager.save(AwardDecision, decision);
      if (Object.keys(changed).length)
        await this.audit.record(actor, 'decision.update', { type: 'decision', id }, changed);
      return saved;
    });
  }

  /** The next number of a counter, in the caller's transaction: gap-free, as a rollback undoes it. */
  private async next(authorityId: string, kind: string, year: number, count = 1): Promise<number> {
    const manager = this.db.tx;
    const [row] = await manager.query(
      `INSERT INTO number_counters (authority_id, kind, year, last) VALUES ($1, $2, $3, $4)
       ON CONFLICT (authority_id, kind, year) DO UPDATE SET last = number_counters.last + $4
       RETURNING last`,
      [authorityId, kind, year, count],
    );
    return (row.last as number) - count + 1;
  }

  private signer(actor: Actor, authority: Authority, user: User) {
    const form = actor.role === Role.Chairman ? SignerForm.Chairman : SignerForm.ViceChairman;
    return { form, lines: signerLines(authority, form), name: user.fullName };
  }

  /**
   * Issues a draft: its number (per authority and year, gap-free under
   * concurrent issuing), its date, the money, a register entry and a
   * verification token per awardee, and the dossiers move to decided.
   */
  issue(actor: Actor, id: string, expectedNumber?: number, acknowledgeFundOverdraw = false) {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const decision = await this.require(actor, id, true);
      if (decision.status !== DecisionStatus.Draft) {
        throw AppError.conflict(
          `Quyết định đã được ban hành (số ${decisionNumberLabel(decision.number!)}).`,
          [],
          { status: decision.status },
        );
      }
      const items = await manager.find(DecisionItem, {
        where: { decisionId: id },
        order: { position: 'ASC' },
      });
      if (!items.length)
        throw AppError.invalidField('items', 'Quyết định chưa có đối tượng nào.', 'empty');
      const nomineeIds = items.map((i) => i.nomineeId);
      const dossiers = await this.workflow.claimForDecision(nomineeIds);
      const authority = await this.authorities.byId(decision.authorityId);
      const user = await this.users.byId(actor.userId);
      const issuedOn = this.clock.today();
      // An authority issues nothing dated outside its life (a district after the 2025 reform).
      if (
        (authority.validTo && issuedOn > authority.validTo) ||
        (authority.validFrom && issuedOn < authority.validFrom)
      )
        throw AppError.conflict(
          authority.validTo && issuedOn > authority.validTo
            ? `${authority.name} đã thôi hoạt động từ sau ngày ${formatVietnameseDate(authority.validTo)}; không ban hành được quyết định đề ngày ${formatVietnameseDate(issuedOn)}.${await this.successorNote(authority)}`
            : `${authority.name} bắt đầu hoạt động từ ngày ${formatVietnameseDate(authority.validFrom!)}; chưa ban hành được quyết định.`,
          [],
          {
            validFrom: authority.validFrom,
            validTo: authority.validTo,
            successorCode: authority.successorCode,
          },
        );
      const year = Number(issuedOn.slice(0, 4));
      const base = await this.awards.baseSalaryOn(authority.id, issuedOn);
      if (base === null)
        throw AppError.conflict(
          'Chưa có mức lương cơ sở áp dụng cho ngày ban hành; quản trị viên cần khai báo trước.',
        );
      const number = await this.next(authority.id, 'decision', year);
      // The signer confirmed a number: another decision issued since takes it, so ask again.
      if (expectedNumber !== undefined && number !== expectedNumber)
        throw AppError.conflict(
          `Số ${decisionNumberLabel(expectedNumber)} vừa được cấp cho quyết định khác; quyết định này sẽ mang số ${decisionNumberLabel(number)}. Hãy xác nhận lại.`,
          [],
          { nextNumber: number },
        );
      const firstRegister = await this.next(authority.id, 'register', year, items.length);
      const signer = this.signer(actor, authority, user);
      const numberLabel = decisionNumberLabel(number);
      const movements = await this.movements.byIds(
        dossiers.map((d) => d.movementId).filter((x): x is string => !!x),
      );
      // A person is addressed as "Ông" or "Bà", with the position held.
      const nominated = await manager.find(Nominee, { where: { id: In(nomineeIds) } });
      const persons = await this.people.byIds(
        nominated.map((n) => n.personId).filter((x): x is string => !!x),
      );
      const personOf = (item: DecisionItem) =>
        persons.find((p) => p.id === nominated.find((n) => n.id === item.nomineeId)?.personId);
      // Eligibility on the decision's date: a discipline term refuses, an open case holds;
      // every failing rule of every awardee listed at once, with its article.
      const cases = await this.people.casesOf(persons.map((p) => p.id));
      // Annual titles rest on the task rating of the year their round covers.
      const forms = await this.awards.formsByIds([...new Set(nominated.map((n) => n.awardFormId))]);
      const rounds = await this.movements.roundsByIds(
        dossiers.map((d) => d.roundId).filter((x): x is string => !!x),
      );
      const yearOf = (item: DecisionItem) => {
        const roundId = dossiers.find((d) => d.id === item.dossierId)?.roundId;
        const round = rounds.find((r) => r.id === roundId);
        return Number((round?.periodEnd ?? issuedOn).slice(0, 4));
      };
      const ratings = new Map<number, { personId: string; rating: TaskRating }[]>();
      for (const y of new Set(items.map(yearOf)))
        ratings.set(
          y,
          await this.people.ratingsOf(
            persons.map((p) => p.id),
            y,
          ),
        );
      const initiatives = new Map<number, { personId: string }[]>();
      for (const y of ratings.keys())
        initiatives.set(
          y,
          await this.people.initiativesOf(
            persons.map((p) => p.id),
            y,
          ),
        );
      const awarded = await this.titlesAwarded(persons.map((p) => p.id));
      // A collective's title rests on the collective's rating of the year.
      const collectiveOf = (item: DecisionItem) =>
        nominated.find((n) => n.id === item.nomineeId)?.collectiveUnitId ?? null;
      const unitRatings = new Map<number, { unitId: string; rating: TaskRating }[]>();
      for (const y of ratings.keys())
        unitRatings.set(
          y,
          await this.units.ratingsOf(
            items.map(collectiveOf).filter((x): x is string => !!x),
            y,
          ),
        );
      const failing = items.flatMap((item, i) => {
        const person = personOf(item);
        const form = forms.find(
          (f) => f.id === nominated.find((n) => n.id === item.nomineeId)?.awardFormId,
        );
        const year = yearOf(item);
        const lawTitle = form?.lawTitle ?? null;
        const unitId = collectiveOf(item);
        const said = (r: { kind: string; message: string }) => ({
          field: `items.${i}`,
          code: r.kind === 'HOLD' ? 'held' : 'refused',
          message: `${item.displayName}: ${r.message}`,
        });
        if (unitId)
          return titleRules(
            lawTitle,
            unitRatings.get(year)?.find((r) => r.unitId === unitId)?.rating ?? null,
            year,
          ).map(said);
        if (!person) return [];
        const rating = ratings.get(year)?.find((r) => r.personId === person.id)?.rating ?? null;
        const initiative = !!initiatives.get(year)?.some((x) => x.personId === person.id);
        return [
          ...caseRules(
            cases.filter((c) => c.personId === person.id),
            issuedOn,
          ),
          ...titleRules(lawTitle, rating, year, initiative),
          ...onceAYear(
            lawTitle,
            year,
            awarded.filter((a) => a.personId === person.id),
          ),
        ].map(said);
      });
      if (failing.length)
        throw AppError.conflict(
          `Chưa ban hành được: ${failing.map((f) => f.message).join(' ')}`,
          failing,
        );
      const entries: Partial<RegisterEntry>[] = [];
      for (const [i, item] of items.entries()) {
        item.amount = awardAmount(Number(item.moneyMultiplier), base, authority.moneyRoundTo);
        const person = personOf(item);
        const dossier = dossiers.find((d) => d.id === item.dossierId)!;
        const movement = movements.find((m) => m.id === dossier.movementId);
        const token = randomBytes(24).toString('base64url');
        const registerNumber = firstRegister + i;
        const snapshot: CertificateSnapshot = {
          issuingBody: authority.issuingBody,
          chairmanTitle: authority.chairmanTitle,
          authorityName: authority.name,
          placeName: authority.placeName,
          awardeeName: item.displayName,
          unitName: item.unitName,
          recipientKind: item.recipientKind,
          honorific: person ? (person.gender === Gender.Female ? 'Bà' : 'Ông') : null,
          position: person?.position ?? null,
          awardFormName: item.awardFormName,
          achievement: movement
            ? `Đã có thành tích xuất sắc trong phong trào thi đua "${movement.title}"`
            : `Đã có thành tích xuất sắc trong thực hiện nhiệm vụ`,
          decisionNumber: numberLabel,
          decisionDate: issuedOn,
          registerNumber: `${registerNumber}/${year}`,
          signerLines: signer.lines,
          signerName: signer.name,
          verifyUrl: `${this.config.publicBaseUrl}/verify/${token}`,
        };
        entries.push({
          authorityId: authority.id,
          year,
          registerNumber,
          decisionId: id,
          itemId: item.id,
          verifyToken: token,
          status: CertificateStatus.Valid,
          snapshot,
        });
      }
      // The year's award fund: a decision that would overdraw it waits for the chairman's acknowledgement.
      const overdraw = await this.fund.check(
        authority.id,
        year,
        items.reduce((sum, i) => sum + (i.amount ?? 0), 0),
        acknowledgeFundOverdraw,
      );
      await manager.save(DecisionItem, items);
      await this.enter(entries);
      await manager.update(
        AwardDecision,
        { id },
        {
          status: DecisionStatus.Issued,
          number,
          year,
          issuedOn,
          // The base salary the amounts were computed from, kept with them.
          baseSalary: base,
          signerForm: signer.form,
          signerName: signer.name,
          version: () => 'version + 1',
        },
      );
      await this.workflow.settleDecided(
        actor,
        dossiers,
        nomineeIds,
        `Quyết định số ${numberLabel}`,
      );
      await this.audit.record(
        actor,
        'decision.issue',
        { type: 'decision', id },
        {
          number: { from: null, to: numberLabel },
          items: { from: null, to: items.length },
          // Issued over the fund, acknowledged: by how much, on the record.
          ...(overdraw ? { fundOverdraw: { from: null, to: overdraw } } : {}),
        },
      );
      for (const dossier of dossiers) {
        await this.notifications.notify(
          { authorityId: authority.id, unitId: dossier.unitId },
          `Quyết định khen thưởng số ${numberLabel} đã được ban hành cho hồ sơ "${dossier.title}".`,
          dossier.id,
        );
      }
      return {
        id,
        number,
        numberLabel,
        issuedOn,
        items: items.length,
        total: items.reduce((s, i) => s + (i.amount ?? 0), 0),
      };
    });
  }

  /** "Quyết định số 05/QĐ-UBND ngày 23/11/2026": how documents and pages name an issued decision. */
  /**
   * The annual titles these people hold from issued decisions (a revoked one
   * does not count) and from awards recorded from elsewhere: which title, for
   * which year (the round's, else the decision's), and the decision, for "one
   * achievement, one form".
   */
  private async titlesAwarded(
    personIds: string[],
  ): Promise<(TitleAwarded & { personId: string })[]> {
    if (!personIds.length) return [];
    const rows: {
      personId: string;
      lawTitle: string;
      year: number;
      number: number;
      issuedOn: string;
    }[] = await this.db.tx.query(
      `SELECT n.person_id AS "personId", f.law_title AS "lawTitle",
                COALESCE(EXTRACT(YEAR FROM rr.period_end)::int, dec.year) AS year,
                dec.number, dec.issued_on::text AS "issuedOn"
           FROM award_register ar
           JOIN decision_items di ON di.id = ar.item_id
           JOIN nominees n ON n.id = di.nominee_id
           JOIN award_forms f ON f.id = n.award_form_id
           JOIN dossiers d ON d.id = n.dossier_id
           LEFT JOIN review_rounds rr ON rr.id = d.round_id
           JOIN decisions dec ON dec.id = ar.decision_id
          WHERE n.person_id = ANY($1) AND f.law_title IS NOT NULL AND ar.status <> 'revoked'`,
      [personIds],
    );
    // And those recorded from elsewhere (an earlier year's, imported).
    const recorded: { personId: string; lawTitle: string; year: number; decision: string }[] =
      await this.db.tx.query(
        `SELECT person_id AS "personId", law_title AS "lawTitle", year,
                'Quyết định số ' || decision_number || ' ngày ' || to_char(decision_date, 'DD/MM/YYYY')
                  || ' của ' || decided_by AS decision
           FROM recorded_awards WHERE person_id = ANY($1) AND law_title IS NOT NULL`,
        [personIds],
      );
    return [
      ...rows.map((r) => ({
        personId: r.personId,
        lawTitle: r.lawTitle,
        year: r.year,
        decision: DecisionsService.reference({ number: r.number, issuedOn: r.issuedOn }),
      })),
      ...recorded,
    ];
  }

  /** " Thẩm quyền nay thuộc …" when the authority has a successor, else nothing. */
  private async successorNote(authority: Authority): Promise<string> {
    if (!authority.successorCode) return '';
    const successor = await this.authorities.byCode(authority.successorCode);
    return successor ? ` Thẩm quyền khen thưởng nay thuộc ${successor.name}.` : '';
  }

  static reference(decision: Pick<AwardDecision, 'number' | 'issuedOn'>): string {
    return `Quyết định số ${decisionNumberLabel(decision.number!)} ngày ${formatVietnameseDate(decision.issuedOn!)}`;
  }

  /** Revokes some or all certificates of an issued decision by a new, numbered decision. */
  revoke(actor: Actor, id: string, dto: RevokeDto) {
    return this.db.withTransaction(async () => {
      const { superseding, target } = await this.supersede(
        actor,
        id,
        DecisionKind.Revocation,
        dto.itemIds,
        dto.reason,
      );
      return this.superseded(superseding, target.length);
    });
  }

  /**
   * Corrects the content of some certificates by a new, numbered decision: the
   * old certificates verify as corrected (their snapshot kept), and each gets a
   * successor line and register entry, with its own number and QR code, that
   * prints the corrected content.
   */
  correct(actor: Actor, id: string, dto: CorrectDto) {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      dto.corrections.forEach((c, i) => {
        if (c.awardeeName === undefined && c.unitName === undefined && c.achievement === undefined)
          throw AppError.invalidField(
            `corrections.${i}`,
            'Dòng đính chính phải sửa ít nhất một nội dung (tên, đơn vị hoặc thành tích).',
            'nothingCorrected',
          );
      });
      const byItem = new Map(dto.corrections.map((c) => [c.itemId, c]));
      if (byItem.size !== dto.corrections.length)
        throw AppError.invalidField(
          'corrections',
          'Một Giấy khen được đính chính hai lần.',
          'duplicate',
        );
      const { superseding, target } = await this.supersede(
        actor,
        id,
        DecisionKind.Correction,
        [...byItem.keys()],
        dto.reason,
      );
      const originals = await manager.findBy(DecisionItem, { id: In(target.map((e) => e.itemId)) });
      const firstRegister = await this.next(
        superseding.authorityId,
        'register',
        superseding.year!,
        target.length,
      );
      const note = `Đính chính theo ${DecisionsService.reference(superseding)}`;
      const lines: DecisionItem[] = [];
      const entries: Partial<RegisterEntry>[] = [];
      for (const [position, entry] of target.entries()) {
        const change = byItem.get(entry.itemId)!;
        const original = originals.find((o) => o.id === entry.itemId)!;
        const snapshot: CertificateSnapshot = {
          ...entry.snapshot,
          awardeeName: change.awardeeName?.trim() ?? entry.snapshot.awardeeName,
          unitName:
            change.unitName === undefined
              ? entry.snapshot.unitName
              : (change.unitName?.trim() ?? null),
          achievement: change.achievement?.trim() ?? entry.snapshot.achievement,
          correction: note,
        };
        const line = manager.create(DecisionItem, {
          ...original,
          id: undefined,
          decisionId: superseding.id,
          correctsItemId: original.id,
          displayName: snapshot.awardeeName,
          unitName: snapshot.unitName,
          amount: null,
          position,
        });
        lines.push(line);
        const token = randomBytes(24).toString('base64url');
        entries.push({
          authorityId: superseding.authorityId,
          year: superseding.year!,
          registerNumber: firstRegister + position,
          decisionId: superseding.id,
          verifyToken: token,
          status: CertificateStatus.Valid,
          snapshot: {
            ...snapshot,
            registerNumber: `${firstRegister + position}/${superseding.year}`,
            verifyUrl: `${this.config.publicBaseUrl}/verify/${token}`,
          },
        });
      }
      const saved = await manager.save(DecisionItem, lines);
      saved.forEach((line, i) => (entries[i].itemId = line.id));
      await this.enter(entries);
      return this.superseded(superseding, target.length);
    });
  }

  private superseded(decision: AwardDecision, certificates: number) {
    return {
      id: decision.id,
      kind: decision.kind,
      numberLabel: decisionNumberLabel(decision.number!),
      issuedOn: decision.issuedOn,
      certificates,
    };
  }

  /**
   * The numbered decision that revokes or corrects some or all certificates of
   * an issued decision, which itself never changes; those certificates then
   * verify as revoked or corrected, naming it.
   */
  private async supersede(
    actor: Actor,
    id: string,
    kind: DecisionKind.Revocation | DecisionKind.Correction,
    itemIds: string[] | undefined,
    reason: string,
  ) {
    const manager = this.db.tx;
    const revoking = kind === DecisionKind.Revocation;
    const original = await this.require(actor, id, true);
    if (original.status !== DecisionStatus.Issued || original.kind === DecisionKind.Revocation) {
      throw AppError.conflict(
        'Chỉ thu hồi hoặc đính chính được quyết định khen thưởng (hoặc quyết định đính chính) đã ban hành.',
        [],
        { status: original.status },
      );
    }
    const entries = await manager.find(RegisterEntry, {
      where: { decisionId: id, status: CertificateStatus.Valid },
      order: { registerNumber: 'ASC' },
    });
    const target = itemIds ? entries.filter((e) => itemIds.includes(e.itemId)) : entries;
    if (!target.length || (itemIds && target.length !== new Set(itemIds).size)) {
      throw AppError.invalidField(
        revoking ? 'itemIds' : 'corrections',
        'Có dòng không thuộc quyết định hoặc Giấy khen không còn hiệu lực.',
        'nothingValid',
      );
    }
    const authority = await this.authorities.byId(original.authorityId);
    const user = await this.users.byId(actor.userId);
    const issuedOn = this.clock.today();
    const year = Number(issuedOn.slice(0, 4));
    const number = await this.next(authority.id, 'decision', year);
    const signer = this.signer(actor, authority, user);
    const verb = revoking ? 'thu hồi' : 'đính chính';
    const partly = target.length < entries.length ? 'một phần ' : '';
    const superseding = await manager.save(
      manager.create(AwardDecision, {
        authorityId: authority.id,
        kind,
        status: DecisionStatus.Issued,
        title: `Về việc ${verb} ${partly}${DecisionsService.reference(original)}`,
        legalBases: original.legalBases,
        funding: revoking
          ? 'Tiền thưởng đã chi cho các trường hợp bị thu hồi được thu hồi, nộp lại Quỹ thi đua, khen thưởng theo quy định.'
          : `Các nội dung khác của ${DecisionsService.reference(original)} giữ nguyên hiệu lực.`,
        execution: original.execution,
        recipients: original.recipients,
        signerForm: signer.form,
        signerName: signer.name,
        number,
        year,
        issuedOn,
        referencesId: original.id,
        reason: reason.trim(),
      }),
    );
    await manager.update(
      RegisterEntry,
      { id: In(target.map((e) => e.id)) },
      {
        status: revoking ? CertificateStatus.Revoked : CertificateStatus.Corrected,
        revokedByDecisionId: superseding.id,
      },
    );
    await this.audit.record(
      actor,
      `decision.${kind}`,
      { type: 'decision', id },
      {
        supersededBy: { from: null, to: decisionNumberLabel(number) },
        certificates: { from: null, to: target.length },
        reason: { from: null, to: reason.trim() },
      },
    );
    return { superseding, target };
  }
}
