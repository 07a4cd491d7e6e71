import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { Db } from '../database/transactions';
import { PasswordService } from '../users/password.service';
import { Authority } from '../authorities/authority.entity';
import { foldForSearch } from '../common/text/fold';
import { AppConfig } from '../config/app-config';
import { Person } from '../people/person.entity';
import { PersonRating } from '../people/person-rating.entity';
import { TaskRating } from '../law/eligibility';
import { YearRating } from '../law/task-rating';
import { Unit } from '../units/unit.entity';
import { UnitRating } from '../units/unit-rating.entity';
import { User } from '../users/user.entity';
import {
  CriteriaSet,
  Criterion,
  Movement,
  MovementStatus,
  ReviewRound,
  SubjectKind,
} from '../movements/movement.entity';
import { Registration, RegistrationStatus } from '../registrations/registration.entity';
import { DEMO_AUTHORITIES, DemoAuthority } from './demo-data';
import { DemoWorkflow } from './demo-workflow';
import { DEMO_MOVEMENTS, DemoMovement } from './demo-movements';
import { demoAwardForms, DEMO_BASE_SALARIES, DEMO_HOLIDAYS } from './demo-awards';
import { AwardForm, BaseSalary } from '../awards/award-form.entity';
import { Holiday } from '../calendar/holiday.entity';

