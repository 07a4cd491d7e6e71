import request from 'supertest';
import { api, countRows, DEMO_PASSWORD, seedDemo, tokenFor } from '../support/actors';
import { createTestApp, TestApp } from '../support/test-app';

describe('audit trail', () => {
  let t: TestApp;
  let admin: ReturnType<typeof api>;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    admin = api(t, await tokenFor(t, 'admin'));
  });
  afterAll(() => t.close());

  it('records who changed what, with before/after and the request id', async () => {
    const created = await admin
      .post('/api/units')
      .set('X-Request-Id', 'req-audit-create-1')
      .send({ code: 'P-YTE', name: 'Phòng Y tế', kind: 'department' })
      .expect(201);
    await admin
      .patch(`/api/units/${created.body.id}`)
      .set('X-Request-Id', 'req-audit-update-1')
      .send({ name: 'Phòng Y tế huyện' })
      .expect(200);

    const trail = (
      await admin.get(`/api/audit?targetType=unit&targetId=${created.body.id}`).expect(200)
    ).body;
    expect(trail.total).toBe(2);
    const [update, create] = trail.items;
    expect(create).toMatchObject({
      action: 'unit.create',
      actorUsername: 'admin',
      role: 'admin',
      requestId: 'req-audit-create-1',
      changes: { code: { from: null, to: 'P-YTE' }, name: { from: null, to: 'Phòng Y tế' } },
    });
    expect(update).toMatchObject({
      action: 'unit.update',
      requestId: 'req-audit-update-1',
      changes: { name: { from: 'Phòng Y tế', to: 'Phòng Y tế huyện' } },
    });
    expect(Object.keys(update.changes).sort()).toEqual(['name', 'searchName']);
  });

  it('records sign-ins, password changes and resets without any password', async () => {
    const login = await request(t.http)
      .post('/api/auth/login')
      .send({ username: 'vhtt', password: DEMO_PASSWORD })
      .expect(200);
    await api(t, login.body.accessToken)
      .post('/api/auth/password')
      .send({ currentPassword: DEMO_PASSWORD, newPassword: 'VanHoa2026x' })
      .expect(204);
    const [{ id }] = await t.dataSource.query("SELECT id FROM users WHERE username = 'vhtt'");
    await admin
      .post(`/api/users/${id}/reset-password`)
      .send({ newPassword: 'TamThoi2026' })
      .expect(204);

    const rows = await t.dataSource.query(
      'SELECT action, changes::text AS changes FROM audit_records WHERE target_id = $1 ORDER BY id',
      [id],
    );
    expect(rows.map((r: { action: string }) => r.action)).toEqual([
      'auth.login',
      'auth.password_change',
      'user.password_reset',
    ]);
    for (const row of rows) expect(row.changes).not.toMatch(/ThiDua|VanHoa|TamThoi|argon2/);
  });

  it('writes nothing when a change is refused', async () => {
    const before = await countRows(t, 'audit_records');
    await admin
      .post('/api/units')
      .send({ code: 'P-YTE', name: 'Trùng', kind: 'department' })
      .expect(409);
    await admin.post('/api/units').send({ code: '', name: 'X', kind: 'khong-co' }).expect(400);
    expect(await countRows(t, 'audit_records')).toBe(before);
  });

  it('cannot be changed or deleted, even with SQL', async () => {
    await expect(t.dataSource.query("UPDATE audit_records SET action = 'forged'")).rejects.toThrow(
      /append-only/,
    );
    await expect(t.dataSource.query('DELETE FROM audit_records')).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('TRUNCATE audit_records')).rejects.toThrow(/append-only/);
    const [{ forged }] = await t.dataSource.query(
      "SELECT count(*)::int AS forged FROM audit_records WHERE action = 'forged'",
    );
    expect(forged).toBe(0);
  });

  it('offers no route that changes it, and shows each authority only its own records', async () => {
    const doc = (await admin.get('/api/docs-json').expect(200)).body;
    const auditRoutes = Object.entries<Record<string, unknown>>(doc.paths).filter(([p]) =>
      p.includes('audit'),
    );
    expect(auditRoutes.flatMap(([, ops]) => Object.keys(ops))).toEqual(['get']);

    const theirs = (
      await api(t, await tokenFor(t, 'tanhong.admin'))
        .get('/api/audit?limit=100')
        .expect(200)
    ).body;
    const [{ id: tanHong }] = await t.dataSource.query(
      "SELECT id FROM authorities WHERE code = 'tan-hong'",
    );
    expect(theirs.items.every((r: { authorityId: string }) => r.authorityId === tanHong)).toBe(
      true,
    );
    await api(t, await tokenFor(t, 'hungdao'))
      .get('/api/audit')
      .expect(403);
  });
});
