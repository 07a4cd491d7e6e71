import { api, countRows, seedDemo, tokenFor, unitId } from '../support/actors';
import { createTestApp, TestApp } from '../support/test-app';

type Api = ReturnType<typeof api>;

describe('organisation: scoping, isolation, bad input, search', () => {
  let t: TestApp;
  let admin: Api;
  let noivu: Api;
  let hungdao: Api;
  let tanhong: Api;
  let hungDaoId: string;
  let daiSonId: string;
  let doanTnId: string;
  let saRaiId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    admin = api(t, await tokenFor(t, 'admin'));
    noivu = api(t, await tokenFor(t, 'noivu'));
    hungdao = api(t, await tokenFor(t, 'hungdao'));
    tanhong = api(t, await tokenFor(t, 'tanhong.admin'));
    hungDaoId = await unitId(t, 'tu-ky', 'XA-HUNGDAO');
    daiSonId = await unitId(t, 'tu-ky', 'XA-DAISON');
    doanTnId = await unitId(t, 'tu-ky', 'HD-DOANTN');
    saRaiId = await unitId(t, 'tan-hong', 'TT-SARAI');
  });
  afterAll(() => t.close());

  async function personOf(unit: string): Promise<string> {
    const [row] = await t.dataSource.query('SELECT id FROM people WHERE unit_id = $1 LIMIT 1', [
      unit,
    ]);
    return row.id;
  }

  it('seeding the demo data again changes nothing', async () => {
    const before = await Promise.all(
      ['units', 'people', 'users', 'authorities'].map((x) => countRows(t, x)),
    );
    await seedDemo(t);
    const after = await Promise.all(
      ['units', 'people', 'users', 'authorities'].map((x) => countRows(t, x)),
    );
    expect(after).toEqual(before);
  });

  it('a unit officer sees only their own unit and its people', async () => {
    const units = (await hungdao.get('/api/units').expect(200)).body;
    expect(units.items.map((u: { id: string }) => u.id)).toEqual([hungDaoId]);
    expect(units.total).toBe(1);
    const people = (await hungdao.get('/api/people?limit=100').expect(200)).body;
    expect(people.total).toBe(4);
    expect(people.items.every((p: { unitId: string }) => p.unitId === hungDaoId)).toBe(true);
  });

  it("another unit's records answer 404 to a unit officer, and stay unchanged", async () => {
    const other = await personOf(daiSonId);
    const res = await hungdao.get(`/api/units/${daiSonId}`).expect(404);
    expect(res.body.message).toBe('Đơn vị không tồn tại hoặc bạn không có quyền truy cập.');
    await hungdao.get(`/api/people/${other}`).expect(404);
    await hungdao.patch(`/api/people/${other}`).send({ position: 'Bị sửa trái phép' }).expect(404);
    const [row] = await t.dataSource.query('SELECT position FROM people WHERE id = $1', [other]);
    expect(row.position).toBe('Phó Chủ tịch UBND xã');
    const create = await hungdao
      .post('/api/people')
      .send({ fullName: 'Người Ngoài', gender: 'male', birthYear: 1990, unitId: daiSonId })
      .expect(400);
    expect(create.body.details[0]).toMatchObject({ field: 'unitId', code: 'unknownUnit' });
  });

  it('authorities are isolated: another authority answers 404 and its lists are its own', async () => {
    await tanhong.get(`/api/units/${hungDaoId}`).expect(404);
    await tanhong.patch(`/api/units/${hungDaoId}`).send({ name: 'Chiếm quyền' }).expect(404);
    const users = (await admin.get('/api/users?limit=100').expect(200)).body;
    const someTuKyUser = users.items[0].id;
    await tanhong.get(`/api/users/${someTuKyUser}`).expect(404);
    const theirUnits = (await tanhong.get('/api/units?limit=100').expect(200)).body;
    expect(theirUnits.total).toBe(6);
    expect((await tanhong.get('/api/authority').expect(200)).body.placeName).toBe('Tân Hồng');
    const [row] = await t.dataSource.query('SELECT name FROM units WHERE id = $1', [hungDaoId]);
    expect(row.name).toBe('UBND xã Hưng Đạo');
  });

  it('refuses mass-assignment of authorityId, role and unitId, and saves nothing', async () => {
    const before = await countRows(t, 'units');
    const res = await admin
      .post('/api/units')
      .send({
        code: 'P-MOI',
        name: 'Phòng Mới',
        kind: 'department',
        authorityId: '00000000-0000-0000-0000-000000000000',
      })
      .expect(400);
    expect(res.body.details).toContainEqual(
      expect.objectContaining({ field: 'authorityId', code: 'whitelistValidation' }),
    );
    expect(await countRows(t, 'units')).toBe(before);

    const person = await personOf(hungDaoId);
    await hungdao.patch(`/api/people/${person}`).send({ authorityId: saRaiId }).expect(400);
    await hungdao.patch('/api/auth/me').send({ role: 'admin' }).expect(404);
    await hungdao.post('/api/users').send({ username: 'x', role: 'admin' }).expect(403);
  });

  it('refuses a duplicate unit code with 409 naming the field', async () => {
    const res = await admin
      .post('/api/units')
      .send({ code: 'xa-hungdao', name: 'Trùng mã', kind: 'commune' })
      .expect(409);
    expect(res.body.details[0]).toMatchObject({ field: 'code', code: 'unique' });
    // The same code is free in another authority.
    await tanhong
      .post('/api/units')
      .send({ code: 'XA-HUNGDAO', name: 'Xã khác', kind: 'commune' })
      .expect(201);
  });

  it('is safe under concurrent requests: one create per code, one edit per version', async () => {
    const creates = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        admin
          .post('/api/units')
          .send({ code: 'P-DONGTHOI', name: `Phòng đồng thời ${i}`, kind: 'department' }),
      ),
    );
    const statuses = creates.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    for (const lost of creates.filter((r) => r.status === 409)) {
      expect(lost.body.details).toContainEqual(
        expect.objectContaining({ field: 'code', code: 'unique' }),
      );
    }
    const [{ n }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM units WHERE code = 'P-DONGTHOI'",
    );
    expect(n).toBe(1);

    const id = creates.find((r) => r.status === 201)!.body.id;
    const edits = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        admin.patch(`/api/units/${id}`).send({ name: `Tên ${i}`, version: 1 }),
      ),
    );
    expect(edits.filter((r) => r.status === 200)).toHaveLength(1);
    expect(edits.filter((r) => r.status === 409)).toHaveLength(7);
    const audits = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_records WHERE target_id = $1 AND action = 'unit.update'",
      [id],
    );
    expect(audits[0].n).toBe(1);
  });

  it('refuses cycles in the unit tree', async () => {
    const own = await admin
      .patch(`/api/units/${hungDaoId}`)
      .send({ parentId: hungDaoId })
      .expect(400);
    expect(own.body.details[0]).toMatchObject({ field: 'parentId', code: 'cycle' });
    const loop = await admin
      .patch(`/api/units/${hungDaoId}`)
      .send({ parentId: doanTnId })
      .expect(400);
    expect(loop.body.details[0]).toMatchObject({ field: 'parentId', code: 'cycle' });
    const [row] = await t.dataSource.query('SELECT parent_id FROM units WHERE id = $1', [
      hungDaoId,
    ]);
    expect(row.parent_id).toBeNull();
  });

  it('refuses moving a person to a unit of another authority', async () => {
    const person = await personOf(hungDaoId);
    const res = await admin.patch(`/api/people/${person}`).send({ unitId: saRaiId }).expect(400);
    expect(res.body.details[0]).toMatchObject({ field: 'unitId' });
    const [row] = await t.dataSource.query('SELECT unit_id FROM people WHERE id = $1', [person]);
    expect(row.unit_id).toBe(hungDaoId);
  });

  it('refuses a stale version with 409 and the current version', async () => {
    const unit = (await noivu.get(`/api/units/${daiSonId}`).expect(200)).body;
    await noivu
      .patch(`/api/units/${daiSonId}`)
      .send({ name: 'UBND xã Đại Sơn (mới)', version: unit.version })
      .expect(200);
    const stale = await noivu
      .patch(`/api/units/${daiSonId}`)
      .send({ name: 'Ghi đè', version: unit.version })
      .expect(409);
    expect(stale.body).toMatchObject({ error: 'CONFLICT', currentVersion: unit.version + 1 });
  });

  it('answers bad ids and bad query values with 400 naming the field', async () => {
    const id = await admin.get('/api/units/khong-phai-uuid').expect(400);
    expect(id.body.details[0]).toMatchObject({ field: 'id', code: 'isUUID' });
    const limit = await admin.get('/api/units?limit=1000').expect(400);
    expect(limit.body.details[0]).toMatchObject({ field: 'limit', code: 'max' });
    expect(limit.body.details[0].message).toBe('Trường "limit" phải nhỏ hơn hoặc bằng 100.');
    const sort = await admin.get('/api/people?sort=password').expect(400);
    expect(sort.body.details[0]).toMatchObject({ field: 'sort' });
  });

  it('finds names with or without diacritics, paginated with totals', async () => {
    for (const q of ['nguyen thi huong', 'Nguyễn Thị Hường', 'HƯỜNG', 'huong']) {
      const res = (await noivu.get(`/api/people?q=${encodeURIComponent(q)}`).expect(200)).body;
      expect(res.items.map((p: { fullName: string }) => p.fullName)).toContain('Nguyễn Thị Hường');
      // Tân Hồng's "Nguyễn Thị Hương" is never found from Tứ Kỳ.
      expect(res.items.map((p: { fullName: string }) => p.fullName)).not.toContain(
        'Nguyễn Thị Hương',
      );
    }
    const units = (await noivu.get('/api/units?q=hung dao&limit=1').expect(200)).body;
    expect(units).toMatchObject({ limit: 1, offset: 0 });
    expect(units.total).toBeGreaterThanOrEqual(2);
    expect(units.items).toHaveLength(1);
    const literal = (await noivu.get(`/api/units?q=${encodeURIComponent('%')}`).expect(200)).body;
    expect(literal.total).toBe(0);
  });
});
