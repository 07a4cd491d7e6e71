import { Workbook } from 'exceljs';
import request from 'supertest';
import { api, seedDemo, tokenFor } from '../support/actors';
import { binary, webCookie } from '../support/http';
import { daysFromToday } from '../support/dates';
import { createTestApp, TestApp } from '../support/test-app';
import { draftDossier } from '../support/workflow-fixtures';

type Api = ReturnType<typeof api>;
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

describe('indicator reports and their evaluation', () => {
  let t: TestApp;
  let vhtt: Api;
  let noivu: Api;
  let hungdao: Api;
  let daison: Api;
  let movementId: string;
  let roundId: string;
  let criteria: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    vhtt = api(t, await tokenFor(t, 'vhtt'));
    noivu = api(t, await tokenFor(t, 'noivu'));
    hungdao = api(t, await tokenFor(t, 'hungdao'));
    daison = api(t, await tokenFor(t, 'daison'));

    const movement = await vhtt
      .post('/api/movements')
      .send({ title: 'Chuyển đổi số năm 2027', registrationDeadline: daysFromToday(5) })
      .expect(201);
    movementId = movement.body.id;
    const set = await vhtt
      .put(`/api/movements/${movementId}/criteria/commune`)
      .send({
        criteria: [
          {
            code: 'X1',
            text: 'Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng',
            type: 'percentage',
            threshold: 80,
            weight: 2,
          },
          { code: 'X2', text: 'Có trang thông tin điện tử của xã', type: 'boolean' },
          {
            code: 'X3',
            text: 'Số buổi tập huấn kỹ năng số cho người dân',
            type: 'count',
            threshold: 3,
            mandatory: false,
          },
          { code: 'X4', text: 'Có mô hình chuyển đổi số tiêu biểu', type: 'qualitative' },
        ],
      })
      .expect(200);
    criteria = Object.fromEntries(
      set.body.criteria.map((c: { code: string; id: string }) => [c.code, c.id]),
    );
    await vhtt.post(`/api/movements/${movementId}/launch`).expect(200);
    const round = await vhtt
      .post(`/api/movements/${movementId}/rounds`)
      .send({
        kind: 'annual',
        name: 'Năm 2027',
        periodStart: '2027-01-01',
        periodEnd: '2027-12-31',
        reportDeadline: daysFromToday(30),
        nominationDeadline: daysFromToday(40),
      })
      .expect(201);
    roundId = round.body.id;
    await hungdao
      .post(`/api/movements/${movementId}/registrations`)
      .send({ commitments: 'Xã Hưng Đạo đăng ký thi đua' })
      .expect(201);
  });
  afterAll(() => t.close());

  const values = (x1: number, extra: Record<string, unknown> = {}) => [
    { criterionId: criteria.X1, number: x1 },
    { criterionId: criteria.X2, achieved: true },
    { criterionId: criteria.X3, number: 4 },
    {
      criterionId: criteria.X4,
      statement: 'Mô hình "Chợ 4.0" thanh toán không dùng tiền mặt',
      ...extra,
    },
  ];

  it('evaluates at, just below and just above the threshold; each correction is a new revision', async () => {
    const results: Record<number, string> = {};
    for (const x1 of [79.9, 80, 80.1]) {
      const res = await hungdao
        .post('/api/reports')
        .send({ roundId, values: values(x1) })
        .expect(201);
      const x1Value = res.body.values.find(
        (v: { criterionId: string }) => v.criterionId === criteria.X1,
      );
      results[x1] = x1Value.result;
      expect(x1Value.number).toBe(x1);
    }
    expect(results).toEqual({ 79.9: 'not_met', 80: 'met', 80.1: 'met' });

    const current = (await hungdao.get(`/api/reports?roundId=${roundId}`).expect(200)).body;
    expect(current.total).toBe(1);
    expect(current.items[0].revision).toBe(3);
    const all = (
      await noivu.get(`/api/reports?roundId=${roundId}&includeSuperseded=true`).expect(200)
    ).body;
    expect(all.items.map((r: { revision: number }) => r.revision).sort()).toEqual([1, 2, 3]);
    const first = all.items.find((r: { revision: number }) => r.revision === 1);
    expect(first).toMatchObject({ overall: 'not_met' });
    expect(first.supersededAt).not.toBeNull();
    // Qualitative X4 awaits a reviewer, so the latest is pending.
    expect(current.items[0]).toMatchObject({ overall: 'pending', score: 80 });
  });

  it('lets Home Affairs judge a qualitative criterion and override an automatic result, with a reason, audited', async () => {
    const report = (await hungdao.get(`/api/reports?roundId=${roundId}`).expect(200)).body.items[0];
    const noReason = await noivu
      .post(`/api/reports/${report.id}/judgements`)
      .send({ criterionId: criteria.X4, result: 'met' })
      .expect(400);
    expect(noReason.body.details[0].field).toBe('reason');

    const judged = await noivu
      .post(`/api/reports/${report.id}/judgements`)
      .send({
        criterionId: criteria.X4,
        result: 'met',
        reason: 'Minh chứng mô hình đầy đủ, đã kiểm tra thực tế',
      })
      .expect(200);
    expect(judged.body).toMatchObject({ overall: 'met', score: 100, overallLabel: 'Đạt' });

    const overridden = await noivu
      .post(`/api/reports/${report.id}/judgements`)
      .send({
        criterionId: criteria.X1,
        result: 'not_met',
        reason: 'Số liệu 80,1% chưa khớp với hệ thống quản lý văn bản',
      })
      .expect(200);
    expect(overridden.body.overall).toBe('not_met');
    const x1 = overridden.body.values.find(
      (v: { criterionId: string }) => v.criterionId === criteria.X1,
    );
    expect(x1).toMatchObject({ autoResult: 'met', reviewResult: 'not_met', result: 'not_met' });

    const audit = (
      await noivu.get(`/api/audit?targetType=report&targetId=${report.id}`).expect(200)
    ).body;
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual([
      'report.override',
      'report.judge',
      'report.submit',
    ]);
    expect(audit.items[0].changes.reason.to).toContain('chưa khớp');

    await hungdao
      .post(`/api/reports/${report.id}/judgements`)
      .send({ criterionId: criteria.X4, result: 'met', reason: 'Tự chấm điểm' })
      .expect(403);
  });

  it("flags a nominee of a unit whose report in force does not meet the round's standard; a collective nominee is the unit or one under it", async () => {
    const form = async (code: string) =>
      (
        await t.dataSource.query(
          "SELECT f.id FROM award_forms f JOIN authorities a ON a.id = f.authority_id WHERE a.code = 'tu-ky' AND f.code = $1",
          [code],
        )
      )[0].id as string;
    const person = async (name: string) =>
      (await t.dataSource.query('SELECT id FROM people WHERE full_name = $1', [name]))[0]
        .id as string;
    // Hưng Đạo's report in force was overridden to "not met" above.
    const flagged = await draftDossier(hungdao, roundId, [
      {
        kind: 'individual',
        personId: await person('Nguyễn Thị Hường'),
        awardFormId: await form('GK-CN'),
      },
    ]);
    // A draft is its unit's alone: the unit sees the flag before it sends the dossier.
    const nominee = (await hungdao.get(`/api/dossiers/${flagged.id}`).expect(200)).body.nominees[0];
    expect(nominee).toMatchObject({
      unitEvaluation: 'not_met',
      flagged: true,
      flagReason: 'Đơn vị chưa đạt tiêu chuẩn bắt buộc của phong trào trong đợt này.',
    });
    // A collective nominee is the unit itself or one under it: not another commune.
    const [{ id: daiSon }] = await t.dataSource.query(
      "SELECT id FROM units WHERE code = 'XA-DAISON'",
    );
    const other = await hungdao
      .post(`/api/dossiers/${flagged.id}/nominees`)
      .send({
        kind: 'collective',
        collectiveUnitId: daiSon,
        awardFormId: await form('GK-TT'),
        achievementSummary: 'Tập thể hoàn thành xuất sắc nhiệm vụ năm 2027',
      })
      .expect(400);
    expect(other.body.details[0]).toMatchObject({
      field: 'collectiveUnitId',
      code: 'unknownUnit',
    });
  });

  it('refuses bad values with the field named, and saves nothing', async () => {
    const count = async () =>
      (await t.dataSource.query('SELECT count(*)::int AS n FROM indicator_reports'))[0].n;
    const before = await count();
    const over = await hungdao
      .post('/api/reports')
      .send({ roundId, values: values(120) })
      .expect(400);
    expect(over.body.details).toContainEqual(
      expect.objectContaining({ field: 'values.0.number', code: 'range' }),
    );
    const negative = await hungdao
      .post('/api/reports')
      .send({ roundId, values: values(-1) })
      .expect(400);
    expect(negative.body.details[0].field).toBe('values.0.number');

    const [{ id: foreign }] = await t.dataSource.query(
      "SELECT c.id FROM criteria c JOIN criteria_sets s ON s.id = c.criteria_set_id WHERE s.subject_kind = 'district' LIMIT 1",
    );
    const wrongSet = await hungdao
      .post('/api/reports')
      .send({ roundId, values: [...values(90).slice(1), { criterionId: foreign, number: 90 }] })
      .expect(400);
    expect(wrongSet.body.details).toContainEqual(
      expect.objectContaining({ field: 'values.3.criterionId', code: 'unknownCriterion' }),
    );
    expect(wrongSet.body.details).toContainEqual(
      expect.objectContaining({ field: 'values', code: 'missing' }),
    );

    const noStatement = await hungdao
      .post('/api/reports')
      .send({ roundId, values: values(90).map((v) => ({ ...v, statement: undefined })) })
      .expect(400);
    expect(noStatement.body.details[0]).toMatchObject({
      field: 'values.3.statement',
      code: 'required',
    });

    // Not registered: Đại Sơn did not register for this movement.
    const unregistered = await daison
      .post('/api/reports')
      .send({ roundId, values: values(90) })
      .expect(400);
    expect(unregistered.body.details[0]).toMatchObject({ field: 'roundId', code: 'notRegistered' });
    expect(await count()).toBe(before);
  });

  it('keeps evidence to the unit that uploaded it', async () => {
    const upload = await daison
      .post('/api/files')
      .attach('file', PDF, 'Báo cáo Đại Sơn.pdf')
      .expect(201);
    const res = await hungdao
      .post('/api/reports')
      .send({ roundId, values: values(90, { evidenceFileIds: [upload.body.id] }) })
      .expect(400);
    expect(res.body.details[0]).toMatchObject({
      field: 'values.3.evidenceFileIds',
      code: 'unknownFile',
    });
    const mine = await hungdao
      .post('/api/files')
      .attach('file', PDF, 'Mô hình Chợ 4.0.pdf')
      .expect(201);
    const ok = await hungdao
      .post('/api/reports')
      .send({ roundId, values: values(90, { evidenceFileIds: [mine.body.id] }) })
      .expect(201);
    expect(ok.body.values[3].evidenceFileIds).toEqual([mine.body.id]);
  });

  it('saves a partial draft, refuses a bad value in it, keeps it and its evidence to its unit, and removes it when the report is sent', async () => {
    const draftOf = async (as: Api = hungdao) =>
      (await as.get(`/api/reports/draft?roundId=${roundId}`).expect(200)).body.draft;
    const reports = async () =>
      (await t.dataSource.query('SELECT count(*)::int AS n FROM indicator_reports'))[0].n;
    const before = await reports();
    const saved = await hungdao
      .put('/api/reports/draft')
      .send({ roundId, values: [{ criterionId: criteria.X1, number: 85 }] })
      .expect(200);
    expect(saved.body.values).toEqual([
      expect.objectContaining({ criterionId: criteria.X1, number: 85, resultLabel: 'Đạt' }),
    ]);
    // A bad value is refused, naming it; the draft saved before is unchanged.
    const bad = await hungdao
      .put('/api/reports/draft')
      .send({ roundId, values: [{ criterionId: criteria.X1, number: 120 }] })
      .expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'values.0.number', code: 'range' });
    expect((await draftOf()).values[0].number).toBe(85);
    // Two saves at once: one draft, the one saved last.
    await Promise.all(
      [70, 75].map((n) =>
        hungdao
          .put('/api/reports/draft')
          .send({ roundId, values: [{ criterionId: criteria.X1, number: n }] })
          .expect(200),
      ),
    );
    const rows = await t.dataSource.query(
      'SELECT "values" FROM report_drafts WHERE round_id = $1',
      [roundId],
    );
    expect(rows).toHaveLength(1);
    expect([70, 75]).toContain(rows[0].values[0].number);
    expect(await reports()).toBe(before);
    // Another unit does not see it; staff have no drafts.
    expect(await draftOf(daison)).toBeNull();
    await noivu.get(`/api/reports/draft?roundId=${roundId}`).expect(403);
    const [{ n: audited }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_records WHERE action = 'report.draft'",
    );
    expect(audited).toBe(3);
    // Evidence in the draft is the unit's own; sent with the report, staff read it.
    const evidence = await hungdao
      .post('/api/files')
      .attach('file', PDF, 'Minh chứng Chợ 4.0.pdf')
      .expect(201);
    const withEvidence = values(90, { evidenceFileIds: [evidence.body.id] });
    await hungdao.put('/api/reports/draft').send({ roundId, values: withEvidence }).expect(200);
    await noivu.get(`/api/files/${evidence.body.id}`).expect(404);
    // Sent: the report replaces the draft.
    await hungdao.post('/api/reports').send({ roundId, values: withEvidence }).expect(201);
    expect(await draftOf()).toBeNull();
    expect(await reports()).toBe(before + 1);
    const read = await noivu.get(`/api/files/${evidence.body.id}`).expect(200);
    expect(read.headers['content-type']).toBe('application/pdf');
  });

  it('keeps the criteria version a report was made against', async () => {
    const report = (await hungdao.get(`/api/reports?roundId=${roundId}`).expect(200)).body.items[0];
    await vhtt
      .put(`/api/movements/${movementId}/criteria/commune`)
      .send({
        criteria: [
          {
            code: 'X1',
            text: 'Tỷ lệ hồ sơ xử lý trên môi trường mạng (mới)',
            type: 'percentage',
            threshold: 90,
          },
        ],
      })
      .expect(200);
    const detail = (await hungdao.get(`/api/reports/${report.id}`).expect(200)).body;
    expect(detail.criteriaSetId).toBe(report.criteriaSetId);
    expect(detail.values.map((v: { criterion: { code: string } }) => v.criterion.code)).toEqual([
      'X1',
      'X2',
      'X3',
      'X4',
    ]);
    expect(detail.values[0].criterion.threshold).toBe(80);
    // New reports use the new version, so the old criteria ids are refused.
    const stale = await hungdao
      .post('/api/reports')
      .send({ roundId, values: values(95) })
      .expect(400);
    expect(stale.body.details[0]).toMatchObject({ code: 'unknownCriterion' });
  });

  it('refuses reports for a closed round, naming the round', async () => {
    await vhtt
      .patch(`/api/movements/${movementId}/rounds/${roundId}`)
      .send({ closed: true })
      .expect(200);
    const [{ id: x1 }] = await t.dataSource.query(
      'SELECT c.id FROM criteria c JOIN criteria_sets s ON s.id = c.criteria_set_id WHERE s.movement_id = $1 AND s.version = 2',
      [movementId],
    );
    const res = await hungdao
      .post('/api/reports')
      .send({ roundId, values: [{ criterionId: x1, number: 95 }] })
      .expect(400);
    expect(res.body.details[0]).toMatchObject({ field: 'roundId', code: 'roundClosed' });
    expect(res.body.message).toContain('Năm 2027');
  });

  it("hides another unit's reports", async () => {
    const report = (await noivu.get(`/api/reports?roundId=${roundId}`).expect(200)).body.items[0];
    await daison.get(`/api/reports/${report.id}`).expect(404);
    expect((await daison.get('/api/reports').expect(200)).body.total).toBe(0);
  });

  it("downloads a round's reports, one row per unit and criterion, a unit officer's own only, audited", async () => {
    const res = await noivu
      .get(`/api/reports/export?roundId=${roundId}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new Workbook();
    await book.xlsx.load(res.body);
    const sheet = book.getWorksheet('Báo cáo kết quả')!;
    const rows = sheet.getSheetValues().slice(1) as unknown[][];
    expect(rows[0].slice(1)).toEqual([
      'Đơn vị',
      'Đối tượng',
      'Lần báo cáo',
      'Ngày gửi',
      'Mã tiêu chí',
      'Tiêu chí',
      'Giá trị',
      'Có/không',
      'Trình bày của đơn vị',
      'Kết quả',
      'Lý do đánh giá lại',
      'Kết quả chung',
      'Điểm (%)',
    ]);
    // The current report of Hưng Đạo (the one sent with the draft: X1 = 90%).
    expect(rows.slice(1).map((r) => [1, 5, 7, 8, 10, 12].map((i) => r[i] ?? null))).toEqual([
      ['UBND xã Hưng Đạo', 'X1', 90, null, 'Đạt', 'Chờ đánh giá'],
      ['UBND xã Hưng Đạo', 'X2', null, 'Có', 'Đạt', 'Chờ đánh giá'],
      ['UBND xã Hưng Đạo', 'X3', 4, null, 'Đạt', 'Chờ đánh giá'],
      ['UBND xã Hưng Đạo', 'X4', null, null, 'Chờ đánh giá', 'Chờ đánh giá'],
    ]);
    expect(rows[1][2]).toBe('Cấp xã');
    expect(rows[1][4]).toBeInstanceOf(Date);

    const own = await hungdao.get(`/api/reports/export?roundId=${roundId}&format=csv`).expect(200);
    expect(own.text.startsWith('\uFEFFĐơn vị,Đối tượng,')).toBe(true);
    expect(own.text.trimEnd().split('\r\n')).toHaveLength(5);
    const none = await daison.get(`/api/reports/export?roundId=${roundId}&format=csv`).expect(200);
    expect(none.text.trimEnd().split('\r\n')).toHaveLength(1);

    const [{ n: audited }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_records WHERE action = 'report.export' AND target_id = $1",
      [roundId],
    );
    expect(audited).toBe(3);
    const foreign = api(t, await tokenFor(t, 'thinhan.noivu'));
    await foreign.get(`/api/reports/export?roundId=${roundId}`).expect(404);
    const bad = await noivu.get(`/api/reports/export?roundId=${roundId}&format=pdf`).expect(400);
    expect(bad.body.details[0].field).toBe('format');
    await noivu.get('/api/reports/export').expect(400);

    const cookie = await webCookie(t, 'noivu');
    const page = await request(t.http)
      .get(`/phong-trao/${movementId}/ket-qua/${roundId}`)
      .set('Cookie', cookie)
      .expect(200);
    const link = `/phong-trao/${movementId}/ket-qua/${roundId}/tai-ve?format=csv`;
    expect(page.text).toContain(`href="${link}"`);
    const csv = await request(t.http).get(link).set('Cookie', cookie).expect(200);
    expect(csv.text.trimEnd().split('\r\n')).toHaveLength(5);
  });
});
