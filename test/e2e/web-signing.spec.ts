import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'puppeteer';
import {
  axeViolations,
  go,
  overflows,
  pickFile,
  screenshot,
  signInAs,
  startWebApp,
  stopWebApp,
} from '../support/browser';
import { signAs, SIGNING_ENV } from '../support/signing';
import { TestApp } from '../support/test-app';
import { actors, issueDecision } from '../support/workflow-fixtures';

/** Signing a decision from its page in the real Chromium: a token-signed upload, then the seal. */
describe('web interface: signing a decision', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let decisionId: string;
  let as: Awaited<ReturnType<typeof actors>>;

  beforeAll(async () => {
    ({ t, base, browser } = await startWebApp(SIGNING_ENV));
    as = await actors(t);
    // The demo seeder trusts the test CA when the app has the test PKI's keys.
    expect((await as.admin.get('/api/signing/trusted-cas').expect(200)).body).toHaveLength(1);
    decisionId = (await issueDecision(t, as, ['Nguyễn Thị Hường'])).id;
  }, 120_000);
  afterAll(() => stopWebApp({ t, browser }));

  const text = (page: Page, selector: string) =>
    page.$eval(selector, (e) =>
      (e as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim(),
    );

  it('takes the chairman’s token-signed file, refuses a stranger’s with why, and adds the seal', async () => {
    const original = (
      await as.chutich.get(`/api/decisions/${decisionId}/signing/original`).buffer(true)
    ).body as Buffer;
    const stranger = join(tmpdir(), 'quyet-dinh-nguoi-la.pdf');
    writeFileSync(stranger, await signAs('stranger', original));
    const official = join(tmpdir(), 'quyet-dinh-da-ky.pdf');
    writeFileSync(official, await signAs('official', original));

    const chair = await signInAs(browser, base, 'chutich', 375);
    await chair.page.goto(`${base}/quyet-dinh/${decisionId}`, { waitUntil: 'load' });
    expect(await text(chair.page, 'section[aria-labelledby=ky-so]')).toContain(
      'Quyết định chưa được ký số',
    );
    await pickFile(chair.page, '#tep-da-ky', stranger);
    await go(chair.page, 'form[action$="/ky-so"] button');
    expect(await text(chair.page, '.alert')).toContain('không do tổ chức chứng thực tin cậy cấp');
    await pickFile(chair.page, '#tep-da-ky', official);
    await go(chair.page, 'form[action$="/ky-so"] button');
    expect(await text(chair.page, 'section[aria-labelledby=ky-so] ul')).toContain('Trần Văn Quảng');
    expect(await axeViolations(chair.page)).toEqual([]);
    expect(await overflows(chair.page)).toBe(false);
    await screenshot(chair.page, 'ky-so-375');
    expect(chair.problems).toEqual([]);
    await chair.page.close();

    const clerk = await signInAs(browser, base, 'noivu', 1280);
    await clerk.page.goto(`${base}/quyet-dinh/${decisionId}`, { waitUntil: 'load' });
    await go(clerk.page, 'form[action$="/dong-dau-so"] button');
    const signed = await text(clerk.page, 'section[aria-labelledby=ky-so] ul');
    expect(signed).toContain('Ủy ban nhân dân huyện Tứ Kỳ');
    expect(signed.match(/Chữ ký hợp lệ/g)).toHaveLength(2);
    expect(await axeViolations(clerk.page)).toEqual([]);
    await screenshot(clerk.page, 'ky-so-1280');
    expect(clerk.problems).toEqual([]);
    await clerk.page.close();
  });
});
