import { Injectable } from '@nestjs/common';
import { Db } from '../database/transactions';
import { AuditService } from '../audit/audit.service';
import { diff } from '../common/diff';
import { Actor, authorityScope, unitScope } from '../access/actor';
import { AppError } from '../common/errors/app-error';
import { Page, pageOf, whereNameMatches } from '../common/pagination';
import { foldForSearch } from '../common/text/fold';
import { applyChanges, lockForUpdate } from '../common/versioned-update';
import { UnitsService } from '../units/units.service';
import { CreatePersonDto, PersonQueryDto, UpdatePersonDto } from './people.dto';
import { Person } from './person.entity';

const EDITABLE: (keyof Person)[] = [
  'fullName',
  'searchName',
  'gender',
  'birthYear',
  'position',
  'unitId',
];
const SORT_COLUMNS = {
  name: 'p.search_name',
  birthYear: 'p.birth_year',
  createdAt: 'p.created_at',
};

@Injectable()
export class PeopleService {
  constructor(
    private readonly db: Db,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
  ) {}

  /** People the actor may see: the authority's, or a unit officer's unit's. */
  private scoped(actor: Actor) {
    const manager = this.db.tx;
    const qb = manager
      .getRepository(Person)
      .createQueryBuilder('p')
      .where('p.authority_id = :authorityId', { authorityId: authorityScope(actor) });
    const own = unitScope(actor);
    if (own) qb.andWhere('p.unit_id = :ownUnit', { ownUnit: own });
    return qb;
  }

  async list(actor: Actor, query: PersonQueryDto): Promise<Page<Person>> {
    const qb = whereNameMatches(this.scoped(actor), 'p.search_name', query.q);
    if (query.unitId) qb.andWhere('p.unit_id = :unitId', { unitId: query.unitId });
    const order = query.order === 'desc' ? 'DESC' : 'ASC';
    return pageOf(qb.orderBy(SORT_COLUMNS[query.sort], order).addOrderBy('p.id', 'ASC'), query);
  }

  async get(actor: Actor, id: string): Promise<Person> {
    const person = await this.scoped(actor).andWhere('p.id = :id', { id }).getOne();
    if (!person) throw AppError.notFound('Cá nhân');
    return person;
  }

  create(actor: Actor, dto: CreatePersonDto): Promise<Person> {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const unit = await this.units.requireReference(actor, dto.unitId, 'unitId');
      const person = await manager.save(
        manager.create(Person, {
          authorityId: unit.authorityId,
          unitId: unit.id,
          fullName: dto.fullName.trim(),
          searchName: foldForSearch(dto.fullName),
          gender: dto.gender,
          birthYear: dto.birthYear,
          position: dto.position?.trim() ?? '',
        }),
      );
      await this.audit.record(
        actor,
        'person.create',
        { type: 'person', id: person.id },
        diff(null, person, EDITABLE),
      );
      return person;
    });
  }

  update(actor: Actor, id: string, dto: UpdatePersonDto): Promise<Person> {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      // Confirms visibility first (404 for another unit's person), then locks.
      const visible = await this.scoped(actor).andWhere('p.id = :id', { id }).getOne();
      if (!visible) throw AppError.notFound('Cá nhân');
      const current = await lockForUpdate(manager, Person, { id }, dto.version, 'Cá nhân');
      if (dto.unitId) await this.units.requireReference(actor, dto.unitId, 'unitId');
      const changes: Partial<Person> = { ...dto, version: undefined } as Partial<Person>;
      if (dto.fullName !== undefined)
        Object.assign(changes, {
          fullName: dto.fullName.trim(),
          searchName: foldForSearch(dto.fullName),
        });
      const { saved, changed } = await applyChanges(manager, Person, current, changes, EDITABLE);
      if (Object.keys(changed).length)
        await this.audit.record(actor, 'person.update', { type: 'person', id }, changed);
      return saved;
    });
  }
}
