import { Workbook } from 'exceljs';
import request from 'supertest';
import { DemoSeeder } from '../../src/demo/demo.seeder';
import { api, tokenFor } from '../support/actors';
import { createTestApp, TestApp } from '../support/test-app';
import { binary, webCookie } from '../support/http';
import { pdfText } from '../support/pdf';

/**
 * The statistics of the full demo, whose figures are known by hand: the
 * commune Thịnh An has 8 active units, 5 registered in its 2026 movement;
 * four dossiers of 2026 (a draft, one submitted, one awaiting the chairman,
 * one decided); one decision for two persons and a household, each
 * 0,3 × 2.340.000 = 702.000 đ.
 */
describe('statistics of the year', () => {
  let t: TestApp;
  let as: ReturnType<typeof api>;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoSeeder).run();
    as = api(t, await tokenFor(t, 'thinhan.noivu'));
  });
  afterAll(() => t.close());

  it('counts registrations, dossiers by status, awards with their money, the funnel and the time to a decision', async () => {
    const s = (await as.get('/api/statistics?year=2026').expect(200)).body;
    expect(s.coverage).toEqual([
      expect.objectContaining({
        title: 'Thi đua thực hiện chuyển đổi số năm 2026',
        registered: 5,
        units: 8,
      }),
    ]);
    expect(s.dossiers).toEqual([
      { key: 'draft', label: 'Đang soạn', value: 1 },
      { key: 'submitted', label: 'Đã gửi', value: 1 },
      { key: 'awaiting_decision', label: 'Chờ Chủ tịch quyết định', value: 1 },
      { key: 'decided', label: 'Đã có quyết định khen thưởng', value: 1 },
    ]);
    expect(s.awards).toEqual([
      {
        form: 'Giấy khen của Chủ tịch Ủy ban nhân dân xã (cá nhân)',
        title: 'Giấy khen',
        kind: 'individual',
        kindLabel: 'Cá nhân',
        count: 2,
        amount: 1404000,
      },
      {
        form: 'Giấy khen của Chủ tịch Ủy ban nhân dân xã (hộ gia đình)',
        title: 'Giấy khen',
        kind: 'household',
        kindLabel: 'Hộ gia đình',
        count: 1,
        amount: 702000,
      },
    ]);
    expect(s.awardsTotal).toEqual({ count: 3, amount: 2106000 });
    expect(s.awardsByUnit).toEqual([
      expect.objectContaining({ label: 'Trung tâm Phục vụ hành chính công xã', value: 3 }),
    ]);
    // Nominees of submitted dossiers: 3 + 1 + 1 proposed by the unit, 4 proposed after
    // appraisal, 3 awarded. Submitted and decided the same day: no working day passed.
    expect(s.funnel.map((f: { value: number }) => f.value)).toEqual([5, 4, 3]);
    expect(s.medianWorkingDays).toBe(0);
    expect(s.overdue).toBe(0);
  });

  it('narrows to a unit, a kind of unit, a year; refuses an impossible filter naming it; keeps to the authority', async () => {
    const [{ id: school }] = await t.dataSource.query(
      "SELECT id FROM units WHERE code = 'THCS-THINHAN'",
    );
    const one = (await as.get(`/api/statistics?year=2026&unitId=${school}`).expect(200)).body;
    expect(one.awardsTotal).toEqual({ count: 0, amount: 0 });
    expect(one.coverage[0]).toMatchObject({ registered: 1, units: 1 });
    const kind = (await as.get('/api/statistics?year=2026&unitKind=enterprise').expect(200)).body;
    expect(kind.coverage[0]).toMatchObject({ registered: 1, units: 1 });
    expect(kind.dossiers).toEqual([]);
    const before = (await as.get('/api/statistics?year=2025').expect(200)).body;
    expect(before.awardsTotal).toEqual({ count: 0, amount: 0 });
    const bad = await as.get('/api/statistics?year=1899').expect(400);
    expect(bad.body.details[0].field).toBe('year');
    await as.get('/api/statistics?unitKind=village').expect(400);
    // Tứ Kỳ's Home Affairs sees none of Thịnh An's.
    const other = api(t, await tokenFor(t, 'noivu'));
    expect((await other.get('/api/statistics?year=2026').expect(200)).body.awardsTotal).toEqual({
      count: 0,
      amount: 0,
    });
    // A unit officer has no statistics of the authority.
    await api(t, await tokenFor(t, 'thinhan.pvhcc'))
      .get('/api/statistics')
      .expect(403);
  });

  it('exports the awards by form and subject kind as XLSX and CSV, from the API and the page; audited', async () => {
    const res = await as
      .get('/api/statistics/awards/export?year=2026')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new Workbook();
    await book.xlsx.load(res.body);
    const sheet = book.getWorksheet('Khen thưởng')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Năm',
      'Hình thức khen thưởng',
      'Tập thể',
      'Cá nhân',
      'Hộ gia đình',
      'Tổng số lượt',
      'Tiền thưởng (đồng)',
    ]);
    // The statistical table: the Giấy khen to two people and to one household is one line.
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
      2026,
      'Giấy khen',
      0,
      2,
      1,
      3,
      2106000,
    ]);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([
      2026,
      'Tổng cộng',
      0,
      2,
      1,
      3,
      2106000,
    ]);
    expect(sheet.rowCount).toBe(3);
    const cookie = await webCookie(t, 'thinhan.noivu');
    const page = await request(t.http).get('/thong-ke?year=2026').set('Cookie', cookie).expect(200);
    expect(page.text).toContain(
      'href="/thong-ke/khen-thuong/tai-ve?format=csv&amp;year&#x3D;2026"',
    );
    const csv = await request(t.http)
      .get('/thong-ke/khen-thuong/tai-ve?format=csv&year=2026')
      .set('Cookie', cookie)
      .expect(200);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv.text.trimEnd().split('\r\n')).toEqual([
      '\uFEFFNăm,Hình thức khen thưởng,Tập thể,Cá nhân,Hộ gia đình,Tổng số lượt,Tiền thưởng (đồng)',
      '2026,Giấy khen,0,2,1,3,2106000',
      '2026,Tổng cộng,0,2,1,3,2106000',
    ]);
    const [{ n }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_records WHERE action = 'statistics.export'",
    );
    expect(n).toBe(2);
  });

  it('compiles the movement’s report of a round as a PDF and an XLSX with its lists', async () => {
    const [{ id: roundId }] = await t.dataSource.query(
      `SELECT rr.id FROM review_rounds rr JOIN movements m ON m.id = rr.movement_id
        WHERE m.title = 'Thi đua thực hiện chuyển đổi số năm 2026'`,
    );
    const pdf = await as
      .get(`/api/statistics/rounds/${roundId}/report`)
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', 'application/pdf');
    const text = pdfText(pdf.body).replace(/\s+/g, ' ');
    // The issuing body's two lines sit beside the national motto in the layout.
    expect(text).toMatch(/ỦY BAN NHÂN DÂN XÃ .*THỊNH AN/);
    expect(text).toContain('BÁO CÁO KẾT QUẢ');
    expect(text).toContain(
      'Phong trào thi đua "Thi đua thực hiện chuyển đổi số năm 2026" · Năm 2026',
    );
    expect(text).toContain('Có 5/8 cơ quan, đơn vị đăng ký thi đua.');
    expect(text).toContain('Trường Trung học cơ sở Thịnh An');
    const xlsx = await as
      .get(`/api/statistics/rounds/${roundId}/report?format=xlsx`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new Workbook();
    await book.xlsx.load(xlsx.body);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Khen thưởng',
      'Được khen thưởng',
      'Kết quả đơn vị',
      'Tiêu chí',
      'Đơn vị đăng ký',
    ]);
    expect(book.getWorksheet('Đơn vị đăng ký')!.rowCount).toBe(1 + 5);
    // The round's statistics: the whole round, whatever the year.
    const round = (await as.get(`/api/statistics?roundId=${roundId}`).expect(200)).body;
    expect(round.coverage[0]).toMatchObject({ registered: 5, units: 8 });
    await as.get(`/api/statistics/rounds/${roundId}/report?format=doc`).expect(400);
    await as.get('/api/statistics/rounds/00000000-0000-4000-8000-000000000000/report').expect(404);
    const tuKy = api(t, await tokenFor(t, 'noivu'));
    await tuKy.get(`/api/statistics/rounds/${roundId}/report`).expect(404);
    await tuKy.get(`/api/statistics?roundId=${roundId}`).expect(400);
    // From the round's results page, with the page's session.
    const cookie = await webCookie(t, 'thinhan.vhxh');
    const [{ movementId }] = await t.dataSource.query(
      'SELECT movement_id AS "movementId" FROM review_rounds WHERE id = $1',
      [roundId],
    );
    const results = await request(t.http)
      .get(`/phong-trao/${movementId}/ket-qua/${roundId}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(results.text).toContain(`href="/thong-ke/dot/${roundId}/bao-cao?format=xlsx"`);
    await request(t.http)
      .get(`/thong-ke/dot/${roundId}/bao-cao?format=xlsx`)
      .set('Cookie', cookie)
      .expect(200)
      .expect('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('counts each criterion met and not met from the units’ current reports, as evaluated', async () => {
    const [{ roundId }] = await t.dataSource.query(
      `SELECT rr.id AS "roundId" FROM review_rounds rr JOIN movements m ON m.id = rr.movement_id
        WHERE m.title = 'Thi đua thực hiện chuyển đổi số năm 2026'`,
    );
    const criteria: { id: string; code: string }[] = await t.dataSource.query(
      `SELECT c.id, c.code FROM criteria c JOIN criteria_sets s ON s.id = c.criteria_set_id
         JOIN review_rounds rr ON rr.movement_id = s.movement_id
        WHERE rr.id = $1 AND s.subject_kind = 'district' ORDER BY c.code`,
      [roundId],
    );
    const id = (code: string) => criteria.find((c) => c.code === code)!.id;
    const unit = api(t, await tokenFor(t, 'thinhan.pvhcc'));
    await unit
      .post('/api/reports')
      .send({
        roundId,
        values: [
          { criterionId: id('A1'), number: 100 },
          { criterionId: id('A2'), number: 80 },
          { criterionId: id('A3'), achieved: true, statement: 'Không có sự cố trong năm.' },
        ],
      })
      .expect(201);
    const s = (await as.get(`/api/statistics?roundId=${roundId}`).expect(200)).body;
    const of = (code: string) => s.criteria.find((c: { code: string }) => c.code === code);
    // 100% against 100%: met; 80% against 90%: not met.
    expect(of('A1')).toMatchObject({ met: 1, notMet: 0 });
    expect(of('A2')).toMatchObject({ met: 0, notMet: 1 });
  });
});
