import request from 'supertest';
import { AuthService } from '../../src/auth/auth.service';
import { Role } from '../../src/access/roles';
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

/** The demo reference data (authorities, units, people, users, movements, award forms), no dossiers. */
export async function seedDemo(t: TestApp): Promise<void> {
  await t.app.get(DemoSeeder).run({ dossiers: false });
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
