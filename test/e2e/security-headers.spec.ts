import puppeteer from 'puppeteer';
import request from 'supertest';
import { CHROMIUM_FLAGS, findChromium } from '../../src/documents/pdf-renderer.service';
import { api, seedDemo, tokenFor } from '../support/actors';
import { createTestApp, TestApp } from '../support/test-app';
import { uploadPdf } from '../support/workflow-fixtures';

describe('security headers', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(t.http.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    t.http.close();
    await t.close();
  });

  it('sends nosniff, no framing and no referrer on JSON, HTML and file downloads, and a strict CSP', async () => {
    const noivu = api(t, await tokenFor(t, 'noivu'));
    const fileId = await uploadPdf(noivu, 'Tờ trình ‮fdp.exe.pdf');
    const answers = [
      await request(t.http).get('/health'),
      await noivu.get('/api/dossiers'),
      await request(t.http).get('/verify/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
      await request(t.http).get('/api/docs/'),
      await noivu.get(`/api/files/${fileId}`),
      await request(t.http).get('/api/khong-co'),
    ];
    for (const res of answers) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('the API docs and the verification page still work in a real browser under that policy', async () => {
    const browser = await puppeteer.launch({
      executablePath: findChromium()!,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    try {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') violations.push(m.text());
      });
      await page.goto(`${base}/api/docs/`, { waitUntil: 'networkidle0' });
      await page.waitForSelector('.opblock', { timeout: 15000 });
      await page.goto(`${base}/verify/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, { waitUntil: 'load' });
      expect(await page.$eval('h1', (h) => h.textContent)).toBe('Xác minh Giấy khen');
      expect(violations.filter((v) => /Content Security Policy/i.test(v))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
