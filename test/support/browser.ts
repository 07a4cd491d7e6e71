import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { Browser, Page } from 'puppeteer';
import { CHROMIUM_FLAGS, findChromium } from '../../src/documents/pdf-renderer.service';
import { seedDemo } from './actors';
import { createTestApp, TestApp } from './test-app';

/** Where the browser tests write their screenshots (git-ignored). */
export const SCREENSHOTS = join(__dirname, '..', 'screenshots');

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: findChromium()!,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

/** A page of its own (cookies included) that records console errors and failed requests. */
export async function openPage(browser: Browser, width = 1280) {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.setViewport({ width, height: 900 });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  // Chromium's own PDF viewer (a chrome-extension:// frame) is not the app's; seen failing at random when a PDF opens.
  page.on('requestfailed', (r) => {
    if (!r.url().startsWith('chrome-extension://')) problems.push(`failed: ${r.url()}`);
  });
  return { page, problems };
}

/** axe-core's serious and critical violations on the page, as "rule: target" lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as {
    violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** Nothing wider than the screen. */
export function overflows(page: Page): Promise<boolean> {
  return page.evaluate(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth',
  ) as Promise<boolean>;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Signs in from the home page by keyboard only, as an officer would: the name
 * field has the focus, Tab to the password, Enter submits.
 */
export async function signInAs(browser: Browser, base: string, username: string, width = 1280) {
  const { page, problems } = await openPage(browser, width);
  await page.goto(`${base}/`, { waitUntil: 'load' });
  if (new URL(page.url()).pathname !== '/dang-nhap')
    throw new Error(`expected the sign-in page, got ${page.url()}`);
  // The page puts the focus in the name field (autofocus, applied once rendered): wait for it.
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document
        .activeElement?.id === 'username',
    { timeout: 5000 },
  );
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type('ThiDua@2025');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  return { page, problems };
}

/** Clicks what submits a form or follows a link, and waits for the page it leads to. */
export async function go(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

/** Follows a menu entry as a user does: on a phone the menu is first unfolded ("Trình đơn"). */
export async function goMenu(page: Page, href: string): Promise<void> {
  if (await page.$('details.menu:not([open])')) await page.click('details.menu > summary');
  await go(page, `nav a[href="${href}"]`);
}

/**
 * The same through the element's own click(): on a page showing a PDF in a
 * frame, headless Chromium's PDF viewer swallows synthetic mouse events.
 */
export async function goByScript(page: Page, selector: string): Promise<void> {
  await Promise.all([
    page.waitForNavigation(),
    page.$eval(selector, (e) => (e as unknown as { click(): void }).click()),
  ]);
}

/** Attaches a file to a file input. */
export async function pickFile(page: Page, selector: string, path: string): Promise<void> {
  const input = await page.$(selector);
  if (!input) throw new Error(`no file input ${selector}`);
  await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
}

/** The app with the demo data, listening on a free port, and the real Chromium to drive it. */
export async function startWebApp(
  env: Record<string, string> = {},
): Promise<{ t: TestApp; base: string; browser: Browser }> {
  const t = await createTestApp({ LOGIN_RATE_PER_MINUTE: '1000', ...env });
  await seedDemo(t);
  await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(t.http.address() as { port: number }).port}`;
  return { t, base, browser: await launchBrowser() };
}

export async function stopWebApp(app: { t?: TestApp; browser?: Browser }): Promise<void> {
  await app.browser?.close();
  app.t?.http.close();
  await app.t?.close();
}
