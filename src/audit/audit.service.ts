import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository } from 'typeorm';
import { Db } from '../database/transactions';
import { Actor, authorityScope } from '../access/actor';
import { Page, pageOf } from '../common/pagination';
import { insertRowSql, Sql } from '../common/sql';
import { FieldChange } from '../common/diff';
import { AuditRecord } from './audit-record.entity';
import { AuditQueryDto } from './audit.dto';

export interface AuditTarget {
  type: string;
  id: string | null;
}

/** Who acted: a user, or the public (no user) on a public page. */
type AuditActor = Pick<Actor, 'username' | 'authorityId' | 'requestId'> & {
  userId: string | null;
  role: string;
};

function auditRow(
  actor: AuditActor,
  action: string,
  target: AuditTarget,
  changes: Record<string, FieldChange>,
): Partial<AuditRecord> {
  return {
    actorId: actor.userId,
    actorUsername: actor.username,
    role: actor.role,
    authorityId: actor.authorityId,
    action,
    targetType: target.type,
    targetId: target.id,
    changes,
    requestId: actor.requestId,
  };
}

@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditRecord) private readonly records: Repository<AuditRecord>,
    private readonly db: Db,
  ) {}

  /** Appends a record in the use case's transaction, with the change it records. */
  async record(
    actor: AuditActor,
    action: string,
    target: AuditTarget,
    changes: Record<string, FieldChange> = {},
  ): Promise<void> {
    // `changes` is jsonb, which TypeORM's deep-partial type cannot describe.
    await this.db.tx.insert(AuditRecord, auditRow(actor, action, target, changes) as never);
  }

  /**
   * The same record as one INSERT of this module's table, for a larger
   * statement that writes it only when `onlyIf` holds (the workflow's move).
   */
  recordStatement(
    onlyIf: Sql,
    actor: AuditActor,
    action: string,
    target: AuditTarget,
    changes: Record<string, FieldChange> = {},
  ): Sql {
    return insertRowSql(this.db.tx, AuditRecord, auditRow(actor, action, target, changes), onlyIf);
  }

  async list(actor: Actor, query: AuditQueryDto): Promise<Page<AuditRecord>> {
    const qb = this.records
      .createQueryBuilder('a')
      .where('a.authority_id = :authorityId', { authorityId: authorityScope(actor) });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.targetType)
      qb.andWhere('a.target_type = :targetType', { targetType: query.targetType });
    if (query.targetId) qb.andWhere('a.target_id = :targetId', { targetId: query.targetId });
    if (query.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
    if (query.from || query.to) {
      qb.andWhere(
        new Brackets((w) => {
          if (query.from) w.andWhere('a.at >= :from', { from: query.from });
          if (query.to) w.andWhere('a.at < :to', { to: query.to });
        }),
      );
    }
    return pageOf(qb.orderBy('a.id', 'DESC'), query);
  }
}
