import request from 'supertest';
import { api, countRows, seedDemo, tokenFor, unitId } from '../support/actors';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Tân Hồng set up as a new authority would, through the API only: its admin
 * creates the users of every role, and each of them signs in.
 */
describe('a new authority sets itself up', () => {
  let t: TestApp;
  let admin: ReturnType<typeof api>;
  let saRaiId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    admin = api(t, await tokenFor(t, 'tanhong.admin'));
    saRaiId = await unitId(t, 'tan-hong', 'TT-SARAI');
  });
  afterAll(() => t.close());

  const roles = [
    ['th.chutich', 'chairman'],
    ['th.phochutich', 'vice_chairman'],
    ['th.hoidong1', 'council_member'],
    ['th.vhtt', 'coordinator'],
    ['th.noivu2', 'home_affairs'],
    ['th.admin2', 'admin'],
  ] as const;

  it('its admin creates a user of every role, stored, audited and able to sign in', async () => {
    const before = await countRows(t, 'users');
    for (const [username, role] of roles) {
      const res = await admin
        .post('/api/users')
        .send({ username, fullName: 'Nguyễn Văn Thử', role, password: 'BanDau2026' })
        .expect(201);
      expect(res.body).toMatchObject({ username, role, unitId: null, mustChangePassword: true });
      expect(res.body.passwordHash).toBeUndefined();
    }
    const officer = await admin
      .post('/api/users')
      .send({
        username: 'th.sarai2',
        fullName: 'Lê Thị Cán Bộ',
        role: 'unit_officer',
        unitId: saRaiId,
        password: 'BanDau2026',
      })
      .expect(201);
    expect(officer.body.unitId).toBe(saRaiId);
    expect(await countRows(t, 'users')).toBe(before + roles.length + 1);
    const listed = await admin.get('/api/users?q=th.&limit=100').expect(200);
    expect(listed.body.total).toBe(roles.length + 1);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_records WHERE action = 'user.create'`,
    );
    expect(n).toBe(roles.length + 1);

    // The new chairman signs in, must change the initial password, then works.
    const login = await request(t.http)
      .post('/api/auth/login')
      .send({ username: 'th.chutich', password: 'BanDau2026' })
      .expect(200);
    const chairman = api(t, login.body.accessToken);
    const me = await chairman.get('/api/auth/me').expect(200);
    expect(me.body).toMatchObject({ role: 'chairman', mustChangePassword: true });
    await chairman.get('/api/dossiers').expect(403);
    await chairman
      .post('/api/auth/password')
      .send({ currentPassword: 'BanDau2026', newPassword: 'MatKhauMoi2026' })
      .expect(204);
  });

  it('a taken user name answers 409 naming the field and stores nothing', async () => {
    const before = await countRows(t, 'users');
    const res = await admin
      .post('/api/users')
      .send({ username: 'sarai', fullName: 'Trùng Tên', role: 'admin', password: 'BanDau2026' })
      .expect(409);
    expect(res.body.details[0]).toMatchObject({ field: 'username', code: 'unique' });
    expect(await countRows(t, 'users')).toBe(before);
  });
});
