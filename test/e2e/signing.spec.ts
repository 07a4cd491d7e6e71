import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { seedDemo } from '../support/actors';
import { binary, webCookie } from '../support/http';
import { ManualClock } from '../support/manual-clock';
import { pdfImages, pdfSignatures, pdfText, trustingNss } from '../support/pdf';
import { PNG } from 'pngjs';
import { createTestApp, TestApp } from '../support/test-app';
import { actors, issueDecision } from '../support/workflow-fixtures';
import { cmsForDigest, signAs, SIGNING_ENV, TEST_CA as CA } from '../support/signing';

/** Signed decisions: the token's signature uploaded and checked, the organisation's added, pdfsig agrees. */
describe('signing: decisions signed by an official and the organisation, and certificates signed', () => {
  const clock = new ManualClock('2026-11-23');
  let t: TestApp;
  let as: Awaited<ReturnType<typeof actors>>;
  let decisionId: string;
  let nss: string;
  let issued: Buffer;

  const pdf = async (path: string, who = as.chutich) =>
    (await who.get(path).buffer(true).parse(binary).expect(200)).body as Buffer;
  const upload = (file: Buffer, who = as.chutich) =>
    who
      .post(`/api/decisions/${decisionId}/signing/upload`)
      .attach('file', file, { filename: 'quyet-dinh-da-ky.pdf', contentType: 'application/pdf' });
  const status = async () =>
    (await as.noivu.get(`/api/decisions/${decisionId}/signing`).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp(SIGNING_ENV, clock);
    await seedDemo(t);
    as = await actors(t);
    decisionId = (await issueDecision(t, as, ['Nguyễn Thị Hường'])).id;
    nss = trustingNss(CA);
  });
  afterAll(() => t.close());

  it('trusts the CA roots an admin adds, and refuses what is not one', async () => {
    const pem = readFileSync(CA, 'utf8');
    // The demo trusts the test CA already: removed, then added again.
    const [demo] = (await as.admin.get('/api/signing/trusted-cas').expect(200)).body;
    expect(demo.subject).toContain('dữ liệu mẫu');
    await as.admin.delete(`/api/signing/trusted-cas/${demo.id}`).expect(204);
    expect((await as.admin.get('/api/signing/trusted-cas').expect(200)).body).toEqual([]);
    const added = (await as.admin.post('/api/signing/trusted-cas').send({ pem }).expect(201)).body;
    expect(added.subject).toContain('CA thử nghiệm Thi đua');
    await as.admin.post('/api/signing/trusted-cas').send({ pem }).expect(409);
    const garbage = await as.admin
      .post('/api/signing/trusted-cas')
      .send({ pem: `-----BEGIN CERTIFICATE-----\n${'A'.repeat(120)}\n-----END CERTIFICATE-----` })
      .expect(400);
    expect(garbage.body.details[0].field).toBe('pem');
    await as.noivu.post('/api/signing/trusted-cas').send({ pem }).expect(403);
    expect((await as.noivu.get('/api/signing/trusted-cas').expect(200)).body).toHaveLength(1);
  });

  it('keeps the issued revision byte for byte: the bytes signers sign are the bytes that download', async () => {
    issued = await pdf(`/api/decisions/${decisionId}/signing/original`);
    expect(issued.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await pdf(`/api/decisions/${decisionId}/signing/original`)).equals(issued)).toBe(true);
    // What downloads is now that very revision.
    expect((await pdf(`/api/decisions/${decisionId}/pdf`)).equals(issued)).toBe(true);
    expect(await status()).toMatchObject({ kept: true, signed: false, signatures: [] });
  });

  it('refuses a changed, untrusted, expired, unsigned or non-PDF upload, and keeps nothing', async () => {
    const changed = Buffer.from(issued);
    changed[200] ^= 1;
    const cases: [Buffer, string][] = [
      [await signAs('official', changed), 'changed'],
      [await signAs('stranger', issued), 'invalidSignature'],
      [await signAs('expired', issued), 'invalidSignature'],
      [Buffer.concat([issued, Buffer.from('\n% nothing signed\n')]), 'unsigned'],
      [Buffer.from('not a pdf at all'), 'notPdf'],
    ];
    for (const [file, code] of cases) {
      const res = await upload(file).expect(400);
      expect(res.body.details[0]).toMatchObject({ field: 'file', code });
    }
    const untrusted = await upload(await signAs('stranger', issued)).expect(400);
    expect(untrusted.body.message).toContain('không do tổ chức chứng thực tin cậy cấp');
    const expired = await upload(await signAs('expired', issued)).expect(400);
    expect(expired.body.message).toContain('không còn hiệu lực vào thời điểm ký');
    // A byte flipped inside what the signature covers.
    const tampered = await signAs('official', issued);
    tampered[issued.length + 10] ^= 1;
    await upload(tampered).expect(400);
    // Something appended after a valid signature.
    const appended = Buffer.concat([await signAs('official', issued), Buffer.from('\n%%EOF\n')]);
    expect((await upload(appended).expect(400)).body.details[0].code).toBe('appended');
    expect(await status()).toMatchObject({ signed: false, signatures: [] });
    // pdfsig agrees on the untrusted signer.
    expect(pdfSignatures(await signAs('stranger', issued), nss)).toMatch(
      /Certificate issuer isn't Trusted|Certificate isn't Trusted|not Trusted/i,
    );
  });

  it("accepts the official's signature, then adds the organisation's: both valid and trusted for pdfsig", async () => {
    const first = await upload(await signAs('official', issued));
    expect([first.status, first.body.message ?? 'ok']).toEqual([200, 'ok']);
    let s = await status();
    expect(s.signatures).toEqual([
      expect.objectContaining({ signerName: 'Trần Văn Quảng', valid: true, by: 'upload' }),
    ]);
    const [{ n }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_records WHERE action = 'decision.sign' AND target_id = $1",
      [decisionId],
    );
    expect(n).toBe(1);
    // A unit officer may not seal; Home Affairs does, with the organisation's key on the server.
    await as.hungdao.post(`/api/decisions/${decisionId}/signing/organisation`).expect(403);
    const sealed = await as.noivu.post(`/api/decisions/${decisionId}/signing/organisation`);
    expect([sealed.status, sealed.body.message ?? 'ok']).toEqual([200, 'ok']);
    s = sealed.body;
    expect(s.signatures.map((x: { signerName: string }) => x.signerName)).toEqual([
      'Trần Văn Quảng',
      'Ủy ban nhân dân huyện Tứ Kỳ',
    ]);
    expect(s.signatures.every((x: { valid: boolean }) => x.valid)).toBe(true);

    const signed = await pdf(`/api/decisions/${decisionId}/pdf`);
    expect(signed.subarray(0, issued.length).equals(issued)).toBe(true);
    const report = pdfSignatures(signed, nss);
    expect(report.match(/Signature is Valid/g)).toHaveLength(2);
    expect(report.match(/Certificate is Trusted/g)).toHaveLength(2);
    expect(report).toContain('Signer Certificate Common Name: Trần Văn Quảng');
    expect(report).toContain('Total document signed');

    // A flipped byte breaks it, for pdfsig as for the product.
    const broken = Buffer.from(signed);
    broken[issued.length - 50] ^= 1;
    expect(pdfSignatures(broken, nss)).toMatch(/Signature is Invalid|Digest Mismatch/);
  });

  it('signs through a plugin that signs only a digest: prepared, signed elsewhere, embedded and checked', async () => {
    await as.hungdao.post(`/api/decisions/${decisionId}/signing/hash`).expect(403);
    const prepared = (
      await as.chutich.post(`/api/decisions/${decisionId}/signing/hash`).expect(200)
    ).body;
    expect(prepared).toMatchObject({
      algorithm: 'SHA-256',
      digestHex: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // A CMS over another digest does not hold: refused, nothing kept.
    const wrong = await cmsForDigest('official', Buffer.alloc(32, 7));
    const refused = await as.chutich
      .post(`/api/decisions/${decisionId}/signing/hash/complete`)
      .send({ cms: wrong.toString('base64') })
      .expect(400);
    expect(refused.body.message).toContain('không khớp');
    const bad = await as.chutich
      .post(`/api/decisions/${decisionId}/signing/hash/complete`)
      .send({ cms: 'không phải base64' })
      .expect(400);
    expect(bad.body.details[0].field).toBe('cms');
    const cms = await cmsForDigest('official', Buffer.from(prepared.digest, 'base64'));
    const s = (
      await as.chutich
        .post(`/api/decisions/${decisionId}/signing/hash/complete`)
        .send({ cms: cms.toString('base64') })
        .expect(200)
    ).body;
    expect(s.signatures.at(-1)).toMatchObject({
      signerName: 'Trần Văn Quảng',
      valid: true,
      by: 'hash',
    });
    const report = pdfSignatures(await pdf(`/api/decisions/${decisionId}/pdf`), nss);
    expect(report.match(/Signature is Valid/g)).toHaveLength(3);
    // The preparation is used once.
    await as.chutich
      .post(`/api/decisions/${decisionId}/signing/hash/complete`)
      .send({ cms: cms.toString('base64') })
      .expect(409);
  });

  it('takes exactly one of two signed versions sent at once from the same base', async () => {
    const base = await pdf(`/api/decisions/${decisionId}/signing/original`);
    const [a, b] = await Promise.all([signAs('official', base), signAs('official', base)]);
    const answers = await Promise.all([upload(a), upload(b)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await status()).signatures).toHaveLength(4);
  });

  it("takes the signed file from the office's plugin at a one-time address, as the official's", async () => {
    const { url, expiresAt } = (
      await as.chutich.post(`/api/decisions/${decisionId}/signing/callback`).expect(200)
    ).body;
    expect(new Date(expiresAt).getTime() - clock.now().getTime()).toBe(15 * 60_000);
    const path = new URL(url).pathname;
    const base = await pdf(`/api/decisions/${decisionId}/signing/original`);
    const signed = await signAs('official', base);
    // The plugin posts without a session.
    const res = await request(t.http)
      .post(path)
      .attach('file', signed, { filename: 'da-ky.pdf', contentType: 'application/pdf' })
      .expect(200);
    expect(res.body.signatures).toHaveLength(5);
    const [audit] = await t.dataSource.query(
      "SELECT actor_username FROM audit_records WHERE action = 'decision.sign' ORDER BY at DESC LIMIT 1",
    );
    expect(audit.actor_username).toBe('chutich');
    // Once only; an unknown address answers the same.
    await request(t.http).post(path).attach('file', signed, 'da-ky.pdf').expect(404);
    await request(t.http)
      .post('/api/signing/callback/khong-co')
      .attach('file', signed, 'da-ky.pdf')
      .expect(404);
  });

  it("signs certificates with the organisation's key, and the verification page shows the decision's signatures", async () => {
    const [entry] = await t.dataSource.query(
      'SELECT item_id, verify_token FROM award_register WHERE decision_id = $1',
      [decisionId],
    );
    // The appearance (Phụ lục I): the signature and the seal from the settings, and the signing text.
    const png = (r: number, g: number, b: number) => {
      const image = new PNG({ width: 40, height: 40 });
      for (let i = 0; i < image.data.length; i += 4) image.data.set([r, g, b, 255], i);
      return PNG.sync.write(image);
    };
    for (const [kind, colour] of [
      ['signature', png(0, 0, 160)],
      ['seal', png(200, 0, 0)],
    ] as const)
      await as.admin
        .put(`/api/authority/images/${kind}`)
        .attach('file', colour, { filename: `${kind}.png`, contentType: 'image/png' })
        .expect(204);
    await as.admin
      .put('/api/authority/images/stamp')
      .attach('file', png(0, 0, 0), { filename: 'x.png', contentType: 'image/png' })
      .expect(400);
    const certificate = await pdf(`/api/decisions/${decisionId}/certificates/${entry.item_id}`);
    expect(pdfImages(certificate)[0]).toBeGreaterThanOrEqual(2);
    expect(pdfText(certificate)).toMatch(
      /Ký số: Ủy ban nhân dân huyện Tứ Kỳ, \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00/,
    );
    const report = pdfSignatures(certificate, nss);
    expect(report).toContain('Signer Certificate Common Name: Ủy ban nhân dân huyện Tứ Kỳ');
    expect(report).toContain('Signature is Valid');
    expect(report).toContain('Certificate is Trusted');
    const page = await request(t.http).get(`/verify/${entry.verify_token}`).expect(200);
    expect(page.text).toContain('Chữ ký số của quyết định');
    expect(page.text).toContain('Trần Văn Quảng');
    expect(page.text).toContain('chữ ký hợp lệ');
  });

  it('lets the admin manage the trusted CAs and the signature images from the settings page', async () => {
    const cookie = await webCookie(t, 'admin');
    const page = async () =>
      (await request(t.http).get('/quan-tri/thiet-lap').set('Cookie', cookie).expect(200)).text;
    const before = await page();
    expect(before).toContain('CA thử nghiệm Thi đua');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(before)![1];
    const [ca] = (await as.admin.get('/api/signing/trusted-cas').expect(200)).body;
    await request(t.http)
      .post(`/quan-tri/thiet-lap/ca/${ca.id}/xoa`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf })
      .expect(303);
    expect(await page()).toContain('Chưa có tổ chức chứng thực nào');
    const refused = await request(t.http)
      .post('/quan-tri/thiet-lap/ca')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, pem: 'không phải chứng thư' })
      .expect(303);
    expect(new URL(refused.headers.location, 'http://x').searchParams.get('loi')).toContain('PEM');
    await request(t.http)
      .post('/quan-tri/thiet-lap/ca')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, pem: readFileSync(CA, 'utf8') })
      .expect(303);
    expect(await page()).toContain('CA thử nghiệm Thi đua');
    // The images were set through the API above: the page shows them, and removes one.
    expect(await page()).toContain('alt="Ảnh chữ ký của người ký đang dùng"');
    await request(t.http)
      .post('/quan-tri/thiet-lap/anh/chu-ky/xoa')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf })
      .expect(303);
    expect(await page()).toContain('Chưa có ảnh chữ ký.');
    // A multipart form is checked for its token too, once its body is parsed: nothing changes without it.
    await request(t.http)
      .post('/quan-tri/thiet-lap/anh/chu-ky')
      .set('Cookie', cookie)
      .field('_csrf', 'gia-mao')
      .attach('file', readFileSync(join(__dirname, '..', 'fixtures', 'signing', 'ca.pem')), 'x.png')
      .expect(403);
    expect(await page()).toContain('Chưa có ảnh chữ ký.');
    await request(t.http)
      .post('/quan-tri/thiet-lap/anh/khong-co/xoa')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf })
      .expect(404);
  });
});