/**
 * Loads the demo data. Idempotent: every record is looked up by its natural
 * key (authority code, unit code, user name, person name + unit) and created
 * only when missing; existing records are left as they are.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('DemoSeeder');

  constructor(
    private readonly db: Db,
    private readonly passwords: PasswordService,
    private readonly config: AppConfig,
    private readonly workflow: DemoWorkflow,
  ) {}

  /** `dossiers: false` loads the reference data only (test fixtures build their own dossiers). */
  async run(options: { dossiers: boolean } = { dossiers: true }): Promise<void> {
    const started = Date.now();
    const passwordHash = await this.passwords.hash(this.config.DEMO_PASSWORD);
    let created = 0;
    await this.db.withTransaction(async () => {
      for (const demo of DEMO_AUTHORITIES) created += await this.seedAuthority(demo, passwordHash);
      for (const demo of DEMO_MOVEMENTS) created += await this.seedMovement(demo);
      created += await this.trustTestCa();
    });
    if (options.dossiers) await this.workflow.run();
    this.logger.log(`Demo data ready (${created} records created) in ${Date.now() - started} ms`);
  }

  /**
   * With the test PKI's keys (what `npm run demo` uses), each demo authority
   * trusts the test CA, so that the demo's signatures check as valid.
   */
  private async trustTestCa(): Promise<number> {
    const dir = this.config.SIGNING_KEYS_DIR;
    const pem = dir ? await readFile(join(dir, 'ca.pem'), 'utf8').catch(() => null) : null;
    if (!pem) return 0;
    const der = Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64');
    const sha256 = createHash('sha256').update(der).digest('hex');
    const rows: unknown[] = await this.db.tx.query(
      `INSERT INTO trusted_cas (authority_id, subject, sha256, pem, valid_to, added_by)
       SELECT DISTINCT ON (a.id) a.id, 'CA thử nghiệm Thi đua (dữ liệu mẫu)', $1, $2, '2039-12-31', u.id
         FROM authorities a
         JOIN users u ON u.authority_id = a.id AND u.role = 'admin'
        WHERE a.code = ANY($3)
       ON CONFLICT (authority_id, sha256) DO NOTHING
       RETURNING id`,
      [sha256, pem, DEMO_AUTHORITIES.map((d) => d.code)],
    );
    return rows.length;
  }

  private async seedAuthority(demo: DemoAuthority, passwordHash: string): Promise<number> {
    const manager = this.db.tx;
    let created = 0;
    let authority = await manager.findOneBy(Authority, { code: demo.code });
    if (!authority) {
      const { units: _u, people: _p, users: _s, ...fields } = demo;
      authority = await manager.save(
        manager.create(Authority, {
          ...fields,
          signingTitles: {
            collective: 'TM. ỦY BAN NHÂN DÂN',
            chairman: 'CHỦ TỊCH',
            viceChairman: 'PHÓ CHỦ TỊCH',
            onBehalf: 'KT. CHỦ TỊCH',
          },
        }),
      );
      created++;
    }
    const units = new Map<string, Unit>();
    for (const u of demo.units) {
      let unit = await manager.findOneBy(Unit, { authorityId: authority.id, code: u.code });
      if (!unit) {
        unit = await this.seedUnit(authority.id, u, units);
        created++;
      }
      units.set(u.code, unit);
    }
    for (const { unit: unitCode, ...p } of demo.people) {
      const unitId = units.get(unitCode)!.id;
      if (!(await manager.existsBy(Person, { unitId, fullName: p.fullName }))) {
        const person = await manager.save(
          manager.create(Person, {
            ...p,
            unitId,
            authorityId: authority.id,
            searchName: foldForSearch(p.fullName),
          }),
        );
        await this.rate(PersonRating, { personId: person.id }, authority.id, TaskRating.Excellent);
        created++;
      }
    }
    for (const u of demo.users) {
      if (!(await manager.existsBy(User, { username: u.username }))) {
        await manager.save(
          manager.create(User, {
            username: u.username,
            fullName: u.fullName,
            role: u.role,
            authorityId: authority.id,
            unitId: u.unit ? units.get(u.unit)!.id : null,
            personId: u.person
              ? ((
                  await manager.findOneBy(Person, { authorityId: authority.id, fullName: u.person })
                )?.id ?? null)
              : null,
            active: true,
            mustChangePassword: false,
            passwordHash,
          }),
        );
        created++;
      }
    }
    return created + (await this.seedAwards(authority));
  }

  /** A unit of the demo, with its demo task ratings of the years the demo rounds cover. */
  private async seedUnit(
    authorityId: string,
    u: DemoAuthority['units'][number],
    units: Map<string, Unit>,
  ): Promise<Unit> {
    const manager = this.db.tx;
    const unit = await manager.save(
      manager.create(Unit, {
        authorityId: authorityId,
        code: u.code,
        name: u.name,
        searchName: foldForSearch(u.name),
        kind: u.kind,
        parentId: u.parent ? units.get(u.parent)!.id : null,
        clusterId: null,
        active: true,
      }),
    );
    await this.rate(UnitRating, { unitId: unit.id }, authorityId, TaskRating.Good);
    return unit;
  }

  /** Demo task ratings of the years the demo rounds cover (annual titles rest on them). */
  private async rate<T extends YearRating>(
    entity: new () => T,
    subject: Partial<T>,
    authorityId: string,
    rating: TaskRating,
  ): Promise<void> {
    for (const year of [2025, 2026])
      await this.db.tx.insert(entity, {
        ...subject,
        authorityId,
        year,
        rating,
        reference: `Quyết định đánh giá, xếp loại năm ${year} (dữ liệu mẫu)`,
        recordedBy: null,
      } as never);
  }

  /** Award forms, base salaries and holidays of an authority (by code, date). */
  private async seedAwards(authority: Authority): Promise<number> {
    const manager = this.db.tx;
    const authorityId = authority.id;
    let created = 0;
    const forms = demoAwardForms(
      authority.level === 'commune' ? 'xã' : 'huyện',
      authority.provinceName.startsWith('thành phố') ? 'thành phố' : 'tỉnh',
    );
    for (const form of forms) {
      if (!(await manager.existsBy(AwardForm, { authorityId, code: form.code }))) {
        await manager.save(manager.create(AwardForm, { ...form, authorityId, active: true }));
        created++;
      }
    }
    for (const salary of DEMO_BASE_SALARIES) {
      if (
        !(await manager.existsBy(BaseSalary, { authorityId, effectiveFrom: salary.effectiveFrom }))
      ) {
        await manager.save(manager.create(BaseSalary, { ...salary, authorityId }));
        created++;
      }
    }
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Holiday)
      .values(DEMO_HOLIDAYS.map((h) => ({ ...h, authorityId })))
      .orIgnore()
      .execute();
    return created + result.identifiers.filter(Boolean).length;
  }

  private async seedMovement(demo: DemoMovement): Promise<number> {
    const manager = this.db.tx;
    const authority = await manager.findOneByOrFail(Authority, { code: demo.authority });
    if (await manager.existsBy(Movement, { authorityId: authority.id, title: demo.title }))
      return 0;
    let created = 1;
    const movement = await manager.save(
      manager.create(Movement, {
        authorityId: authority.id,
        title: demo.title,
        legalBases: demo.legalBases,
        contentAreas: demo.contentAreas,
        phases: demo.phases,
        launchDate: demo.launchDate,
        registrationDeadline: demo.registrationDeadline,
        status: demo.launched ? MovementStatus.Launched : MovementStatus.Draft,
      }),
    );
    for (const round of demo.rounds) {
      await manager.save(
        manager.create(ReviewRound, { ...round, movementId: movement.id, closed: false }),
      );
      created++;
    }
    for (const [subjectKind, criteria] of Object.entries(demo.criteria)) {
      const set = await manager.save(
        manager.create(CriteriaSet, {
          movementId: movement.id,
          subjectKind: subjectKind as SubjectKind,
          version: 1,
        }),
      );
      await manager.save(
        criteria.map((c, position) =>
          manager.create(Criterion, { ...c, criteriaSetId: set.id, position }),
        ),
      );
      created += 1 + criteria.length;
    }
    for (const code of demo.registered) {
      const unit = await manager.findOneByOrFail(Unit, { authorityId: authority.id, code });
      await manager.save(
        manager.create(Registration, {
          movementId: movement.id,
          authorityId: authority.id,
          unitId: unit.id,
          status: RegistrationStatus.Registered,
          commitments: `${unit.name} đăng ký thực hiện đầy đủ các tiêu chuẩn thi đua của phong trào "${demo.title}".`,
          targets: [],
          personIds: [],
          pilot: demo.pilots.includes(code),
          registeredAt: new Date(`${demo.registrationDeadline}T09:00:00+07:00`),
          withdrawnAt: null,
        }),
      );
      created++;
    }
    return created;
  }
}
