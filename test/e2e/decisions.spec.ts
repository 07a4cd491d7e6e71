import request from 'supertest';
import { CertificatesService, CHUNK } from '../../src/decisions/certificates.service';
import { RegisterEntry } from '../../src/decisions/decision.entity';
import { api, seedDemo, tokenFor } from '../support/actors';
import { ManualClock } from '../support/manual-clock';
import { pdfFonts, pdfPages, pdfQr, pdfText } from '../support/pdf';
import { createTestApp, TestApp } from '../support/test-app';
import { binary } from '../support/http';
import {
  actors,
  draftDossier,
  expectDerivedDataKept,
  lookups,
  uploadPdf,
} from '../support/workflow-fixtures';

describe('award decisions, the register, certificates and verification', () => {
  const clock = new ManualClock('2026-12-14');
  let t: TestApp;
  let as: Awaited<ReturnType<typeof actors>>;
  let ids: Awaited<ReturnType<typeof lookups>>;
  let injected: string;
  let correctedItem: {
    id: string;
    register: { verifyToken: string; snapshot: { verifyUrl: string; awardeeName: string } };
  };
  let revokedItem: { id: string };
  let revocationId: string;
  let correctionId: string;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'https://thidua.tuky.example' }, clock);
    await seedDemo(t);
    as = await actors(t);
    ids = await lookups(t);
    injected = (
      await as.hungdao
        .post('/api/people')
        .send({
          fullName: '<img src="http://127.0.0.1:9/x.png" onerror="alert(1)">Đinh Văn Ẩn',
          gender: 'male',
          birthYear: 1990,
          unitId: ids.hungDaoId,
        })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  /** A dossier of households and people, taken by Home Affairs to the chairman. */
  async function awaitingDossier(people: string[], households = 0): Promise<string> {
    const { id } = await draftDossier(
      as.hungdao,
      undefined,
      [
        ...people.map((personId) => ({
          kind: 'individual' as const,
          personId,
          awardFormId: ids.forms['GK-CN'],
          report: true,
        })),
        ...Array.from({ length: households }, (_, i) => ({
          kind: 'household' as const,
          household: `Hộ gia đình số ${i + 1}, thôn Nam, xã Hưng Đạo`,
          awardFormId: ids.forms['GK-HGD'],
        })),
      ],
      'Đề nghị khen thưởng đột xuất',
    );
    for (const kind of ['proposal_letter', 'meeting_minutes']) {
      await as.hungdao
        .post(`/api/dossiers/${id}/documents`)
        .send({ kind, fileId: await uploadPdf(as.hungdao, `${kind}.pdf`) })
        .expect(201);
    }
    await as.hungdao.post(`/api/dossiers/${id}/submit`).send({}).expect(200);
    await as.noivu.post(`/api/dossiers/${id}/take`).send({}).expect(200);
    const nominees = (await as.noivu.get(`/api/dossiers/${id}`).expect(200)).body.nominees as {
      id: string;
    }[];
    await as.noivu
      .post(`/api/dossiers/${id}/appraise`)
      .send({ results: nominees.map((n) => ({ nomineeId: n.id, result: 'proposed' })) })
      .expect(200);
    await as.noivu.post(`/api/dossiers/${id}/send-to-chairman`).send({}).expect(200);
    return id;
  }

  let decisionId: string;
  let itemOf: Record<
    string,
    {
      id: string;
      register: {
        registerNumber: number;
        verifyToken: string;
        snapshot: { verifyUrl: string; awardeeName: string };
      };
    }
  >;

  it('gathers nominees into a draft, issues it numbered, registers every award and closes the dossier', async () => {
    const none = await as.chutich.post('/api/decisions').send({}).expect(400);
    expect(none.body.details[0]).toMatchObject({ field: 'nomineeIds', code: 'empty' });

    const dossierId = await awaitingDossier([ids.people['Nguyễn Thị Hường'], injected], 1);
    const draft = (
      await as.noivu
        .post('/api/decisions')
        .send({ dossierIds: [dossierId], title: 'Về việc tặng Giấy khen' })
        .expect(201)
    ).body;
    // The legal bases of the pack in force on the draft's day (NĐ 152/2025), none repealed, each once.
    expect(draft.legalBases).toContain(
      'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng;',
    );
    expect(draft.legalBases.join(' ')).not.toContain('98/2023/NĐ-CP');
    expect(new Set(draft.legalBases).size).toBe(draft.legalBases.length);
    expect(draft.legalBases.at(-1)).toBe('Xét đề nghị của Trưởng phòng Nội vụ.');
    await as.noivu
      .patch(`/api/decisions/${draft.id}`)
      .send({ recipients: ['Như Điều 3;', 'UBND xã Hưng Đạo;', 'Lưu: VT.'] })
      .expect(200);
    await as.noivu.post(`/api/decisions/${draft.id}/issue`).expect(403);

    const issued = (await as.phochutich.post(`/api/decisions/${draft.id}/issue`).expect(200)).body;
    expect(issued).toMatchObject({ numberLabel: '01/QĐ-UBND', issuedOn: '2026-12-14', items: 3 });
    // Giấy khen for a person or a household: 0,3 × 2.340.000 = 702.000 đồng each.
    expect(issued.total).toBe(3 * 702000);
    // The base salary is kept with the decision; a multiple edited afterwards changes nothing of it.
    const gk = (await as.admin.get('/api/award-forms').expect(200)).body.find(
      (f: { code: string }) => f.code === 'GK-CN',
    );
    await as.admin
      .patch(`/api/award-forms/${gk.id}`)
      .send({ moneyMultiplier: 0.5, version: gk.version })
      .expect(200);
    const kept = (await as.noivu.get(`/api/decisions/${draft.id}`).expect(200)).body;
    expect(kept).toMatchObject({ baseSalary: 2340000, total: 3 * 702000 });
    await as.admin
      .patch(`/api/award-forms/${gk.id}`)
      .send({ moneyMultiplier: 0.3, version: gk.version + 1 })
      .expect(200);
    decisionId = draft.id;

    const detail = (await as.noivu.get(`/api/decisions/${decisionId}`).expect(200)).body;
    expect(detail).toMatchObject({
      status: 'issued',
      signerForm: 'vice_chairman',
      signerName: 'Đặng Thị Hạnh',
    });
    expect(
      detail.items.map((i: { register: { registerNumber: number } }) => i.register.registerNumber),
    ).toEqual([1, 2, 3]);
    itemOf = Object.fromEntries(
      detail.items.map((i: { displayName: string }) => [i.displayName, i]),
    );
    expect(itemOf['Nguyễn Thị Hường'].register.snapshot).toMatchObject({
      unitName: 'UBND xã Hưng Đạo',
      decisionNumber: '01/QĐ-UBND',
      registerNumber: `${itemOf['Nguyễn Thị Hường'].register.registerNumber}/2026`,
    });

    const dossier = (await as.hungdao.get(`/api/dossiers/${dossierId}`).expect(200)).body;
    expect(dossier.status).toBe('decided');
    expect(dossier.nominees.every((n: { outcome: string }) => n.outcome === 'decided')).toBe(true);
  });

  it('never changes an issued decision', async () => {
    const twice = await as.chutich.post(`/api/decisions/${decisionId}/issue`).expect(409);
    expect(twice.body.message).toContain('01/QĐ-UBND');
    await as.noivu
      .patch(`/api/decisions/${decisionId}`)
      .send({ title: 'Sửa sau khi ban hành' })
      .expect(409);
    const [row] = await t.dataSource.query('SELECT title, number FROM decisions WHERE id = $1', [
      decisionId,
    ]);
    expect(row).toEqual({ title: 'Về việc tặng Giấy khen', number: 1 });
    await as.admin.get(`/api/decisions/${decisionId}`).expect(200);
    await api(t, await tokenFor(t, 'tanhong.admin'))
      .get(`/api/decisions/${decisionId}`)
      .expect(404);
  });

  it('prints the decision in the administrative layout with embedded fonts only', async () => {
    const res = await as.noivu
      .get(`/api/decisions/${decisionId}/pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.body).replace(/\s+/g, ' ');
    for (const line of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 01/QĐ-UBND',
      'Tứ Kỳ, ngày 14 tháng 12 năm 2026',
      'QUYẾT ĐỊNH',
      'CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TỨ KỲ',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Đặng Thị Hạnh',
      'Lưu: VT.',
      'Nguyễn Thị Hường',
      '2.106.000',
      'Hai triệu một trăm lẻ sáu nghìn đồng',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toMatch(/I\.\s+Cá nhân/);
    expect(text).toMatch(/II\.\s+Hộ gia đình/);
    // Điều 1 names the printed form (no catalogue label) and the counts; Điều 3 only the kinds present.
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(
      'Tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện cho 02 cá nhân và 01 hộ gia đình (có danh sách kèm theo) đã có thành tích xuất sắc',
    );
    expect(flat).toContain('và các cá nhân, hộ gia đình có tên tại Điều 1');
    expect(flat).not.toContain('(cá nhân)');
    expect(flat).not.toContain('TM. ỦY BAN NHÂN DÂN');
    const fonts = pdfFonts(res.body);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded && /Tinos/.test(f.name))).toBe(true);
  });

  it('prints every certificate in one PDF, names exact, QR code leading to verification, HTML printed literally', async () => {
    const res = await as.noivu
      .get(`/api/decisions/${decisionId}/certificates`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdfPages(res.body)).toBe(3);
    // Kept as a file: its length, an ETag to revalidate, ranges; the unchanged decision is not printed again.
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.headers['cache-control']).toBe('private, no-cache');
    const etag = res.headers.etag;
    expect(etag).toBeTruthy();
    await as.noivu
      .get(`/api/decisions/${decisionId}/certificates`)
      .set('If-None-Match', etag)
      .expect(304);
    const part = await as.noivu
      .get(`/api/decisions/${decisionId}/certificates`)
      .set('Range', 'bytes=0-99')
      .buffer(true)
      .parse(binary)
      .expect(206);
    expect(part.body).toEqual(res.body.subarray(0, 100));
    const again = await as.noivu
      .get(`/api/decisions/${decisionId}/certificates`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(again.headers.etag).toBe(etag);
    const text = pdfText(res.body);
    expect(text).toContain('GIẤY KHEN');
    expect(text).toContain('Nguyễn Thị Hường');
    expect(text).toContain('Quyết định số 01/QĐ-UBND');
    expect(text).toMatch(/Số vào sổ khen thưởng: [123]\/2026/);
    // A person as the model addresses them: "Bà", position and the unit spelled out; the form without its label.
    const flatCertificates = text.replace(/\s+/g, ' ');
    expect(flatCertificates).toContain('Bà Nguyễn Thị Hường');
    expect(flatCertificates).toContain(
      'Công chức Văn phòng - Thống kê, Ủy ban nhân dân xã Hưng Đạo',
    );
    expect(flatCertificates).not.toContain('(cá nhân)');
    expect(flatCertificates).not.toMatch(/UBND xã/);
    // Printed as text: the markup was escaped, so no element (and no request) was made of it.
    expect(text.replace(/\s+/g, ' ')).toContain(
      '<img src="http://127.0.0.1:9/x.png" onerror="alert(1)">Đinh Văn Ẩn',
    );
    expect(pdfFonts(res.body).every((f) => f.embedded && /Tinos/.test(f.name))).toBe(true);

    const one = await as.noivu
      .get(`/api/decisions/${decisionId}/certificates/${itemOf['Nguyễn Thị Hường'].id}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdfPages(one.body)).toBe(1);
    expect(pdfQr(one.body)).toBe(itemOf['Nguyễn Thị Hường'].register.snapshot.verifyUrl);
    expect(itemOf['Nguyễn Thị Hường'].register.snapshot.verifyUrl).toMatch(
      /^https:\/\/thidua\.tuky\.example\/verify\/[A-Za-z0-9_-]{32}$/,
    );
    // The next certificate reuses the warm page with only its body swapped: nothing of
    // the previous one may remain, and its own QR code must be the one printed.
    const others = Object.keys(itemOf).filter((name) => name !== 'Nguyễn Thị Hường');
    for (const name of others) {
      const next = await as.noivu
        .get(`/api/decisions/${decisionId}/certificates/${itemOf[name].id}`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      const nextText = pdfText(next.body).replace(/\s+/g, ' ');
      expect(nextText).toContain(name);
      expect(nextText).not.toContain('Nguyễn Thị Hường');
      expect(pdfPages(next.body)).toBe(1);
      // Reading a QR code rasterises the page (seconds): once is enough to show the swap.
      if (name === others[0])
        expect(pdfQr(next.body)).toBe(itemOf[name].register.snapshot.verifyUrl);
      expect(pdfFonts(next.body).every((f) => f.embedded && /Tinos/.test(f.name))).toBe(true);
    }

    const blank = await as.noivu
      .get(`/api/decisions/${decisionId}/certificates?variant=blank`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const blankText = pdfText(blank.body);
    expect(blankText).toContain('Nguyễn Thị Hường');
    expect(blankText).not.toContain('GIẤY KHEN');
    const test = await as.noivu
      .get('/api/certificate-layout/test')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdfText(test.body)).toContain('Nguyễn Thị Mẫu');
  });

  it('prints a batch larger than one browser document in order, each certificate once', async () => {
    const [entry] = await t.dataSource
      .getRepository(RegisterEntry)
      .find({ where: { decisionId }, take: 1 });
    const entries = Array.from({ length: CHUNK + 2 }, (_, i) => ({
      ...entry,
      registerNumber: i + 1,
      snapshot: { ...entry.snapshot, awardeeName: `Người nhận (${i + 1})` },
    })) as RegisterEntry[];
    // A job's progress counts the chunks as they finish.
    let chunksDone = 0;
    const pdf = await t.app
      .get(CertificatesService)
      .renderEntries(entries, 'standard', undefined, () => chunksDone++);
    expect(chunksDone).toBe(2);
    const pages = pdfText(pdf)
      .split('\f')
      .filter((page) => page.trim());
    expect(pages).toHaveLength(CHUNK + 2);
    pages.forEach((page, i) => {
      expect(page).toContain(`Người nhận (${i + 1})`);
      expect(page.match(/Người nhận \(\d+\)/g)).toHaveLength(1);
    });
  });

  it('keeps what was issued: renaming the unit later does not change the certificate', async () => {
    await as.admin
      .patch(`/api/units/${ids.hungDaoId}`)
      .send({ name: 'UBND xã Hưng Đạo mới' })
      .expect(200);
    const res = await as.noivu
      .get(`/api/decisions/${decisionId}/certificates/${itemOf['Nguyễn Thị Hường'].id}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = pdfText(res.body);
    expect(text.replace(/\s+/g, ' ')).toContain('Ủy ban nhân dân xã Hưng Đạo');
    expect(text).not.toContain('Hưng Đạo mới');
  });

  it('lets anyone verify a certificate, shows revoked ones as revoked, and 404s unknown tokens', async () => {
    const token = itemOf['Nguyễn Thị Hường'].register.verifyToken;
    const page = await request(t.http).get(`/verify/${token}`).expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('Nguyễn Thị Hường');
    expect(page.text).toContain('Còn hiệu lực');
    const json = await request(t.http)
      .get(`/verify/${token}`)
      .set('Accept', 'application/json')
      .expect(200);
    expect(Object.keys(json.body).sort()).toEqual([
      'authorityName',
      'awardFormName',
      'awardeeName',
      'correction',
      'decisionDate',
      'decisionNumber',
      'found',
      'registerNumber',
      // The decision's signatures (none here), with who signed and whether each holds.
      'signatures',
      'status',
      'statusLabel',
      'supersededBy',
    ]);
    expect(json.body).toMatchObject({
      status: 'valid',
      decisionNumber: '01/QĐ-UBND',
      authorityName: 'Ủy ban nhân dân huyện Tứ Kỳ',
    });

    const revoked = (
      await as.chutich
        .post(`/api/decisions/${decisionId}/revoke`)
        .send({
          reason: 'Phát hiện kê khai thành tích không đúng sự thật',
          itemIds: [itemOf['Nguyễn Thị Hường'].id],
        })
        .expect(200)
    ).body;
    expect(revoked).toMatchObject({
      kind: 'revocation',
      numberLabel: '02/QĐ-UBND',
      certificates: 1,
    });
    const after = await request(t.http).get(`/verify/${token}?format=json`).expect(200);
    expect(after.body).toMatchObject({
      status: 'revoked',
      statusLabel: 'Giấy khen đã bị thu hồi',
      supersededBy: 'Quyết định số 02/QĐ-UBND ngày 14/12/2026',
    });
    const revokedPage = await request(t.http).get(`/verify/${token}`).expect(200);
    expect(revokedPage.text).toContain('Bị thu hồi theo');
    expect(revokedPage.text).toContain('Quyết định số 02/QĐ-UBND ngày 14/12/2026');
    const [corrected, untouched] = Object.values(itemOf).filter(
      (i) => i.id !== itemOf['Nguyễn Thị Hường'].id,
    );
    const correction = (
      await as.chutich
        .post(`/api/decisions/${decisionId}/correct`)
        .send({
          reason: 'Đính chính tên người được khen ghi trên Giấy khen',
          corrections: [{ itemId: corrected.id, awardeeName: 'Trần Văn Hùng (đã đính chính)' }],
        })
        .expect(200)
    ).body;
    expect(correction).toMatchObject({
      kind: 'correction',
      numberLabel: '03/QĐ-UBND',
      certificates: 1,
    });
    const correctedView = await request(t.http)
      .get(`/verify/${corrected.register.verifyToken}?format=json`)
      .expect(200);
    expect(correctedView.body).toMatchObject({
      status: 'corrected',
      awardeeName: corrected.register.snapshot.awardeeName,
      supersededBy: 'Quyết định số 03/QĐ-UBND ngày 14/12/2026',
    });
    correctedItem = corrected;
    revokedItem = itemOf['Nguyễn Thị Hường'];
    revocationId = revoked.id;
    correctionId = correction.id;
    expect(
      (
        await request(t.http)
          .get(`/verify/${untouched.register.verifyToken}?format=json`)
          .expect(200)
      ).body.status,
    ).toBe('valid');
    // The issued decision itself is unchanged.
    const original = (await as.noivu.get(`/api/decisions/${decisionId}`).expect(200)).body;
    expect(original).toMatchObject({
      status: 'issued',
      numberLabel: '01/QĐ-UBND',
      title: 'Về việc tặng Giấy khen',
    });

    const unknown = await request(t.http)
      .get('/verify/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
      .set('Accept', 'application/json')
      .expect(404);
    expect(unknown.body.error).toBe('NOT_FOUND');
    await request(t.http).get('/verify/%3Cscript%3E').expect(404);
  });

  it('prints the revoking and correcting decisions, corrected certificates as corrected, and never a revoked one', async () => {
    const pdfOf = async (url: string, status = 200) =>
      (await as.noivu.get(url).buffer(true).parse(binary).expect(status)).body as Buffer;
    const revocation = pdfText(await pdfOf(`/api/decisions/${revocationId}/pdf`)).replace(
      /\s+/g,
      ' ',
    );
    expect(revocation).toContain('Số: 02/QĐ-UBND');
    expect(revocation).toContain(
      'Về việc thu hồi một phần Quyết định số 01/QĐ-UBND ngày 14/12/2026',
    );
    expect(revocation).toContain('Phát hiện kê khai thành tích không đúng sự thật');
    expect(revocation).toContain('DANH SÁCH GIẤY KHEN BỊ THU HỒI');
    expect(revocation).toContain('Nguyễn Thị Hường');
    const correction = pdfText(await pdfOf(`/api/decisions/${correctionId}/pdf`)).replace(
      /\s+/g,
      ' ',
    );
    expect(correction).toContain('Số: 03/QĐ-UBND');
    expect(correction).toContain('DANH SÁCH ĐÍNH CHÍNH');
    // Table cells wrap, and pdftotext interleaves their lines.
    expect(correction.replace(/\s+/g, '')).toMatch(/→TrầnVănHùng\(đã/);

    // The revoked certificate is refused alone, naming the decision, and left out of the batch.
    const refused = await as.noivu
      .get(`/api/decisions/${decisionId}/certificates/${revokedItem.id}`)
      .expect(409);
    expect(refused.body.message).toContain(
      'đã bị thu hồi theo Quyết định số 02/QĐ-UBND ngày 14/12/2026',
    );
    const batch = await as.noivu
      .get(`/api/decisions/${decisionId}/certificates`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(batch.headers['x-certificates-left-out']).toBe('1');
    expect(pdfPages(batch.body)).toBe(2);
    const batchText = pdfText(batch.body);
    expect(batchText).not.toContain('Nguyễn Thị Hường');
    expect(batchText).toContain('Trần Văn Hùng (đã đính chính)');
    expect(batchText).toContain('Đính chính theo Quyết định số 03/QĐ-UBND');

    // The corrected certificate prints from its corrected snapshot, with a QR code of its own that verifies.
    const one = await pdfOf(`/api/decisions/${decisionId}/certificates/${correctedItem.id}`);
    expect(pdfText(one)).toContain('Trần Văn Hùng (đã đính chính)');
    const url = pdfQr(one)!;
    expect(url).not.toBe(correctedItem.register.snapshot.verifyUrl);
    const view = await request(t.http)
      .get(`${new URL(url).pathname}?format=json`)
      .expect(200);
    expect(view.body).toMatchObject({
      status: 'valid',
      awardeeName: 'Trần Văn Hùng (đã đính chính)',
      decisionNumber: '01/QĐ-UBND',
      correction: 'Đính chính theo Quyết định số 03/QĐ-UBND ngày 14/12/2026',
    });
    // The correcting decision prints its own certificates; the revoking one has none.
    expect(pdfPages(await pdfOf(`/api/decisions/${correctionId}/certificates`))).toBe(1);
    await as.noivu.get(`/api/decisions/${revocationId}/certificates`).expect(409);
    // A correction must change something, and cannot touch a revoked certificate.
    const empty = await as.chutich
      .post(`/api/decisions/${decisionId}/correct`)
      .send({ reason: 'Đính chính không có nội dung', corrections: [{ itemId: revokedItem.id }] })
      .expect(400);
    expect(empty.body.details[0]).toMatchObject({
      field: 'corrections.0',
      code: 'nothingCorrected',
    });
    await as.chutich
      .post(`/api/decisions/${decisionId}/correct`)
      .send({
        reason: 'Đính chính giấy đã bị thu hồi',
        corrections: [{ itemId: revokedItem.id, awardeeName: 'Không được' }],
      })
      .expect(400);
  });

  const draftOf = async (dossierId: string) =>
    (
      await as.noivu
        .post('/api/decisions')
        .send({ dossierIds: [dossierId] })
        .expect(201)
    ).body;

  it('prints a draft for the signing folder, marked DỰ THẢO and without a number', async () => {
    const draft = await draftOf(await awaitingDossier([], 2));
    const res = await as.noivu
      .get(`/api/decisions/${draft.id}/pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = pdfText(res.body).replace(/\s+/g, ' ');
    expect(text).toContain('DỰ THẢO');
    expect(text).toMatch(/Số: \/QĐ-UBND/);
    expect(text).toContain('Tổng số tiền thưởng');
    expect(text).not.toMatch(/Số: \d+\/QĐ-UBND/);
    // Printing a draft changes nothing.
    const [row] = await t.dataSource.query('SELECT status, number FROM decisions WHERE id = $1', [
      draft.id,
    ]);
    expect(row).toEqual({ status: 'draft', number: null });
  });

  it('issues nothing dated after its authority ceased (a district after the 2025 reform); nothing numbered', async () => {
    const draft = await draftOf(await awaitingDossier([], 1));
    const next = (await as.chutich.get('/api/decisions/next-number').expect(200)).body;
    const unknown = await as.admin
      .patch('/api/authority')
      .send({ validTo: '2026-12-13', successorCode: 'khong-co' })
      .expect(400);
    expect(unknown.body.details[0]).toMatchObject({
      field: 'successorCode',
      message: 'Không có cơ quan mã "khong-co" trong hệ thống.',
    });
    await as.admin
      .patch('/api/authority')
      .send({ validTo: '2026-12-13', successorCode: 'thinh-an' })
      .expect(200);
    const refused = await as.chutich.post(`/api/decisions/${draft.id}/issue`).send({}).expect(409);
    expect(refused.body.message).toBe(
      'Ủy ban nhân dân huyện Tứ Kỳ đã thôi hoạt động từ sau ngày 13/12/2026; không ban hành được quyết định đề ngày 14/12/2026. Thẩm quyền khen thưởng nay thuộc Ủy ban nhân dân xã Thịnh An (dữ liệu mẫu).',
    );
    expect((await as.chutich.get('/api/decisions/next-number').expect(200)).body).toEqual(next);
    await as.admin.patch('/api/authority').send({ validTo: '2026-12-14' }).expect(200);
    await as.chutich.post(`/api/decisions/${draft.id}/issue`).send({}).expect(200);
    await as.admin.patch('/api/authority').send({ validTo: null, successorCode: null }).expect(200);
  });

  it('refuses to issue while a discipline term runs and holds it while a case is open, citing the article; closing the case releases it', async () => {
    const lan = ids.people['Phạm Thị Lan'];
    const draft = await draftOf(await awaitingDossier([lan], 0));
    const next = (await as.chutich.get('/api/decisions/next-number').expect(200)).body;
    const investigation = (
      await as.noivu
        .post(`/api/people/${lan}/cases`)
        .send({
          kind: 'investigation',
          startsOn: '2026-10-01',
          reference: 'Quyết định số 45/QĐ-TTr ngày 01/10/2026 về thanh tra',
        })
        .expect(201)
    ).body;
    await as.noivu
      .post(`/api/people/${lan}/cases`)
      .send({
        kind: 'discipline',
        startsOn: '2026-06-01',
        endsOn: '2027-05-31',
        reference: 'Quyết định số 30/QĐ-UBND ngày 01/06/2026 về kỷ luật khiển trách',
      })
      .expect(201);
    const both = await as.chutich.post(`/api/decisions/${draft.id}/issue`).send({}).expect(409);
    // Every failing rule at once, each with its article.
    expect(both.body.details.map((d: { code: string }) => d.code)).toEqual(['refused', 'held']);
    expect(both.body.message).toContain('Phạm Thị Lan: Đang trong thời gian thi hành kỷ luật');
    expect(both.body.message).toContain('Nghị định số 152/2025/NĐ-CP, Điều 4');
    expect((await as.chutich.get('/api/decisions/next-number').expect(200)).body).toEqual(next);
    // A bad date order is refused, naming the field.
    const bad = await as.noivu
      .post(`/api/people/${lan}/cases/${investigation.id}/close`)
      .send({ endsOn: '2026-09-01' })
      .expect(400);
    expect(bad.body.details[0].field).toBe('endsOn');
    await as.noivu
      .post(`/api/people/${lan}/cases/${investigation.id}/close`)
      .send({ endsOn: '2026-12-01' })
      .expect(200);
    const cases = (await as.noivu.get(`/api/people/${lan}/cases`).expect(200)).body;
    expect(cases.map((c: { kind: string; endsOn: string }) => [c.kind, c.endsOn])).toEqual([
      ['investigation', '2026-12-01'],
      ['discipline', '2027-05-31'],
    ]);
    const held = await as.chutich.post(`/api/decisions/${draft.id}/issue`).send({}).expect(409);
    expect(held.body.details.map((d: { code: string }) => d.code)).toEqual(['refused']);
    // The discipline term recorded as ended early (annulled): the award goes on.
    await t.dataSource.query(
      "UPDATE person_cases SET ends_on = '2026-11-30' WHERE person_id = $1 AND kind = 'discipline'",
      [lan],
    );
    await as.chutich.post(`/api/decisions/${draft.id}/issue`).send({}).expect(200);
  });

  it('pays a title of the law its multiple on the decision date, not the catalogue’s number', async () => {
    const gk = (await as.admin.get('/api/award-forms').expect(200)).body.find(
      (f: { code: string }) => f.code === 'GK-CN',
    );
    expect(gk.lawTitle).toBe('giay-khen');
    await as.admin
      .patch(`/api/award-forms/${gk.id}`)
      .send({ moneyMultiplier: 0.5, version: gk.version })
      .expect(200);
    const draft = await draftOf(await awaitingDossier([ids.people['Trần Văn Hùng']], 0));
    const issued = (await as.chutich.post(`/api/decisions/${draft.id}/issue`).send({}).expect(200))
      .body;
    // Giấy khen for a person: 0,3 × 2.340.000 (NĐ 152/2025), whatever the catalogue says.
    expect(issued.total).toBe(702000);
    await as.admin
      .patch(`/api/award-forms/${gk.id}`)
      .send({ moneyMultiplier: 0.3, version: gk.version + 1 })
      .expect(200);
  });

  it('keeps the signature block and Nơi nhận together on one page, whatever the number of legal bases', async () => {
    const draft = await draftOf(await awaitingDossier([], 1));
    const renderer = t.app.get(CertificatesService);
    for (let n = 0; n <= 12; n++) {
      await t.dataSource.query('UPDATE decisions SET legal_bases = $2 WHERE id = $1', [
        draft.id,
        JSON.stringify(
          Array.from(
            { length: n },
            (_, i) =>
              `Căn cứ văn bản thứ ${i + 1} quy định chi tiết một số điều của Luật Thi đua, khen thưởng và hướng dẫn thi hành trong lĩnh vực thi đua, khen thưởng ở địa phương;`,
          ),
        ),
      ]);
      const actor = { authorityId: draft.authorityId } as never;
      const pages = pdfText(await renderer.decisionPdf(actor, draft.id)).split('\f');
      const signing = pages.findIndex((p) => p.includes('Nơi nhận'));
      const page = pages[signing] ?? '';
      expect({ n, together: ['CHỦ TỊCH', 'Lưu: VT.'].every((l) => page.includes(l)) }).toEqual({
        n,
        together: true,
      });
      // Nothing of the body but the block follows on the page after it, before the annex.
      expect({ n, annexNext: pages[signing + 1]?.includes('DANH SÁCH KHEN THƯỞNG') }).toEqual({
        n,
        annexNext: true,
      });
    }
  });

  it('numbers 20 decisions issued at once without gaps or repeats', async () => {
    // Numbers and register entries go on from those the earlier tests issued.
    const first = (await as.chutich.get('/api/decisions/next-number').expect(200)).body.number;
    const [{ n: registered }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM award_register WHERE year = 2026',
    );
    const drafts: string[] = [];
    for (let i = 0; i < 20; i++) {
      const dossierId = await awaitingDossier([], 1);
      drafts.push(
        (
          await as.noivu
            .post('/api/decisions')
            .send({ dossierIds: [dossierId] })
            .expect(201)
        ).body.id,
      );
    }
    const results = await Promise.all(
      drafts.map((id, i) =>
        (i % 2 ? as.chutich : as.phochutich).post(`/api/decisions/${id}/issue`),
      ),
    );
    expect(results.map((r: request.Response) => r.status)).toEqual(Array(20).fill(200));
    const numbers = results
      .map((r: request.Response) => r.body.number as number)
      .sort((a: number, b: number) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + first));
    const registers = await t.dataSource.query(
      'SELECT register_number FROM award_register WHERE year = 2026 ORDER BY register_number',
    );
    expect(registers.map((r: { register_number: number }) => r.register_number)).toEqual(
      // Gap-free: the earlier entries, then one for each of the 20 decisions.
      Array.from({ length: registered + 20 }, (_, i) => i + 1),
    );
    await expectDerivedDataKept(t);
  });
});

