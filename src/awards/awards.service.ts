import { Injectable } from '@nestjs/common';
import { Db } from '../database/transactions';
import { In, LessThanOrEqual } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { diff } from '../common/diff';
import { Actor, authorityScope } from '../access/actor';
import { AppError } from '../common/errors/app-error';
import { applyChanges, lockForUpdate } from '../common/versioned-update';
import { AwardForm, BaseSalary } from './award-form.entity';
import { RecordedAward } from './recorded-award.entity';
import {
  CreateAwardFormDto,
  CreateBaseSalaryDto,
  RecordAwardDto,
  UpdateAwardFormDto,
} from './awards.dto';
import { foldForSearch } from '../common/text/fold';
import { formatVietnameseDate } from '../common/dates';

const EDITABLE: (keyof AwardForm)[] = [
  'name',
  'recipientKinds',
  'commendationKinds',
  'voteRequired',
  'voteQuorum',
  'voteApproval',
  'procedure',
  'moneyMultiplier',
  'lawTitle',
  'quotaPerUnit',
  'quotaCitation',
  'active',
];

/** A vote needs both shares; no vote needs neither. A quota needs the document that sets it. */
function checkVoteRule(
  form: Pick<
    AwardForm,
    'voteRequired' | 'voteQuorum' | 'voteApproval' | 'quotaPerUnit' | 'quotaCitation'
  >,
): void {
  if (form.quotaPerUnit !== null && !form.quotaCitation?.trim())
    throw AppError.invalidField(
      'quotaCitation',
      'Chỉ tiêu phải có văn bản căn cứ (số, ngày, cơ quan ban hành): luật không đặt chỉ tiêu mặc định.',
      'required',
    );
  if (form.voteRequired && (form.voteQuorum === null || form.voteApproval === null)) {
    throw AppError.invalidField(
      'voteApproval',
      'Hình thức cần Hội đồng bỏ phiếu phải có tỷ lệ có mặt (voteQuorum) và tỷ lệ đồng ý (voteApproval).',
      'required',
    );
  }
}

/** A recorded award's natural key: the awardee (folded), the form, the decision's number and date. */
export const recordedKey = (searchName: string, form: string, number: string, date: string) =>
  `${searchName}|${form.toLocaleLowerCase('vi')}|${number.toUpperCase()}|${date}`;

