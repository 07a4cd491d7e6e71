import { Injectable } from '@nestjs/common';
import { Db } from '../database/transactions';
import { AuditService } from '../audit/audit.service';
import { diff } from '../common/diff';
import { Actor, authorityScope, unitScope } from '../access/actor';
import { AppError } from '../common/errors/app-error';
import { Page, pageOf, whereNameMatches } from '../common/pagination';
import { foldForSearch } from '../common/text/fold';
import { applyChanges, lockForUpdate } from '../common/versioned-update';
import { CreateClusterDto, CreateUnitDto, UnitQueryDto, UpdateUnitDto } from './units.dto';
import { EmulationCluster, Unit } from './unit.entity';
import { UnitRating } from './unit-rating.entity';
import { recordRating, TaskRatingDto } from '../law/task-rating';
import { In } from 'typeorm';

const EDITABLE: (keyof Unit)[] = [
  'code',
  'name',
  'searchName',
  'kind',
  'parentId',
  'clusterId',
  'active',
];
const SORT_COLUMNS = {
  code: 'u.code',
  name: 'u.search_name',
  kind: 'u.kind',
  createdAt: 'u.created_at',
};

@Injectable()
export class UnitsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** Units the actor may see: the authority's, or a unit officer's own unit. */
  private scoped(actor: Actor) {
    const manager = this.db.tx;
    const qb = manager
      .getRepository(Unit)
      .createQueryBuilder('u')
      .where('u.authority_id = :authorityId', { authorityId: authorityScope(actor) });
    const own = unitScope(actor);
    if (own) qb.andWhere('u.id = :ownUnit', { ownUnit: own });
    return qb;
  }

  async list(actor: Actor, query: UnitQueryDto): Promise<Page<Unit>> {
    const qb = whereNameMatches(this.scoped(actor), 'u.search_name', query.q);
    if (query.kind) qb.andWhere('u.kind = :kind', { kind: query.kind });
    if (query.parentId) qb.andWhere('u.parent_id = :parentId', { parentId: query.parentId });
    if (query.clusterId) qb.andWhere('u.cluster_id = :clusterId', { clusterId: query.clusterId });
    if (query.active !== undefined) qb.andWhere('u.active = :active', { active: query.active });
    const order = query.order === 'desc' ? 'DESC' : 'ASC';
    return pageOf(qb.orderBy(SORT_COLUMNS[query.sort], order).addOrderBy('u.code', 'ASC'), query);
  }

  /**
   * Every unit the actor sees (a unit officer: their own), by name, in one
   * read: for the pages that show the whole tree or a choice of units, which
   * paged by offset could skip one added between two pages.
   */
  visibleTo(actor: Actor): Promise<Unit[]> {
    return this.scoped(actor).orderBy(SORT_COLUMNS.name).addOrderBy('u.code').getMany();
  }

  async get(actor: Actor, id: string): Promise<Unit> {
    const unit = await this.scoped(actor).andWhere('u.id = :id', { id }).getOne();
    if (!unit) throw AppError.notFound('Đơn vị');
    return unit;
  }

  /** A unit by id, for another module's record that names it (a dossier's, an officer's unit). */
  byId(id: string): Promise<Unit> {
    return this.db.tx.findOneByOrFail(Unit, { id });
  }

  /** Units by id, for other modules' records that name them (a decision's awardees). */
  byIds(ids: string[]): Promise<Unit[]> {
    return ids.length ? this.db.tx.findBy(Unit, { id: In(ids) }) : Promise.resolve([]);
  }

  /** The unit `id` when it is `unitId` itself or one of its direct children; null otherwise. */
  selfOrChild(id: string, unitId: string): Promise<Unit | null> {
    return this.db.tx
      .getRepository(Unit)
      .createQueryBuilder('u')
      .where('u.id = :id AND (u.id = :own OR u.parent_id = :own)', { id, own: unitId })
      .getOne();
  }

  /** Every unit of an authority (active or not), by code: for imports, which match codes. */
  allOf(authorityId: string): Promise<Unit[]> {
    return this.db.tx.find(Unit, { where: { authorityId }, order: { code: 'ASC' } });
  }

  /**
   * Writes new units with their parents, given by code: a unit recorded
   * (`known`, code → id) or one of `units`, in any order. Every unit first,
   * then each one's parent. In the caller's transaction.
   */
  async insertTree(
    units: (Partial<Unit> & { parentCode: string | null })[],
    known: Map<string, string>,
  ): Promise<void> {
    const saved = await this.db.tx.save(
      Unit,
      units.map(({ parentCode: _p, ...u }) => this.db.tx.create(Unit, u)),
    );
    const ids = new Map(known);
    for (const u of saved) ids.set(u.code.toUpperCase(), u.id);
    for (const [i, u] of units.entries())
      if (u.parentCode)
        await this.db.tx.update(Unit, { id: saved[i].id }, { parentId: ids.get(u.parentCode)! });
  }

  /** A collective's task ratings, newest year first. */
  async ratings(actor: Actor, unitId: string): Promise<UnitRating[]> {
    await this.get(actor, unitId);
    return this.db.tx.find(UnitRating, { where: { unitId }, order: { year: 'DESC' } });
  }

  /** The ratings of these collectives in a year, for the eligibility rules (no scope). */
  ratingsOf(unitIds: string[], year: number): Promise<UnitRating[]> {
    if (!unitIds.length) return Promise.resolve([]);
    return this.db.tx.find(UnitRating, { where: { unitId: In(unitIds), year } });
  }

  /** Records (or corrects) a collective's task rating of a year, with its document; audited. */
  rate(actor: Actor, unitId: string, year: number, dto: TaskRatingDto) {
    return this.db.withTransaction(async () => {
      const unit = await this.get(actor, unitId);
      const { before, saved } = await recordRating(
        this.db.tx,
        UnitRating,
        { unitId },
        {
          authorityId: unit.authorityId,
          year,
          dto,
          recordedBy: actor.userId,
        },
      );
      await this.audit.record(
        actor,
        'unit.rating',
        { type: 'unit', id: unitId },
        { [`rating${year}`]: { from: before, to: dto.rating } },
      );
      return saved;
    });
  }

  /**
   * A unit referenced from a request body (e.g. `unitId` of a person), within
   * the actor's scope; otherwise 400 naming the field.
   */
  async requireReference(actor: Actor, unitId: string, field: string): Promise<Unit> {
    const unit = await this.scoped(actor).andWhere('u.id = :id', { id: unitId }).getOne();
    if (!unit)
      throw AppError.invalidField(
        field,
        'Đơn vị không tồn tại hoặc bạn không có quyền với đơn vị này.',
        'unknownUnit',
      );
    return unit;
  }

  private async assertCodeFree(authorityId: string, code: string, exceptId?: string) {
    const manager = this.db.tx;
    const taken = await manager
      .getRepository(Unit)
      .createQueryBuilder('u')
      .where('u.authority_id = :authorityId AND lower(u.code) = lower(:code)', {
        authorityId,
        code,
      })
      .andWhere(exceptId ? 'u.id <> :exceptId' : 'TRUE', { exceptId })
      .getExists();
    if (taken)
      throw AppError.conflict(`Mã đơn vị "${code}" đã được dùng.`, [
        { field: 'code', message: `Mã đơn vị "${code}" đã được dùng.`, code: 'unique' },
      ]);
  }

  private async assertCluster(authorityId: string, clusterId: string) {
    const manager = this.db.tx;
    const found = await manager
      .getRepository(EmulationCluster)
      .existsBy({ id: clusterId, authorityId });
    if (!found)
      throw AppError.invalidField(
        'clusterId',
        'Cụm, khối thi đua không tồn tại.',
        'unknownCluster',
      );
  }

  /** Refuses a parent that is the unit itself or one of its descendants. */
  private async assertNoCycle(unitId: string, parentId: string) {
    const manager = this.db.tx;
    const rows: { id: string }[] = await manager.query(
      `WITH RECURSIVE ancestors(id, parent_id) AS (
         SELECT id, parent_id FROM units WHERE id = $1
         UNION
         SELECT u.id, u.parent_id FROM units u JOIN ancestors a ON u.id = a.parent_id
       ) SELECT id FROM ancestors WHERE id = $2 LIMIT 1`,
      [parentId, unitId],
    );
    if (rows.length)
      throw AppError.invalidField(
        'parentId',
        'Đơn vị cấp trên không hợp lệ: tạo thành vòng lặp trong cây đơn vị.',
        'cycle',
      );
  }

  create(actor: Actor, dto: CreateUnitDto): Promise<Unit> {
    const authorityId = authorityScope(actor);
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      await this.assertCodeFree(authorityId, dto.code);
      if (dto.parentId) await this.requireReference(actor, dto.parentId, 'parentId');
      if (dto.clusterId) await this.assertCluster(authorityId, dto.clusterId);
      const unit = await manager.save(
        manager.create(Unit, {
          authorityId,
          code: dto.code,
          name: dto.name.trim(),
          searchName: foldForSearch(dto.name),
          kind: dto.kind,
          parentId: dto.parentId ?? null,
          clusterId: dto.clusterId ?? null,
          active: true,
        }),
      );
      await this.audit.record(
        actor,
        'unit.create',
        { type: 'unit', id: unit.id },
        diff(null, unit, EDITABLE),
      );
      return unit;
    });
  }

  update(actor: Actor, id: string, dto: UpdateUnitDto): Promise<Unit> {
    const authorityId = authorityScope(actor);
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const current = await lockForUpdate(
        manager,
        Unit,
        { id, authorityId },
        dto.version,
        'Đơn vị',
      );
      if (dto.code !== undefined && dto.code !== current.code)
        await this.assertCodeFree(authorityId, dto.code, id);
      if (dto.parentId) {
        await this.requireReference(actor, dto.parentId, 'parentId');
        await this.assertNoCycle(id, dto.parentId);
      }
      if (dto.clusterId) await this.assertCluster(authorityId, dto.clusterId);
      const changes: Partial<Unit> = { ...dto, version: undefined } as Partial<Unit>;
      if (dto.name !== undefined)
        Object.assign(changes, { name: dto.name.trim(), searchName: foldForSearch(dto.name) });
      const { saved, changed } = await applyChanges(manager, Unit, current, changes, EDITABLE);
      if (Object.keys(changed).length)
        await this.audit.record(actor, 'unit.update', { type: 'unit', id }, changed);
      return saved;
    });
  }

  listClusters(actor: Actor): Promise<EmulationCluster[]> {
    return this.db.tx
      .getRepository(EmulationCluster)
      .find({ where: { authorityId: authorityScope(actor) }, order: { code: 'ASC' } });
  }

  createCluster(actor: Actor, dto: CreateClusterDto): Promise<EmulationCluster> {
    const authorityId = authorityScope(actor);
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      if (await manager.existsBy(EmulationCluster, { authorityId, code: dto.code })) {
        throw AppError.conflict(`Mã cụm, khối "${dto.code}" đã được dùng.`, [
          { field: 'code', message: 'Mã đã được dùng.', code: 'unique' },
        ]);
      }
      const cluster = await manager.save(manager.create(EmulationCluster, { ...dto, authorityId }));
      await this.audit.record(
        actor,
        'cluster.create',
        { type: 'cluster', id: cluster.id },
        diff(null, cluster, ['code', 'name', 'kind']),
      );
      return cluster;
    });
  }
}