describe('without a browser', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ CHROMIUM_PATH: '/nonexistent/chromium' });
    await seedDemo(t);
  });
  afterAll(() => t.close());

  it('still starts, and PDF routes answer 503 with the advice and Retry-After', async () => {
    const res = await api(t, await tokenFor(t, 'noivu'))
      .get('/api/certificate-layout/test')
      .expect(503);
    expect(res.body).toMatchObject({ error: 'PDF_UNAVAILABLE' });
    expect(res.body.message).toContain('apt-get install -y chromium');
    expect(res.headers['retry-after']).toBeDefined();
    await request(t.http).get('/health').expect(200);
  });
});

describe('verification rate limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ VERIFY_RATE_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After past the limit per client, and does not limit sign-in by it', async () => {
    for (let i = 0; i < 3; i++)
      await request(t.http)
        .get(`/verify/${'A'.repeat(32)}${i}`)
        .expect(404);
    const limited = await request(t.http)
      .get(`/verify/${'B'.repeat(32)}`)
      .set('Accept', 'application/json')
      .expect(429);
    expect(limited.body.error).toBe('TOO_MANY_REQUESTS');
    expect(limited.headers['retry-after']).toBeDefined();
    // A browser gets a page in Vietnamese, not JSON.
    const page = await request(t.http)
      .get(`/verify/${'C'.repeat(32)}`)
      .set('Accept', 'text/html')
      .expect(429);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('Bạn đã tra cứu quá nhiều lần trong một phút');
    expect(page.headers['retry-after']).toBeDefined();
    await request(t.http)
      .post('/api/auth/login')
      .send({ username: 'ai', password: 'sai-mat-khau' })
      .expect(401);
  });
});
