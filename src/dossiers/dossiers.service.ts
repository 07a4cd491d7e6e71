import { Injectable } from '@nestjs/common';
import { Db } from '../database/transactions';
import { In, Not, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { diff } from '../common/diff';
import { Actor, authorityScope, unitScope } from '../access/actor';
import { AwardForm, DecidedBy, Procedure, RecipientKind } from '../awards/award-form.entity';
import { AwardsService } from '../awards/awards.service';
import { CalendarService } from '../calendar/calendar.service';
import { addWorkingDays } from '../calendar/working-days';
import { Clock } from '../common/clock';
import { formatVietnameseDate } from '../common/dates';
import { AppError, FieldDetail } from '../common/errors/app-error';
import { columnsSql, hydrate, queryPrepared } from '../common/sql';
import { Page } from '../common/pagination';
import { FilesService } from '../files/files.service';
import { MovementStatus } from '../movements/movement.entity';
import { MovementsService } from '../movements/movements.service';
import { EvaluationResult } from '../reports/report.entity';
import { ReportsService } from '../reports/reports.service';
import { UnitsService } from '../units/units.service';
import { UsersService } from '../users/users.service';
import {
  DOCUMENT_KIND_LABELS,
  DocumentKind,
  Dossier,
  DossierDocument,
  DossierEvent,
  Nominee,
  NOMINEE_OUTCOME_LABELS,
  NomineeOutcome,
} from './dossier.entity';
import {
  AddNomineeDto,
  AttachDocumentDto,
  CreateDossierDto,
  DossierQueryDto,
  HigherDecisionDto,
} from './dossiers.dto';
import { NotificationsService } from '../notifications/notifications.service';
import { foldForSearch } from '../common/text/fold';
import { NOMINEE_MOVES, NomineeMove } from './nominee-outcomes';
import { attestRules, caseRules } from '../law/eligibility';
import { PeopleService } from '../people/people.service';
import { hasConditionalSteps, NomineeState, offeredActions, toForward } from './step-conditions';
import {
  CLOCK_STATUSES,
  clockRunning,
  DOSSIER_STATUS_LABELS,
  DossierAction,
  DossierStatus,
  TERMINAL_STATUSES,
  UNIT_ONLY_STATUSES,
} from './workflow';

/** What a nominee's move may write beside its outcome. */
type NomineeColumns = Partial<
  Pick<Nominee, 'forwardedOn' | 'forwardReference' | 'voteOutcome' | 'higherDecision'>
>;

/** What staff may see of a dossier's status (SQL, on the dossiers' own columns). */
const SEEN_BY_STAFF = `status NOT IN (${UNIT_ONLY_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** Statuses in which the unit may change nominees and documents. */
const EDITABLE_STATUSES = [DossierStatus.Draft, DossierStatus.SupplementRequested];
/** Dossiers that still count for the duplicate and quota rules. */
const INACTIVE_STATUSES = [DossierStatus.Withdrawn, DossierStatus.Discarded, DossierStatus.Refused];

/** Sort keys; nullable ones put their nulls last. A NOT NULL column gets no NULLS clause, so its index order serves both directions. */
const SORT_COLUMNS = {
  submittedAt: ['d.submitted_at', 'NULLS LAST'],
  appraisalDueOn: ['d.appraisal_due_on', 'NULLS LAST'],
  updatedAt: ['d.updated_at', undefined],
} as const;

/** Past its appraisal deadline while the clock runs (dates as YYYY-MM-DD). */
function isOverdue(status: DossierStatus, dueOn: string | null, today: string): boolean {
  return CLOCK_STATUSES.includes(status) && !!dueOn && dueOn < today;
}

/** A row of the queue's export: what its columns show. */
export interface QueueExportRow {
  id: string;
  title: string;
  unitName: string | null;
  statusLabel: string;
  submittedAt: Date | null;
  appraisalDueOn: string | null;
  overdue: boolean;
  /** The Home Affairs officer who took it. */
  appraiser: string | null;
}

/** A row of the queue: the dossier, its unit, and what the caller may do next. */
export type QueueRow = Dossier & {
  statusLabel: string;
  allowedActions: DossierAction[];
  overdue: boolean;
};

@Injectable()
export class DossiersService {
  constructor(
    private readonly db: Db,
    private readonly movements: MovementsService,
    private readonly awards: AwardsService,
    private readonly files: FilesService,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly people: PeopleService,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
    private readonly units: UnitsService,
    private readonly reports: ReportsService,
  ) {
    // A dossier's documents reach staff with the dossier: not while it is a draft.
    files.shareWithStaffOnceSent(
      (fileId) =>
        `EXISTS (SELECT 1 FROM dossier_documents dd JOIN dossiers dk ON dk.id = dd.dossier_id
          WHERE dd.file_id = ${fileId} AND dk.${SEEN_BY_STAFF})`,
    );
    // The level above's decision on a nominee reaches the unit that proposed it.
    files.shareWithUnit(
      (fileId, unitId) =>
        `EXISTS (SELECT 1 FROM nominees hn JOIN dossiers hd ON hd.id = hn.dossier_id
          WHERE hn.higher_decision->>'fileId' = ${fileId}::text AND hd.unit_id = ${unitId})`,
    );
  }

  /** What a dossier still lacks before it can be submitted (empty when complete). */
  async missingForSubmit(dossierId: string): Promise<FieldDetail[]> {
    const manager = this.db.tx;
    const nominees = await manager.find(Nominee, {
      where: { dossierId },
      relations: { awardForm: true },
    });
    const documents = await manager.find(DossierDocument, { where: { dossierId } });
    const has = (kind: DocumentKind, nomineeId?: string) =>
      documents.some(
        (d) => d.kind === kind && (nomineeId === undefined || d.nomineeId === nomineeId),
      );
    const missing: FieldDetail[] = [];
    if (nominees.length === 0)
      missing.push({
        field: 'nominees',
        code: 'required',
        message: 'Hồ sơ chưa có đối tượng đề nghị khen thưởng.',
      });
    if (!has(DocumentKind.ProposalLetter)) {
      missing.push({
        field: 'documents',
        code: 'missingProposalLetter',
        message: `Thiếu ${DOCUMENT_KIND_LABELS.proposal_letter.toLowerCase()}.`,
      });
    }
    const full = nominees.filter((n) => n.awardForm?.procedure === Procedure.Full);
    if (full.length && !has(DocumentKind.MeetingMinutes)) {
      missing.push({
        field: 'documents',
        code: 'missingMeetingMinutes',
        message: `Thiếu ${DOCUMENT_KIND_LABELS.meeting_minutes.toLowerCase()}.`,
      });
    }
    nominees.forEach((n, i) => {
      if (!n.awardForm?.active)
        missing.push({
          field: `nominees.${i}.awardFormId`,
          code: 'inactiveForm',
          message: `${n.displayName}: hình thức khen thưởng đã ngừng áp dụng.`,
        });
      if (n.awardForm?.procedure === Procedure.Full && !has(DocumentKind.AchievementReport, n.id)) {
        missing.push({
          field: `nominees.${i}.achievementReport`,
          code: 'missingAchievementReport',
          message: `Thiếu báo cáo thành tích của ${n.displayName}.`,
        });
      }
    });
    return missing;
  }

  /**
   * Dossiers the actor may see: a unit officer's unit's, drafts included; the
   * authority's for its staff, but not the units' drafts (a draft is the unit's
   * own until it is sent: it has no step for anyone else and would only crowd
   * the Home Affairs queue).
   */
  scoped(actor: Actor) {
    const manager = this.db.tx;
    const qb = manager
      .getRepository(Dossier)
      .createQueryBuilder('d')
      .where('d.authority_id = :authorityId', { authorityId: authorityScope(actor) });
    const own = unitScope(actor);
    if (own) qb.andWhere('d.unit_id = :own', { own });
    else qb.andWhere(`d.${SEEN_BY_STAFF}`);
    return qb;
  }

  /** One dossier the actor may see; a plain point read, as every workflow step starts with it. */
  require(actor: Actor, id: string) {
    const manager = this.db.tx;
    return this.one(actor, id, `SELECT ${columnsSql(manager, Dossier)} FROM dossiers`, '');
  }

  /** The nominees of some dossiers as the step conditions read them, in one query. */
  async nomineeStates(
    dossierIds: string[],
  ): Promise<Map<string, (NomineeState & { dossierId: string })[]>> {
    const manager = this.db.tx;
    const byDossier = new Map(
      dossierIds.map((id) => [id, [] as (NomineeState & { dossierId: string })[]]),
    );
    if (!dossierIds.length) return byDossier;
    const rows = await manager.find(Nominee, {
      where: { dossierId: In(dossierIds) },
      relations: { awardForm: true },
    });
    for (const n of rows) byDossier.get(n.dossierId)?.push(n);
    return byDossier;
  }

  /**
   * What the actor may do next on a dossier: the map's steps whose condition on
   * the nominees holds (read only for the statuses that have such steps).
   */
  async offered(
    actor: Actor,
    dossier: Pick<Dossier, 'id' | 'status'>,
    nominees?: NomineeState[],
  ): Promise<DossierAction[]> {
    if (!nominees && hasConditionalSteps(dossier.status, actor.role))
      nominees = (await this.nomineeStates([dossier.id])).get(dossier.id);
    return offeredActions(dossier.status, actor.role, nominees ?? []);
  }

  /**
   * The only write of nominees' outcomes: moves those chosen by `where` that
   * stand in one of the move's source outcomes (NOMINEE_MOVES), with the
   * columns that go with it. When `expected` is given and fewer moved, the
   * whole use case fails with 409 (someone moved them first).
   */
  async moveNominees(
    move: NomineeMove,
    where: { ids?: string[]; dossierId?: string },
    set: NomineeColumns = {},
    expected?: number,
  ): Promise<string[]> {
    const manager = this.db.tx;
    const { from, to } = NOMINEE_MOVES[move];
    if (where.ids && !where.ids.length) return [];
    const qb = manager
      .createQueryBuilder()
      .update(Nominee)
      .set({ ...set, outcome: to })
      .where('outcome IN (:...from)', { from });
    if (where.ids) qb.andWhere('id IN (:...ids)', { ids: where.ids });
    if (where.dossierId) qb.andWhere('dossier_id = :dossierId', { dossierId: where.dossierId });
    const moved = ((await qb.returning('id').execute()).raw as { id: string }[]).map((r) => r.id);
    if (expected !== undefined && moved.length !== expected)
      throw AppError.conflict(
        `Có đối tượng đã được xử lý bởi người khác ("${NOMINEE_MOVES[move].label}" không áp dụng được nữa). Vui lòng tải lại.`,
      );
    return moved;
  }

  /**
   * Locks dossiers for a change that spans several of them (issuing a
   * decision): in id order, the order every workflow step locks in, with their
   * versions moved; returned in the order of the status-count rows their
   * transitions update (see the DossierCounts migration), so that two such
   * changes at once cannot deadlock.
   */
  async lockMany(ids: string[]): Promise<Dossier[]> {
    const manager = this.db.tx;
    const sorted = [...new Set(ids)].sort();
    await manager.find(Dossier, {
      where: { id: In(sorted) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    await manager.increment(Dossier, { id: In(sorted) }, 'version', 1);
    return manager
      .getRepository(Dossier)
      .createQueryBuilder('d')
      .where('d.id IN (:...ids)', { ids: sorted })
      .orderBy('d.unit_id')
      .addOrderBy('dossier_count_shard(d.id)')
      .getMany();
  }

  /**
   * The dossier, locked for a change to its contents, with its version bumped,
   * in one statement: a workflow transition that read the old contents then
   * fails its conditional update instead of acting on what is no longer there.
   */
  private lockForChange(actor: Actor, id: string) {
    const manager = this.db.tx;
    return this.one(
      actor,
      id,
      'UPDATE dossiers SET version = version + 1',
      `RETURNING ${columnsSql(manager, Dossier)}`,
    );
  }

  /** `head WHERE <the dossier, in the actor's scope (as scoped())> tail`, as a prepared statement. */
  private async one(actor: Actor, id: string, head: string, tail: string): Promise<Dossier> {
    const manager = this.db.tx;
    const [row] = await queryPrepared<Record<string, unknown>>(
      manager,
      `${head} WHERE id = $1 AND authority_id = $2
          AND ($3::uuid IS NULL AND ${SEEN_BY_STAFF} OR unit_id = $3) ${tail}`,
      [id, authorityScope(actor), unitScope(actor) ?? null],
    );
    if (!row) throw AppError.notFound('Hồ sơ');
    return hydrate(manager, Dossier, row);
  }

  /** The dossier, locked, in a status where the unit may still edit it. */
  private async requireEditable(actor: Actor, id: string): Promise<Dossier> {
    const dossier = await this.lockForChange(actor, id);
    if (!EDITABLE_STATUSES.includes(dossier.status)) {
      throw AppError.conflict(
        `Hồ sơ đang ở trạng thái "${DOSSIER_STATUS_LABELS[dossier.status]}", không sửa được.`,
        [],
        {
          status: dossier.status,
          allowedActions: await this.offered(actor, dossier),
        },
      );
    }
    return dossier;
  }

  create(actor: Actor, dto: CreateDossierDto): Promise<Dossier> {
    const unitId = unitScope(actor);
    if (!unitId)
      throw AppError.forbidden('Chỉ cán bộ đơn vị mới lập hồ sơ đề nghị khen thưởng của đơn vị.');
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      if (dto.requestKey) {
        // The same request sent twice (a double click): the second waits for the first, then
        // answers the dossier it made. The unique index backs this up.
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
          `dossier-request|${unitId}|${dto.requestKey}`,
        ]);
        const made = await manager.findOneBy(Dossier, { unitId, requestKey: dto.requestKey });
        if (made) return made;
      }
      let movementId: string | null = null;
      if (dto.roundId) {
        const round = await this.movements.requireRound(actor, dto.roundId).catch(() => {
          throw AppError.invalidField('roundId', 'Đợt không tồn tại.', 'unknownRound');
        });
        if (round.movement.status !== MovementStatus.Launched)
          throw AppError.invalidField(
            'roundId',
            'Phong trào chưa phát động hoặc đã kết thúc.',
            'movementNotLaunched',
          );
        if (round.closed || this.clock.today() > round.nominationDeadline) {
          throw AppError.invalidField(
            'roundId',
            `Đợt "${round.name}" đã hết hạn nhận hồ sơ (${formatVietnameseDate(round.nominationDeadline)}).`,
            'roundClosed',
          );
        }
        movementId = round.movementId;
      }
      const dossier = await manager.save(
        manager.create(Dossier, {
          authorityId: authorityScope(actor),
          unitId,
          movementId,
          roundId: dto.roundId ?? null,
          commendationKind: dto.commendationKind,
          title: dto.title.trim(),
          status: DossierStatus.Draft,
          requestKey: dto.requestKey ?? null,
        }),
      );
      await manager.insert(DossierEvent, {
        dossierId: dossier.id,
        actorId: actor.userId,
        actorName: actor.username,
        role: actor.role,
        action: 'create',
        fromStatus: null,
        toStatus: DossierStatus.Draft,
        comment: '',
      });
      await this.audit.record(
        actor,
        'dossier.create',
        { type: 'dossier', id: dossier.id },
        diff(null, dossier, ['title', 'commendationKind', 'roundId']),
      );
      return dossier;
    });
  }

  /** Resolves who a nominee is, within the dossier's unit; 400 naming the field otherwise. */
  private async identify(dossier: Dossier, dto: AddNomineeDto) {
    switch (dto.kind) {
      case RecipientKind.Individual: {
        if (!dto.personId)
          throw AppError.invalidField('personId', 'Cần chọn cá nhân được đề nghị.', 'required');
        const person = await this.people.inUnit(dto.personId, dossier.unitId);
        if (!person)
          throw AppError.invalidField(
            'personId',
            'Cá nhân không thuộc đơn vị lập hồ sơ.',
            'unknownPerson',
          );
        return {
          personId: person.id,
          collectiveUnitId: null,
          household: null,
          displayName: person.fullName,
          key: `p:${person.id}`,
        };
      }
      case RecipientKind.Collective: {
        const id = dto.collectiveUnitId ?? dossier.unitId;
        const unit = await this.units.selfOrChild(id, dossier.unitId);
        if (!unit)
          throw AppError.invalidField(
            'collectiveUnitId',
            'Tập thể phải là đơn vị lập hồ sơ hoặc đơn vị trực thuộc.',
            'unknownUnit',
          );
        return {
          personId: null,
          collectiveUnitId: unit.id,
          household: null,
          displayName: unit.name,
          key: `u:${unit.id}`,
        };
      }
      case RecipientKind.Household: {
        if (!dto.household?.trim())
          throw AppError.invalidField('household', 'Cần ghi chủ hộ và địa chỉ.', 'required');
        const household = dto.household.trim();
        return {
          personId: null,
          collectiveUnitId: null,
          household,
          displayName: household,
          key: `h:${household.toLowerCase()}`,
        };
      }
    }
  }

  private checkForm(form: AwardForm, dossier: Dossier, kind: RecipientKind): void {
    if (!form.active)
      throw AppError.invalidField(
        'awardFormId',
        'Hình thức khen thưởng đã ngừng áp dụng.',
        'inactiveForm',
      );
    if (!form.recipientKinds.includes(kind))
      throw AppError.invalidField(
        'awardFormId',
        `Hình thức "${form.name}" không dành cho đối tượng này.`,
        'recipientKind',
      );
    if (!form.commendationKinds.includes(dossier.commendationKind)) {
      throw AppError.invalidField(
        'awardFormId',
        `Hình thức "${form.name}" không áp dụng cho loại khen thưởng của hồ sơ.`,
        'commendationKind',
      );
    }
  }

  addNominee(actor: Actor, dossierId: string, dto: AddNomineeDto) {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const dossier = await this.requireEditable(actor, dossierId);
      const who = await this.identify(dossier, dto);
      const form = await this.awards.requireForm(actor, dto.awardFormId, 'awardFormId');
      this.checkForm(form, dossier, dto.kind);
      // Serialises nominations of the same nominee, form and round across dossiers.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `${who.key}|${form.id}|${dossier.roundId ?? 'ad-hoc'}`,
      ]);
      const active = manager
        .getRepository(Nominee)
        .createQueryBuilder('n')
        .innerJoin(Dossier, 'd', 'd.id = n.dossier_id')
        .where('n.award_form_id = :form AND d.status NOT IN (:...inactive)', {
          form: form.id,
          inactive: INACTIVE_STATUSES,
        })
        .andWhere(dossier.roundId ? 'n.round_id = :round' : 'd.id = :dossier', {
          round: dossier.roundId,
          dossier: dossier.id,
        });
      const duplicate = await active
        .clone()
        .andWhere(
          '(n.person_id = :person OR n.collective_unit_id = :unit OR lower(n.household) = lower(:household))',
          {
            person: who.personId ?? '00000000-0000-0000-0000-000000000000',
            unit: who.collectiveUnitId ?? '00000000-0000-0000-0000-000000000000',
            household: who.household ?? '',
          },
        )
        .getExists();
      if (duplicate) {
        throw AppError.conflict(
          `${who.displayName} đã được đề nghị "${form.name}" trong đợt này.`,
          [
            {
              field:
                dto.kind === RecipientKind.Collective
                  ? 'collectiveUnitId'
                  : dto.kind === RecipientKind.Household
                    ? 'household'
                    : 'personId',
              code: 'duplicate',
              message: 'Đã được đề nghị cùng hình thức trong cùng đợt.',
            },
          ],
        );
      }
      if (form.quotaPerUnit !== null && dossier.roundId) {
        const used = await active
          .clone()
          .andWhere('d.unit_id = :unitId', { unitId: dossier.unitId })
          .getCount();
        if (used >= form.quotaPerUnit) {
          throw AppError.conflict(
            `Đơn vị đã đề nghị đủ chỉ tiêu ${form.quotaPerUnit} cho hình thức "${form.name}" trong đợt này${form.quotaCitation ? ` (${form.quotaCitation})` : ''}.`,
            [{ field: 'awardFormId', code: 'quota', message: 'Vượt chỉ tiêu của đơn vị.' }],
          );
        }
      }
      const report = dossier.roundId
        ? await this.reports.currentOf(dossier.roundId, dossier.unitId)
        : null;
      const nominee = await manager.save(
        manager.create(Nominee, {
          dossierId,
          roundId: dossier.roundId,
          kind: dto.kind,
          personId: who.personId,
          collectiveUnitId: who.collectiveUnitId,
          household: who.household,
          displayName: who.displayName,
          awardFormId: form.id,
          achievementSummary: dto.achievementSummary.trim(),
          unitEvaluation: report?.overall ?? null,
        }),
      );
      await this.audit.record(
        actor,
        'dossier.add_nominee',
        { type: 'dossier', id: dossierId },
        { nominee: { from: null, to: `${who.displayName} — ${form.name}` } },
      );
      // What the eligibility rules say of the person today: warnings for the unit, not a refusal
      // (a case may close before the decision; the decision checks again on its date).
      const warnings = who.personId
        ? caseRules(await this.people.casesOf([who.personId]), this.clock.today()).map((r) => ({
            rule: r.rule,
            kind: r.kind,
            message: r.message,
          }))
        : [];
      return { ...nominee, warnings };
    });
  }

  removeNominee(actor: Actor, dossierId: string, nomineeId: string) {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      await this.requireEditable(actor, dossierId);
      const nominee = await manager.findOneBy(Nominee, { id: nomineeId, dossierId });
      if (!nominee) throw AppError.notFound('Đối tượng đề nghị');
      await manager.delete(DossierDocument, { dossierId, nomineeId });
      await manager.delete(Nominee, { id: nomineeId });
      await this.audit.record(
        actor,
        'dossier.remove_nominee',
        { type: 'dossier', id: dossierId },
        { nominee: { from: nominee.displayName, to: null } },
      );
    });
  }

  attachDocument(actor: Actor, dossierId: string, dto: AttachDocumentDto) {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      await this.requireEditable(actor, dossierId);
      await this.files.requireOwned(actor, [dto.fileId], 'fileId');
      if (dto.kind === DocumentKind.AchievementReport && !dto.nomineeId) {
        throw AppError.invalidField(
          'nomineeId',
          'Báo cáo thành tích phải gắn với một đối tượng.',
          'required',
        );
      }
      if (dto.nomineeId && !(await manager.existsBy(Nominee, { id: dto.nomineeId, dossierId }))) {
        throw AppError.invalidField(
          'nomineeId',
          'Đối tượng không thuộc hồ sơ này.',
          'unknownNominee',
        );
      }
      if (
        await manager.existsBy(DossierDocument, { fileId: dto.fileId, dossierId: Not(dossierId) })
      ) {
        throw AppError.invalidField('fileId', 'Tệp này đã thuộc một hồ sơ khác.', 'otherDossier');
      }
      if (await manager.existsBy(DossierDocument, { fileId: dto.fileId, dossierId })) {
        throw AppError.conflict('Tệp đã được đính kèm hồ sơ.', [
          { field: 'fileId', code: 'duplicate', message: 'Đã đính kèm.' },
        ]);
      }
      const document = await manager.save(
        manager.create(DossierDocument, {
          dossierId,
          kind: dto.kind,
          fileId: dto.fileId,
          nomineeId: dto.nomineeId ?? null,
        }),
      );
      await this.audit.record(
        actor,
        'dossier.attach',
        { type: 'dossier', id: dossierId },
        { document: { from: null, to: `${dto.kind}:${dto.fileId}` } },
      );
      return document;
    });
  }

  detachDocument(actor: Actor, dossierId: string, documentId: string) {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      await this.requireEditable(actor, dossierId);
      const document = await manager.findOneBy(DossierDocument, { id: documentId, dossierId });
      if (!document) throw AppError.notFound('Tài liệu');
      await manager.delete(DossierDocument, { id: documentId });
      await this.audit.record(
        actor,
        'dossier.detach',
        { type: 'dossier', id: dossierId },
        { document: { from: `${document.kind}:${document.fileId}`, to: null } },
      );
    });
  }

  /**
   * An export of the queue is audited: who took how many dossiers, in which
   * format. Committed at once, outside the export's snapshot: the record
   * stands even when the file is cut off halfway.
   */
  recordExport(actor: Actor, format: string, rows: number): Promise<void> {
    return this.db.withoutTransaction(() =>
      this.audit.record(
        actor,
        'dossier.export',
        { type: 'authority', id: authorityScope(actor) },
        { export: { from: null, to: `Hồ sơ đề nghị (${format}, ${rows} dòng)` } },
      ),
    );
  }

  /**
   * Runs an export's reads in one snapshot of the database (a read-only
   * REPEATABLE READ transaction): its pages agree with each other and with the
   * count audited however the queue moves meanwhile. Paged on the live queue,
   * an export of the dossiers "submitted" lost those a colleague took between
   * two of its pages (the rest moved up past the next offset).
   */
  snapshot<R>(fn: () => Promise<R>): Promise<R> {
    return this.db.withTransaction({ isolationLevel: 'REPEATABLE READ' }, async () => {
      await this.db.tx.query('SET TRANSACTION READ ONLY');
      return fn();
    });
  }

  /**
   * The dossiers a queue search names (its filters over the actor's scope,
   * the status last), and whether any filter besides the status narrows it.
   */
  private async searched(actor: Actor, query: DossierQueryDto) {
    const today = this.clock.today();
    const qb = this.scoped(actor);
    const scopeOnly = qb.expressionMap.wheres.length;
    if (query.movementId)
      qb.andWhere('d.movement_id = :movementId', { movementId: query.movementId });
    if (query.roundId) qb.andWhere('d.round_id = :roundId', { roundId: query.roundId });
    if (query.unitId) qb.andWhere('d.unit_id = :unitId', { unitId: query.unitId });
    if (query.assignedToMe) qb.andWhere('d.assigned_to = :me', { me: actor.userId });
    if (query.awardFormId)
      qb.andWhere('d.award_form_ids @> ARRAY[:form]::uuid[]', { form: query.awardFormId });
    if (query.overdue || query.dueSoon) qb.andWhere(clockRunning('d'));
    if (query.overdue) qb.andWhere('d.appraisal_due_on < :today', { today });
    if (query.dueSoon) {
      const authority = authorityScope(actor);
      const holidays = await this.calendar.holidays(authority);
      const [{ days }] = await this.db.tx.query(
        'SELECT due_soon_working_days AS days FROM authorities WHERE id = $1',
        [authority],
      );
      qb.andWhere('d.appraisal_due_on BETWEEN :today AND :soon', {
        today,
        soon: addWorkingDays(today, days, holidays),
      });
    }
    const filtered = qb.expressionMap.wheres.length > scopeOnly;
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    return { qb, filtered };
  }

  /** A search's rows in the queue's order (with their unit), from `qb` as it stands. */
  private ordered(qb: SelectQueryBuilder<Dossier>, query: DossierQueryDto) {
    const [column, nulls] = SORT_COLUMNS[query.sort];
    return qb
      .leftJoin('d.unit', 'u')
      .addSelect(['u.id', 'u.name', 'u.code'])
      .orderBy(column, query.order === 'desc' ? 'DESC' : 'ASC', nulls)
      .addOrderBy('d.id');
  }

  /** Dossiers as rows of the queue: labelled, with what this user may do next. */
  private async queueRows(actor: Actor, rows: Dossier[]): Promise<QueueRow[]> {
    const today = this.clock.today();
    // The nominees are read (one query for the page) only where a step depends on them.
    const states = await this.nomineeStates(
      rows.filter((d) => hasConditionalSteps(d.status, actor.role)).map((d) => d.id),
    );
    return rows.map((d) => ({
      ...d,
      statusLabel: DOSSIER_STATUS_LABELS[d.status],
      allowedActions: offeredActions(d.status, actor.role, states.get(d.id) ?? []),
      overdue: isOverdue(d.status, d.appraisalDueOn, today),
    }));
  }

  /** The Home Affairs queue (a unit officer's own dossiers), with counts per status. */
  async queue(
    actor: Actor,
    query: DossierQueryDto,
  ): Promise<Page<QueueRow> & { counts: Record<string, number> }> {
    // The filters alone: the count must not carry the page's join, which keeps
    // PostgreSQL from answering it from an index only.
    const { qb, filtered } = await this.searched(actor, query);
    const own = unitScope(actor);
    // The per-status counts of the actor's whole scope (the queue's tabs) come from
    // the trigger-kept summary; a list filtered by status alone, or not at all,
    // takes its total from them too. Any other filter counts its rows.
    const [counts, rows, counted] = await Promise.all([
      this.db.tx.query<{ status: DossierStatus; n: number }[]>(
        `SELECT status, sum(n)::int AS n FROM dossier_status_counts
          WHERE authority_id = $1 AND ($2::uuid IS NULL AND ${SEEN_BY_STAFF} OR unit_id = $2)
          GROUP BY status HAVING sum(n) > 0`,
        [authorityScope(actor), own ?? null],
      ),
      this.ordered(qb.clone(), query).limit(query.limit).offset(query.offset).getMany(),
      filtered
        ? qb
            .clone()
            .select('count(*)::int', 'n')
            .getRawOne<{ n: number }>()
            .then((r) => r?.n ?? 0)
        : undefined,
    ]);
    const total =
      counted ??
      counts
        .filter((c) => !query.status || c.status === query.status)
        .reduce((sum, c) => sum + c.n, 0);
    return {
      items: await this.queueRows(actor, rows),
      total,
      limit: query.limit,
      offset: query.offset,
      counts: Object.fromEntries(counts.map((c) => [c.status, c.n])),
    };
  }

  /**
   * Every row a queue search names, in the queue's order, `batch` at a time:
   * one query read through a cursor, so it must run in a transaction (an
   * export runs in a snapshot), and the rows hold only what an export shows.
   * Read by offset pages as queue() serves them, 100,000 dossiers took 19 to
   * 28 seconds (each page sorted the search again and skipped the rows before).
   */
  async *exportRows(
    actor: Actor,
    query: DossierQueryDto,
    batch = 1000,
  ): AsyncGenerator<QueueExportRow[]> {
    const today = this.clock.today();
    const { qb } = await this.searched(actor, query);
    const [sql, parameters] = this.ordered(qb, query)
      .select([
        'd.id AS id',
        'd.title AS title',
        'u.name AS unit_name',
        'd.status AS status',
        'd.submitted_at AS submitted_at',
        'd.appraisal_due_on::text AS appraisal_due_on',
        'd.assigned_to AS assigned_to',
      ])
      .getQueryAndParameters();
    const manager = this.db.tx;
    await manager.query(`DECLARE dossier_export NO SCROLL CURSOR FOR ${sql}`, parameters);
    try {
      for (;;) {
        const rows: {
          id: string;
          title: string;
          unit_name: string | null;
          status: DossierStatus;
          submitted_at: Date | null;
          appraisal_due_on: string | null;
          assigned_to: string | null;
        }[] = await manager.query(`FETCH ${Number(batch)} FROM dossier_export`);
        const appraisers = await this.users.namesOf(
          actor,
          rows.map((d) => d.assigned_to),
        );
        if (rows.length)
          yield rows.map((d) => ({
            id: d.id,
            title: d.title,
            unitName: d.unit_name,
            statusLabel: DOSSIER_STATUS_LABELS[d.status],
            submittedAt: d.submitted_at,
            appraisalDueOn: d.appraisal_due_on,
            overdue: isOverdue(d.status, d.appraisal_due_on, today),
            appraiser: (d.assigned_to && appraisers.get(d.assigned_to)) || null,
          }));
        if (rows.length < batch) return;
      }
    } finally {
      await manager.query('CLOSE dossier_export').catch(() => undefined);
    }
  }

  /** Everything about a dossier, with what this actor may do next. */
  async detail(actor: Actor, id: string) {
    const manager = this.db.tx;
    const dossier = await this.require(actor, id);
    // Sequential: `manager` may be a transaction's single connection.
    const unit = await this.units.byId(dossier.unitId);
    const nominees = await manager.find(Nominee, {
      where: { dossierId: id },
      relations: { awardForm: true },
      order: { displayName: 'ASC' },
    });
    const documents = await manager.find(DossierDocument, {
      where: { dossierId: id },
      order: { addedAt: 'ASC' },
    });
    const history = await manager.find(DossierEvent, {
      where: { dossierId: id },
      order: { id: 'ASC' },
    });
    const files = await this.files.describeAll(documents.map((d) => d.fileId));
    const today = this.clock.today();
    return {
      ...dossier,
      statusLabel: DOSSIER_STATUS_LABELS[dossier.status],
      unit: unit && { id: unit.id, code: unit.code, name: unit.name },
      allowedActions: await this.offered(actor, dossier, nominees),
      overdue: isOverdue(dossier.status, dossier.appraisalDueOn, today),
      finished: TERMINAL_STATUSES.includes(dossier.status),
      missing: EDITABLE_STATUSES.includes(dossier.status) ? await this.missingForSubmit(id) : [],
      nominees: nominees.map((n) => ({
        ...n,
        outcomeLabel: NOMINEE_OUTCOME_LABELS[n.outcome],
        decidedHere: n.awardForm?.decidedBy === DecidedBy.ThisAuthority,
        flagged: n.unitEvaluation === EvaluationResult.NotMet,
        flagReason:
          n.unitEvaluation === EvaluationResult.NotMet
            ? 'Đơn vị chưa đạt tiêu chuẩn bắt buộc của phong trào trong đợt này.'
            : null,
      })),
      documents: documents.map((d) => ({
        ...d,
        kindLabel: DOCUMENT_KIND_LABELS[d.kind],
        file: files.find((f) => f.id === d.fileId),
      })),
      history: history.map((h) => ({ ...h, toLabel: DOSSIER_STATUS_LABELS[h.toStatus] })),
    };
  }

  history(actor: Actor, id: string) {
    return this.require(actor, id).then(() =>
      this.db.tx
        .getRepository(DossierEvent)
        .find({ where: { dossierId: id }, order: { id: 'ASC' } }),
    );
  }

  /** Proposed nominees of a higher-level form go up with the letter that carries them. */
  forward(
    actor: Actor,
    dossierId: string,
    nomineeId: string,
    reference: string,
    forwardedOn: string,
  ) {
    const letter = reference.trim();
    return this.settleNominee(actor, dossierId, nomineeId, {
      move: 'forward',
      when: [DossierStatus.Appraised, DossierStatus.AwaitingDecision],
      whenNot: 'Chỉ trình cấp trên sau khi đã thẩm định.',
      eligible: toForward,
      notEligible: (n) =>
        `${n.displayName} không ở diện trình cấp trên (hình thức do cấp này quyết định, chưa được đề nghị, chưa qua Hội đồng hoặc đã xử lý).`,
      set: { forwardedOn, forwardReference: letter },
      comment: (n) => `${n.displayName}: ${letter} (${formatVietnameseDate(forwardedOn)})`,
      changes: { forwardReference: { from: null, to: letter } },
    });
  }

  /**
   * The level above's decision on a forwarded nominee, recorded by Home
   * Affairs once the dossier is closed: the nominee's outcome follows it (409
   * for a nominee not forwarded, or decided already), the unit is told, and
   * an award enters the authority's record of awards decided elsewhere (it
   * counts for the rules on earlier awards and consecutive years).
   */
  async recordHigherDecision(
    actor: Actor,
    dossierId: string,
    nomineeId: string,
    dto: HigherDecisionDto,
  ) {
    if (dto.date > this.clock.today())
      throw AppError.invalidField('date', 'Ngày quyết định không được sau hôm nay.', 'future');
    if (dto.fileId) await this.files.requireOwned(actor, [dto.fileId], 'fileId');
    const number = dto.number.trim();
    const decidedBy = dto.decidedBy.trim();
    return this.settleNominee(actor, dossierId, nomineeId, {
      move: dto.awarded ? 'higher_award' : 'higher_refusal',
      when: [DossierStatus.Forwarded, DossierStatus.Decided],
      whenNot:
        'Chỉ ghi nhận quyết định của cấp trên khi hồ sơ đã kết thúc ở cấp này (đã trình cấp trên).',
      eligible: (n) => n.outcome === NomineeOutcome.Forwarded,
      notEligible: (n) =>
        n.higherDecision
          ? `Đã ghi nhận quyết định của cấp trên cho ${n.displayName} (số ${n.higherDecision.number}).`
          : `${n.displayName} không được trình cấp trên.`,
      set: (n) => ({
        higherDecision: {
          awarded: dto.awarded,
          decidedBy,
          number,
          date: dto.date,
          formName: dto.awarded ? (dto.formName?.trim() ?? n.awardForm?.name ?? null) : null,
          fileId: dto.fileId ?? null,
          recordedBy: actor.username,
          recordedAt: this.clock.now().toISOString(),
        },
      }),
      comment: (n) =>
        `${n.displayName}: ${dto.awarded ? 'cấp trên khen thưởng' : 'cấp trên không khen thưởng'} (Quyết định số ${number} ngày ${formatVietnameseDate(dto.date)} của ${decidedBy})`,
      changes: { higherDecision: { from: null, to: `${number} (${dto.date})` } },
      effects: async (n, dossier) => {
        if (dto.awarded) {
          const name = n.displayName;
          await this.awards.recordOne({
            authorityId: dossier.authorityId,
            recipientKind: n.kind,
            personId: n.personId,
            unitId: n.collectiveUnitId ?? dossier.unitId,
            awardeeName: name,
            searchName: foldForSearch(name),
            formName: dto.formName?.trim() ?? n.awardForm!.name,
            lawTitle: n.awardForm?.lawTitle ?? null,
            decisionNumber: number,
            decisionDate: dto.date,
            decidedBy,
            year: Number(dto.date.slice(0, 4)),
          });
        }
        await this.notifications.notify(
          { authorityId: dossier.authorityId, unitId: dossier.unitId, exceptUserId: actor.userId },
          `Hồ sơ "${dossier.title}": ${n.displayName} ${dto.awarded ? 'đã được cấp trên khen thưởng' : 'không được cấp trên khen thưởng'} (Quyết định số ${number} ngày ${formatVietnameseDate(dto.date)}).`,
          dossier.id,
        );
      },
    });
  }

  /**
   * The chairman does not award one nominee awaiting a decision, with the
   * reason; the others go on. When none is left to decide, the dossier closes.
   */
  refuseNominee(actor: Actor, dossierId: string, nomineeId: string, reason: string) {
    const why = reason.trim();
    return this.settleNominee(actor, dossierId, nomineeId, {
      move: 'refuse',
      when: [DossierStatus.AwaitingDecision],
      whenNot: 'Chỉ Chủ tịch quyết định không khen thưởng khi hồ sơ đang chờ quyết định.',
      eligible: (n) => n.outcome === NomineeOutcome.AwaitingDecision,
      notEligible: (n) => `${n.displayName} không còn chờ quyết định (đã được xử lý).`,
      set: {},
      comment: (n) => `Không khen thưởng ${n.displayName}: ${why}`,
      changes: { reason: { from: null, to: why } },
    });
  }

  /**
   * The appraiser confirms a condition of a nominee that a person must judge
   * (an ATTEST rule of its title, src/law/eligibility.ts), with the reason:
   * while the dossier is being appraised; recorded on the nominee, in the
   * history and the audit. Confirming again replaces the reason.
   */
  attest(actor: Actor, dossierId: string, nomineeId: string, rule: string, reason: string) {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const dossier = await this.lockForChange(actor, dossierId);
      if (dossier.status !== DossierStatus.UnderAppraisal)
        throw AppError.conflict('Chỉ xác nhận điều kiện khi hồ sơ đang thẩm định.', [], {
          status: dossier.status,
          allowedActions: await this.offered(actor, dossier),
        });
      const nominee = await manager.findOne(Nominee, {
        where: { id: nomineeId, dossierId },
        relations: { awardForm: true },
      });
      if (!nominee?.awardForm) throw AppError.notFound('Đối tượng đề nghị');
      const form = nominee.awardForm;
      const known = attestRules(form.lawTitle, nominee.kind);
      const attested = known.find((r) => r.rule === rule);
      if (!attested)
        throw AppError.invalidField(
          'rule',
          `Điều kiện "${rule}" không thuộc hình thức "${form.name}" của ${nominee.displayName}${known.length ? `; các điều kiện cần xác nhận: ${known.map((r) => r.rule).join(', ')}` : ''}.`,
          'unknown',
        );
      const why = reason.trim();
      const before = nominee.attestations[rule]?.reason ?? null;
      await manager.query(
        `UPDATE nominees SET attestations = attestations || jsonb_build_object($2::text, $3::jsonb) WHERE id = $1`,
        [
          nomineeId,
          rule,
          JSON.stringify({ reason: why, by: actor.username, at: new Date().toISOString() }),
        ],
      );
      await manager.insert(DossierEvent, {
        dossierId,
        actorId: actor.userId,
        actorName: actor.username,
        role: actor.role,
        action: 'attest',
        fromStatus: dossier.status,
        toStatus: dossier.status,
        comment: `${nominee.displayName}: xác nhận "${attested.message}" (${attested.citation}): ${why}`,
      });
      await this.audit.record(
        actor,
        'dossier.attest',
        { type: 'nominee', id: nomineeId },
        { [rule]: { from: before, to: why } },
      );
      return this.detail(actor, dossierId);
    });
  }

  /**
   * One nominee settled on its own (forwarded upward, refused by the
   * chairman): the dossier locked and in a status that allows it, the nominee
   * eligible, moved, written in the history and audited.
   */
  private settleNominee(
    actor: Actor,
    dossierId: string,
    nomineeId: string,
    rule: {
      move: 'forward' | 'refuse' | 'higher_award' | 'higher_refusal';
      when: DossierStatus[];
      whenNot: string;
      eligible: (n: Nominee) => boolean;
      notEligible: (n: Nominee) => string;
      set: NomineeColumns | ((n: Nominee) => NomineeColumns);
      comment: (n: Nominee) => string;
      changes: Record<string, { from: unknown; to: unknown }>;
      /** What else the move does, in the same transaction. */
      effects?: (n: Nominee, dossier: Dossier) => Promise<void>;
    },
  ) {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const dossier = await this.lockForChange(actor, dossierId);
      if (!rule.when.includes(dossier.status)) {
        throw AppError.conflict(rule.whenNot, [], {
          status: dossier.status,
          allowedActions: await this.offered(actor, dossier),
        });
      }
      const nominee = await manager.findOne(Nominee, {
        where: { id: nomineeId, dossierId },
        relations: { awardForm: true },
      });
      if (!nominee) throw AppError.notFound('Đối tượng đề nghị');
      if (!rule.eligible(nominee)) throw AppError.conflict(rule.notEligible(nominee));
      await this.moveNominees(
        rule.move,
        { ids: [nomineeId] },
        typeof rule.set === 'function' ? rule.set(nominee) : rule.set,
        1,
      );
      await rule.effects?.(nominee, dossier);
      const action = `${rule.move}_nominee`;
      await manager.insert(DossierEvent, {
        dossierId,
        actorId: actor.userId,
        actorName: actor.username,
        role: actor.role,
        action,
        fromStatus: dossier.status,
        toStatus: dossier.status,
        comment: rule.comment(nominee),
      });
      await this.audit.record(
        actor,
        `dossier.${action}`,
        { type: 'nominee', id: nomineeId },
        { outcome: { from: nominee.outcome, to: NOMINEE_MOVES[rule.move].to }, ...rule.changes },
      );
      return this.detail(actor, dossierId);
    });
  }
}
