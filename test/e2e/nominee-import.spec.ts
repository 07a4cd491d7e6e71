import { Workbook } from 'exceljs';
import { seedDemo } from '../support/actors';
import request from 'supertest';
import { binary, webCookie } from '../support/http';
import { createTestApp, TestApp } from '../support/test-app';
import { actors, draftDossier, lookups } from '../support/workflow-fixtures';
import { NOMINEE_COLUMNS } from '../../src/dossiers/nominee-import.service';

/** A unit fills the template with its nominees; the draft dossier gets all of them or none. */
describe('nominees from Excel into a draft dossier', () => {
  let t: TestApp;
  let as: Awaited<ReturnType<typeof actors>>;
  let dossierId: string;
  let forms: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    as = await actors(t);
    await lookups(t);
    ({ id: dossierId } = await draftDossier(
      as.hungdao,
      undefined,
      [],
      'Đề nghị khen thưởng đột xuất',
    ));
    forms = Object.fromEntries(
      (
        await t.dataSource.query(
          "SELECT f.code, f.name FROM award_forms f JOIN authorities a ON a.id = f.authority_id WHERE a.code = 'tu-ky'",
        )
      ).map((r: { code: string; name: string }) => [r.code, r.name]),
    );
  });
  afterAll(() => t.close());

  const file = async (rows: unknown[][]) => {
    const book = new Workbook();
    const sheet = book.addWorksheet('Đối tượng');
    sheet.addRow(NOMINEE_COLUMNS.map((c) => c.header));
    for (const r of rows) sheet.addRow(r);
    return Buffer.from(await book.xlsx.writeBuffer());
  };
  const upload = (body: Buffer, dryRun?: boolean) =>
    as.hungdao
      .post(
        `/api/dossiers/${dossierId}/nominees/import${dryRun === undefined ? '' : `?dryRun=${dryRun}`}`,
      )
      .attach('file', body, 'doi-tuong.xlsx');
  const nominees = async () =>
    (
      await t.dataSource.query('SELECT display_name FROM nominees WHERE dossier_id = $1', [
        dossierId,
      ])
    )
      .map((r: { display_name: string }) => r.display_name)
      .sort();
  const good = () => [
    [
      'Cá nhân',
      'Nguyễn Thị Hường',
      1984,
      '',
      forms['GK-CN'],
      'Hoàn thành xuất sắc nhiệm vụ chuyển đổi số của xã.',
    ],
    [
      'Hộ gia đình',
      'Hộ ông Nguyễn Văn Tư, thôn Đông',
      '',
      '',
      forms['GK-HGD'],
      'Hiến 200 m² đất làm đường giao thông nông thôn.',
    ],
  ];

  it('gives the template with its forms, to the unit only', async () => {
    const res = await as.hungdao
      .get(`/api/dossiers/${dossierId}/nominees/template`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new Workbook();
    await book.xlsx.load(res.body);
    expect((book.getWorksheet('Đối tượng')!.getRow(1).values as unknown[]).slice(1)).toEqual(
      NOMINEE_COLUMNS.map((c) => c.header),
    );
    const help = book.getWorksheet('Hướng dẫn')!;
    expect(help.getColumn(1).values).toContain(forms['GK-CN']);
    await as.daison.get(`/api/dossiers/${dossierId}/nominees/template`).expect(404);
    await as.noivu.get(`/api/dossiers/${dossierId}/nominees/template`).expect(403);
  });

  it('previews without writing, and refuses a file with a bad row entirely, naming each row and column', async () => {
    const preview = (await upload(await file(good()), true).expect(200)).body;
    expect(preview).toMatchObject({ dryRun: true, rows: 2, created: 2, errors: [] });
    expect(preview.preview[1].values).toEqual([
      'Hộ gia đình',
      'Hộ ông Nguyễn Văn Tư, thôn Đông',
      forms['GK-HGD'],
    ]);
    expect(await nominees()).toEqual([]);

    const bad = await upload(
      await file([
        ...good(),
        ['Cá nhân', 'Người Không Có', 1990, '', forms['GK-CN'], 'Thành tích xuất sắc trong năm.'],
        ['Tập thể', '', '', 'KHONG-CO', forms['GK-CN'], 'Thành tích xuất sắc trong năm.'],
        ['Công ty', 'Ai đó', '', '', 'Bằng vàng', 'ngắn'],
        ['Cá nhân', { formula: '1+1' }, 1990, '', forms['GK-CN'], 'Thành tích xuất sắc trong năm.'],
      ]),
    ).expect(400);
    const fields = bad.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'rows.4.name',
        'rows.5.unitCode',
        'rows.6.kind',
        'rows.6.form',
        'rows.6.achievement',
        'rows.7.name',
      ]),
    );
    expect(bad.body.details.find((d: { field: string }) => d.field === 'rows.4.name').message).toBe(
      'Dòng 4, cột "Họ và tên, tên tập thể, hộ gia đình": không có "Người Không Có" sinh năm 1990 trong danh sách cá nhân.',
    );
    expect(bad.body.message).toContain('chưa thêm đối tượng nào');
    expect(await nominees()).toEqual([]);
  });

  it('imports a good file in one go, and the same file again adds nothing (each row refused as a duplicate)', async () => {
    const done = (await upload(await file(good())).expect(200)).body;
    expect(done).toMatchObject({ dryRun: false, created: 2, errors: [] });
    expect(await nominees()).toEqual(['Hộ ông Nguyễn Văn Tư, thôn Đông', 'Nguyễn Thị Hường']);
    const again = await upload(await file(good())).expect(400);
    expect(again.body.details).toHaveLength(2);
    expect(again.body.details[0].message).toContain('đã được đề nghị');
    expect(await nominees()).toHaveLength(2);
    await as.daison
      .post(`/api/dossiers/${dossierId}/nominees/import`)
      .attach('file', await file(good()), 'doi-tuong.xlsx')
      .expect(404);
    const none = await as.hungdao.post(`/api/dossiers/${dossierId}/nominees/import`).expect(400);
    expect(none.body.details[0].field).toBe('file');
  });

  it('imports from the dossier page, and says on the page which row was refused', async () => {
    const { id } = await draftDossier(
      as.hungdao,
      undefined,
      [],
      'Đề nghị khen thưởng đột xuất (2)',
    );
    const cookie = await webCookie(t, 'hungdao');
    const page = await request(t.http).get(`/ho-so/${id}`).set('Cookie', cookie).expect(200);
    expect(page.text).toContain('Nhập đối tượng từ Excel');
    // The page's template link works with the page's session.
    expect(page.text).toContain(`href="/ho-so/${id}/mau-doi-tuong"`);
    await request(t.http)
      .get(`/ho-so/${id}/mau-doi-tuong`)
      .set('Cookie', cookie)
      .expect(200)
      .expect('Content-Type', /spreadsheetml/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const refused = await request(t.http)
      .post(`/ho-so/${id}/nhap-doi-tuong`)
      .set('Cookie', cookie)
      .field('_csrf', csrf)
      .attach(
        'file',
        await file([
          ['Cá nhân', 'Người Không Có', 1990, '', forms['GK-CN'], 'Thành tích xuất sắc.'],
        ]),
        'doi-tuong.xlsx',
      )
      .expect(303);
    expect(decodeURIComponent(refused.headers.location.replace(/\+/g, ' '))).toContain(
      'Dòng 2, cột "Họ và tên, tên tập thể, hộ gia đình": không có "Người Không Có"',
    );
    await request(t.http)
      .post(`/ho-so/${id}/nhap-doi-tuong`)
      .set('Cookie', cookie)
      .field('_csrf', csrf)
      .attach('file', await file([good()[1]]), 'doi-tuong.xlsx')
      .expect(303)
      .expect('Location', `/ho-so/${id}`);
    const [{ n }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM nominees WHERE dossier_id = $1',
      [id],
    );
    expect(n).toBe(1);
  });
});
