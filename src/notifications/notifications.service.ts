import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Actor } from '../auth/actor';
import { Role } from '../auth/roles';
import { AppError } from '../common/errors/app-error';
import { Page, PageQueryDto, pageOf } from '../common/pagination';
import { User } from '../users/user.entity';
import { Notification } from './notification.entity';

/** Who to tell: users by id, by role in an authority, or the unit officers of a unit. */
export interface Audience {
  userIds?: (string | null | undefined)[];
  roles?: Role[];
  unitId?: string;
  authorityId: string;
}

@Injectable()
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes one notification per recipient, in the caller's transaction. */
  async notify(
    manager: EntityManager,
    audience: Audience,
    message: string,
    dossierId: string | null = null,
  ): Promise<void> {
    const ids = audience.userIds?.filter((x): x is string => !!x) ?? [];
    const who = new Brackets((w) => {
      w.where('FALSE');
      if (ids.length) w.orWhere('u.id IN (:...ids)', { ids });
      if (audience.roles?.length) w.orWhere('u.role IN (:...roles)', { roles: audience.roles });
      if (audience.unitId)
        w.orWhere('(u.role = :officer AND u.unit_id = :unitId)', {
          officer: Role.UnitOfficer,
          unitId: audience.unitId,
        });
    });
    const users: { id: string }[] = await manager
      .getRepository(User)
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .where('u.authority_id = :authorityId AND u.active', { authorityId: audience.authorityId })
      .andWhere(who)
      .getRawMany();
    if (users.length)
      await manager.insert(
        Notification,
        users.map((u) => ({ userId: u.id, dossierId, message })),
      );
  }

  async list(
    actor: Actor,
    query: PageQueryDto & { unread?: boolean },
  ): Promise<Page<Notification>> {
    const qb = this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId: actor.userId });
    if (query.unread) qb.andWhere('n.read_at IS NULL');
    return pageOf(qb.orderBy('n.created_at', 'DESC'), query);
  }

  async markRead(actor: Actor, ids: string[]): Promise<void> {
    const result = await this.dataSource
      .getRepository(Notification)
      .update({ id: In(ids), userId: actor.userId, readAt: IsNull() }, { readAt: new Date() });
    if (ids.length === 1 && result.affected === 0) {
      const exists = await this.dataSource
        .getRepository(Notification)
        .existsBy({ id: ids[0], userId: actor.userId });
      if (!exists) throw AppError.notFound('Thông báo');
    }
  }
}
