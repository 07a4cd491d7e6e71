import { Injectable } from '@nestjs/common';
import { Db } from '../database/transactions';
import { AuditService } from '../audit/audit.service';
import { diff } from '../common/diff';
import { Actor, authorityScope, unitScope } from '../access/actor';
import { Clock } from '../common/clock';
import { formatVietnameseDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import { lockForUpdate } from '../common/versioned-update';
import { Movement, MovementStatus, subjectKindOfUnit } from '../movements/movement.entity';
import { MovementsService } from '../movements/movements.service';
import { PeopleService } from '../people/people.service';
import { Unit, UNIT_KIND_LABELS, UnitKind } from '../units/unit.entity';
import { UnitsService } from '../units/units.service';
import { Registration, RegistrationStatus } from './registration.entity';
import { RegisterDto } from './registrations.dto';

/** Pilot units (đơn vị chỉ đạo điểm) per movement: "01 - 02 đơn vị". */
export const MAX_PILOT_UNITS = 2;

@Injectable()
export class RegistrationsService {
  constructor(
    private readonly db: Db,
    private readonly movements: MovementsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly units: UnitsService,
    private readonly people: PeopleService,
  ) {}

  /** Whether the unit is registered in the movement (it reports only then). */
  isRegistered(movementId: string, unitId: string): Promise<boolean> {
    return this.db.tx.existsBy(Registration, {
      movementId,
      unitId,
      status: RegistrationStatus.Registered,
    });
  }

  /** Registration and withdrawal need a launched movement, on or before its deadline. */
  private assertOpen(movement: Movement): void {
    if (movement.status !== MovementStatus.Launched) {
      throw AppError.conflict(
        'Phong trào chưa được phát động hoặc đã kết thúc, không nhận đăng ký.',
        [],
        { status: movement.status },
      );
    }
    if (this.clock.today() > movement.registrationDeadline) {
      const deadline = formatVietnameseDate(movement.registrationDeadline);
      throw new AppError(
        400,
        'REGISTRATION_CLOSED',
        `Đã hết hạn đăng ký thi đua (hạn cuối: ${deadline}).`,
        [
          {
            field: 'registrationDeadline',
            code: 'deadlinePassed',
            message: `Hạn cuối đăng ký là ngày ${deadline}.`,
          },
        ],
        { registrationDeadline: movement.registrationDeadline },
      );
    }
  }

  private ownUnit(actor: Actor): string {
    const unitId = unitScope(actor);
    if (!unitId) throw AppError.forbidden('Chỉ cán bộ đơn vị mới đăng ký thi đua cho đơn vị.');
    return unitId;
  }

  private async checkTargetsAndPeople(movementId: string, unit: Unit, dto: RegisterDto) {
    const targets = dto.targets ?? [];
    if (targets.length) {
      const set = await this.movements.currentSet(movementId, subjectKindOfUnit(unit.kind));
      const ids = new Set(set?.criteria?.map((c) => c.id) ?? []);
      targets.forEach((t, i) => {
        if (!ids.has(t.criterionId)) {
          throw AppError.invalidField(
            `targets.${i}.criterionId`,
            'Tiêu chí không thuộc bộ tiêu chuẩn hiện hành của đơn vị.',
            'unknownCriterion',
          );
        }
      });
    }
    const personIds = [...new Set(dto.personIds ?? [])];
    if (personIds.length) {
      const found = await this.people.countInUnit(personIds, unit.id);
      if (found !== personIds.length)
        throw AppError.invalidField('personIds', 'Có cá nhân không thuộc đơn vị.', 'unknownPerson');
    }
    return { targets, personIds };
  }

  register(actor: Actor, movementId: string, dto: RegisterDto): Promise<Registration> {
    const unitId = this.ownUnit(actor);
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const movement = await this.movements.require(actor, movementId);
      this.assertOpen(movement);
      const unit = await this.units.byId(unitId);
      const { targets, personIds } = await this.checkTargetsAndPeople(movementId, unit, dto);
      const existing = await manager.findOne(Registration, {
        where: { movementId, unitId },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing?.status === RegistrationStatus.Registered) {
        throw AppError.conflict('Đơn vị đã đăng ký phong trào này.', [
          {
            field: 'movementId',
            code: 'alreadyRegistered',
            message: 'Đơn vị đã đăng ký phong trào này.',
          },
        ]);
      }
      const fields = {
        status: RegistrationStatus.Registered,
        commitments: dto.commitments.trim(),
        targets,
        personIds,
        registeredAt: new Date(),
        withdrawnAt: null,
      };
      const saved = existing
        ? await manager.save(Registration, { ...existing, ...fields })
        : await manager.save(
            manager.create(Registration, {
              ...fields,
              movementId,
              unitId,
              authorityId: unit.authorityId,
              pilot: false,
            }),
          );
      await this.audit.record(
        actor,
        'registration.register',
        { type: 'registration', id: saved.id },
        diff(existing, saved, ['status', 'commitments', 'targets', 'personIds']),
      );
      return saved;
    });
  }

  withdraw(actor: Actor, movementId: string): Promise<Registration> {
    const unitId = this.ownUnit(actor);
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const movement = await this.movements.require(actor, movementId);
      this.assertOpen(movement);
      const existing = await manager.findOne(Registration, {
        where: { movementId, unitId },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing?.status !== RegistrationStatus.Registered)
        throw AppError.conflict('Đơn vị chưa đăng ký phong trào này.');
      const saved = await manager.save(Registration, {
        ...existing,
        status: RegistrationStatus.Withdrawn,
        withdrawnAt: new Date(),
        pilot: false,
      });
      await this.audit.record(
        actor,
        'registration.withdraw',
        { type: 'registration', id: saved.id },
        diff(existing, saved, ['status', 'pilot']),
      );
      return saved;
    });
  }

  /** An export of a movement's registrations is audited. */
  recordExport(actor: Actor, movementId: string, format: string, rows: number): Promise<void> {
    return this.audit.record(
      actor,
      'registration.export',
      { type: 'movement', id: movementId },
      { export: { from: null, to: `Đăng ký thi đua (${format}, ${rows} dòng)` } },
    );
  }

  async list(actor: Actor, movementId: string): Promise<Registration[]> {
    await this.movements.require(actor, movementId);
    const qb = this.db.tx
      .getRepository(Registration)
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.unit', 'u')
      .where('r.movement_id = :movementId AND r.authority_id = :authorityId', {
        movementId,
        authorityId: authorityScope(actor),
      });
    const own = unitScope(actor);
    if (own) qb.andWhere('r.unit_id = :own', { own });
    return qb.orderBy('u.kind').addOrderBy('u.search_name').getMany();
  }

  /** Marks or unmarks a pilot unit; at most two per movement, counted under the movement's row lock. */
  setPilot(
    actor: Actor,
    movementId: string,
    registrationId: string,
    pilot: boolean,
  ): Promise<Registration> {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      await lockForUpdate(
        manager,
        Movement,
        { id: movementId, authorityId: authorityScope(actor) },
        undefined,
        'Phong trào',
      );
      const registration = await manager.findOneBy(Registration, {
        id: registrationId,
        movementId,
      });
      if (!registration) throw AppError.notFound('Bản đăng ký');
      if (registration.pilot === pilot) return registration;
      if (pilot) {
        if (registration.status !== RegistrationStatus.Registered)
          throw AppError.conflict('Đơn vị đã rút đăng ký.');
        const pilots = await manager.countBy(Registration, { movementId, pilot: true });
        if (pilots >= MAX_PILOT_UNITS) {
          throw AppError.conflict(
            `Mỗi phong trào chỉ có tối đa ${MAX_PILOT_UNITS} đơn vị chỉ đạo điểm.`,
            [
              {
                field: 'pilot',
                code: 'maxPilots',
                message: `Đã có ${pilots} đơn vị chỉ đạo điểm.`,
              },
            ],
          );
        }
      }
      const saved = await manager.save(Registration, { ...registration, pilot });
      await this.audit.record(
        actor,
        'registration.pilot',
        { type: 'registration', id: registrationId },
        { pilot: { from: !pilot, to: pilot } },
      );
      return saved;
    });
  }

  /** Registration coverage per unit kind: registered out of active units, and who is missing. */
  async coverage(actor: Actor, movementId: string) {
    await this.movements.require(actor, movementId);
    const units: (Pick<Unit, 'id' | 'code' | 'name' | 'kind'> & { registered: boolean })[] =
      await this.db.tx.query(
        `SELECT u.id, u.code, u.name, u.kind,
              EXISTS (SELECT 1 FROM registrations r WHERE r.unit_id = u.id AND r.movement_id = $2 AND r.status = 'registered') AS registered
         FROM units u
        WHERE u.authority_id = $1 AND u.active
        ORDER BY u.kind, u.search_name`,
        [authorityScope(actor), movementId],
      );
    const kinds = Object.values(UnitKind).map((kind) => {
      const ofKind = units.filter((u) => u.kind === kind);
      const registered = ofKind.filter((u) => u.registered).length;
      return {
        kind,
        label: UNIT_KIND_LABELS[kind],
        total: ofKind.length,
        registered,
        percent: ofKind.length ? Math.round((registered / ofKind.length) * 1000) / 10 : null,
        missing: ofKind
          .filter((u) => !u.registered)
          .map(({ id, code, name }) => ({ id, code, name })),
      };
    });
    const registered = units.filter((u) => u.registered).length;
    return { total: units.length, registered, kinds };
  }
}
