import { Browser, Page } from 'puppeteer';
import { DemoSeeder } from '../../src/demo/demo.seeder';
import {
  axeViolations,
  goMenu,
  overflows,
  screenshot,
  signInAs,
  startWebApp,
  stopWebApp,
} from '../support/browser';
import { TestApp } from '../support/test-app';

/** The statistics page in the real Chromium, on the full demo (Thịnh An's known figures). */
describe('web interface: statistics', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ t, base, browser } = await startWebApp());
    await t.app.get(DemoSeeder).run();
  }, 120_000);
  afterAll(() => stopWebApp({ t, browser }));

  const text = (page: Page, selector: string) =>
    page.$eval(selector, (e) =>
      (e as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim(),
    );

  it('shows the year’s figures as charts with their tables, filters them, passes axe and fits 375 px', async () => {
    for (const width of [375, 1280]) {
      const { page, problems } = await signInAs(browser, base, 'thinhan.noivu', width);
      await goMenu(page, '/thong-ke');
      expect(await text(page, 'h1')).toMatch(/^Thống kê thi đua, khen thưởng năm \d{4}$/);
      await page.goto(`${base}/thong-ke?year=2026`, { waitUntil: 'load' });
      expect(await text(page, '.kpis')).toContain('Lượt khen thưởng 3');
      expect(await text(page, '.kpis')).toContain('Tổng tiền thưởng 2.106.000 đ');
      expect(await text(page, 'section[aria-labelledby=tk-khen-thuong] tbody')).toContain(
        'Giấy khen của Chủ tịch Ủy ban nhân dân xã (cá nhân) Cá nhân 2 1.404.000 đ',
      );
      // Each chart is an image named by its title, with as many bars as its table has rows.
      expect(
        await page.$eval('section[aria-labelledby=tk-khen-thuong] svg', (s) => [
          s.getAttribute('role'),
          s.getAttribute('aria-label'),
          s.querySelectorAll('rect').length,
        ]),
      ).toEqual(['img', 'Số lượt khen thưởng năm 2026 theo hình thức', 2]);
      expect(await text(page, 'section[aria-labelledby=tk-xet-duyet] tbody')).toContain(
        'Được khen thưởng 3 60%',
      );
      expect(await axeViolations(page)).toEqual([]);
      expect(await overflows(page)).toBe(false);
      await screenshot(page, `thong-ke-${width}`);
      // Another year, through the form.
      await page.$eval('#year', (e) => ((e as unknown as { value: string }).value = '2025'));
      await Promise.all([page.waitForNavigation(), page.click('form[role=search] button')]);
      expect(await text(page, '.kpis')).toContain('Lượt khen thưởng 0');
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('shows the award fund: the allocation recorded from the page, the decisions of the year, passes axe and fits 375 px', async () => {
    for (const width of [375, 1280]) {
      const { page, problems } = await signInAs(browser, base, 'thinhan.noivu', width);
      await goMenu(page, '/quy-thi-dua');
      await page.goto(`${base}/quy-thi-dua?nam=2026`, { waitUntil: 'load' });
      expect(await text(page, 'h1')).toBe('Quỹ thi đua, khen thưởng năm 2026');
      if (width === 375) {
        await page.$eval(
          '#so-tien',
          (e) => ((e as unknown as { value: string }).value = '2.000.000'),
        );
        await page.$eval(
          '#van-ban',
          (e) =>
            ((e as unknown as { value: string }).value = 'Quyết định số 03/QĐ-UBND giao dự toán'),
        );
        await Promise.all([page.waitForNavigation(), page.click('form.filter-grid button')]);
      }
      // Decision 01/QĐ-UBND of the demo spent 2.106.000 đ of the 2.000.000 đ allocated.
      expect(await text(page, '.kpis')).toContain('Quỹ được giao 2.000.000 đ');
      expect(await text(page, '.kpis')).toContain('Đã chi 2.106.000 đ');
      expect(await text(page, '.kpis')).toContain('Số dư -106.000 đ');
      expect(await text(page, 'section[aria-labelledby=quy-quyet-dinh] tbody')).toContain(
        '01/QĐ-UBND',
      );
      expect(await axeViolations(page)).toEqual([]);
      expect(await overflows(page)).toBe(false);
      await screenshot(page, `quy-thi-dua-${width}`);
      expect(problems).toEqual([]);
      await page.close();
    }
  });
});
