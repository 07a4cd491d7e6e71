import { Injectable } from '@nestjs/common';
import { recordRating, TaskRatingDto } from '../law/task-rating';
import { Db } from '../database/transactions';
import { Between, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { diff } from '../common/diff';
import { Actor, authorityScope, unitScope } from '../access/actor';
import { AppError } from '../common/errors/app-error';
import { Page, pageOf, whereNameMatches } from '../common/pagination';
import { foldForSearch } from '../common/text/fold';
import { applyChanges, lockForUpdate } from '../common/versioned-update';
import { UnitsService } from '../units/units.service';
import {
  CreatePersonCaseDto,
  CreatePersonDto,
  CreatePersonInitiativeDto,
  PersonQueryDto,
  UpdatePersonDto,
} from './people.dto';
import { Person } from './person.entity';
import { PersonCase } from './person-case.entity';
import { PersonRating } from './person-rating.entity';
import { PersonInitiative } from './person-initiative.entity';

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

  /** People by id, for other modules' records that name them (a decision's awardees). */
  byIds(ids: string[]): Promise<Person[]> {
    return ids.length ? this.db.tx.findBy(Person, { id: In(ids) }) : Promise.resolve([]);
  }

  /** How many of these people belong to this unit (a registration names only its own). */
  countInUnit(personIds: string[], unitId: string): Promise<number> {
    return this.db.tx.countBy(Person, { id: In(personIds), unitId });
  }

  /** A person of this unit (a unit's nominee must be one of its own); null otherwise. */
  inUnit(personId: string, unitId: string): Promise<Person | null> {
    return this.db.tx.findOneBy(Person, { id: personId, unitId });
  }

  /** A person's cases (discipline, investigation, inspection, complaint), newest first. */
  async cases(actor: Actor, personId: string): Promise<PersonCase[]> {
    await this.get(actor, personId);
    return this.db.tx.find(PersonCase, { where: { personId }, order: { startsOn: 'DESC' } });
  }

  /** The cases of these people, for the eligibility rules (no scope: the caller's records). */
  casesOf(personIds: string[]): Promise<PersonCase[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.db.tx.find(PersonCase, { where: { personId: In(personIds) } });
  }

  /**
   * Every person of an authority by natural key, "unitId|folded name|year of
   * birth" → id: what imports match rows against.
   */
  async keysOf(authorityId: string): Promise<Map<string, string>> {
    const rows: { id: string; unitId: string; name: string; year: number }[] =
      await this.db.tx.query(
        'SELECT id, unit_id AS "unitId", search_name AS name, birth_year AS year FROM people WHERE authority_id = $1',
        [authorityId],
      );
    return new Map(rows.map((p) => [`${p.unitId}|${p.name}|${p.year}`, p.id]));
  }

  /** Writes people checked by an import, in the caller's transaction. */
  async insertMany(people: Partial<Person>[]): Promise<void> {
    await this.db.tx.insert(Person, people);
  }

  /** A person's task ratings, newest year first. */
  async ratings(actor: Actor, personId: string): Promise<PersonRating[]> {
    await this.get(actor, personId);
    return this.db.tx.find(PersonRating, { where: { personId }, order: { year: 'DESC' } });
  }

  /** The ratings of these people in a year, for the eligibility rules (no scope, as casesOf). */
  ratingsOf(personIds: string[], year: number): Promise<PersonRating[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.db.tx.find(PersonRating, { where: { personId: In(personIds), year } });
  }

  /** Records (or corrects) a person's task rating of a year, with its document; audited. */
  rate(actor: Actor, personId: string, year: number, dto: TaskRatingDto) {
    return this.db.withTransaction(async () => {
      const person = await this.get(actor, personId);
      const { before, saved } = await recordRating(
        this.db.tx,
        PersonRating,
        { personId },
        {
          authorityId: person.authorityId,
          year,
          dto,
          recordedBy: actor.userId,
        },
      );
      await this.audit.record(
        actor,
        'person.rating',
        { type: 'person', id: personId },
        { [`rating${year}`]: { from: before, to: dto.rating } },
      );
      return saved;
    });
  }

  /** A person's recognised initiatives and research, newest first. */
  async initiatives(actor: Actor, personId: string): Promise<PersonInitiative[]> {
    await this.get(actor, personId);
    return this.db.tx.find(PersonInitiative, {
      where: { personId },
      order: { recognisedOn: 'DESC', createdAt: 'DESC' },
    });
  }

  /** The initiatives of these people recognised in a year, for the eligibility rules (no scope). */
  initiativesOf(personIds: string[], year: number): Promise<PersonInitiative[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.db.tx.find(PersonInitiative, {
      where: {
        personId: In(personIds),
        recognisedOn: Between(`${year}-01-01`, `${year}-12-31`),
      },
    });
  }

  /** Records an initiative or research recognised by a document (Home Affairs); audited. */
  addInitiative(
    actor: Actor,
    personId: string,
    dto: CreatePersonInitiativeDto,
  ): Promise<PersonInitiative> {
    return this.db.withTransaction(async () => {
      const person = await this.get(actor, personId);
      const saved = await this.db.tx.save(
        this.db.tx.create(PersonInitiative, {
          authorityId: person.authorityId,
          personId,
          kind: dto.kind,
          title: dto.title.trim(),
          level: dto.level,
          recognisedOn: dto.recognisedOn,
          reference: dto.reference.trim(),
          recordedBy: actor.userId,
        }),
      );
      await this.audit.record(
        actor,
        'person.initiative_add',
        { type: 'person', id: personId },
        {
          initiative: { from: null, to: saved.title },
          recognisedOn: { from: null, to: saved.recognisedOn },
        },
      );
      return saved;
    });
  }

  /** Records a case about a person (Home Affairs), with the document it rests on; audited. */
  addCase(actor: Actor, personId: string, dto: CreatePersonCaseDto): Promise<PersonCase> {
    return this.db.withTransaction(async () => {
      const person = await this.get(actor, personId);
      if (dto.endsOn && dto.endsOn < dto.startsOn)
        throw AppError.invalidField(
          'endsOn',
          'Ngày kết thúc phải từ ngày bắt đầu trở đi.',
          'order',
        );
      const saved = await this.db.tx.save(
        this.db.tx.create(PersonCase, {
          authorityId: person.authorityId,
          personId,
          kind: dto.kind,
          startsOn: dto.startsOn,
          endsOn: dto.endsOn ?? null,
          reference: dto.reference.trim(),
          recordedBy: actor.userId,
        }),
      );
      await this.audit.record(
        actor,
        'person.case_add',
        { type: 'person', id: personId },
        {
          kind: { from: null, to: dto.kind },
          endsOn: { from: null, to: saved.endsOn },
        },
      );
      return saved;
    });
  }

  /** Closes an open case on the day it ended: an award it held may go on. */
  closeCase(actor: Actor, personId: string, caseId: string, endsOn: string): Promise<PersonCase> {
    return this.db.withTransaction(async () => {
      await this.get(actor, personId);
      const found = await this.db.tx.findOne(PersonCase, {
        where: { id: caseId, personId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!found) throw AppError.notFound('Vụ việc');
      if (found.endsOn !== null)
        throw AppError.conflict('Vụ việc này đã kết thúc.', [], { endsOn: found.endsOn });
      if (endsOn < found.startsOn)
        throw AppError.invalidField(
          'endsOn',
          'Ngày kết thúc phải từ ngày bắt đầu trở đi.',
          'order',
        );
      found.endsOn = endsOn;
      const saved = await this.db.tx.save(found);
      await this.audit.record(
        actor,
        'person.case_close',
        { type: 'person', id: personId },
        {
          endsOn: { from: null, to: endsOn },
        },
      );
      return saved;
    });
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
