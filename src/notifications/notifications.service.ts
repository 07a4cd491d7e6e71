import { Injectable } from '@nestjs/common';
import { Db } from '../database/transactions';
import { In, IsNull } from 'typeorm';
import { Actor } from '../auth/actor';
import { Role } from '../auth/roles';
import { AppError } from '../common/errors/app-error';
import { Page, PageQueryDto, pageOf } from '../common/pagination';
import { SqlParams } from '../common/sql';
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
  constructor(private readonly db: Db) {}

  /** Writes one notification per recipient, in the use case's transaction. */
  async notify(
    audience: Audience,
    message: string,
    dossierId: string | null = null,
  ): Promise<void> {
    const params = new SqlParams();
    await this.db.tx.query(
      this.notifyStatement(params, audience, message, dossierId),
      params.values,
    );
  }

  /**
   * One INSERT … SELECT: the recipients are chosen and notified in the same
   * round trip; inside a larger statement, only when `onlyIf` holds.
   */
  notifyStatement(
    params: SqlParams,
    audience: Audience,
    message: string,
    dossierId: string | null,
    onlyIf = 'true',
  ): string {
    return `INSERT INTO notifications (user_id, dossier_id, message)
       SELECT u.id, ${params.add(dossierId)}::uuid, ${params.add(message)}::text FROM users u
        WHERE ${onlyIf} AND u.authority_id = ${params.add(audience.authorityId)} AND u.active
          AND (u.id = ANY(${params.add(audience.userIds?.filter((x): x is string => !!x) ?? [])}::uuid[])
               OR u.role = ANY(${params.add(audience.roles ?? [])}::user_role[])
               OR (u.role = 'unit_officer' AND u.unit_id = ${params.add(audience.unitId ?? null)}::uuid))`;
  }

  async list(
    actor: Actor,
    query: PageQueryDto & { unread?: boolean },
  ): Promise<Page<Notification>> {
    const qb = this.db.tx
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId: actor.userId });
    if (query.unread) qb.andWhere('n.read_at IS NULL');
    return pageOf(qb.orderBy('n.created_at', 'DESC'), query);
  }

  async markRead(actor: Actor, ids: string[]): Promise<void> {
    const result = await this.db.tx
      .getRepository(Notification)
      .update({ id: In(ids), userId: actor.userId, readAt: IsNull() }, { readAt: new Date() });
    if (ids.length === 1 && result.affected === 0) {
      const exists = await this.db.tx
        .getRepository(Notification)
        .existsBy({ id: ids[0], userId: actor.userId });
      if (!exists) throw AppError.notFound('Thông báo');
    }
  }
}
