import { Browser, Page } from 'puppeteer';
import {
  axeViolations,
  goMenu,
  openPage,
  overflows,
  screenshot,
  signInAs,
  startWebApp,
  stopWebApp,
} from '../support/browser';
import { TestApp } from '../support/test-app';
import { actors, awaitingChairman, issueDecision, lookups } from '../support/workflow-fixtures';

/** Publicity and the drafts in the real Chromium: the pages pass axe and fit 375 px. */
describe('web interface: publicity and drafts', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let dossierId: string;

  beforeAll(async () => {
    ({ t, base, browser } = await startWebApp());
    const as = await actors(t);
    const ids = await lookups(t);
    // One decision issued (the public list of decisions), one dossier awaiting the chairman.
    await issueDecision(t, as, ['Nguyễn Thị Hường']);
    dossierId = await awaitingChairman(t, as, [
      'Nguyễn Thị Hường',
      {
        kind: 'collective',
        collectiveUnitId: ids.hungDaoId,
        awardFormId: ids.forms['GK-TT'],
        report: true,
      },
    ]);
  }, 120_000);
  afterAll(() => stopWebApp({ t, browser }));

  const text = (page: Page, selector: string) =>
    page.$eval(selector, (e) =>
      (e as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim(),
    );
  const type = (page: Page, selector: string, value: string) =>
    page.$eval(selector, (e, v) => ((e as unknown as { value: string }).value = v), value);

  let publicPath = '';

  it('publishes the awaiting nominees from the page of Home Affairs', async () => {
    for (const width of [375, 1280]) {
      const { page, problems } = await signInAs(browser, base, 'noivu', width);
      await goMenu(page, '/quan-tri/cong-khai');
      expect(await text(page, 'h1')).toBe('Công khai danh sách khen thưởng');
      if (width === 375) {
        await type(page, '#ck-title', 'Công khai danh sách dự kiến khen thưởng đột xuất');
        await Promise.all([page.waitForNavigation(), page.click('form.filter-grid button')]);
        expect(await text(page, 'h1')).toBe('Công khai danh sách dự kiến khen thưởng đột xuất');
        expect(await text(page, 'section[aria-labelledby=danh-sach] tbody')).toContain(
          'Nguyễn Thị Hường',
        );
        publicPath = (await page.$eval('a[target=_blank]', (a) => a.getAttribute('href')))!;
        expect(await axeViolations(page)).toEqual([]);
        expect(await overflows(page)).toBe(false);
        await screenshot(page, `cong-khai-chi-tiet-${width}`);
        await page.goto(`${base}/quan-tri/cong-khai`, { waitUntil: 'load' });
      }
      expect(await text(page, 'section[aria-labelledby=da-cong-khai] tbody')).toContain(
        'Đang công khai',
      );
      expect(await axeViolations(page)).toEqual([]);
      expect(await overflows(page)).toBe(false);
      await screenshot(page, `cong-khai-${width}`);
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('shows the public list to anyone and takes an opinion, a refusal shown beside its field', async () => {
    for (const width of [375, 1280]) {
      const { page, problems } = await openPage(browser, width);
      await page.goto(`${base}/cong-khai/tu-ky`, { waitUntil: 'load' });
      await Promise.all([page.waitForNavigation(), page.click(`a[href="${publicPath}"]`)]);
      expect(await text(page, 'tbody')).toContain('Nguyễn Thị Hường');
      expect(await axeViolations(page)).toEqual([]);
      expect(await overflows(page)).toBe(false);
      await screenshot(page, `cong-khai-cong-dan-${width}`);
      if (width === 375) {
        await type(page, '#yk-content', 'Xem thêm tại https://example.com');
        await Promise.all([
          page.waitForNavigation(),
          page.click('section[aria-labelledby=y-kien] button'),
        ]);
        expect(await text(page, '#loi-content')).toContain('không chứa đường dẫn');
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, `cong-khai-loi-${width}`);
        await type(page, '#yk-content', 'Tôi đồng ý với danh sách dự kiến khen thưởng.');
        await page.select('#yk-entry', '1');
        await Promise.all([
          page.waitForNavigation(),
          page.click('section[aria-labelledby=y-kien] button'),
        ]);
        expect(await text(page, 'section[aria-labelledby=y-kien] [role=status]')).toContain(
          'đã được gửi',
        );
      }
      expect(problems).toEqual([]);
      await page.close();
    }
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM public_opinions');
    expect(n).toBe(1);
  });

  it('lists the issued decisions for anyone', async () => {
    for (const width of [375, 1280]) {
      const { page, problems } = await openPage(browser, width);
      await page.goto(`${base}/cong-khai/tu-ky`, { waitUntil: 'load' });
      await Promise.all([
        page.waitForNavigation(),
        page.click('a[href="/cong-khai/tu-ky/quyet-dinh"]'),
      ]);
      expect(await text(page, 'tbody')).toMatch(/\d+\/QĐ-UBND/);
      expect(await axeViolations(page)).toEqual([]);
      expect(await overflows(page)).toBe(false);
      await screenshot(page, `cong-khai-quyet-dinh-${width}`);
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it("links the dossier's drafts for its unit", async () => {
    for (const width of [375, 1280]) {
      const { page, problems } = await signInAs(browser, base, 'hungdao', width);
      await page.goto(`${base}/ho-so/${dossierId}`, { waitUntil: 'load' });
      expect(await text(page, 'section[aria-labelledby=tai-lieu] .card')).toContain(
        'Báo cáo thành tích của Nguyễn Thị Hường: PDF báo cáo của Nguyễn Thị Hường · Word',
      );
      expect(await axeViolations(page)).toEqual([]);
      expect(await overflows(page)).toBe(false);
      await screenshot(page, `ho-so-ban-thao-${width}`);
      expect(problems).toEqual([]);
      await page.close();
    }
  });
});
