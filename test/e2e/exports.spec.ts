import { Workbook, ValueType } from 'exceljs';
import request from 'supertest';
import { REGISTER_COLUMNS } from '../../src/decisions/register-export';
import { AuthService } from '../../src/auth/auth.service';
import { DossierQueryDto } from '../../src/dossiers/dossiers.dto';
import { DossiersService } from '../../src/dossiers/dossiers.service';
import { api, seedDemo, tokenFor } from '../support/actors';
import { createTestApp, TestApp } from '../support/test-app';
import { binary, webCookie } from '../support/http';
import { actors, issueDecision, lookups } from '../support/workflow-fixtures';

/** A name a unit typed that a spreadsheet would run as a formula. */
const FORMULA = '=HYPERLINK("http://example.invalid","Hộ ông Lê Văn Tám")';

describe('exports: the award register as XLSX and CSV', () => {
  let t: TestApp;
  let as: Awaited<ReturnType<typeof actors>>;
  let issued: { numberLabel: string; items: number };

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    as = await actors(t);
    const ids = await lookups(t);
    issued = await issueDecision(t, as, [
      'Nguyễn Thị Hường',
      { kind: 'household', household: FORMULA, awardFormId: ids.forms['GK-HGD'] },
    ]);
  });
  afterAll(() => t.close());

  it('writes exactly the declared columns, diacritics intact, a frozen header, dates and money as numbers', async () => {
    const res = await as.noivu
      .get('/api/register/export?format=xlsx&year=2026')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toContain('filename="so-khen-thuong-2026.xlsx"');
    const book = new Workbook();
    await book.xlsx.load(res.body);
    const sheet = book.getWorksheet('Sổ khen thưởng')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(REGISTER_COLUMNS.map((c) => c.header));
    expect(header).toContain('Họ và tên, tên tập thể, hộ gia đình');
    expect(sheet.rowCount).toBe(1 + issued.items);
    const rows = [2, 3].map((r) => (sheet.getRow(r).values as unknown[]).slice(1));
    const person = rows.find((r) => r[2] === 'Nguyễn Thị Hường')!;
    expect(person).toEqual([
      2026,
      expect.any(Number),
      'Nguyễn Thị Hường',
      'Cá nhân',
      'UBND xã Hưng Đạo',
      'Giấy khen của Chủ tịch Ủy ban nhân dân huyện (cá nhân)',
      issued.numberLabel,
      expect.any(Date),
      702000,
      'Còn hiệu lực',
    ]);
    // The formula-looking name is a string cell: shown, never run.
    const cell = sheet.getRow(rows.findIndex((r) => r[3] === 'Hộ gia đình') + 2).getCell(3);
    expect(cell.type).toBe(ValueType.String);
    expect(cell.value).toBe(FORMULA);
    expect(sheet.getRow(2).getCell(8).numFmt).toBe('dd/mm/yyyy');
  });

  it('writes a CSV Excel opens with its diacritics (BOM), a formula-looking cell as text', async () => {
    const res = await as.noivu.get('/api/register/export?format=csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const raw = Buffer.from(res.text, 'utf8');
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      REGISTER_COLUMNS.map((c) => c.header)
        .join(',')
        .replace('Họ và tên, tên tập thể, hộ gia đình', '"Họ và tên, tên tập thể, hộ gia đình"'),
    );
    expect(lines).toHaveLength(1 + issued.items);
    expect(res.text).toContain(`"'=HYPERLINK(""http://example.invalid"",""Hộ ông Lê Văn Tám"")"`);
    expect(res.text).toMatch(/,\d{2}\/\d{2}\/2026,702000,Còn hiệu lực/);
  });

  it('follows the search, refuses a bad filter naming it and a role without the register, and audits each export', async () => {
    const none = await as.noivu.get('/api/register/export?format=csv&year=2025').expect(200);
    expect(
      none.text
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n'),
    ).toHaveLength(1);
    const bad = await as.noivu.get('/api/register/export?format=pdf').expect(400);
    expect(bad.body.details[0].field).toBe('format');
    const year = await as.noivu.get('/api/register/export?year=1800').expect(400);
    expect(year.body.details[0].field).toBe('year');
    await as.hungdao.get('/api/register/export').expect(403);
    const other = api(t, await tokenFor(t, 'tanhong.noivu'));
    const theirs = await other.get('/api/register/export?format=csv').expect(200);
    expect(theirs.text).not.toContain('Nguyễn Thị Hường');
    const audits = await t.dataSource.query(
      "SELECT changes FROM audit_records WHERE action = 'register.export' ORDER BY at",
    );
    expect(audits.map((a: { changes: { export: { to: string } } }) => a.changes.export.to)).toEqual(
      expect.arrayContaining(['Sổ khen thưởng (xlsx, 2 dòng)', 'Sổ khen thưởng (csv, 0 dòng)']),
    );
  });

  it('offers the same download from the register page, with the search kept', async () => {
    const cookie = await webCookie(t, 'noivu');
    const page = await request(t.http)
      .get('/quyet-dinh/so-khen-thuong?year=2026')
      .set('Cookie', cookie)
      .expect(200);
    // Handlebars escapes "=" in the attribute; the browser reads it back.
    expect(page.text).toContain(
      'href="/quyet-dinh/so-khen-thuong/tai-ve?format=csv&amp;year&#x3D;2026"',
    );
    const csv = await request(t.http)
      .get('/quyet-dinh/so-khen-thuong/tai-ve?format=csv&year=2026')
      .set('Cookie', cookie)
      .expect(200);
    expect(csv.text.trimEnd().split('\r\n')).toHaveLength(1 + issued.items);
  });

  it('exports a decision’s list in its order, from the API and the decision page', async () => {
    const [{ id }] = await t.dataSource.query(
      "SELECT id FROM decisions WHERE status = 'issued' LIMIT 1",
    );
    const res = await as.noivu
      .get(`/api/decisions/${id}/export`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new Workbook();
    await book.xlsx.load(res.body);
    const sheet = book.getWorksheet('Danh sách')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'STT',
      'Họ và tên, tên tập thể, hộ gia đình',
      'Đối tượng',
      'Đơn vị',
      'Hình thức khen thưởng',
      'Số vào sổ khen thưởng',
      'Tiền thưởng (đồng)',
    ]);
    expect(sheet.rowCount).toBe(1 + issued.items);
    expect(res.headers['content-disposition']).toContain(
      `danh-sach-qd-${issued.numberLabel.split('/')[0]}-2026.xlsx`,
    );
    const cookie = await webCookie(t, 'chutich');
    const page = await request(t.http).get(`/quyet-dinh/${id}`).set('Cookie', cookie).expect(200);
    expect(page.text).toContain(`href="/quyet-dinh/${id}/danh-sach?format=csv"`);
    const csv = await request(t.http)
      .get(`/quyet-dinh/${id}/danh-sach?format=csv`)
      .set('Cookie', cookie)
      .expect(200);
    expect(csv.text).toContain('1,Nguyễn Thị Hường,Cá nhân,UBND xã Hưng Đạo,');
    await as.hungdao.get(`/api/decisions/${id}/export`).expect(403);
    await as.noivu.get(`/api/decisions/${id}/export?format=ods`).expect(400);
  });

  it('exports the dossiers the queue shows, in the caller’s scope, from the API and the home page', async () => {
    const all = (await as.noivu.get('/api/dossiers?limit=100').expect(200)).body;
    const res = await as.noivu.get('/api/dossiers/export').buffer(true).parse(binary).expect(200);
    const book = new Workbook();
    await book.xlsx.load(res.body);
    const sheet = book.getWorksheet('Hồ sơ')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Tên hồ sơ',
      'Đơn vị',
      'Trạng thái',
      'Ngày gửi',
      'Hạn thẩm định',
      'Quá hạn',
      'Người thẩm định',
    ]);
    expect(sheet.rowCount).toBe(1 + all.total);
    expect((sheet.getRow(2).values as unknown[])[2]).toBe('UBND xã Hưng Đạo');
    // The decided dossier names the officer who took it for appraisal.
    const [{ full_name: appraiser }] = await t.dataSource.query(
      "SELECT full_name FROM users WHERE username = 'noivu'",
    );
    const decided = all.items.findIndex((d: { status: string }) => d.status === 'decided');
    expect((sheet.getRow(2 + decided).values as unknown[])[7]).toBe(appraiser);
    // A unit officer's export holds their unit's dossiers only; another unit's has none of them.
    const daison = api(t, await tokenFor(t, 'daison'));
    const theirs = await daison.get('/api/dossiers/export?format=csv').expect(200);
    expect(theirs.text).not.toContain('UBND xã Hưng Đạo');
    const own = await as.hungdao.get('/api/dossiers/export?format=csv&status=decided').expect(200);
    expect(own.text.trimEnd().split('\r\n')).toHaveLength(2);
    await as.noivu.get('/api/dossiers/export?status=lost').expect(400);
    const cookie = await webCookie(t, 'noivu');
    const home = await request(t.http).get('/?status=decided').set('Cookie', cookie).expect(200);
    expect(home.text).toContain('href="/tai-ve/ho-so?format=csv&amp;status&#x3D;decided"');
    const csv = await request(t.http)
      .get('/tai-ve/ho-so?format=csv&status=decided')
      .set('Cookie', cookie)
      .expect(200);
    expect(csv.text.trimEnd().split('\r\n')).toHaveLength(2);
    const [{ n }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_records WHERE action = 'dossier.export'",
    );
    expect(n).toBe(4);
  });

  it("exports one snapshot in the queue's order: a dossier a colleague moves out of the search between two batches leaves none behind", async () => {
    const dossiers = t.app.get(DossiersService);
    const actor = (await t.app.get(AuthService).actorFor(await tokenFor(t, 'noivu'), null))!;
    // Three more of the authority's dossiers, refused (removed after).
    const [{ id: model }] = (await dossiers.queue(actor, new DossierQueryDto())).items;
    const copies: { id: string }[] = await t.dataSource.query(
      `INSERT INTO dossiers (id, authority_id, unit_id, movement_id, round_id, commendation_kind, title, status)
       SELECT gen_random_uuid(), authority_id, unit_id, movement_id, round_id, commendation_kind,
              title || ' (' || g || ')', 'refused'
         FROM dossiers, generate_series(1, 3) g WHERE id = $1 RETURNING id`,
      [model],
    );
    const query = Object.assign(new DossierQueryDto(), { status: 'refused' });
    const expected = (await dossiers.queue(actor, { ...query, limit: 100 })).items.map((d) => d.id);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const nameOf = async (id: string | null) =>
      id
        ? ((await t.dataSource.query('SELECT full_name FROM users WHERE id = $1', [id]))[0]
            .full_name as string)
        : null;
    // Batches of one dossier; after the first, that dossier is moved on (outside the export).
    const read = () =>
      dossiers.snapshot(async () => {
        const seen: string[] = [];
        for await (const batch of dossiers.exportRows(actor, query, 1)) {
          seen.push(...batch.map((d) => d.id));
          if (seen.length === 1)
            await t.dataSource.query("UPDATE dossiers SET status = 'withdrawn' WHERE id = $1", [
              seen[0],
            ]);
        }
        await t.dataSource.query("UPDATE dossiers SET status = 'refused' WHERE id = $1", [seen[0]]);
        return seen;
      });
    try {
      expect(await read()).toEqual(expected);
      // Every order the queue offers, the same rows in the same order as its pages.
      for (const [sort, order] of [
        ['updatedAt', 'desc'],
        ['appraisalDueOn', 'asc'],
        ['submittedAt', 'desc'],
      ] as const) {
        const search = Object.assign(new DossierQueryDto(), { sort, order });
        const pages = (await dossiers.queue(actor, { ...search, limit: 100 })).items;
        const rows = await dossiers.snapshot(async () => {
          const all = [];
          for await (const batch of dossiers.exportRows(actor, search, 7)) all.push(...batch);
          return all;
        });
        expect([sort, rows.map((d) => d.id)]).toEqual([sort, pages.map((d) => d.id)]);
        expect(rows[0]).toEqual({
          id: pages[0].id,
          title: pages[0].title,
          unitName: pages[0].unit!.name,
          statusLabel: pages[0].statusLabel,
          submittedAt: pages[0].submittedAt,
          appraisalDueOn: pages[0].appraisalDueOn,
          overdue: pages[0].overdue,
          appraiser: await nameOf(pages[0].assignedTo),
        });
      }
    } finally {
      await t.dataSource.query('DELETE FROM dossiers WHERE id = ANY($1)', [
        copies.map((c) => c.id),
      ]);
    }
  });

  it('exports a movement’s registrations, a unit officer’s own only, from the API and the movement page', async () => {
    const [{ id }] = await t.dataSource.query(
      "SELECT m.id FROM movements m JOIN authorities a ON a.id = m.authority_id WHERE a.code = 'tu-ky'",
    );
    const all = (await as.noivu.get(`/api/movements/${id}/registrations`).expect(200)).body;
    const res = await as.noivu
      .get(`/api/movements/${id}/registrations/export`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new Workbook();
    await book.xlsx.load(res.body);
    const sheet = book.getWorksheet('Đăng ký thi đua')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Đơn vị',
      'Loại đơn vị',
      'Tình trạng',
      'Làm điểm',
      'Ngày đăng ký',
      'Nội dung đăng ký',
    ]);
    expect(sheet.rowCount).toBe(1 + all.length);
    const own = await as.hungdao
      .get(`/api/movements/${id}/registrations/export?format=csv`)
      .expect(200);
    expect(own.text.trimEnd().split('\r\n')).toEqual([
      '\uFEFFĐơn vị,Loại đơn vị,Tình trạng,Làm điểm,Ngày đăng ký,Nội dung đăng ký',
      expect.stringMatching(/^UBND xã Hưng Đạo,"Xã, thị trấn",Đã đăng ký,Có,31\/12\/2021,/),
    ]);
    const cookie = await webCookie(t, 'noivu');
    const page = await request(t.http).get(`/phong-trao/${id}`).set('Cookie', cookie).expect(200);
    expect(page.text).toContain(`href="/phong-trao/${id}/dang-ky?format=csv"`);
    const csv = await request(t.http)
      .get(`/phong-trao/${id}/dang-ky?format=csv`)
      .set('Cookie', cookie)
      .expect(200);
    expect(csv.text.trimEnd().split('\r\n')).toHaveLength(1 + all.length);
    await as.noivu.get(`/api/movements/${id}/registrations/export?format=txt`).expect(400);
  });
});