@Injectable()
export class AwardsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  list(actor: Actor): Promise<AwardForm[]> {
    return this.db.tx
      .getRepository(AwardForm)
      .find({ where: { authorityId: authorityScope(actor) }, order: { code: 'ASC' } });
  }

  /** A form of the actor's authority, referenced from a request body; 400 naming `field` otherwise. */
  /** Award forms by id, for other modules' records that name them (a decision's nominees). */
  formsByIds(ids: string[]): Promise<AwardForm[]> {
    return ids.length ? this.db.tx.findBy(AwardForm, { id: In(ids) }) : Promise.resolve([]);
  }

  async requireForm(actor: Actor, id: string, field: string): Promise<AwardForm> {
    const manager = this.db.tx;
    const form = await manager.findOneBy(AwardForm, { id, authorityId: authorityScope(actor) });
    if (!form)
      throw AppError.invalidField(
        field,
        'Hình thức khen thưởng không tồn tại.',
        'unknownAwardForm',
      );
    return form;
  }

  create(actor: Actor, dto: CreateAwardFormDto): Promise<AwardForm> {
    const authorityId = authorityScope(actor);
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      if (await manager.existsBy(AwardForm, { authorityId, code: dto.code })) {
        throw AppError.conflict(`Mã hình thức "${dto.code}" đã được dùng.`, [
          { field: 'code', code: 'unique', message: 'Mã đã được dùng.' },
        ]);
      }
      const form = manager.create(AwardForm, {
        ...dto,
        authorityId,
        voteRequired: dto.voteRequired ?? false,
        voteQuorum: dto.voteQuorum ?? null,
        voteApproval: dto.voteApproval ?? null,
        moneyMultiplier: dto.moneyMultiplier ?? 0,
        quotaPerUnit: dto.quotaPerUnit ?? null,
        quotaCitation: dto.quotaCitation?.trim() || null,
        lawTitle: dto.lawTitle ?? null,
        active: true,
      });
      checkVoteRule(form);
      const saved = await manager.save(form);
      await this.audit.record(
        actor,
        'award_form.create',
        { type: 'award_form', id: saved.id },
        diff(null, saved, ['code', ...EDITABLE]),
      );
      return saved;
    });
  }

  update(actor: Actor, id: string, dto: UpdateAwardFormDto): Promise<AwardForm> {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const current = await lockForUpdate(
        manager,
        AwardForm,
        { id, authorityId: authorityScope(actor) },
        dto.version,
        'Hình thức khen thưởng',
      );
      const next = { ...current, ...dto };
      checkVoteRule(next);
      const { saved, changed } = await applyChanges(
        manager,
        AwardForm,
        current,
        { ...dto, version: undefined } as Partial<AwardForm>,
        EDITABLE,
      );
      if (Object.keys(changed).length)
        await this.audit.record(actor, 'award_form.update', { type: 'award_form', id }, changed);
      return saved;
    });
  }

  /**
   * The awards recorded from elsewhere, by natural key "folded name|form|
   * decision number|date": what an import leaves alone.
   */
  async recordedKeysOf(authorityId: string): Promise<Set<string>> {
    const rows: { name: string; form: string; nr: string; on: string }[] = await this.db.tx.query(
      'SELECT search_name AS name, form_name AS form, decision_number AS nr, decision_date::text AS on FROM recorded_awards WHERE authority_id = $1',
      [authorityId],
    );
    return new Set(rows.map((r) => recordedKey(r.name, r.form, r.nr, r.on)));
  }

  /** Writes awards recorded from elsewhere, checked by an import, in the caller's transaction. */
  async insertRecorded(awards: Partial<RecordedAward>[]): Promise<void> {
    await this.db.tx.insert(RecordedAward, awards);
  }

  /**
   * One award decided elsewhere (a higher level's decision on a forwarded
   * nominee), in the caller's transaction; already recorded (the same
   * awardee, form and decision, e.g. imported): left as it is.
   */
  /**
   * An award decided elsewhere, entered by hand for one awardee (a person, a
   * collective or a household of the authority): it joins their record and
   * counts for the rules on earlier awards. The same decision twice: 409. Audited.
   */
  recordElsewhere(
    actor: Actor,
    awardee: Pick<RecordedAward, 'recipientKind' | 'personId' | 'unitId' | 'awardeeName'>,
    dto: RecordAwardDto,
    today: string,
  ): Promise<RecordedAward> {
    if (dto.date > today)
      throw AppError.invalidField('date', 'Ngày quyết định không được sau hôm nay.', 'future');
    return this.db.withTransaction(async () => {
      const inserted = await this.db.tx
        .createQueryBuilder()
        .insert()
        .into(RecordedAward)
        .values({
          ...awardee,
          authorityId: authorityScope(actor),
          searchName: foldForSearch(awardee.awardeeName),
          formName: dto.formName.trim(),
          lawTitle: null,
          decisionNumber: dto.number.trim(),
          decisionDate: dto.date,
          decidedBy: dto.decidedBy.trim(),
          year: Number(dto.date.slice(0, 4)),
        })
        .orIgnore()
        .returning('id')
        .execute();
      const id = (inserted.raw as { id: string }[])[0]?.id;
      if (!id)
        throw AppError.conflict(
          `Khen thưởng theo Quyết định số ${dto.number.trim()} ngày ${formatVietnameseDate(dto.date)} của ${awardee.awardeeName} đã được ghi nhận.`,
        );
      await this.audit.record(
        actor,
        'recorded_award.create',
        { type: awardee.personId ? 'person' : 'unit', id: awardee.personId ?? awardee.unitId },
        { award: { from: null, to: `${dto.formName.trim()} (${dto.number.trim()})` } },
      );
      return this.db.tx.findOneByOrFail(RecordedAward, { id });
    });
  }

  async recordOne(award: Partial<RecordedAward>): Promise<void> {
    await this.db.tx
      .createQueryBuilder()
      .insert()
      .into(RecordedAward)
      .values(award)
      .orIgnore()
      .execute();
  }

  listBaseSalaries(actor: Actor): Promise<BaseSalary[]> {
    return this.db.tx
      .getRepository(BaseSalary)
      .find({ where: { authorityId: authorityScope(actor) }, order: { effectiveFrom: 'DESC' } });
  }

  /** The base salary in force on a date (null before the first one). */
  async baseSalaryOn(authorityId: string, date: string): Promise<number | null> {
    const manager = this.db.tx;
    const row = await manager.getRepository(BaseSalary).findOne({
      where: { authorityId, effectiveFrom: LessThanOrEqual(date) },
      order: { effectiveFrom: 'DESC' },
    });
    return row?.amount ?? null;
  }

  addBaseSalary(actor: Actor, dto: CreateBaseSalaryDto): Promise<BaseSalary> {
    const authorityId = authorityScope(actor);
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      if (await manager.existsBy(BaseSalary, { authorityId, effectiveFrom: dto.effectiveFrom })) {
        throw AppError.conflict('Đã có mức lương cơ sở áp dụng từ ngày này.', [
          { field: 'effectiveFrom', code: 'unique', message: 'Ngày áp dụng đã có.' },
        ]);
      }
      const saved = await manager.save(manager.create(BaseSalary, { ...dto, authorityId }));
      await this.audit.record(
        actor,
        'base_salary.add',
        { type: 'base_salary', id: saved.id },
        diff(null, saved, ['amount', 'effectiveFrom']),
      );
      return saved;
    });
  }
}
