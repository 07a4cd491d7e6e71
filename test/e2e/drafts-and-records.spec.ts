import JSZip from 'jszip';
import request from 'supertest';
import { seedDemo } from '../support/actors';
import { binary, webCookie } from '../support/http';
import { ManualClock } from '../support/manual-clock';
import { pdfFonts, pdfText } from '../support/pdf';
import { createTestApp, TestApp } from '../support/test-app';
import { actors, draftDossier, issueDecision, lookups } from '../support/workflow-fixtures';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const HOUSEHOLD = 'Hộ ông Phạm Văn Tám, thôn Đông Hưng';

/** The text of a DOCX's body, opened as Word does: its XML, paragraphs as lines. */
async function docxText(buffer: Buffer): Promise<{ text: string; styles: string }> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return { text, styles: await zip.file('word/styles.xml')!.async('string') };
}

/** pdftotext breaks lines where the page does: compare with spaces only. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('drafts of a dossier, and the award records of collectives and households', () => {
  const clock = new ManualClock('2026-11-23');
  let t: TestApp;
  let as: Awaited<ReturnType<typeof actors>>;
  let ids: Awaited<ReturnType<typeof lookups>>;
  let dossierId: string;
  let collective: string;
  let person: string;
  let household: string;

  beforeAll(async () => {
    t = await createTestApp({}, clock);
    await seedDemo(t);
    as = await actors(t);
    ids = await lookups(t);
    const { id, nomineeIds } = await draftDossier(as.hungdao, ids.roundId, [
      { kind: 'collective', collectiveUnitId: ids.hungDaoId, awardFormId: ids.forms['GK-TT'] },
      {
        kind: 'individual',
        personId: ids.people['Nguyễn Thị Hường'],
        awardFormId: ids.forms['GK-CN'],
      },
      { kind: 'household', household: HOUSEHOLD, awardFormId: ids.forms['GK-HGD'] },
    ]);
    [dossierId, collective, person, household] = [id, ...nomineeIds];
    // Hưng Đạo (registered in the demo) reports the round against the movement's current criteria for communes.
    const [{ movement_id: movementId }] = await t.dataSource.query(
      'SELECT movement_id FROM review_rounds WHERE id = $1',
      [ids.roundId],
    );
    const criteria: { id: string; type: string; threshold: number | null }[] =
      await t.dataSource.query(
        `SELECT c.id, c.type, c.threshold::float AS threshold FROM criteria c
           JOIN criteria_sets s ON s.id = c.criteria_set_id
          WHERE s.movement_id = $1 AND s.subject_kind = 'commune'
            AND s.version = (SELECT max(version) FROM criteria_sets
                              WHERE movement_id = $1 AND subject_kind = 'commune')`,
        [movementId],
      );
    await as.hungdao
      .post('/api/reports')
      .send({
        roundId: ids.roundId,
        values: criteria.map((c) =>
          c.type === 'boolean'
            ? { criterionId: c.id, achieved: true }
            : c.type === 'qualitative'
              ? { criterionId: c.id, statement: 'Mô hình "Chợ 4.0" thanh toán không dùng tiền mặt' }
              : c.type === 'percentage'
                ? { criterionId: c.id, number: Math.min(100, (c.threshold ?? 0) + 1) }
                : { criterionId: c.id, number: (c.threshold ?? 0) + 1 },
        ),
      })
      .expect((r) => expect(r.status + JSON.stringify(r.body)).toMatch(/^201/));
  });
  afterAll(() => t.close());

  const get = (path: string, who = as.hungdao) => who.get(path).buffer(true).parse(binary);

  it('drafts the cover note with the unit, the bases, the movement and every nominee, as PDF and DOCX', async () => {
    const [unit] = await t.dataSource.query('SELECT name FROM units WHERE id = $1', [
      ids.hungDaoId,
    ]);
    const [hường] = await t.dataSource.query('SELECT position FROM people WHERE id = $1', [
      ids.people['Nguyễn Thị Hường'],
    ]);
    const res = await get(`/api/dossiers/${dossierId}/drafts/cover-note`).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = flat(pdfText(res.body as Buffer));
    const expected = [
      'TỜ TRÌNH',
      'Về việc đề nghị khen thưởng năm 2026',
      'Kính gửi: Chủ tịch Ủy ban nhân dân huyện Tứ Kỳ (qua Phòng Nội vụ).',
      'Căn cứ Luật Thi đua, khen thưởng',
      'Chuyển đổi số giai đoạn 2021-2025',
      '01 cá nhân, 01 tập thể và 01 hộ gia đình',
      'Nguyễn Thị Hường',
      'Phạm Văn Tám',
      'THỦ TRƯỞNG ĐƠN VỊ',
      'Nơi nhận:',
    ];
    for (const line of [...expected, unit.name.toLocaleUpperCase('vi')])
      expect(text).toContain(line);
    // Printed with the embedded fonts, never the machine's.
    expect(pdfFonts(res.body as Buffer).every((f) => f.embedded && /Tinos/.test(f.name))).toBe(
      true,
    );

    const word = await get(`/api/dossiers/${dossierId}/drafts/cover-note?format=docx`).expect(200);
    expect(word.headers['content-type']).toBe(DOCX);
    expect(word.headers['content-disposition']).toContain('attachment; filename="to-trinh.docx"');
    const { text: docx, styles } = await docxText(word.body as Buffer);
    // Table cells wrap in the PDF; the DOCX holds each cell's text whole.
    expect(hường.position).toBeTruthy();
    for (const line of [
      ...expected,
      HOUSEHOLD,
      hường.position,
      'Hoàn thành xuất sắc nhiệm vụ chuyển đổi số',
    ])
      expect(flat(docx)).toContain(line);
    expect(styles).toContain('Times New Roman');
    // Each print is audited. Home Affairs does not see the dossier while it is the unit's draft.
    await get(`/api/dossiers/${dossierId}/drafts/cover-note`, as.noivu).expect(404);
    const [{ n }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_records WHERE action = 'dossier.draft' AND target_id = $1",
      [dossierId],
    );
    expect(n).toBe(2);
  });

  it("drafts the collective's report with its indicator results against the movement's criteria", async () => {
    const criteria: { text: string }[] = await t.dataSource.query(
      `SELECT c.text FROM indicator_reports r
         JOIN report_values v ON v.report_id = r.id JOIN criteria c ON c.id = v.criterion_id
        WHERE r.unit_id = $1 AND r.round_id = $2 AND r.superseded_at IS NULL ORDER BY c.position`,
      [ids.hungDaoId, ids.roundId],
    );
    expect(criteria.length).toBeGreaterThan(0);
    const path = `/api/dossiers/${dossierId}/nominees/${collective}/drafts/achievement-report`;
    const text = flat(pdfText((await get(path).expect(200)).body as Buffer));
    expect(text).toContain('BÁO CÁO THÀNH TÍCH');
    expect(text).toContain('ĐỀ NGHỊ TẶNG GIẤY KHEN');
    expect(text).toContain('Kết quả của đơn vị');
    expect(text).toMatch(/≥ \d+% \d+(\.\d+)?% Đạt/);
    expect(text).toContain('III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG');
    const { text: docx } = await docxText((await get(`${path}?format=docx`).expect(200)).body);
    for (const c of criteria) expect(flat(docx)).toContain(flat(c.text));
  });

  it("drafts a person's and a household's report in their forms", async () => {
    const mine = flat(
      pdfText(
        (
          await get(
            `/api/dossiers/${dossierId}/nominees/${person}/drafts/achievement-report`,
          ).expect(200)
        ).body as Buffer,
      ),
    );
    const [p] = await t.dataSource.query('SELECT birth_year FROM people WHERE id = $1', [
      ids.people['Nguyễn Thị Hường'],
    ]);
    expect(mine).toContain('I. SƠ LƯỢC LÝ LỊCH');
    expect(mine).toContain('Họ và tên: Nguyễn Thị Hường');
    expect(mine).toContain(`Năm sinh: ${p.birth_year}`);
    expect(mine).toContain('NGƯỜI BÁO CÁO THÀNH TÍCH');
    const { text: theirs } = await docxText(
      (
        await get(
          `/api/dossiers/${dossierId}/nominees/${household}/drafts/achievement-report?format=docx`,
        ).expect(200)
      ).body,
    );
    expect(theirs).toContain(HOUSEHOLD);
    expect(theirs).toContain('CHỦ HỘ');
    expect(theirs).toContain('XÁC NHẬN CỦA ỦY BAN NHÂN DÂN CẤP XÃ');
  });

  it('refuses another unit, a bad format and an unknown nominee, clearly', async () => {
    await as.daison.get(`/api/dossiers/${dossierId}/drafts/cover-note`).expect(404);
    await as.chutich.get(`/api/dossiers/${dossierId}/drafts/cover-note`).expect(403);
    const bad = await as.hungdao
      .get(`/api/dossiers/${dossierId}/drafts/cover-note?format=doc`)
      .expect(400);
    expect(bad.body.details[0].field).toBe('format');
    await as.hungdao
      .get(
        `/api/dossiers/${dossierId}/nominees/00000000-0000-4000-8000-000000000000/drafts/achievement-report`,
      )
      .expect(404);
  });

  it('links the drafts from the dossier page and serves them there', async () => {
    const cookie = await webCookie(t, 'hungdao');
    const page = await request(t.http).get(`/ho-so/${dossierId}`).set('Cookie', cookie).expect(200);
    expect(page.text).toContain('Bản thảo điền sẵn');
    expect(page.text).toContain(`/ho-so/${dossierId}/to-trinh?format=docx`);
    expect(page.text).toContain(
      `/ho-so/${dossierId}/doi-tuong/${person}/bao-cao-thanh-tich?format=pdf`,
    );
    const word = await request(t.http)
      .get(`/ho-so/${dossierId}/to-trinh?format=docx`)
      .set('Cookie', cookie)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((await docxText(word.body)).text).toContain('TỜ TRÌNH');
    const pdf = await request(t.http)
      .get(`/ho-so/${dossierId}/doi-tuong/${person}/bao-cao-thanh-tich?format=pdf`)
      .set('Cookie', cookie)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdfText(pdf.body)).toContain('Nguyễn Thị Hường');
    const bad = await request(t.http)
      .get(`/ho-so/${dossierId}/to-trinh?format=odt`)
      .set('Cookie', cookie)
      .expect(400);
    expect(bad.text).toContain('Định dạng bản thảo là pdf hoặc docx.');
  });

  it("keeps a collective's and a household's record, and finds them in the register by movement and kind", async () => {
    const issued = await issueDecision(t, as, [
      {
        kind: 'collective',
        collectiveUnitId: ids.hungDaoId,
        awardFormId: ids.forms['GK-TT'],
        report: true,
      },
      { kind: 'household', household: HOUSEHOLD, awardFormId: ids.forms['GK-HGD'], report: true },
    ]);
    const unitLines = (await as.noivu.get(`/api/units/${ids.hungDaoId}/awards`).expect(200)).body;
    expect(unitLines).toEqual([
      expect.objectContaining({ decisionNumber: issued.numberLabel, standing: true }),
    ]);
    // Its own unit's officer reads it; another unit's does not.
    await as.hungdao.get(`/api/units/${ids.hungDaoId}/awards`).expect(200);
    await as.daison.get(`/api/units/${ids.hungDaoId}/awards`).expect(404);
    // A household is found by its name, with or without diacritics.
    const houseLines = (
      await as.noivu
        .get('/api/households/awards')
        .query({ name: 'ho ong pham van tam, thon dong hung' })
        .expect(200)
    ).body;
    expect(houseLines).toEqual([
      expect.objectContaining({ decisionNumber: issued.numberLabel, formName: expect.any(String) }),
    ]);
    const missing = await as.noivu.get('/api/households/awards').expect(400);
    expect(missing.body.details[0].field).toBe('name');
    const pdf = (
      await get(
        `/api/households/awards/pdf?name=${encodeURIComponent(HOUSEHOLD)}`,
        as.noivu,
      ).expect(200)
    ).body as Buffer;
    expect(flat(pdfText(pdf))).toContain(`Hộ gia đình: ${HOUSEHOLD}`);
    const unitPdf = flat(
      pdfText((await get(`/api/units/${ids.hungDaoId}/awards/pdf`, as.noivu).expect(200)).body),
    );
    expect(unitPdf).toContain('Khen thưởng của tập thể');
    expect(unitPdf).toContain(issued.numberLabel);

    // The register: this ad hoc decision is in no movement; by kind, the household alone.
    const byKind = (await as.noivu.get('/api/register').query({ kind: 'household' }).expect(200))
      .body;
    expect(
      byKind.items.map((e: { snapshot: { awardeeName: string } }) => e.snapshot.awardeeName),
    ).toEqual([HOUSEHOLD]);
    const [movement] = await t.dataSource.query(
      "SELECT id FROM movements WHERE title = 'Chuyển đổi số giai đoạn 2021-2025'",
    );
    const inMovement = (
      await as.noivu.get('/api/register').query({ movementId: movement.id }).expect(200)
    ).body;
    expect(inMovement.items.some((e: { decisionId: string }) => e.decisionId === issued.id)).toBe(
      false,
    );
    await as.noivu.get('/api/register').query({ kind: 'ca_nhan' }).expect(400);

    // The pages: the unit's record and its PDF; the register links the household's.
    const cookie = await webCookie(t, 'noivu');
    const unitPage = await request(t.http)
      .get(`/quan-tri/don-vi/${ids.hungDaoId}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(unitPage.text).toContain('Quá trình khen thưởng');
    expect(unitPage.text).toContain(issued.numberLabel);
    await request(t.http)
      .get(`/quan-tri/don-vi/${ids.hungDaoId}/khen-thuong`)
      .set('Cookie', cookie)
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', 'application/pdf');
    const register = await request(t.http)
      .get('/quyet-dinh/so-khen-thuong?kind=household')
      .set('Cookie', cookie)
      .expect(200);
    const link = /href="(\/quyet-dinh\/so-khen-thuong\/ho-gia-dinh\?[^"]+)"/.exec(
      register.text,
    )![1];
    await request(t.http)
      .get(link.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&'))
      .set('Cookie', cookie)
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', 'application/pdf');
  });

  it('records an award decided elsewhere without a dossier, for a collective by the API and a person from the page', async () => {
    const award = {
      formName: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
      decidedBy: 'Chủ tịch Ủy ban nhân dân tỉnh Hải Dương',
      number: '2001/QĐ-UBND',
      date: '2026-10-15',
    };
    const saved = (
      await as.noivu.post(`/api/units/${ids.hungDaoId}/awards`).send(award).expect(201)
    ).body;
    expect(saved).toMatchObject({ recipientKind: 'collective', year: 2026, lawTitle: null });
    const twice = await as.noivu.post(`/api/units/${ids.hungDaoId}/awards`).send(award).expect(409);
    expect(twice.body.message).toContain('2001/QĐ-UBND');
    const future = await as.noivu
      .post(`/api/units/${ids.hungDaoId}/awards`)
      .send({ ...award, date: '2027-01-01' })
      .expect(400);
    expect(future.body.details[0]).toMatchObject({ field: 'date', code: 'future' });
    await as.hungdao.post(`/api/units/${ids.hungDaoId}/awards`).send(award).expect(403);
    const lines = (await as.noivu.get(`/api/units/${ids.hungDaoId}/awards`).expect(200)).body;
    expect(lines).toContainEqual(
      expect.objectContaining({
        source: 'recorded',
        decisionNumber: '2001/QĐ-UBND',
        standing: true,
      }),
    );

    const personId = ids.people['Nguyễn Thị Hường'];
    const cookie = await webCookie(t, 'noivu');
    const page = await request(t.http)
      .get(`/quan-tri/ca-nhan/${personId}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(page.text).toContain('Ghi nhận khen thưởng do cấp khác quyết định');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    await request(t.http)
      .post(`/quan-tri/ca-nhan/${personId}/khen-thuong-khac`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, ...award, number: '2002/QĐ-UBND' })
      .expect(303)
      .expect('Location', `/quan-tri/ca-nhan/${personId}`);
    const after = await request(t.http)
      .get(`/quan-tri/ca-nhan/${personId}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(after.text).toContain('2002/QĐ-UBND');
    // The achievement report drafted for her now lists it among her earlier awards.
    const { text } = await docxText(
      (
        await get(
          `/api/dossiers/${dossierId}/nominees/${person}/drafts/achievement-report?format=docx`,
        ).expect(200)
      ).body,
    );
    expect(text).toContain('2002/QĐ-UBND');
  });
});
