import { Injectable } from '@nestjs/common';
import { Db } from '../database/transactions';
import { In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { diff } from '../common/diff';
import { Actor, authorityScope } from '../access/actor';
import { Clock } from '../common/clock';
import { formatVietnameseDate } from '../common/dates';
import { AppError, FieldDetail } from '../common/errors/app-error';
import { Page, pageOf } from '../common/pagination';
import { applyChanges, lockForUpdate } from '../common/versioned-update';
import {
  CriteriaSet,
  Criterion,
  CriterionType,
  Movement,
  MOVEMENT_STATUS_LABELS,
  MovementStatus,
  ReviewRound,
  SubjectKind,
} from './movement.entity';
import {
  CreateMovementDto,
  CreateRoundDto,
  CriterionDto,
  MovementQueryDto,
  PutCriteriaDto,
  UpdateMovementDto,
  UpdateRoundDto,
} from './movements.dto';

/** The movement lifecycle, declared once: action → the state it needs and the one it makes. */
export const MOVEMENT_LIFECYCLE = {
  launch: { from: MovementStatus.Draft, to: MovementStatus.Launched },
  close: { from: MovementStatus.Launched, to: MovementStatus.Closed },
} as const;
export type MovementAction = keyof typeof MOVEMENT_LIFECYCLE;

export function allowedMovementActions(status: MovementStatus): MovementAction[] {
  return (Object.keys(MOVEMENT_LIFECYCLE) as MovementAction[]).filter(
    (a) => MOVEMENT_LIFECYCLE[a].from === status,
  );
}

const EDITABLE: (keyof Movement)[] = [
  'title',
  'legalBases',
  'contentAreas',
  'phases',
  'registrationDeadline',
];

/** A round is open for reports until closed or its report deadline has passed. */
export function roundIsOpen(round: ReviewRound, today: string): boolean {
  return !round.closed && today <= round.reportDeadline;
}

function checkCriteria(criteria: CriterionDto[]): void {
  const details: FieldDetail[] = [];
  const seen = new Set<string>();
  criteria.forEach((c, i) => {
    const field = `criteria.${i}`;
    if (seen.has(c.code.toUpperCase()))
      details.push({
        field: `${field}.code`,
        code: 'unique',
        message: `Mã tiêu chí "${c.code}" bị trùng.`,
      });
    seen.add(c.code.toUpperCase());
    if (c.type === CriterionType.Percentage && (c.threshold === undefined || c.threshold > 100)) {
      details.push({
        field: `${field}.threshold`,
        code: 'range',
        message: 'Tiêu chí tỷ lệ cần ngưỡng từ 0 đến 100 (%).',
      });
    }
    if (
      c.type === CriterionType.Count &&
      (c.threshold === undefined || !Number.isInteger(c.threshold))
    ) {
      details.push({
        field: `${field}.threshold`,
        code: 'integer',
        message: 'Tiêu chí số lượng cần ngưỡng là số nguyên ≥ 0.',
      });
    }
    if (
      (c.type === CriterionType.Boolean || c.type === CriterionType.Qualitative) &&
      c.threshold !== undefined
    ) {
      details.push({
        field: `${field}.threshold`,
        code: 'notAllowed',
        message: 'Tiêu chí có/không và tiêu chí định tính không có ngưỡng.',
      });
    }
  });
  if (details.length)
    throw AppError.badRequest(
      details.length === 1 ? details[0].message : 'Bộ tiêu chuẩn không hợp lệ.',
      details,
    );
}

@Injectable()
export class MovementsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: MovementQueryDto): Promise<Page<Movement>> {
    const qb = this.db.tx
      .getRepository(Movement)
      .createQueryBuilder('m')
      .where('m.authority_id = :authorityId', { authorityId: authorityScope(actor) });
    if (query.status) qb.andWhere('m.status = :status', { status: query.status });
    return pageOf(qb.orderBy('m.created_at', 'DESC'), query);
  }

  /**
   * Every movement of the actor's authority, newest first, in one read: for
   * the pages that offer a choice of movements (years of them add up).
   */
  visibleTo(actor: Actor): Promise<Movement[]> {
    return this.db.tx.find(Movement, {
      where: { authorityId: authorityScope(actor) },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
  }

  /**
   * The review rounds of the actor's launched movements (newest movement
   * first, each one's rounds in time order) with their movement's title, in
   * one read: the pages that offer a choice of round.
   */
  async launchedRounds(
    actor: Actor,
  ): Promise<{ id: string; name: string; movementTitle: string; open: boolean }[]> {
    const rounds = await this.db.tx
      .getRepository(ReviewRound)
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.movement', 'm')
      .where('m.authority_id = :authorityId AND m.status = :status', {
        authorityId: authorityScope(actor),
        status: MovementStatus.Launched,
      })
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id')
      .addOrderBy('r.period_start')
      .addOrderBy('r.name')
      .getMany();
    const today = this.clock.today();
    return rounds.map((r) => ({
      id: r.id,
      name: r.name,
      movementTitle: r.movement!.title,
      open: roundIsOpen(r, today),
    }));
  }

  /** A movement of the actor's authority, or 404. */
  async require(actor: Actor, id: string): Promise<Movement> {
    const manager = this.db.tx;
    const movement = await manager.findOneBy(Movement, { id, authorityId: authorityScope(actor) });
    if (!movement) throw AppError.notFound('Phong trào');
    return movement;
  }

  async get(actor: Actor, id: string) {
    const movement = await this.require(actor, id);
    const rounds = await this.db.tx
      .getRepository(ReviewRound)
      .find({ where: { movementId: id }, order: { periodStart: 'ASC', name: 'ASC' } });
    const today = this.clock.today();
    return {
      ...movement,
      statusLabel: MOVEMENT_STATUS_LABELS[movement.status],
      allowedActions: allowedMovementActions(movement.status),
      registrationOpen:
        movement.status === MovementStatus.Launched && today <= movement.registrationDeadline,
      rounds: rounds.map((r) => ({ ...r, open: roundIsOpen(r, today) })),
      criteriaSets: await this.currentSets(id),
    };
  }

  create(actor: Actor, dto: CreateMovementDto): Promise<Movement> {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const movement = await manager.save(
        manager.create(Movement, {
          authorityId: authorityScope(actor),
          title: dto.title.trim(),
          legalBases: dto.legalBases ?? [],
          contentAreas: dto.contentAreas ?? [],
          phases: dto.phases ?? [],
          registrationDeadline: dto.registrationDeadline,
          status: MovementStatus.Draft,
          launchDate: null,
        }),
      );
      await this.audit.record(
        actor,
        'movement.create',
        { type: 'movement', id: movement.id },
        diff(null, movement, EDITABLE),
      );
      return movement;
    });
  }

  update(actor: Actor, id: string, dto: UpdateMovementDto): Promise<Movement> {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const current = await lockForUpdate(
        manager,
        Movement,
        { id, authorityId: authorityScope(actor) },
        dto.version,
        'Phong trào',
      );
      if (current.status === MovementStatus.Closed)
        throw this.stateConflict(current, 'Phong trào đã kết thúc, không sửa được.');
      const { saved, changed } = await applyChanges(
        manager,
        Movement,
        current,
        { ...dto, version: undefined } as Partial<Movement>,
        EDITABLE,
      );
      if (Object.keys(changed).length)
        await this.audit.record(actor, 'movement.update', { type: 'movement', id }, changed);
      return saved;
    });
  }

  private stateConflict(movement: Movement, message: string): AppError {
    return AppError.conflict(message, [], {
      status: movement.status,
      allowedActions: allowedMovementActions(movement.status),
    });
  }

  /**
   * Launches or closes a movement: a conditional update on the expected
   * status, so of two concurrent requests exactly one succeeds.
   */
  transition(actor: Actor, id: string, action: MovementAction): Promise<Movement> {
    const { from, to } = MOVEMENT_LIFECYCLE[action];
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const movement = await this.require(actor, id);
      if (movement.status !== from) {
        throw this.stateConflict(
          movement,
          `Không thể thực hiện: phong trào đang ở trạng thái "${MOVEMENT_STATUS_LABELS[movement.status]}".`,
        );
      }
      if (action === 'launch' && movement.registrationDeadline < this.clock.today()) {
        throw AppError.invalidField(
          'registrationDeadline',
          `Hạn đăng ký thi đua (${formatVietnameseDate(movement.registrationDeadline)}) đã qua: không đơn vị nào đăng ký được. Hãy sửa hạn đăng ký trước khi phát động.`,
          'deadlinePassed',
        );
      }
      if (action === 'launch' && (await this.currentSets(id)).length === 0) {
        throw AppError.invalidField(
          'criteria',
          'Cần ban hành ít nhất một bộ tiêu chuẩn thi đua trước khi phát động.',
          'required',
        );
      }
      const result = await manager
        .createQueryBuilder()
        .update(Movement)
        .set({
          status: to,
          version: () => 'version + 1',
          ...(action === 'launch' ? { launchDate: movement.launchDate ?? this.clock.today() } : {}),
        })
        .where('id = :id AND status = :from', { id, from })
        .execute();
      if (result.affected !== 1)
        throw this.stateConflict(
          movement,
          'Phong trào vừa được người khác cập nhật. Vui lòng tải lại.',
        );
      await this.audit.record(
        actor,
        `movement.${action}`,
        { type: 'movement', id },
        { status: { from, to } },
      );
      return manager.findOneByOrFail(Movement, { id });
    });
  }

  addRound(actor: Actor, movementId: string, dto: CreateRoundDto): Promise<ReviewRound> {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const movement = await this.require(actor, movementId);
      if (movement.status === MovementStatus.Closed)
        throw this.stateConflict(movement, 'Phong trào đã kết thúc.');
      if (dto.periodStart > dto.periodEnd) {
        throw AppError.invalidField(
          'periodEnd',
          'Ngày kết thúc kỳ phải sau ngày bắt đầu.',
          'order',
        );
      }
      const round = await manager.save(
        manager.create(ReviewRound, { ...dto, movementId, closed: false }),
      );
      await this.audit.record(
        actor,
        'round.create',
        { type: 'round', id: round.id },
        diff(null, round, [
          'name',
          'kind',
          'periodStart',
          'periodEnd',
          'reportDeadline',
          'nominationDeadline',
        ]),
      );
      return round;
    });
  }

  /** A round of a movement of the actor's authority, or 404. */
  async requireRound(actor: Actor, roundId: string) {
    const manager = this.db.tx;
    const round = await manager
      .getRepository(ReviewRound)
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.movement', 'm')
      .where('r.id = :roundId AND m.authority_id = :authorityId', {
        roundId,
        authorityId: authorityScope(actor),
      })
      .getOne();
    if (!round) throw AppError.notFound('Đợt');
    return round as ReviewRound & { movement: Movement };
  }

  updateRound(
    actor: Actor,
    movementId: string,
    roundId: string,
    dto: UpdateRoundDto,
  ): Promise<ReviewRound> {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const round = await this.requireRound(actor, roundId);
      if (round.movementId !== movementId) throw AppError.notFound('Đợt');
      const current = await lockForUpdate(manager, ReviewRound, { id: roundId }, undefined, 'Đợt');
      const fields: (keyof ReviewRound)[] = [
        'name',
        'reportDeadline',
        'nominationDeadline',
        'closed',
      ];
      const { saved, changed } = await applyChanges(
        manager,
        ReviewRound,
        current,
        dto as Partial<ReviewRound>,
        fields,
      );
      if (Object.keys(changed).length)
        await this.audit.record(actor, 'round.update', { type: 'round', id: roundId }, changed);
      return saved;
    });
  }

  /** The newest criteria set of each subject kind, with its criteria. */
  /** Movements by id, for other modules' records that name them (a decision's dossiers). */
  byIds(ids: string[]): Promise<Movement[]> {
    return ids.length ? this.db.tx.findBy(Movement, { id: In(ids) }) : Promise.resolve([]);
  }

  /** Review rounds by id, for other modules' records that name them (a decision's dossiers). */
  roundsByIds(ids: string[]): Promise<ReviewRound[]> {
    return ids.length ? this.db.tx.findBy(ReviewRound, { id: In(ids) }) : Promise.resolve([]);
  }

  /** Criteria by id, whichever set they belong to (a saved draft's, which may predate a new set). */
  criteriaByIds(ids: string[]): Promise<Criterion[]> {
    return ids.length ? this.db.tx.findBy(Criterion, { id: In(ids) }) : Promise.resolve([]);
  }

  async currentSets(movementId: string): Promise<CriteriaSet[]> {
    const manager = this.db.tx;
    return manager
      .getRepository(CriteriaSet)
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.criteria', 'c')
      .where('s.movement_id = :movementId', { movementId })
      .andWhere(
        's.version = (SELECT max(x.version) FROM criteria_sets x WHERE x.movement_id = s.movement_id AND x.subject_kind = s.subject_kind)',
      )
      .orderBy('s.subject_kind', 'ASC')
      .addOrderBy('c.position', 'ASC')
      .getMany();
  }

  async currentSet(movementId: string, subjectKind: SubjectKind): Promise<CriteriaSet | undefined> {
    return (await this.currentSets(movementId)).find((s) => s.subjectKind === subjectKind);
  }

  async criteriaHistory(actor: Actor, movementId: string): Promise<CriteriaSet[]> {
    await this.require(actor, movementId);
    return this.db.tx.getRepository(CriteriaSet).find({
      where: { movementId },
      relations: { criteria: true },
      order: { subjectKind: 'ASC', version: 'DESC', criteria: { position: 'ASC' } },
    });
  }

  /**
   * Sets the criteria of one subject kind. In a draft movement the set is
   * replaced; once launched the set is frozen and a new version is made.
   */
  putCriteria(
    actor: Actor,
    movementId: string,
    subjectKind: SubjectKind,
    dto: PutCriteriaDto,
  ): Promise<CriteriaSet> {
    checkCriteria(dto.criteria);
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const movement = await lockForUpdate(
        manager,
        Movement,
        { id: movementId, authorityId: authorityScope(actor) },
        undefined,
        'Phong trào',
      );
      if (movement.status === MovementStatus.Closed)
        throw this.stateConflict(movement, 'Phong trào đã kết thúc, không sửa được tiêu chuẩn.');
      const current = await this.currentSet(movementId, subjectKind);
      let set: CriteriaSet;
      if (current && movement.status === MovementStatus.Draft) {
        await manager.delete(Criterion, { criteriaSetId: current.id });
        set = current;
      } else {
        set = await manager.save(
          manager.create(CriteriaSet, {
            movementId,
            subjectKind,
            version: (current?.version ?? 0) + 1,
          }),
        );
      }
      await manager.save(
        dto.criteria.map((c, position) =>
          manager.create(Criterion, {
            criteriaSetId: set.id,
            code: c.code,
            text: c.text.trim(),
            weight: c.weight ?? 1,
            mandatory: c.mandatory ?? true,
            type: c.type,
            threshold: c.threshold ?? null,
            position,
          }),
        ),
      );
      await this.audit.record(
        actor,
        'criteria.put',
        { type: 'criteria_set', id: set.id },
        {
          subjectKind: { from: null, to: subjectKind },
          version: { from: current?.version ?? null, to: set.version },
          criteria: {
            from: current?.criteria?.map((c) => c.code) ?? null,
            to: dto.criteria.map((c) => c.code),
          },
        },
      );
      return (await this.currentSet(movementId, subjectKind))!;
    });
  }
}
