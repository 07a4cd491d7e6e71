import { Workbook } from 'exceljs';
import { api, countRows, seedDemo, tokenFor } from '../support/actors';
import { createTestApp, TestApp } from '../support/test-app';
import { binary } from '../support/http';
import {
  actors,
  attachLetterAndMinutes,
  draftDossier,
  lookups,
  sendToChairman,
} from '../support/workflow-fixtures';

const HEADERS = ['Mã đơn vị', 'Họ và tên', 'Giới tính', 'Năm sinh', 'Chức vụ'];

/** An XLSX as an office fills it: the header row, then the rows given (a cell may be a formula). */
async function sheet(rows: unknown[][], headers = HEADERS): Promise<Buffer> {
  const book = new Workbook();
  const ws = book.addWorksheet('Cá nhân');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('imports: people from the XLSX offices keep', () => {
  let t: TestApp;
  let noivu: ReturnType<typeof api>;
  const upload = (file: Buffer, dryRun?: boolean) =>
    noivu
      .post(`/api/imports/people${dryRun === undefined ? '' : `?dryRun=${dryRun}`}`)
      .attach('file', file, 'ca-nhan.xlsx');

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    noivu = api(t, await tokenFor(t, 'noivu'));
  });
  afterAll(() => t.close());

  const good = [
    ['XA-HUNGDAO', 'Đặng Văn Long', 'Nam', 1991, 'Trưởng thôn Đông'],
    ['xa-daison', 'Lương Thị Mến', 'Nữ', '1988', ''],
    ['P-VHTT', 'Kiều Minh Phúc', 'nam', 1979, 'Chuyên viên'],
  ];

  it('gives a template with the columns and, on a second sheet, the unit codes', async () => {
    const res = await noivu
      .get('/api/imports/people/template')
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new Workbook();
    await book.xlsx.load(res.body);
    expect((book.getWorksheet('Cá nhân')!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    const codes = book.getWorksheet('Hướng dẫn')!.getColumn(1).values;
    expect(codes).toEqual(expect.arrayContaining(['XA-HUNGDAO', 'P-NOIVU']));
  });

  it('previews without writing, imports in one go, and changes nothing when the same file comes again', async () => {
    const before = await countRows(t, 'people');
    const preview = (await upload(await sheet(good), true).expect(200)).body;
    expect(preview).toMatchObject({ dryRun: true, rows: 3, created: 3, existing: 0, errors: [] });
    expect(preview.previewColumns).toEqual(['Họ và tên', 'Giới tính', 'Năm sinh', 'Đơn vị']);
    expect(preview.preview[1]).toEqual({
      row: 3,
      values: ['Lương Thị Mến', 'Nữ', '1988', 'UBND xã Đại Sơn'],
    });
    expect(await countRows(t, 'people')).toBe(before);
    const done = (await upload(await sheet(good)).expect(200)).body;
    expect(done).toMatchObject({ dryRun: false, created: 3, existing: 0 });
    expect(await countRows(t, 'people')).toBe(before + 3);
    const found = (await noivu.get('/api/people?q=luong thi men').expect(200)).body.items;
    expect(found).toEqual([
      expect.objectContaining({ fullName: 'Lương Thị Mến', birthYear: 1988 }),
    ]);
    const again = (await upload(await sheet(good)).expect(200)).body;
    expect(again).toMatchObject({ created: 0, existing: 3 });
    expect(await countRows(t, 'people')).toBe(before + 3);
    const [{ n }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_records WHERE action = 'import.people'",
    );
    expect(n).toBe(2);
  });

  it('imports nothing when a row is bad, naming each row, column and reason', async () => {
    const before = await countRows(t, 'people');
    const rows = [
      ['XA-HUNGDAO', 'Tô Văn Hiếu', 'Nam', 1990, ''],
      ['XA-KHONGCO', 'Hồ Thị Gấm', 'Nữ', 1992, ''],
      ['TT-SARAI', 'Trịnh Văn Lực', 'Nam', 1985, ''],
      ['XA-HUNGDAO', 'A', 'Khác', 1850, ''],
      ['XA-HUNGDAO', 'Tô Văn Hiếu', 'Nam', 1990, ''],
      ['XA-HUNGDAO', { formula: 'CONCAT("Lê ","Văn Ba")' }, 'Nam', 1990, ''],
    ];
    const refused = (await upload(await sheet(rows)).expect(400)).body;
    expect(refused.message).toBe(
      'Tệp có 7 lỗi; chưa nhập dòng nào. Hãy sửa các dòng được nêu rồi nhập lại.',
    );
    expect(
      refused.details.map((d: { field: string; message: string }) => [d.field, d.message]),
    ).toEqual([
      [
        'rows.3.unitCode',
        'Dòng 3, cột "Mã đơn vị": không có đơn vị mã "XA-KHONGCO" trong cơ quan (xem trang "Hướng dẫn" của tệp mẫu).',
      ],
      // Another authority's unit is not one of ours.
      [
        'rows.4.unitCode',
        'Dòng 4, cột "Mã đơn vị": không có đơn vị mã "TT-SARAI" trong cơ quan (xem trang "Hướng dẫn" của tệp mẫu).',
      ],
      ['rows.5.fullName', 'Dòng 5, cột "Họ và tên": họ và tên từ 2 đến 120 ký tự.'],
      ['rows.5.gender', 'Dòng 5, cột "Giới tính": ghi "Nam" hoặc "Nữ".'],
      [
        'rows.5.birthYear',
        expect.stringMatching(
          /^Dòng 5, cột "Năm sinh": năm sinh là số có 4 chữ số, từ 1900 đến \d{4}\.$/,
        ),
      ],
      [
        'rows.6.fullName',
        'Dòng 6, cột "Họ và tên": trùng với dòng 2 (cùng đơn vị, họ tên và năm sinh).',
      ],
      ['rows.7.fullName', 'Dòng 7, cột "Họ và tên": ô chứa công thức; hãy nhập giá trị.'],
    ]);
    expect(await countRows(t, 'people')).toBe(before);
    // The preview reports the same, with 200.
    const preview = (await upload(await sheet(rows), true).expect(200)).body;
    expect(preview.errors).toHaveLength(7);
  });

  it('refuses wrong headers, a file that is not XLSX, a zip bomb, no file, and a role that does not import', async () => {
    const headers = await upload(
      await sheet(good, ['Đơn vị', 'Tên', 'Giới', 'Năm', 'Chức vụ']),
    ).expect(400);
    expect(headers.body.details[0]).toMatchObject({ field: 'file', code: 'headers' });
    expect(headers.body.details[0].message).toContain(
      'Mã đơn vị | Họ và tên | Giới tính | Năm sinh | Chức vụ',
    );
    const pdf = await upload(Buffer.from('%PDF-1.4\n%%EOF\n')).expect(400);
    expect(pdf.body.details[0]).toMatchObject({ field: 'file', code: 'type' });
    // A workbook whose directory says it unpacks to 200 MB: refused before it is opened.
    const bomb = await sheet(good);
    const dir = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(200 * 1024 * 1024, dir + 24);
    const refused = await upload(bomb).expect(400);
    expect(refused.body.details[0]).toMatchObject({ field: 'file', code: 'tooLarge' });
    const none = await noivu.post('/api/imports/people').expect(400);
    expect(none.body.details[0].field).toBe('file');
    await noivu
      .post('/api/imports/people?dryRun=maybe')
      .attach('file', await sheet(good), 'x.xlsx')
      .expect(400);
    const unit = api(t, await tokenFor(t, 'hungdao'));
    await unit
      .post('/api/imports/people')
      .attach('file', await sheet(good), 'x.xlsx')
      .expect(403);
  });

  it('imports units with their parents (recorded or in the file), nothing when a row is bad, nothing new again', async () => {
    const UNIT_HEADERS = ['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị', 'Mã đơn vị cấp trên'];
    const send = async (rows: unknown[][], dryRun?: boolean, status = 200) =>
      noivu
        .post(`/api/imports/units${dryRun === undefined ? '' : `?dryRun=${dryRun}`}`)
        .attach('file', await sheet(rows, UNIT_HEADERS), 'don-vi.xlsx')
        .expect(status);
    const template = await noivu
      .get('/api/imports/units/template')
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new Workbook();
    await book.xlsx.load(template.body);
    expect((book.getWorksheet('Đơn vị')!.getRow(1).values as unknown[]).slice(1)).toEqual(
      UNIT_HEADERS,
    );
    const before = await countRows(t, 'units');
    const bad = await send(
      [
        ['THON-DONG-CHI', 'Chi hội Nông dân thôn Đông', 'Mặt trận Tổ quốc, đoàn thể', 'HD-HND'],
        ['HD-HND', 'Hội Nông dân xã Hưng Đạo', 'Hội quần chúng', 'XA-HUNGDAO'],
        ['HD-HND', 'Hội Nông dân (lặp)', 'Mặt trận Tổ quốc, đoàn thể', ''],
        ['HD CCB', 'Hội Cựu chiến binh', 'Mặt trận Tổ quốc, đoàn thể', 'XA-KHONGCO'],
      ],
      undefined,
      400,
    );
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual([
      'rows.3.kind',
      'rows.4.code',
      'rows.5.code',
      'rows.5.parentCode',
    ]);
    expect(await countRows(t, 'units')).toBe(before);
    const good = [
      // A child before its parent, which is in the same file.
      ['THON-DONG-CHI', 'Chi hội Nông dân thôn Đông', 'Mặt trận Tổ quốc, đoàn thể', 'HD-HND'],
      ['HD-HND', 'Hội Nông dân xã Hưng Đạo', 'Mặt trận Tổ quốc, đoàn thể', 'XA-HUNGDAO'],
      ['XA-HUNGDAO', 'UBND xã Hưng Đạo', 'Xã, thị trấn', ''],
    ];
    expect((await send(good, true)).body).toMatchObject({
      created: 2,
      existing: 1,
      errors: [],
    });
    expect((await send(good)).body).toMatchObject({ created: 2, existing: 1 });
    const tree = await t.dataSource.query(
      `SELECT u.code, p.code AS parent FROM units u LEFT JOIN units p ON p.id = u.parent_id
        WHERE u.code IN ('THON-DONG-CHI', 'HD-HND') ORDER BY u.code`,
    );
    expect(tree).toEqual([
      { code: 'HD-HND', parent: 'XA-HUNGDAO' },
      { code: 'THON-DONG-CHI', parent: 'HD-HND' },
    ]);
    expect((await send(good)).body).toMatchObject({ created: 0, existing: 3 });
    expect(await countRows(t, 'units')).toBe(before + 2);
  });

  it('imports earlier awards, one row per awardee, matched to the people recorded; they count in the award history', async () => {
    const AWARD_HEADERS = [
      'Đối tượng',
      'Họ và tên, tên tập thể, hộ gia đình',
      'Mã đơn vị',
      'Năm sinh (cá nhân)',
      'Hình thức khen thưởng',
      'Số quyết định',
      'Ngày quyết định',
      'Cấp quyết định',
    ];
    const send = async (rows: unknown[][], status = 200) =>
      noivu
        .post('/api/imports/awards')
        .attach('file', await sheet(rows, AWARD_HEADERS), 'khen-thuong.xlsx')
        .expect(status);
    const template = await noivu
      .get('/api/imports/awards/template')
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new Workbook();
    await book.xlsx.load(template.body);
    expect((book.getWorksheet('Khen thưởng')!.getRow(1).values as unknown[]).slice(1)).toEqual(
      AWARD_HEADERS,
    );
    const by = 'Chủ tịch UBND huyện Tứ Kỳ';
    const bad = await send(
      [
        [
          'Cá nhân',
          'Nguyễn Văn Không',
          'XA-HUNGDAO',
          1980,
          'Giấy khen',
          '12/QĐ-UBND',
          '20/11/2025',
          by,
        ],
        [
          'Cá nhân',
          'Nguyễn Thị Hường',
          'XA-HUNGDAO',
          1984,
          'Giấy khen',
          '12/QĐ-UBND',
          '31/02/2025',
          by,
        ],
        [
          'Đơn vị',
          'UBND xã Hưng Đạo',
          'XA-HUNGDAO',
          '',
          'Giấy khen',
          '12/QĐ-UBND',
          '20/11/2025',
          by,
        ],
      ],
      400,
    );
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual([
      'rows.2.name',
      'rows.3.decisionDate',
      'rows.4.kind',
    ]);
    expect(bad.body.details[0].message).toBe(
      'Dòng 2, cột "Họ và tên, tên tập thể, hộ gia đình": không có cá nhân "Nguyễn Văn Không" sinh năm 1980 ở UBND xã Hưng Đạo (hãy nhập danh sách cá nhân trước).',
    );
    expect(await countRows(t, 'recorded_awards')).toBe(0);
    const good = [
      [
        'Cá nhân',
        'Nguyễn Thị Hường',
        'XA-HUNGDAO',
        1984,
        'Danh hiệu "Lao động tiên tiến"',
        '15/QĐ-UBND',
        '20/11/2026',
        by,
      ],
      [
        'Tập thể',
        'UBND xã Hưng Đạo',
        'XA-HUNGDAO',
        '',
        'Danh hiệu "Tập thể lao động tiên tiến"',
        '15/QĐ-UBND',
        '20/11/2026',
        by,
      ],
      [
        'Hộ gia đình',
        'Hộ ông Lê Văn Tám, thôn Nam',
        'XA-HUNGDAO',
        '',
        'Giấy khen',
        '09/QĐ-UBND',
        '2024-05-02',
        by,
      ],
    ];
    expect((await send(good)).body).toMatchObject({ created: 3, existing: 0 });
    expect((await send(good)).body).toMatchObject({ created: 0, existing: 3 });
    const [hường] = await t.dataSource.query(
      'SELECT law_title AS "lawTitle", year, person_id IS NOT NULL AS matched FROM recorded_awards WHERE awardee_name = \'Nguyễn Thị Hường\'',
    );
    expect(hường).toEqual({ lawTitle: 'lao-dong-tien-tien', year: 2026, matched: true });

    // The recorded title counts: a second "Lao động tiên tiến" for 2026 is refused, naming it.
    const as = await actors(t);
    const ids = await lookups(t);
    const { id, nomineeIds } = await draftDossier(as.hungdao, ids.roundId, [
      {
        kind: 'individual',
        personId: ids.people['Nguyễn Thị Hường'],
        awardFormId: ids.forms['LDTT'],
        report: true,
      },
    ]);
    await attachLetterAndMinutes(as.hungdao, id);
    await sendToChairman(as, id, nomineeIds);
    const draft = (
      await as.chutich
        .post('/api/decisions')
        .send({ dossierIds: [id] })
        .expect(201)
    ).body;
    const refused = await as.chutich.post(`/api/decisions/${draft.id}/issue`).send({}).expect(409);
    expect(refused.body.message).toContain(
      'Nguyễn Thị Hường: Đã được tặng danh hiệu này cho năm 2026 (Quyết định số 15/QĐ-UBND ngày 20/11/2026 của Chủ tịch UBND huyện Tứ Kỳ)',
    );
  });
});
