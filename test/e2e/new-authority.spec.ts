import request from 'supertest';
import { api, countRows, seedDemo, tokenFor, unitId } from '../support/actors';
import { daysFromToday } from '../support/dates';
import { createTestApp, TestApp } from '../support/test-app';
import { binary } from '../support/http';

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

  it('runs a whole award year through the API: movement, registration, report, dossier, appraisal, decision, certificates, revocation and correction', async () => {
    const signIn = async (username: string, password: string) => {
      const res = await request(t.http)
        .post('/api/auth/login')
        .send({ username, password })
        .expect(200);
      let as = api(t, res.body.accessToken);
      if ((await as.get('/api/auth/me').expect(200)).body.mustChangePassword) {
        await as
          .post('/api/auth/password')
          .send({ currentPassword: password, newPassword: 'DoiMatKhau2026' })
          .expect(204);
        const again = await request(t.http)
          .post('/api/auth/login')
          .send({ username, password: 'DoiMatKhau2026' })
          .expect(200);
        as = api(t, again.body.accessToken);
      }
      return as;
    };
    const coordinator = await signIn('th.vhtt', 'BanDau2026');
    const homeAffairs = await signIn('th.noivu2', 'BanDau2026');
    const vice = await signIn('th.phochutich', 'BanDau2026');
    const officer = await signIn('th.sarai2', 'BanDau2026');
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    );

    // The admin declares the commune's award form and the base salary in force.
    const form = await admin
      .post('/api/award-forms')
      .send({
        code: 'GK-CTTT',
        name: 'Giấy khen của Chủ tịch UBND thị trấn',
        recipientKinds: ['individual', 'household'],
        commendationKinds: ['annual', 'ad_hoc'],
        decidedBy: 'this_authority',
        procedure: 'simplified',
        moneyMultiplier: 0.15,
      })
      .expect(201);

    // The coordinator launches a movement with criteria and a round.
    const movement = await coordinator
      .post('/api/movements')
      .send({
        title: 'Thi đua chuyển đổi số năm 2026 của huyện Tân Hồng',
        registrationDeadline: daysFromToday(7),
      })
      .expect(201);
    const set = await coordinator
      .put(`/api/movements/${movement.body.id}/criteria/commune`)
      .send({
        criteria: [
          { code: 'X1', text: 'Tỷ lệ hồ sơ xử lý trực tuyến', type: 'percentage', threshold: 70 },
        ],
      })
      .expect(200);
    await coordinator.post(`/api/movements/${movement.body.id}/launch`).expect(200);
    const round = await coordinator
      .post(`/api/movements/${movement.body.id}/rounds`)
      .send({
        kind: 'annual',
        name: 'Năm 2026',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        reportDeadline: daysFromToday(20),
        nominationDeadline: daysFromToday(30),
      })
      .expect(201);

    // The town registers and reports.
    await officer
      .post(`/api/movements/${movement.body.id}/registrations`)
      .send({ commitments: 'Thị trấn Sa Rài đăng ký thi đua chuyển đổi số' })
      .expect(201);
    const report = await officer
      .post('/api/reports')
      .send({
        roundId: round.body.id,
        values: [{ criterionId: set.body.criteria[0].id, number: 75 }],
      })
      .expect(201);
    expect(report.body.values[0].result).toBe('met');

    // A dossier with a person and a household, submitted.
    const [person] = await t.dataSource.query(
      "SELECT p.id, p.full_name FROM people p JOIN units u ON u.id = p.unit_id WHERE u.code = 'TT-SARAI' LIMIT 1",
    );
    const dossier = await officer
      .post('/api/dossiers')
      .send({
        title: 'Đề nghị khen thưởng năm 2026',
        commendationKind: 'annual',
        roundId: round.body.id,
      })
      .expect(201);
    const nominee = (body: object) =>
      officer
        .post(`/api/dossiers/${dossier.body.id}/nominees`)
        .send({ awardFormId: form.body.id, achievementSummary: 'Tích cực chuyển đổi số.', ...body })
        .expect(201);
    const individual = await nominee({ kind: 'individual', personId: person.id });
    await nominee({ kind: 'household', household: 'Hộ ông Lê Văn Tám, khóm 1, thị trấn Sa Rài' });
    const letter = await officer.post('/api/files').attach('file', pdf, 'Tờ trình.pdf').expect(201);
    await officer
      .post(`/api/dossiers/${dossier.body.id}/documents`)
      .send({ kind: 'proposal_letter', fileId: letter.body.id })
      .expect(201);
    await officer.post(`/api/dossiers/${dossier.body.id}/submit`).send({}).expect(200);

    // Home Affairs appraises and sends it to the chairman.
    await homeAffairs.post(`/api/dossiers/${dossier.body.id}/take`).send({}).expect(200);
    const detail = (await homeAffairs.get(`/api/dossiers/${dossier.body.id}`).expect(200)).body;
    await homeAffairs
      .post(`/api/dossiers/${dossier.body.id}/appraise`)
      .send({
        results: detail.nominees.map((n: { id: string }) => ({
          nomineeId: n.id,
          result: 'proposed',
        })),
      })
      .expect(200);
    const sent = await homeAffairs
      .post(`/api/dossiers/${dossier.body.id}/send-to-chairman`)
      .send({})
      .expect(200);
    expect(sent.body.status).toBe('awaiting_decision');

    // The vice-chairman drafts, previews, issues and prints the decision.
    const draft = await vice
      .post('/api/decisions')
      .send({ dossierIds: [dossier.body.id] })
      .expect(201);
    await vice.get(`/api/decisions/${draft.body.id}/pdf`).buffer(true).parse(binary).expect(200);
    const issued = await vice.post(`/api/decisions/${draft.body.id}/issue`).expect(200);
    expect(issued.body).toMatchObject({ numberLabel: '01/QĐ-UBND', items: 2, total: 702000 });
    const decision = (await vice.get(`/api/decisions/${draft.body.id}`).expect(200)).body;
    const certificates = await vice
      .get(`/api/decisions/${draft.body.id}/certificates`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(certificates.body.subarray(0, 4).toString()).toBe('%PDF');
    expect((await officer.get(`/api/dossiers/${dossier.body.id}`).expect(200)).body.status).toBe(
      'decided',
    );

    // A correction of the household's name, then the revocation of the person's certificate.
    const household = decision.items.find(
      (i: { recipientKind: string }) => i.recipientKind === 'household',
    );
    const personal = decision.items.find(
      (i: { nomineeId: string }) => i.nomineeId === individual.body.id,
    );
    const corrected = await vice
      .post(`/api/decisions/${draft.body.id}/correct`)
      .send({
        reason: 'Ghi sai tên chủ hộ trên Giấy khen',
        corrections: [
          { itemId: household.id, awardeeName: 'Hộ ông Lê Văn Tâm, khóm 1, thị trấn Sa Rài' },
        ],
      })
      .expect(200);
    const revoked = await vice
      .post(`/api/decisions/${draft.body.id}/revoke`)
      .send({ reason: 'Cá nhân bị kỷ luật trong năm xét khen thưởng', itemIds: [personal.id] })
      .expect(200);
    expect([corrected.body.numberLabel, revoked.body.numberLabel]).toEqual([
      '02/QĐ-UBND',
      '03/QĐ-UBND',
    ]);
    for (const id of [corrected.body.id, revoked.body.id])
      await vice.get(`/api/decisions/${id}/pdf`).buffer(true).parse(binary).expect(200);
    const verify = async (token: string) =>
      (await request(t.http).get(`/verify/${token}?format=json`).expect(200)).body;
    expect(await verify(personal.register.verifyToken)).toMatchObject({
      status: 'revoked',
      supersededBy: expect.stringContaining('Quyết định số 03/QĐ-UBND'),
    });
    expect(await verify(household.register.verifyToken)).toMatchObject({
      status: 'corrected',
      supersededBy: expect.stringContaining('Quyết định số 02/QĐ-UBND'),
    });
    const batch = await vice
      .get(`/api/decisions/${draft.body.id}/certificates`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(batch.headers['x-certificates-left-out']).toBe('1');
    // Nothing of it reached the other authority.
    await api(t, await tokenFor(t, 'noivu'))
      .get(`/api/decisions/${draft.body.id}`)
      .expect(404);
  });
});
