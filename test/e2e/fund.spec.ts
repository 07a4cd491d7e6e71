import request from 'supertest';
import { seedDemo } from '../support/actors';
import { binary, webCookie } from '../support/http';
import { pdfText } from '../support/pdf';
import { createTestApp, TestApp } from '../support/test-app';
import {
  actors,
  attachLetterAndMinutes,
  draftDossier,
  issueDecision,
  lookups,
  sendToChairman,
} from '../support/workflow-fixtures';
import { Workbook } from 'exceljs';

/** The award fund: allocation, what decisions spend and revocations return, the overdraw warning. */
describe('the award fund (quỹ thi đua, khen thưởng)', () => {
  let t: TestApp;
  let as: Awaited<ReturnType<typeof actors>>;
  let year: number;
  let first: { id: string; numberLabel: string };

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    as = await actors(t);
    year = new Date().getFullYear();
  });
  afterAll(() => t.close());

  const statement = async () => (await as.noivu.get(`/api/fund?year=${year}`).expect(200)).body;

  it('records the allocation (Home Affairs only, with its document; bad input named), audited', async () => {
    expect((await statement()).allocation).toBeNull();
    const bad = await as.noivu
      .put(`/api/fund/${year}`)
      .send({ amount: -5, reference: 'QĐ' })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'amount',
      'reference',
    ]);
    await as.noivu
      .put('/api/fund/1999')
      .send({ amount: 1, reference: 'Quyết định số 1' })
      .expect(400);
    await as.chutich
      .put(`/api/fund/${year}`)
      .send({ amount: 1_000_000, reference: 'Quyết định số 05/QĐ-UBND' })
      .expect(403);
    const set = (
      await as.noivu
        .put(`/api/fund/${year}`)
        .send({ amount: 1_000_000, reference: 'Quyết định số 05/QĐ-UBND giao dự toán' })
        .expect(200)
    ).body;
    expect(set).toMatchObject({
      allocation: { amount: 1_000_000, reference: 'Quyết định số 05/QĐ-UBND giao dự toán' },
      committed: 0,
      released: 0,
      balance: 1_000_000,
    });
    const [{ n }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_records WHERE action = 'fund.set'",
    );
    expect(n).toBe(1);
  });

  it('follows issue: a decision within the fund goes through; one that overdraws waits for the acknowledgement, then is issued with the overdraw audited', async () => {
    first = await issueDecision(t, as, ['Nguyễn Thị Hường']);
    const afterFirst = await statement();
    // One Giấy khen to a person: 0,3 × the base salary, rounded as the authority rounds.
    const spent = afterFirst.committed;
    expect(spent).toBeGreaterThan(0);
    expect(afterFirst.balance).toBe(1_000_000 - spent);
    expect(afterFirst.lines).toEqual([
      expect.objectContaining({ numberLabel: first.numberLabel, kind: 'award', amount: spent }),
    ]);

    const ids = await lookups(t);
    const dossier = await draftDossier(
      as.hungdao,
      undefined,
      ['Trần Văn Hùng', 'Phạm Thị Lan'].map((name) => ({
        kind: 'individual' as const,
        personId: ids.people[name],
        awardFormId: ids.forms['GK-CN'],
        report: true,
      })),
      'Đề nghị khen thưởng đột xuất',
    );
    await attachLetterAndMinutes(as.hungdao, dossier.id);
    await sendToChairman(as, dossier.id, dossier.nomineeIds);
    const draft = (
      await as.chutich
        .post('/api/decisions')
        .send({ dossierIds: [dossier.id] })
        .expect(201)
    ).body;
    // The signing page says it before anyone tries.
    const cookie = await webCookie(t, 'chutich');
    const page = await request(t.http)
      .get(`/quyet-dinh/${draft.id}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(page.text).toContain('vượt quỹ');
    expect(page.text).toContain('name="acknowledgeFundOverdraw"');

    const refused = await as.chutich.post(`/api/decisions/${draft.id}/issue`).send({}).expect(409);
    expect(refused.body.details[0]).toMatchObject({
      field: 'acknowledgeFundOverdraw',
      code: 'fundOverdraw',
    });
    expect(refused.body.message).toContain(`Quỹ thi đua, khen thưởng năm ${year} còn`);
    const [{ status }] = await t.dataSource.query('SELECT status FROM decisions WHERE id = $1', [
      draft.id,
    ]);
    expect(status).toBe('draft');

    const issued = (
      await as.chutich
        .post(`/api/decisions/${draft.id}/issue`)
        .send({ acknowledgeFundOverdraw: true })
        .expect(200)
    ).body;
    const after = await statement();
    expect(after.committed).toBe(spent * 3);
    expect(after.balance).toBe(1_000_000 - spent * 3);
    const [audit] = await t.dataSource.query(
      "SELECT changes FROM audit_records WHERE action = 'decision.issue' AND target_id = $1",
      [draft.id],
    );
    expect(audit.changes.fundOverdraw.to).toBe(spent * 3 - 1_000_000);
    expect(issued.numberLabel).toBeDefined();
  });

  it('follows revocation: the money of revoked certificates returns to the fund', async () => {
    const before = await statement();
    await as.chutich
      .post(`/api/decisions/${first.id}/revoke`)
      .send({ reason: 'Thu hồi do phát hiện thành tích không đúng sự thật' })
      .expect(200);
    const after = await statement();
    expect(after.released).toBe(before.committed / 3);
    expect(after.balance).toBe(before.balance + before.committed / 3);
    expect(after.lines.at(-1)).toMatchObject({ kind: 'revocation', amount: -before.committed / 3 });
  });

  it('reports the year as PDF and XLSX, from the API and the page', async () => {
    const pdf = (
      await as.noivu
        .get(`/api/fund/report?year=${year}&format=pdf`)
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body as Buffer;
    const text = pdfText(pdf);
    expect(text).toContain(`Tình hình sử dụng Quỹ thi đua, khen thưởng năm ${year}`);
    expect(text).toContain('1.000.000 đồng');
    expect(text).toContain(first.numberLabel);
    const xlsx = await as.noivu
      .get(`/api/fund/report?year=${year}&format=xlsx`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new Workbook();
    await book.xlsx.load(xlsx.body);
    const sheet = book.getWorksheet(`Quỹ năm ${year}`)!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Quyết định',
      'Ngày',
      'Loại',
      'Trích yếu',
      'Chi từ quỹ (đồng)',
      'Hoàn lại quỹ (đồng)',
    ]);
    expect(sheet.rowCount).toBe(4);
    await as.noivu.get(`/api/fund/report?year=${year}&format=doc`).expect(400);
    await as.hungdao.get('/api/fund').expect(403);

    const cookie = await webCookie(t, 'noivu');
    const page = await request(t.http)
      .get(`/quy-thi-dua?nam=${year}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(page.text).toContain('1.000.000');
    expect(page.text).toContain('Hoàn lại do thu hồi');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    await request(t.http)
      .post('/quy-thi-dua')
      .set('Cookie', cookie)
      .type('form')
      .send({
        _csrf: csrf,
        year: String(year),
        amount: '5.000.000',
        reference: 'Quyết định số 09/QĐ-UBND bổ sung quỹ',
      })
      .expect(303)
      .expect('Location', `/quy-thi-dua?nam=${year}`);
    expect((await statement()).allocation.amount).toBe(5_000_000);
    const wrong = await request(t.http)
      .post('/quy-thi-dua')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, year: String(year), amount: 'nhiều', reference: 'Quyết định số 10' })
      .expect(303);
    expect(wrong.headers.location).toContain('loi=');
    expect((await statement()).allocation.amount).toBe(5_000_000);
    await request(t.http)
      .get(`/quy-thi-dua/bao-cao?nam=${year}&format=pdf`)
      .set('Cookie', cookie)
      .expect(200)
      .expect('Content-Type', 'application/pdf');
  });
});
