import { Injectable } from '@nestjs/common';
import { Db } from '../database/transactions';
import { AuditService } from '../audit/audit.service';
import { Actor, authorityScope } from '../access/actor';
import { AppError } from '../common/errors/app-error';
import { Holiday } from './holiday.entity';
import { Holidays } from './working-days';

@Injectable()
export class CalendarService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** The authority's days off, for working-day arithmetic. */
  async holidays(authorityId: string): Promise<Holidays> {
    const manager = this.db.tx;
    const rows = await manager.find(Holiday, { where: { authorityId }, select: { date: true } });
    return new Set(rows.map((r) => r.date));
  }

  list(actor: Actor, year?: number): Promise<Holiday[]> {
    const qb = this.db.tx
      .getRepository(Holiday)
      .createQueryBuilder('h')
      .where('h.authority_id = :authorityId', { authorityId: authorityScope(actor) });
    if (year) qb.andWhere('extract(year from h.date) = :year', { year });
    return qb.orderBy('h.date').getMany();
  }

  add(actor: Actor, date: string, name: string): Promise<Holiday> {
    const authorityId = authorityScope(actor);
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      if (await manager.existsBy(Holiday, { authorityId, date })) {
        throw AppError.conflict('Ngày này đã có trong lịch nghỉ.', [
          { field: 'date', code: 'unique', message: 'Ngày đã có trong lịch nghỉ.' },
        ]);
      }
      const holiday = await manager.save(
        manager.create(Holiday, { authorityId, date, name: name.trim() }),
      );
      await this.audit.record(
        actor,
        'holiday.add',
        { type: 'holiday', id: holiday.id },
        { date: { from: null, to: date }, name: { from: null, to: holiday.name } },
      );
      return holiday;
    });
  }

  remove(actor: Actor, id: string): Promise<void> {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const holiday = await manager.findOneBy(Holiday, { id, authorityId: authorityScope(actor) });
      if (!holiday) throw AppError.notFound('Ngày nghỉ');
      await manager.delete(Holiday, { id });
      await this.audit.record(
        actor,
        'holiday.remove',
        { type: 'holiday', id },
        { date: { from: holiday.date, to: null } },
      );
    });
  }
}
