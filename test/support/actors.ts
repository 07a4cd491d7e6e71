import request from 'supertest';
import { AuthService } from '../../src/auth/auth.service';
import { Role } from '../../src/access/roles';
import { DataSource } from 'typeorm';
import { DemoSeeder } from '../../src/demo/demo.seeder';
import { Unit } from '../../src/units/unit.entity';
import { User } from '../../src/users/user.entity';
import { TestApp } from './test-app';

export const DEMO_PASSWORD = 'ThiDua@2025';

/** One demo user per role. */
export const USER_BY_ROLE: Record<Role, string> = {
  [Role.Admin]: 'admin',
  [Role.HomeAffairs]: 'noivu',
  [Role.CouncilMember]: 'hoidong',
  [Role.Chairman]: 'chutich',
  [Role.ViceChairman]: 'phochutich',
  [Role.Coordinator]: 'vhtt',
  [Role.UnitOfficer]: 'hungdao',
};

/** One user per role of the demo commune created by the reform, where the full demo's dossiers are. */
export const COMMUNE_USER_BY_ROLE: Record<Role, string> = {
  [Role.Admin]: 'thinhan.admin',
  [Role.HomeAffairs]: 'thinhan.noivu',
  [Role.CouncilMember]: 'thinhan.hoidong',
  [Role.Chairman]: 'thinhan.chutich',
  [Role.ViceChairman]: 'thinhan.phochutich',
  [Role.Coordinator]: 'thinhan.vhxh',
  [Role.UnitOfficer]: 'thinhan.pvhcc',
};

/**
 * The demo reference data (authorities, units, people, users, movements,
 * award forms), no dossiers. The tests run the demo's districts as if still
 * in office (their life ends on 30/06/2025 in the demo): the fixtures act on
 * today's date with Tứ Kỳ's users; the end of an authority's life is tested
 * on its own (decisions.spec) and on the full demo (demo.spec).
 */
export async function seedDemo(t: Pick<TestApp, 'app'>): Promise<void> {
  await t.app.get(DemoSeeder).run({ dossiers: false });
  await t.app
    .get(DataSource)
    .query(
      "UPDATE authorities SET valid_to = NULL, successor_code = NULL WHERE level = 'district'",
    );
}

/** A fresh session for a demo user, without going through the password. */
export async function tokenFor(t: TestApp, username: string): Promise<string> {
  const user = await t.dataSource.getRepository(User).findOneByOrFail({ username });
  return (await t.app.get(AuthService).issueSession(user)).accessToken;
}

/** Requests carrying a bearer token. */
export function api(t: TestApp, token: string) {
  const auth = (r: request.Test) => r.set('Authorization', `Bearer ${token}`);
  return {
    get: (url: string) => auth(request(t.http).get(url)),
    post: (url: string) => auth(request(t.http).post(url)),
    patch: (url: string) => auth(request(t.http).patch(url)),
    put: (url: string) => auth(request(t.http).put(url)),
    delete: (url: string) => auth(request(t.http).delete(url)),
  };
}

export async function unitId(t: TestApp, authorityCode: string, unitCode: string): Promise<string> {
  const rows: { id: string }[] = await t.dataSource.query(
    'SELECT u.id FROM units u JOIN authorities a ON a.id = u.authority_id WHERE a.code = $1 AND u.code = $2',
    [authorityCode, unitCode],
  );
  if (rows.length !== 1) throw new Error(`no unit ${authorityCode}/${unitCode}`);
  return rows[0].id;
}

export async function countRows(t: TestApp, table: string): Promise<number> {
  const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM "${table}"`);
  return n;
}

export { Unit, User };
