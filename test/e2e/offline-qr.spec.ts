import { Browser, Page } from 'puppeteer';
import request from 'supertest';
import { QrKeysService } from '../../src/authorities/qr-keys.service';
import {
  axeViolations,
  openPage,
  overflows,
  screenshot,
  startWebApp,
  stopWebApp,
} from '../support/browser';
import { binary, webCookie } from '../support/http';
import { pdfQr } from '../support/pdf';
import { TestApp } from '../support/test-app';
import { actors, issueDecision } from '../support/workflow-fixtures';

const SECRET = 'a test secret of the offline QR keys, 32+ chars';

/** The offline QR code: claims signed with the authority's Ed25519 key, checked in the browser. */
describe('offline QR code: the certificate verifies from its QR alone, a forged one does not', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let as: Awaited<ReturnType<typeof actors>>;
  let link: string;
  let decisionId: string;

  const certificateQr = async () => {
    const [entry] = await t.dataSource.query(
      'SELECT item_id FROM award_register WHERE decision_id = $1',
      [decisionId],
    );
    const pdf = (
      await as.chutich
        .get(`/api/decisions/${decisionId}/certificates/${entry.item_id}`)
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body as Buffer;
    // Decoded from a 150 dpi render, as a phone's camera would read the print.
    return pdfQr(pdf, 1, 150);
  };
  const fragment = (url: string) => url.slice(url.indexOf('#') + 1);
  const text = (page: Page, selector: string) =>
    page.$eval(selector, (e) =>
      (e as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim(),
    );

  beforeAll(async () => {
    ({ t, base, browser } = await startWebApp({ QR_KEYS_SECRET: SECRET }));
    as = await actors(t);
    decisionId = (await issueDecision(t, as, ['Nguyễn Thị Hường'])).id;
  }, 120_000);
  afterAll(() => stopWebApp({ t, browser }));

  it('prints a link whose fragment holds the signed claims, and publishes the key; the private key is stored encrypted', async () => {
    link = (await certificateQr())!;
    expect(link).toMatch(/\/v\/#[A-Za-z0-9_-]{90,}$/);
    const checked = await t.app.get(QrKeysService).check(fragment(link));
    expect(checked).toMatchObject({
      valid: true,
      claims: { authorityCode: 'tu-ky', awardeeName: 'Nguyễn Thị Hường', registerNumber: '1/2026' },
    });
    const published = (await request(t.http).get('/.well-known/thidua-keys.json').expect(200)).body;
    expect(published.keys).toEqual([
      expect.objectContaining({
        authority: 'tu-ky',
        authorityName: 'Ủy ban nhân dân huyện Tứ Kỳ',
        retiredAt: null,
      }),
    ]);
    const [row] = await t.dataSource.query('SELECT private_key_encrypted FROM qr_keys');
    // PKCS#8 of an Ed25519 key starts 302e0201...: not what is stored.
    expect((row.private_key_encrypted as Buffer).subarray(0, 4).toString('hex')).not.toBe(
      '302e0201',
    );
  });

  it('refuses a forged, truncated or unknown-key code', async () => {
    const keys = t.app.get(QrKeysService);
    const payload = fragment(link);
    const at = 20;
    const forged = payload.slice(0, at) + (payload[at] === 'A' ? 'B' : 'A') + payload.slice(at + 1);
    expect(await keys.check(forged)).toMatchObject({ valid: false });
    expect(await keys.check(payload.slice(0, 60))).toEqual({
      valid: false,
      problem: 'Mã không đầy đủ.',
    });
    const unknown = Buffer.from(payload, 'base64url');
    unknown.fill(0, 0, 4);
    expect(await keys.check(unknown.toString('base64url'))).toEqual({
      valid: false,
      problem: 'Khóa ký không có trong danh sách công bố.',
    });
  });

  it("answers a certificate's current status by authority code and register number, and 404 for anything else", async () => {
    const status = (a: string, r: string) => request(t.http).get('/v/trang-thai').query({ a, r });
    expect((await status('tu-ky', '1/2026').expect(200)).body).toEqual({
      status: 'valid',
      statusLabel: 'Còn hiệu lực',
    });
    // Another authority's code, a number not in the register, a malformed one, a missing one.
    for (const [a, r] of [
      ['khong-co', '1/2026'],
      ['tu-ky', '999/2026'],
      ['tu-ky', '1-2026'],
      ['tu-ky', ''],
    ])
      await status(a, r).expect(404);
  });

  it('checks the code in the browser, offline once the page is loaded, and shows the status online', async () => {
    for (const width of [375, 1280]) {
      const { page, problems } = await openPage(browser, width);
      const path = link.slice(link.indexOf('/v/'));
      await page.goto(`${base}${path}`, { waitUntil: 'networkidle0' });
      expect(await text(page, '#ket-luan')).toBe('Hợp lệ: do Ủy ban nhân dân huyện Tứ Kỳ ký');
      expect(await text(page, '#qr-ten')).toBe('Nguyễn Thị Hường');
      expect(await text(page, '#truc-tuyen')).toBe('Tình trạng hiện tại: Còn hiệu lực');
      expect(await axeViolations(page)).toEqual([]);
      expect(await overflows(page)).toBe(false);
      await screenshot(page, `qr-ngoai-tuyen-${width}`);
      if (width === 375) {
        // No network from here: the signature is still checked in the page.
        await page.setOfflineMode(true);
        const payload = fragment(link);
        const forged = payload.slice(0, 30) + (payload[30] === 'A' ? 'B' : 'A') + payload.slice(31);
        await page.evaluate(`location.hash = ${JSON.stringify(forged)}`);
        await page.waitForFunction(
          "document.querySelector('#ket-luan').textContent.startsWith('Không hợp lệ')",
        );
        await page.evaluate(`location.hash = ${JSON.stringify(payload)}`);
        await page.waitForFunction(
          "document.querySelector('#ket-luan').textContent === 'Hợp lệ: do Ủy ban nhân dân huyện Tứ Kỳ ký'",
        );
        expect(await text(page, '#truc-tuyen')).toContain('Không có mạng');
        await page.setOfflineMode(false);
      }
      expect(problems.filter((p) => !p.startsWith('failed:'))).toEqual([]);
      await page.close();
    }
  });

  it('keeps old certificates verifiable after the key is rotated', async () => {
    await as.noivu.post('/api/authority/qr-keys/rotate').expect(403);
    const rotated = (await as.admin.post('/api/authority/qr-keys/rotate').expect(200)).body;
    const fresh = (await certificateQr())!;
    const keys = t.app.get(QrKeysService);
    expect(await keys.check(fragment(fresh))).toMatchObject({ valid: true, kid: rotated.kid });
    expect(await keys.check(fragment(link))).toMatchObject({ valid: true });
    const { page } = await openPage(browser, 1280);
    await page.goto(`${base}${link.slice(link.indexOf('/v/'))}`, { waitUntil: 'networkidle0' });
    expect(await text(page, '#ket-luan')).toBe(
      'Hợp lệ: do Ủy ban nhân dân huyện Tứ Kỳ ký (khóa cũ, vẫn còn giá trị)',
    );
    await page.close();
  });

  it('rotates the key from the settings page too', async () => {
    const cookie = await webCookie(t, 'admin');
    const settings = await request(t.http)
      .get('/quan-tri/thiet-lap')
      .set('Cookie', cookie)
      .expect(200);
    expect(settings.text).toContain('Đổi khóa ký mã QR ngoại tuyến');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(settings.text)![1];
    const before = (await request(t.http).get('/.well-known/thidua-keys.json').expect(200)).body
      .keys;
    await request(t.http)
      .post('/quan-tri/thiet-lap/khoa-qr')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf })
      .expect(303)
      .expect('Location', '/quan-tri/thiet-lap');
    const after = (await request(t.http).get('/.well-known/thidua-keys.json').expect(200)).body
      .keys;
    expect(after).toHaveLength(before.length + 1);
    expect(after.filter((k: { retiredAt: string | null }) => !k.retiredAt)).toHaveLength(1);
  });
});
