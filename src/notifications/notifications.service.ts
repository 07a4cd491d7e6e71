import { Injectable } from '@nestjs/common';
import { Db } from '../database/transactions';
import { In, IsNull } from 'typeorm';
import { Actor } from '../access/actor';
import { AppError } from '../common/errors/app-error';
import { Page, PageQueryDto, pageOf } from '../common/pagination';
import { sql, Sql } from '../common/sql';
import { recipientsSql } from '../users/users.sql';
import { Notification } from './notification.entity';

export type { Audience } from '../users/users.sql';
import type { Audience } from '../users/users.sql';

@Injectable()
export class NotificationsService {
  constructor(private readonly db: Db) {}

  /** Writes one notification per recipient, in the use case's transaction. */
  async notify(
    audience: Audience,
    message: string,
    dossierId: string | null = null,
  ): Promise<void> {
    const statement = this.notifyStatement(audience, message, dossierId);
    await this.db.tx.query(statement.text, statement.values);
  }

  /**
   * One INSERT … SELECT: the recipients are chosen (the users module's
   * recipientsSql) and notified in the same round trip; inside a larger
   * statement, only when `onlyIf` holds.
   */
  notifyStatement(
    audience: Audience,
    message: string,
    dossierId: string | null,
    onlyIf: Sql = sql`true`,
  ): Sql {
    return sql`INSERT INTO notifications (user_id, dossier_id, message)
       SELECT r.id, ${dossierId}::uuid, ${message}::text
         FROM (${recipientsSql(audience)}) r WHERE ${onlyIf}`;
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
