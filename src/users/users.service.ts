import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Db } from '../database/transactions';
import { AuditService } from '../audit/audit.service';
import { diff } from '../common/diff';
import { Actor, authorityScope } from '../access/actor';
import { PasswordService } from './password.service';
import { Role } from '../access/roles';
import { AppError } from '../common/errors/app-error';
import { Page, pageOf } from '../common/pagination';
import { escapeLike, foldForSearch } from '../common/text/fold';
import { applyChanges, lockForUpdate } from '../common/versioned-update';
import { UnitsService } from '../units/units.service';
import { CreateUserDto, UpdateUserDto, UserQueryDto } from './users.dto';
import { User } from './user.entity';

/** Told, inside the change's transaction, that a user's access changed; `keepSessionId` survives. */
export type AccessChanged = (userId: string, keepSessionId?: string) => Promise<void>;

const EDITABLE: (keyof User)[] = ['fullName', 'role', 'unitId', 'active'];

@Injectable()
export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly units: UnitsService,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, query: UserQueryDto): Promise<Page<User>> {
    const qb = this.db.tx
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.authority_id = :authorityId', { authorityId: authorityScope(actor) });
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.q) {
      const q = `%${escapeLike(foldForSearch(query.q))}%`;
      qb.andWhere(`(u.username LIKE :q ESCAPE '\\' OR lower(u.full_name) LIKE :raw ESCAPE '\\')`, {
        q,
        raw: `%${escapeLike(query.q.toLowerCase())}%`,
      });
    }
    return pageOf(qb.orderBy('u.username', query.order === 'desc' ? 'DESC' : 'ASC'), query);
  }

  async get(actor: Actor, id: string, manager = this.db.tx): Promise<User> {
    const user = await manager.findOneBy(User, { id, authorityId: authorityScope(actor) });
    if (!user) throw AppError.notFound('Người dùng');
    return user;
  }

  /** A unit officer needs a unit of the authority; other roles have none. */
  private async checkUnit(actor: Actor, role: Role, unitId: string | null | undefined) {
    if (role === Role.UnitOfficer) {
      if (!unitId)
        throw AppError.invalidField('unitId', 'Cán bộ đơn vị phải thuộc một đơn vị.', 'required');
      await this.units.requireReference(actor, unitId, 'unitId');
      return unitId;
    }
    return null;
  }

  create(actor: Actor, dto: CreateUserDto): Promise<User> {
    const authorityId = authorityScope(actor);
    const username = dto.username.toLowerCase();
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      if (await manager.existsBy(User, { username })) {
        throw AppError.conflict(`Tên đăng nhập "${username}" đã được dùng.`, [
          { field: 'username', message: 'Tên đăng nhập đã được dùng.', code: 'unique' },
        ]);
      }
      const unitId = await this.checkUnit(actor, dto.role, dto.unitId);
      const user = await manager.save(
        manager.create(User, {
          username,
          fullName: dto.fullName.trim(),
          role: dto.role,
          authorityId,
          unitId,
          active: true,
          mustChangePassword: true,
          passwordHash: await this.passwords.hash(dto.password),
        }),
      );
      await this.audit.record(
        actor,
        'user.create',
        { type: 'user', id: user.id },
        diff(null, user, ['username', ...EDITABLE]),
      );
      // Read back inside the transaction: outside it the row does not exist yet.
      return this.get(actor, user.id, manager);
    });
  }

  update(actor: Actor, id: string, dto: UpdateUserDto): Promise<User> {
    const authorityId = authorityScope(actor);
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const current = await lockForUpdate(
        manager,
        User,
        { id, authorityId },
        dto.version,
        'Người dùng',
      );
      if (
        id === actor.userId &&
        (dto.active === false || (dto.role && dto.role !== current.role))
      ) {
        throw AppError.invalidField(
          dto.active === false ? 'active' : 'role',
          'Không thể tự khoá hoặc tự đổi vai trò của chính mình.',
          'self',
        );
      }
      const role = dto.role ?? current.role;
      const unitId = await this.checkUnit(
        actor,
        role,
        dto.unitId === undefined ? current.unitId : dto.unitId,
      );
      const { saved, changed } = await applyChanges(
        manager,
        User,
        current,
        { ...dto, unitId, version: undefined } as Partial<User>,
        EDITABLE,
      );
      if (changed.role || changed.unitId || changed.active) await this.accessChanged(id);
      if (Object.keys(changed).length)
        await this.audit.record(actor, 'user.update', { type: 'user', id }, changed);
      return saved;
    });
  }

  /** Sets a temporary password the user must change, and signs them out everywhere. */
  resetPassword(actor: Actor, id: string, newPassword: string): Promise<void> {
    const authorityId = authorityScope(actor);
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      await lockForUpdate(manager, User, { id, authorityId }, undefined, 'Người dùng');
      await manager.update(
        User,
        { id },
        { passwordHash: await this.passwords.hash(newPassword), mustChangePassword: true },
      );
      await this.accessChanged(id);
      await this.audit.record(
        actor,
        'user.password_reset',
        { type: 'user', id },
        {
          password: { from: '[redacted]', to: '[redacted]' },
        },
      );
    });
  }

  /**
   * Who must hear when a user's access changes (role, unit, deactivation,
   * password): the auth module ends their sessions, in its own table and in
   * the same transaction. A listener, so users does not depend on auth.
   */
  private readonly accessListeners: AccessChanged[] = [];

  onAccessChanged(listener: AccessChanged): void {
    this.accessListeners.push(listener);
  }

  private async accessChanged(userId: string, keepSessionId?: string): Promise<void> {
    for (const listener of this.accessListeners) await listener(userId, keepSessionId);
  }

  /** A user with the password hash, by user name (signing in). */
  findForSignIn(username: string): Promise<User | null> {
    return this.db.tx
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
  }

  /** The authority's active council members (a vote session's electorate). */
  councilMembers(authorityId: string): Promise<User[]> {
    return this.db.tx.find(User, {
      where: { authorityId, role: Role.CouncilMember, active: true },
    });
  }

  /** Users by id, whatever the authority (a vote session's members, by the ids it kept). */
  byIds(ids: string[]): Promise<User[]> {
    return ids.length ? this.db.tx.findBy(User, { id: In(ids) }) : Promise.resolve([]);
  }

  /** The full names of the actor's authority's users among `ids`, by id (one read). */
  async namesOf(actor: Actor, ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    if (!wanted.length) return new Map();
    const users = await this.db.tx.find(User, {
      select: { id: true, fullName: true },
      where: { id: In(wanted), authorityId: authorityScope(actor) },
    });
    return new Map(users.map((u) => [u.id, u.fullName]));
  }

  /** One user by id, whatever the authority (the signed-in user, a session's owner). */
  byId(id: string): Promise<User> {
    return this.db.tx.findOneByOrFail(User, { id });
  }

  /** The actor changes their own password: the current one checked, their other sessions ended. */
  changeOwnPassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    return this.db.withTransaction(async () => {
      const user = await this.db.tx
        .getRepository(User)
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .setLock('pessimistic_write')
        .where('u.id = :id', { id: actor.userId })
        .getOneOrFail();
      if (!(await this.passwords.verify(user.passwordHash, currentPassword)))
        throw AppError.invalidField(
          'currentPassword',
          'Mật khẩu hiện tại không đúng.',
          'wrongPassword',
        );
      if (currentPassword === newPassword)
        throw AppError.invalidField(
          'newPassword',
          'Mật khẩu mới phải khác mật khẩu hiện tại.',
          'samePassword',
        );
      await this.db.tx.update(
        User,
        { id: user.id },
        { passwordHash: await this.passwords.hash(newPassword), mustChangePassword: false },
      );
      await this.accessChanged(user.id, actor.sessionId);
      await this.audit.record(
        actor,
        'auth.password_change',
        { type: 'user', id: user.id },
        {
          password: { from: '[redacted]', to: '[redacted]' },
        },
      );
    });
  }
}
