import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PasswordService } from '../auth/password.service';
import { Authority } from '../authorities/authority.entity';
import { foldForSearch } from '../common/text/fold';
import { AppConfig } from '../config/app-config';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import { User } from '../users/user.entity';
import { DEMO_AUTHORITIES, DemoAuthority } from './demo-data';

/**
 * Loads the demo data. Idempotent: every record is looked up by its natural
 * key (authority code, unit code, user name, person name + unit) and created
 * only when missing; existing records are left as they are.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('DemoSeeder');

  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly config: AppConfig,
  ) {}

  async run(): Promise<void> {
    const started = Date.now();
    const passwordHash = await this.passwords.hash(this.config.DEMO_PASSWORD);
    let created = 0;
    await this.dataSource.transaction(async (manager) => {
      for (const demo of DEMO_AUTHORITIES)
        created += await this.seedAuthority(manager, demo, passwordHash);
    });
    this.logger.log(`Demo data ready (${created} records created) in ${Date.now() - started} ms`);
  }

  private async seedAuthority(
    manager: EntityManager,
    demo: DemoAuthority,
    passwordHash: string,
  ): Promise<number> {
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
        unit = await manager.save(
          manager.create(Unit, {
            authorityId: authority.id,
            code: u.code,
            name: u.name,
            searchName: foldForSearch(u.name),
            kind: u.kind,
            parentId: u.parent ? units.get(u.parent)!.id : null,
            clusterId: null,
            active: true,
          }),
        );
        created++;
      }
      units.set(u.code, unit);
    }
    for (const { unit: unitCode, ...p } of demo.people) {
      const unitId = units.get(unitCode)!.id;
      if (!(await manager.existsBy(Person, { unitId, fullName: p.fullName }))) {
        await manager.save(
          manager.create(Person, {
            ...p,
            unitId,
            authorityId: authority.id,
            searchName: foldForSearch(p.fullName),
          }),
        );
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
            active: true,
            mustChangePassword: false,
            passwordHash,
          }),
        );
        created++;
      }
    }
    return created;
  }
}
