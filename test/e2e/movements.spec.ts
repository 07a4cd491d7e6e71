import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatVietnameseDate } from '../../src/common/dates';
import { api, seedDemo, tokenFor, unitId } from '../support/actors';
import { daysFromToday } from '../support/dates';
import { createTestApp, TestApp } from '../support/test-app';

type Api = ReturnType<typeof api>;
/** Seed 001, committed as a fixture; checked against ../shared/seeds when that folder is present. */
const SEED = resolve(__dirname, '../fixtures/seed-001-tu-ky-chuyen-doi-so.txt');
const SHARED_SEED = resolve(__dirname, '../../../shared/seeds/001_8a7e83cb4e2fdf51.txt');
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('movements, criteria and registrations', () => {
  let t: TestApp;
  let vhtt: Api;
  let noivu: Api;
  let hungdao: Api;
  let daison: Api;
  let sarai: Api;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    vhtt = api(t, await tokenFor(t, 'vhtt'));
    noivu = api(t, await tokenFor(t, 'noivu'));
    hungdao = api(t, await tokenFor(t, 'hungdao'));
    daison = api(t, await tokenFor(t, 'daison'));
    sarai = api(t, await tokenFor(t, 'sarai'));
  });
  afterAll(() => t.close());

  async function seedMovement() {
    const list = (await vhtt.get('/api/movements').expect(200)).body;
    const found = list.items.find(
      (m: { title: string }) => m.title === 'Chuyển đổi số giai đoạn 2021-2025',
    );
    return (await vhtt.get(`/api/movements/${found.id}`).expect(200)).body;
  }

  it('tests against an unaltered copy of seed 001', () => {
    if (existsSync(SHARED_SEED))
      expect(readFileSync(SEED, 'utf8')).toBe(readFileSync(SHARED_SEED, 'utf8'));
    expect(readFileSync(SEED, 'utf8')).toContain('IV. TIÊU CHUẨN THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG');
  });

  it('holds the seed movement with the criteria of section IV.1, word for word, and their thresholds', async () => {
    const seedText = collapse(readFileSync(SEED, 'utf8'));
    const movement = await seedMovement();
    expect(movement.status).toBe('launched');
    const sets = Object.fromEntries(
      movement.criteriaSets.map((s: { subjectKind: string }) => [s.subjectKind, s]),
    );
    const rules = (kind: string) =>
      sets[kind].criteria.map((c: { type: string; threshold: number | null }) => [
        c.type,
        c.threshold,
      ]);
    expect(rules('district')).toEqual([
      ['percentage', 80],
      ['percentage', 100],
      ['percentage', 100],
    ]);
    expect(rules('commune')).toEqual([
      ['percentage', 70],
      ['percentage', 100],
      ['percentage', 100],
    ]);
    expect(rules('enterprise')).toEqual([['qualitative', null]]);
    expect(rules('individual')).toEqual([
      ['qualitative', null],
      ['qualitative', null],
    ]);
    for (const set of movement.criteriaSets) {
      for (const criterion of set.criteria) expect(seedText).toContain(collapse(criterion.text));
    }
    expect(movement.legalBases[0]).toContain('Kế hoạch số 3125/KH-UBND ngày 25/8/2021');
    expect(movement.phases).toEqual([
      { name: 'Giai đoạn 1', startYear: 2021, endYear: 2025 },
      { name: 'Giai đoạn 2', startYear: 2026, endYear: 2030 },
    ]);
    expect(movement.rounds).toContainEqual(
      expect.objectContaining({
        kind: 'final',
        name: 'Tổng kết giai đoạn 2021-2025',
        reportDeadline: '2025-12-15',
      }),
    );
  });

  it('keeps each authority to its own movements', async () => {
    const movement = await seedMovement();
    await sarai.get(`/api/movements/${movement.id}`).expect(404);
    await sarai
      .post(`/api/movements/${movement.id}/registrations`)
      .send({ commitments: 'Đăng ký chéo cơ quan khác' })
      .expect(404);
    const theirs = (await sarai.get('/api/movements').expect(200)).body;
    expect(theirs.items.map((m: { title: string }) => m.title)).toEqual([
      'Thi đua thực hiện chuyển đổi số giai đoạn 2026-2030',
    ]);
  });

  it('answers "who has not registered yet" with coverage per unit kind', async () => {
    const movement = await seedMovement();
    const coverage = (await noivu.get(`/api/movements/${movement.id}/coverage`).expect(200)).body;
    const communes = coverage.kinds.find((k: { kind: string }) => k.kind === 'commune');
    expect(communes).toMatchObject({
      label: 'Xã, thị trấn',
      total: 10,
      registered: 9,
      percent: 90,
    });
    expect(communes.missing.map((u: { name: string }) => u.name)).toEqual(['UBND xã Tân Kỳ']);
    const departments = coverage.kinds.find((k: { kind: string }) => k.kind === 'department');
    expect(departments.missing.map((u: { name: string }) => u.name)).toEqual(['Phòng Tư pháp']);
  });

  it('refuses to launch a movement whose registration deadline has passed, changing nothing', async () => {
    const late = await vhtt
      .post('/api/movements')
      .send({ title: 'Phong trào có hạn đăng ký đã qua', registrationDeadline: daysFromToday(-1) })
      .expect(201);
    await vhtt
      .put(`/api/movements/${late.body.id}/criteria/commune`)
      .send({
        criteria: [{ code: 'X1', text: 'Tiêu chí tỷ lệ', type: 'percentage', threshold: 70 }],
      })
      .expect(200);
    const refused = await vhtt.post(`/api/movements/${late.body.id}/launch`).expect(400);
    expect(refused.body.details[0]).toMatchObject({
      field: 'registrationDeadline',
      code: 'deadlinePassed',
    });
    expect(refused.body.message).toContain('đã qua');
    const [{ status }] = await t.dataSource.query('SELECT status FROM movements WHERE id = $1', [
      late.body.id,
    ]);
    expect(status).toBe('draft');
  });

  it('runs the registration flow: launch, register, refuse twice, withdraw, re-register, deadline', async () => {
    const created = await vhtt
      .post('/api/movements')
      .send({
        title: 'Thi đua cải cách hành chính năm 2027',
        registrationDeadline: daysFromToday(10),
      })
      .expect(201);
    const id = created.body.id;
    // A draft takes no registrations and cannot launch without criteria.
    await hungdao
      .post(`/api/movements/${id}/registrations`)
      .send({ commitments: 'Cam kết thực hiện tốt' })
      .expect(409);
    const noCriteria = await vhtt.post(`/api/movements/${id}/launch`).expect(400);
    expect(noCriteria.body.details[0].field).toBe('criteria');

    await vhtt
      .put(`/api/movements/${id}/criteria/commune`)
      .send({
        criteria: [
          {
            code: 'X1',
            text: 'Tỷ lệ hồ sơ được xử lý trực tuyến',
            type: 'percentage',
            threshold: 80,
          },
        ],
      })
      .expect(200);
    const launched = (await vhtt.post(`/api/movements/${id}/launch`).expect(200)).body;
    expect(launched.status).toBe('launched');
    const again = await vhtt.post(`/api/movements/${id}/launch`).expect(409);
    expect(again.body).toMatchObject({ status: 'launched', allowedActions: ['close'] });

    const reg = await hungdao
      .post(`/api/movements/${id}/registrations`)
      .send({ commitments: 'UBND xã Hưng Đạo cam kết hoàn thành các chỉ tiêu' })
      .expect(201);
    expect(reg.body.status).toBe('registered');
    const twice = await hungdao
      .post(`/api/movements/${id}/registrations`)
      .send({ commitments: 'Đăng ký lần thứ hai' })
      .expect(409);
    expect(twice.body.details[0].code).toBe('alreadyRegistered');
    await hungdao.post(`/api/movements/${id}/registrations/withdraw`).expect(200);
    await hungdao
      .post(`/api/movements/${id}/registrations`)
      .send({ commitments: 'Đăng ký lại sau khi rút' })
      .expect(201);

    const mine = (await hungdao.get(`/api/movements/${id}/registrations`).expect(200)).body;
    expect(mine).toHaveLength(1);

    // The deadline passes: registering and withdrawing are refused, naming it.
    const yesterday = daysFromToday(-1);
    await vhtt.patch(`/api/movements/${id}`).send({ registrationDeadline: yesterday }).expect(200);
    const late = await daison
      .post(`/api/movements/${id}/registrations`)
      .send({ commitments: 'Đăng ký muộn hạn' })
      .expect(400);
    expect(late.body).toMatchObject({
      error: 'REGISTRATION_CLOSED',
      registrationDeadline: yesterday,
    });
    expect(late.body.message).toContain(formatVietnameseDate(yesterday));
    expect(late.body.details[0].field).toBe('registrationDeadline');
    await hungdao.post(`/api/movements/${id}/registrations/withdraw`).expect(400);
    const [{ n }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM registrations WHERE movement_id = $1',
      [id],
    );
    expect(n).toBe(1);
  });

  it('validates targets and people against the unit and its criteria', async () => {
    const movement = await vhtt
      .post('/api/movements')
      .send({ title: 'Phong trào kiểm tra chỉ tiêu', registrationDeadline: daysFromToday(5) })
      .expect(201);
    await vhtt
      .put(`/api/movements/${movement.body.id}/criteria/commune`)
      .send({
        criteria: [{ code: 'X1', text: 'Tiêu chí tỷ lệ', type: 'percentage', threshold: 70 }],
      })
      .expect(200);
    await vhtt.post(`/api/movements/${movement.body.id}/launch`).expect(200);
    const [{ id: otherPerson }] = await t.dataSource.query(
      "SELECT id FROM people WHERE full_name = 'Vũ Đức Thắng'",
    );
    const people = await hungdao
      .post(`/api/movements/${movement.body.id}/registrations`)
      .send({ commitments: 'Đăng ký kèm cá nhân', personIds: [otherPerson] })
      .expect(400);
    expect(people.body.details[0]).toMatchObject({ field: 'personIds', code: 'unknownPerson' });
    const target = await hungdao
      .post(`/api/movements/${movement.body.id}/registrations`)
      .send({
        commitments: 'Đăng ký kèm chỉ tiêu',
        targets: [{ criterionId: otherPerson, value: 90 }],
      })
      .expect(400);
    expect(target.body.details[0]).toMatchObject({
      field: 'targets.0.criterionId',
      code: 'unknownCriterion',
    });
    // The unit's own person and a criterion of its current set: registered with both.
    const [{ id: ownPerson }] = await t.dataSource.query(
      "SELECT id FROM people WHERE full_name = 'Nguyễn Thị Hường'",
    );
    const criteria = (await vhtt.get(`/api/movements/${movement.body.id}`).expect(200)).body
      .criteriaSets[0].criteria;
    const registered = await hungdao
      .post(`/api/movements/${movement.body.id}/registrations`)
      .send({
        commitments: 'Đăng ký kèm cá nhân và chỉ tiêu',
        personIds: [ownPerson],
        targets: [{ criterionId: criteria[0].id, value: 90 }],
      })
      .expect(201);
    expect(registered.body).toMatchObject({
      status: 'registered',
      personIds: [ownPerson],
      targets: [{ criterionId: criteria[0].id, value: 90 }],
    });
  });

  it('allows at most two pilot units, even when marked concurrently', async () => {
    const movement = await seedMovement();
    const regs = (await noivu.get(`/api/movements/${movement.id}/registrations`).expect(200)).body;
    for (const r of regs.filter((x: { pilot: boolean }) => x.pilot)) {
      await noivu
        .put(`/api/movements/${movement.id}/registrations/${r.id}/pilot`)
        .send({ pilot: false })
        .expect(200);
    }
    const candidates = regs.slice(0, 4);
    const results = await Promise.all(
      candidates.map((r: { id: string }) =>
        noivu
          .put(`/api/movements/${movement.id}/registrations/${r.id}/pilot`)
          .send({ pilot: true }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(2);
    expect(refused[0].body.details[0]).toMatchObject({ field: 'pilot', code: 'maxPilots' });
    const [{ n }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM registrations WHERE movement_id = $1 AND pilot',
      [movement.id],
    );
    expect(n).toBe(2);
    await hungdao
      .put(`/api/movements/${movement.id}/registrations/${regs[0].id}/pilot`)
      .send({ pilot: true })
      .expect(403);
  });

  it('freezes criteria at launch: a change makes a new version', async () => {
    const movement = await seedMovement();
    const before = movement.criteriaSets.find(
      (s: { subjectKind: string }) => s.subjectKind === 'enterprise',
    );
    const put = await vhtt
      .put(`/api/movements/${movement.id}/criteria/enterprise`)
      .send({
        criteria: [
          { code: 'DN1', text: before.criteria[0].text, type: 'qualitative' },
          {
            code: 'DN2',
            text: 'Có sản phẩm số được thương mại hóa',
            type: 'boolean',
            mandatory: false,
          },
        ],
      })
      .expect(200);
    expect(put.body.version).toBe(before.version + 1);
    expect(put.body.id).not.toBe(before.id);
    const history = (await vhtt.get(`/api/movements/${movement.id}/criteria`).expect(200)).body;
    const enterprise = history.filter(
      (s: { subjectKind: string }) => s.subjectKind === 'enterprise',
    );
    expect(enterprise.map((s: { version: number }) => s.version)).toEqual([2, 1]);
    expect(enterprise[1].criteria).toHaveLength(1);
  });

  it('refuses bad criteria with the field named', async () => {
    const movement = await seedMovement();
    const res = await vhtt
      .put(`/api/movements/${movement.id}/criteria/district`)
      .send({
        criteria: [
          { code: 'H1', text: 'Tỷ lệ quá ngưỡng', type: 'percentage', threshold: 180 },
          { code: 'h1', text: 'Trùng mã tiêu chí', type: 'boolean' },
        ],
      })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'criteria.0.threshold',
      'criteria.1.code',
    ]);
    const kind = await vhtt
      .put(`/api/movements/${movement.id}/criteria/tinh`)
      .send({ criteria: [{ code: 'T1', text: 'Tiêu chí cấp tỉnh', type: 'boolean' }] })
      .expect(400);
    expect(kind.body.details[0].field).toBe('subjectKind');
    await hungdao
      .put(`/api/movements/${movement.id}/criteria/district`)
      .send({ criteria: [] })
      .expect(403);
  });

  it('launches exactly once under concurrent requests', async () => {
    const m = await vhtt
      .post('/api/movements')
      .send({ title: 'Phong trào phát động đồng thời', registrationDeadline: daysFromToday(3) })
      .expect(201);
    await vhtt
      .put(`/api/movements/${m.body.id}/criteria/district`)
      .send({ criteria: [{ code: 'H1', text: 'Tiêu chí có hoặc không', type: 'boolean' }] })
      .expect(200);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => vhtt.post(`/api/movements/${m.body.id}/launch`)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    const [{ n }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_records WHERE target_id = $1 AND action = 'movement.launch'",
      [m.body.id],
    );
    expect(n).toBe(1);
    expect(await unitId(t, 'tu-ky', 'XA-HUNGDAO')).toBeDefined();
  });
});
