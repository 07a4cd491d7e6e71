import { Browser } from 'puppeteer';
import request from 'supertest';
import { api, DEMO_PASSWORD, tokenFor, unitId } from '../support/actors';
import {
  axeViolations,
  startWebApp,
  stopWebApp,
  openPage,
  overflows,
  screenshot,
  signInAs,
} from '../support/browser';
import { TestApp } from '../support/test-app';
import { postSignIn, setCookie, signInForm } from '../support/http';
import {
  actors,
  appraiseAll,
  attachLetterAndMinutes,
  draftDossier,
  lookups,
  submittedDossier,
} from '../support/workflow-fixtures';

/**
 * The web interface in the real Chromium against the app on PostgreSQL:
 * signing in by keyboard, the home list, a dossier and one of its steps taken
 * from the page (the same transition as the API's), each page checked with
 * axe-core at 375 px and 1280 px, with nothing wider than a phone's screen.
 */
describe('web interface: sign-in, the dossiers, a step', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let dossierId: string;
  let otherUnitDossier: string;

  beforeAll(async () => {
    ({ t, base, browser } = await startWebApp());
    const as = await actors(t);
    const ids = await lookups(t);
    const draft = await draftDossier(as.hungdao, undefined, [
      {
        kind: 'individual',
        personId: ids.people['Trần Văn Hùng'],
        awardFormId: ids.forms['GK-CN'],
        report: true,
      },
    ]);
    await attachLetterAndMinutes(as.hungdao, draft.id);
    await as.hungdao.post(`/api/dossiers/${draft.id}/submit`).send({}).expect(200);
    dossierId = draft.id;
    // Sent, so that Home Affairs sees it too (a unit's draft is its own).
    otherUnitDossier = await submittedDossier(
      as.daison,
      ids,
      'Vũ Đức Thắng',
      'Hồ sơ của xã Đại Sơn',
    );
  });
  afterAll(() => stopWebApp({ t, browser }));

  const unitIdOf = (code: string) => unitId(t, 'tu-ky', code);

  const signIn = (username: string, width = 1280) => signInAs(browser, base, username, width);

  it('signs in by keyboard and lands on the list of dossiers; every page passes axe at 1280 and 375 px', async () => {
    for (const width of [1280, 375]) {
      const { page: login, problems: loginProblems } = await openPage(browser, width);
      await login.goto(`${base}/dang-nhap`, { waitUntil: 'load' });
      expect(await axeViolations(login)).toEqual([]);
      expect(await overflows(login)).toBe(false);
      await screenshot(login, `dang-nhap-${width}`);
      // No mail leaves a closed network: a forgotten password is reset by the administrator.
      expect(await login.content()).toContain('Quên mật khẩu? Hãy liên hệ quản trị viên');
      expect(loginProblems).toEqual([]);
      await login.close();

      const { page, problems } = await signIn('noivu', width);
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.$eval('h1', (h) => h.textContent)).toBe('Hồ sơ đề nghị khen thưởng');
      expect(await page.$eval('.who', (e) => e.textContent)).toContain('Chuyên viên Phòng Nội vụ');
      expect(await page.content()).toContain('Ủy ban nhân dân huyện Tứ Kỳ');
      expect(await axeViolations(page)).toEqual([]);
      expect(await overflows(page)).toBe(false);
      await screenshot(page, `trang-chu-noi-vu-${width}`);

      await page.goto(`${base}/ho-so/${dossierId}`, { waitUntil: 'load' });
      expect(await page.$eval('h1', (h) => h.textContent)).toBe('Đề nghị khen thưởng năm 2026');
      expect(await axeViolations(page)).toEqual([]);
      expect(await overflows(page)).toBe(false);
      await screenshot(page, `ho-so-${width}`);
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('takes a step from the dossier page: the API then reports the state the page shows', async () => {
    const { page } = await signIn('noivu');
    await page.goto(`${base}/ho-so/${dossierId}`, { waitUntil: 'load' });
    const buttons = await page.$$eval('.step button', (b) => b.map((x) => x.textContent));
    expect(buttons).toEqual(['Nhận thẩm định']);
    await Promise.all([page.waitForNavigation(), page.click('.step button')]);
    expect(await page.$eval('.facts .status', (s) => s.textContent)).toBe('Đang thẩm định');
    const viaApi = await api(t, await tokenFor(t, 'noivu'))
      .get(`/api/dossiers/${dossierId}`)
      .expect(200);
    expect(viaApi.body).toMatchObject({ status: 'under_appraisal', statusLabel: 'Đang thẩm định' });
    expect(viaApi.body.history.at(-1)).toMatchObject({ action: 'take', actorName: 'noivu' });
    // Nobody is notified of their own step; the unit is.
    const told = async (username: string) =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id
            WHERE u.username = $1 AND n.dossier_id = $2 AND n.message LIKE '%Nhận thẩm định%'`,
          [username, dossierId],
        )
      )[0].n;
    expect(await told('noivu')).toBe(0);
    expect(await told('hungdao')).toBe(1);
    // A stale page (someone moved it since): the step is refused in Vietnamese, nothing applied twice.
    const stale = (await page.evaluate(`(async () => {
      const csrf = document.querySelector('input[name=_csrf]').value;
      const r = await fetch('/ho-so/${dossierId}/buoc/take', {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrf, version: '1' }),
      });
      return { url: r.url, text: await r.text() };
    })()`)) as { url: string; text: string };
    expect(decodeURIComponent(stale.url)).toContain('loi=');
    expect(stale.text).toContain('Không thể &quot;Nhận thẩm định&quot;');
    const [{ n }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM dossier_events WHERE dossier_id = $1 AND action = 'take'",
      [dossierId],
    );
    expect(n).toBe(1);
    await page.close();
  });

  it('cancels a draft from its page only once the unit ticks that it is sure; Home Affairs never sees it', async () => {
    const as = await actors(t);
    const { id } = await draftDossier(as.hungdao, undefined, [], 'Hồ sơ lập nhầm');
    for (const width of [375, 1280]) {
      const { page, problems } = await signIn('hungdao', width);
      await page.goto(`${base}/ho-so/${id}`, { waitUntil: 'load' });
      const cancel = 'form[action$="/buoc/discard"]';
      expect(await page.$eval(`${cancel} button`, (b) => b.textContent)).toBe(
        'Hủy hồ sơ đang soạn',
      );
      expect(await page.$eval(`${cancel} label`, (l) => l.textContent!.trim())).toBe(
        'Tôi chắc chắn muốn hủy hồ sơ đang soạn: không hoàn tác được.',
      );
      expect(await axeViolations(page)).toEqual([]);
      expect(await overflows(page)).toBe(false);
      await screenshot(page, `ho-so-huy-${width}`);
      if (width === 375) {
        // Not ticked: the browser keeps the form, the draft stays.
        await page.click(`${cancel} button`);
        expect(
          await page.$eval(
            `${cancel} input[name=confirm]`,
            (i) => (i as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing,
          ),
        ).toBe(true);
        expect((await as.hungdao.get(`/api/dossiers/${id}`).expect(200)).body.status).toBe('draft');
      } else {
        await page.click(`${cancel} input[name=confirm]`);
        await Promise.all([page.waitForNavigation(), page.click(`${cancel} button`)]);
        expect(await page.$eval('.facts .status', (s) => s.textContent)).toBe('Đã hủy (chưa gửi)');
        expect(await page.$$('.step button')).toHaveLength(0);
      }
      expect(problems).toEqual([]);
      await page.close();
    }
    expect((await as.hungdao.get(`/api/dossiers/${id}`).expect(200)).body.status).toBe('discarded');
    await as.noivu.get(`/api/dossiers/${id}`).expect(404);
  });

  it('signs no one in from a sign-in form posted without its own cookie and token (login CSRF), counting no attempt', async () => {
    const sessions = () =>
      t.dataSource.query(
        "SELECT count(*)::int AS n FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = 'chutich')",
      );
    const before = await sessions();
    const form = await signInForm(t);
    const fields = { username: 'chutich', password: 'ThiDua@2025' };
    // Another site's form: no cookie (SameSite=Lax keeps it off a cross-site POST), or a token of its own.
    const forged = [
      request(t.http).post('/dang-nhap').type('form').send(fields),
      request(t.http)
        .post('/dang-nhap')
        .type('form')
        .send({ ...fields, _csrf: form.csrf }),
      request(t.http)
        .post('/dang-nhap')
        .set('Cookie', form.cookie)
        .type('form')
        .send({ ...fields, _csrf: 'x'.repeat(43) }),
    ];
    for (const res of await Promise.all(forged)) {
      expect(res.status).toBe(403);
      expect(setCookie(res, 'td_session')).toBeUndefined();
      expect(res.text).toContain('Biểu mẫu đăng nhập đã hết hạn hoặc không hợp lệ');
      // A fresh form to try again with.
      expect(res.text).toMatch(/name="_csrf" value="[A-Za-z0-9_-]{43}"/);
      expect(setCookie(res, 'td_signin')).toMatch(/HttpOnly/);
    }
    expect(await sessions()).toEqual(before);
    const signedIn = await postSignIn(t, fields);
    expect(signedIn.status).toBe(303);
    expect(setCookie(signedIn, 'td_session')).toBeDefined();
    // The form's cookie has done its work.
    expect(setCookie(signedIn, 'td_signin')).toMatch(/^td_signin=;.*Expires=Thu, 01 Jan 1970/);
  });

  it('refuses a form without its CSRF token, changing nothing; the cookie is HttpOnly and SameSite=Lax', async () => {
    const signin = await postSignIn(t, { username: 'chutich', password: 'ThiDua@2025' });
    expect(signin.status).toBe(303);
    const cookie = setCookie(signin, 'td_session')!;
    expect(cookie).toMatch(/^td_session=[A-Za-z0-9_-]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    const before = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM sessions WHERE revoked_at IS NULL',
    );
    const refused = await request(t.http)
      .post('/dang-xuat')
      .set('Cookie', cookie.split(';')[0])
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: 'gia-mao' })
      .expect(403);
    expect(refused.text).toContain('Không có quyền truy cập');
    const after = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM sessions WHERE revoked_at IS NULL',
    );
    expect(after).toEqual(before);
    // The API does not take the cookie: no CSRF there.
    await request(t.http).get('/api/dossiers').set('Cookie', cookie.split(';')[0]).expect(401);
  });

  it("shows the Vietnamese 404 page for another unit's dossier and for an unknown address", async () => {
    const { page } = await signIn('hungdao', 375);
    const other = await page.goto(`${base}/ho-so/${otherUnitDossier}`, { waitUntil: 'load' });
    expect(other!.status()).toBe(404);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Không tìm thấy trang');
    expect(await page.content()).toContain('Mã yêu cầu');
    expect(await axeViolations(page)).toEqual([]);
    const unknown = await page.goto(`${base}/khong-co-trang-nay`, { waitUntil: 'load' });
    expect(unknown!.status()).toBe(404);
    expect(unknown!.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Không tìm thấy trang');
    expect(await page.content()).toContain('Không có trang nào ở địa chỉ này.');
    // A program asking the same address gets the JSON error shape, naming the address.
    const json = await request(t.http).get('/khong-co-trang-nay').expect(404);
    expect(json.headers['content-type']).toContain('application/json');
    expect(json.body).toMatchObject({
      error: 'NOT_FOUND',
      message: 'Không tìm thấy đường dẫn GET /khong-co-trang-nay.',
    });
    expect(json.body.requestId).toBe(json.headers['x-request-id']);
    await page.close();
  });

  it('keeps the user name and says why when the password is wrong', async () => {
    const { page } = await openPage(browser, 375);
    await page.goto(`${base}/dang-nhap`, { waitUntil: 'load' });
    await page.type('#username', 'noivu');
    await page.type('#password', 'sai-mat-khau');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(await page.$eval('.alert', (a) => a.textContent)).toContain(
      'Tên đăng nhập hoặc mật khẩu không đúng',
    );
    expect(await page.$eval('#username', (i) => (i as unknown as { value: string }).value)).toBe(
      'noivu',
    );
    expect(await page.$eval('#password', (i) => i.getAttribute('aria-describedby'))).toBe(
      'loi-dang-nhap',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('asks for a supplement with a checklist, takes the answer and appraises nominee by nominee, all from the pages', async () => {
    const noivu = api(t, await tokenFor(t, 'noivu'));
    const state = async () => (await noivu.get(`/api/dossiers/${dossierId}`).expect(200)).body;
    expect((await state()).status).toBe('under_appraisal');

    const { page } = await signIn('noivu', 375);
    await page.goto(`${base}/ho-so/${dossierId}`, { waitUntil: 'load' });
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflows(page)).toBe(false);
    await screenshot(page, 'ho-so-tham-dinh-375');
    // Nothing ticked: refused in Vietnamese, nothing changed.
    await page.type('#y-kien-bo-sung', 'Đề nghị đơn vị bổ sung hồ sơ.');
    await Promise.all([
      page.waitForNavigation(),
      page.click('#bo-sung ~ form button, section[aria-labelledby=bo-sung] button'),
    ]);
    // The error is beside the checklist; the comment typed is kept.
    expect(await page.$eval('#loi-items', (a) => a.textContent)).toBe(
      'Hãy chọn hoặc ghi ít nhất một nội dung đơn vị cần bổ sung.',
    );
    expect(
      await page.$eval('#y-kien-bo-sung', (a) => (a as unknown as { value: string }).value),
    ).toBe('Đề nghị đơn vị bổ sung hồ sơ.');
    expect(await axeViolations(page)).toEqual([]);
    expect((await state()).status).toBe('under_appraisal');
    await page.click('#muc-1');
    await page.type('#muc-khac', 'Ảnh chụp minh chứng mô hình chuyển đổi số');
    await Promise.all([
      page.waitForNavigation(),
      page.click('section[aria-labelledby=bo-sung] button'),
    ]);
    const asked = await state();
    expect(asked).toMatchObject({
      status: 'supplement_requested',
      supplementItems: [
        'Biên bản họp xét khen thưởng',
        'Ảnh chụp minh chứng mô hình chuyển đổi số',
      ],
    });
    await page.close();

    const { page: unit } = await signIn('hungdao');
    // The home page tells the unit what was asked, and the notice can be marked as read.
    const notices = await unit.$$eval('section[aria-labelledby=thong-bao] li.unread', (l) =>
      l.map((x) => x.textContent ?? ''),
    );
    expect(notices.some((n) => n.includes('Yêu cầu bổ sung'))).toBe(true);
    await Promise.all([
      unit.waitForNavigation(),
      unit.click('form[action="/thong-bao/da-doc"] button'),
    ]);
    expect(await unit.$$('section[aria-labelledby=thong-bao] li.unread')).toHaveLength(0);
    await unit.goto(`${base}/ho-so/${dossierId}`, { waitUntil: 'load' });
    expect(
      await unit.$$eval('section[aria-labelledby=can-bo-sung] li', (e) =>
        e.map((x) => x.textContent),
      ),
    ).toEqual(['Biên bản họp xét khen thưởng', 'Ảnh chụp minh chứng mô hình chuyển đổi số']);
    // Its documents open in the browser, from the unit's own session.
    const doc = await unit.$eval('section[aria-labelledby=tai-lieu] a', (a) =>
      a.getAttribute('href'),
    );
    const shown = await unit.evaluate(
      `fetch(${JSON.stringify(doc)}).then((r) => [r.status, r.headers.get('content-type'), r.headers.get('content-disposition')])`,
    );
    expect(shown).toEqual([200, 'application/pdf', expect.stringMatching(/^inline; filename=/)]);
    await unit.type('#y-resubmit', 'Đơn vị đã bổ sung biên bản và ảnh minh chứng.');
    await Promise.all([
      unit.waitForNavigation(),
      unit.click('form[action$="/buoc/resubmit"] button'),
    ]);
    expect((await state()).status).toBe('under_appraisal');
    await unit.close();

    const { page: again } = await signIn('noivu');
    await again.goto(`${base}/ho-so/${dossierId}`, { waitUntil: 'load' });
    // Not proposed without a reason: the error is beside the nominee, the choice kept.
    await again.click('input[value=not_proposed]');
    await Promise.all([
      again.waitForNavigation(),
      again.click('section[aria-labelledby=tham-dinh] button'),
    ]);
    expect(await again.$eval('fieldset.nominee .field-error', (e) => e.textContent)).toBe(
      'Cần nêu lý do không đề nghị.',
    );
    expect(await again.$eval('input[value=not_proposed]', (e) => e.checked)).toBe(true);
    expect(await axeViolations(again)).toEqual([]);
    expect((await state()).status).toBe('under_appraisal');
    await again.click('input[value=proposed]');
    await Promise.all([
      again.waitForNavigation(),
      again.click('section[aria-labelledby=tham-dinh] button'),
    ]);
    const appraised = await state();
    expect(appraised.status).toBe('appraised');
    expect(appraised.nominees[0]).toMatchObject({ appraisal: 'proposed' });
    expect(await again.$$eval('.step button', (b) => b.map((x) => x.textContent))).toEqual([
      'Trình Chủ tịch quyết định',
    ]);
    await again.close();
  });

  it('makes a new user change the temporary password first, with the errors beside their fields', async () => {
    await api(t, await tokenFor(t, 'admin'))
      .post('/api/users')
      .send({
        username: 'canbo.moi',
        fullName: 'Cán Bộ Mới',
        role: 'home_affairs',
        password: 'TamThoi2026',
      })
      .expect(201);
    const { page, problems } = await openPage(browser, 375);
    await page.goto(`${base}/dang-nhap`, { waitUntil: 'load' });
    await page.type('#username', 'canbo.moi');
    await page.type('#password', 'TamThoi2026');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(new URL(page.url()).pathname).toBe('/doi-mat-khau');
    expect(await page.$eval('.notice', (n) => n.textContent)).toContain('mật khẩu tạm thời');
    expect(await axeViolations(page)).toEqual([]);
    await page.type('#currentPassword', 'TamThoi2026');
    await page.type('#newPassword', 'MatKhauMoi2026');
    await page.type('#confirmPassword', 'KhacNhau2026');
    await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
    expect(await page.$eval('#loi-confirmPassword', (e) => e.textContent)).toBe(
      'Mật khẩu nhập lại không khớp với mật khẩu mới.',
    );
    expect(await page.$eval('#confirmPassword', (e) => e.getAttribute('aria-describedby'))).toBe(
      'loi-confirmPassword',
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'doi-mat-khau-loi-375');
    await page.type('#currentPassword', 'TamThoi2026');
    await page.type('#newPassword', 'MatKhauMoi2026');
    await page.type('#confirmPassword', 'MatKhauMoi2026');
    await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Hồ sơ đề nghị khen thưởng');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows where the user is signed in on the password page, and signs the other sessions out', async () => {
    // Signed in on a phone too, through the API.
    const onPhone = (
      await request(t.http)
        .post('/api/auth/login')
        .set(
          'User-Agent',
          'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
        )
        .send({ username: 'phochutich', password: DEMO_PASSWORD })
        .expect(200)
    ).body.accessToken as string;
    const { page, problems } = await signIn('phochutich', 375);
    await page.goto(`${base}/doi-mat-khau`, { waitUntil: 'load' });
    const sessions = () =>
      page.$$eval('ul.sessions li', (items) =>
        items.map((li) =>
          (li as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim(),
        ),
      );
    const listed = await sessions();
    expect(listed[0]).toMatch(/^Chrome \d+ trên Linux Phiên này Đăng nhập lúc/);
    expect(listed[1]).toMatch(/^Safari 17 trên iOS 17\.5 Đăng nhập lúc/);
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflows(page)).toBe(false);
    await screenshot(page, 'phien-dang-nhap-375');
    // Loaded again at each width: the menu is laid out when the page loads.
    await page.setViewport({ width: 1280, height: 900 });
    await page.reload({ waitUntil: 'load' });
    await screenshot(page, 'phien-dang-nhap-1280');
    await page.setViewport({ width: 375, height: 900 });
    await page.reload({ waitUntil: 'load' });
    await Promise.all([
      page.waitForNavigation(),
      page.click('form[action="/doi-mat-khau/phien-khac"] button'),
    ]);
    expect(await page.$eval('.notice', (n) => n.textContent)).toBe(
      `Đã đăng xuất ${listed.length - 1} phiên khác. Chỉ còn phiên này.`,
    );
    expect(await sessions()).toHaveLength(1);
    expect(await page.$('form[action="/doi-mat-khau/phien-khac"]')).toBeNull();
    await api(t, onPhone).get('/api/auth/me').expect(401);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters the Home Affairs queue from its form: assigned to me, unit, overdue', async () => {
    const { page, problems } = await signIn('noivu', 375);
    await page.click('details.more-filters > summary');
    await page.click('input[name=assignedToMe]');
    await Promise.all([page.waitForNavigation(), page.click('form.filters button')]);
    expect(new URL(page.url()).searchParams.get('assignedToMe')).toBe('true');
    const mine = await page.$$eval('td[data-label="Hồ sơ"] a', (a) =>
      a.map((x) => x.getAttribute('href')),
    );
    expect(mine).toContain(`/ho-so/${dossierId}`);
    expect(mine).not.toContain(`/ho-so/${otherUnitDossier}`);
    // Each row names who appraises it: the officer who took it.
    const [{ full_name: me }] = await t.dataSource.query(
      "SELECT full_name FROM users WHERE username = 'noivu'",
    );
    const appraisers = await page.$$eval('tbody tr', (rows) =>
      rows.map((r) => [
        r.querySelector('td[data-label="Hồ sơ"] a')!.getAttribute('href'),
        r.querySelector('td[data-label="Người thẩm định"]')!.textContent,
      ]),
    );
    expect(appraisers).toContainEqual([`/ho-so/${dossierId}`, me]);
    await page.goto(`${base}/`, { waitUntil: 'load' });
    expect(
      await page.$$eval(
        `tr:has(a[href="/ho-so/${otherUnitDossier}"]) td[data-label="Người thẩm định"]`,
        (c) => c.map((x) => x.textContent),
      ),
    ).toEqual(['—']);
    await page.goBack({ waitUntil: 'load' });
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflows(page)).toBe(false);
    await screenshot(page, 'hang-doi-loc-375');
    const daiSon = await unitIdOf('XA-DAISON');
    await page.goto(`${base}/?unitId=${daiSon}`, { waitUntil: 'load' });
    const theirs = await page.$$eval('td[data-label="Hồ sơ"] a', (a) =>
      a.map((x) => x.getAttribute('href')),
    );
    expect(theirs).toEqual([`/ho-so/${otherUnitDossier}`]);
    await page.goto(`${base}/?overdue=true`, { waitUntil: 'load' });
    expect(await page.$('td[data-label="Hồ sơ"]')).toBeNull();
    expect(await page.$eval('p[role=status]', (p) => p.textContent)).toBe('0 hồ sơ.');
    // A malformed filter is a Vietnamese error page, not a crash.
    const bad = await page.goto(`${base}/?unitId=khong-phai-ma`, { waitUntil: 'load' });
    expect(bad!.status()).toBe(400);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Yêu cầu không hợp lệ');
    expect(problems.filter((p) => !p.includes('400'))).toEqual([]);
    await page.close();
  });

  it('forwards a nominee upward from the dossier page, then closes the dossier as forwarded', async () => {
    const as = await actors(t);
    const form = (
      await as.admin
        .post('/api/award-forms')
        .send({
          code: 'BK-THU',
          name: 'Bằng khen của Chủ tịch UBND tỉnh (thử)',
          recipientKinds: ['household'],
          commendationKinds: ['ad_hoc'],
          decidedBy: 'higher_level',
          procedure: 'simplified',
        })
        .expect(201)
    ).body;
    const { id } = await draftDossier(as.hungdao, undefined, [
      { kind: 'household', household: 'Hộ bà Lê Thị Mai, thôn Tây', awardFormId: form.id },
    ]);
    await attachLetterAndMinutes(as.hungdao, id);
    await as.hungdao.post(`/api/dossiers/${id}/submit`).send({}).expect(200);
    await as.noivu.post(`/api/dossiers/${id}/take`).send({}).expect(200);
    const nominee = (await as.noivu.get(`/api/dossiers/${id}`).expect(200)).body.nominees[0];
    await as.noivu
      .post(`/api/dossiers/${id}/appraise`)
      .send({ results: [{ nomineeId: nominee.id, result: 'proposed' }] })
      .expect(200);

    const { page, problems } = await signIn('noivu', 375);
    await page.goto(`${base}/ho-so/${id}`, { waitUntil: 'load' });
    expect(await axeViolations(page)).toEqual([]);
    await page.type(`#tt-${nominee.id}`, 'Tờ trình số 15/TTr-UBND ngày 20/12/2026');
    await Promise.all([
      page.waitForNavigation(),
      page.click('section[aria-labelledby=cap-tren] button'),
    ]);
    const forwarded = (await as.noivu.get(`/api/dossiers/${id}`).expect(200)).body;
    expect(forwarded.nominees[0]).toMatchObject({
      outcome: 'forwarded',
      forwardReference: 'Tờ trình số 15/TTr-UBND ngày 20/12/2026',
    });
    await Promise.all([
      page.waitForNavigation(),
      page.click('form[action$="/buoc/close_forwarded"] button'),
    ]);
    expect(await page.$eval('.facts .status', (s) => s.textContent)).toBe('Đã trình cấp trên');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('guards its pages by role and brings an anonymous visitor to the sign-in', async () => {
    const { page } = await signIn('hungdao');
    await page.goto(`${base}/ho-so-moi`, { waitUntil: 'load' });
    // A unit officer may not forward upward: the Vietnamese 403 page, nothing changed.
    const forbidden = await page.evaluate(`(async () => {
      const csrf = document.querySelector('input[name=_csrf]')?.value ?? '';
      const r = await fetch('/ho-so/${dossierId}/doi-tuong/${dossierId}/trinh-cap-tren', {
        method: 'POST', headers: { Accept: 'text/html' },
        body: new URLSearchParams({ _csrf: csrf, reference: 'Tờ trình số 1', forwardedOn: '2026-12-01' }),
      });
      return [r.status, await r.text()];
    })()`);
    expect(forbidden).toEqual([403, expect.stringContaining('Không có quyền truy cập')]);
    await page.close();
    // Without a session, a page leads to the sign-in and brings the user back after it.
    const anonymous = await request(t.http).get(`/ho-so/${dossierId}`).expect(303);
    expect(anonymous.headers.location).toBe(`/dang-nhap?next=%2Fho-so%2F${dossierId}`);
  });

  it('makes one dossier of a creation sent twice with its request key (a double click), page or API', async () => {
    const { page } = await signIn('hungdao');
    await page.goto(`${base}/ho-so-moi`, { waitUntil: 'load' });
    const key = await page.$eval('input[name=requestKey]', (i) => i.getAttribute('value'));
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    await page.type('#title', 'Hồ sơ gửi hai lần');
    // The same form sent twice at once, as a double click without JavaScript would.
    const twice = (await page.evaluate(`(async () => {
      const form = new URLSearchParams(new FormData(document.querySelector('form.card')));
      const send = () => fetch('/ho-so-moi', { method: 'POST', body: form, redirect: 'manual' }).then((r) => r.status);
      return Promise.all([send(), send()]);
    })()`)) as number[];
    expect(twice.every((s) => s === 0 || s === 303)).toBe(true);
    await page.close();
    const [{ n }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM dossiers WHERE title = 'Hồ sơ gửi hai lần'",
    );
    expect(n).toBe(1);
    const unit = api(t, await tokenFor(t, 'hungdao'));
    const body = {
      title: 'Hồ sơ qua API gửi hai lần',
      commendationKind: 'ad_hoc',
      requestKey: '3f0c2f55-7a43-4d9b-9a3e-2b4f4c1d9e10',
    };
    const [a, b] = await Promise.all([
      unit.post('/api/dossiers').send(body),
      unit.post('/api/dossiers').send(body),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    const [{ m }] = await t.dataSource.query(
      "SELECT count(*)::int AS m FROM dossiers WHERE title = 'Hồ sơ qua API gửi hai lần'",
    );
    expect(m).toBe(1);
  });

  it('takes the ticked dossiers of the queue at once, and says which a colleague took first', async () => {
    const as = await actors(t);
    const ids = await lookups(t);
    const fresh: string[] = [];
    for (const person of ['Nguyễn Thị Hường', 'Phạm Thị Lan', 'Trần Văn Hùng'])
      fresh.push(await submittedDossier(as.hungdao, ids, person, `Hồ sơ đột xuất của ${person}`));
    const { page, problems } = await signIn('noivu', 375);
    await page.goto(`${base}/?status=submitted`, { waitUntil: 'load' });
    // Nothing ticked: said so, nothing taken.
    await Promise.all([page.waitForNavigation(), page.click('#xu-ly-nhieu button[value=take]')]);
    expect(await page.$eval('div.alert[role=alert]', (d) => d.textContent)).toBe(
      'Hãy chọn ít nhất một hồ sơ để “Nhận thẩm định”.',
    );
    for (const id of fresh) await page.click(`input[name=ids][value="${id}"]`);
    // Meanwhile a colleague takes the first one from the API.
    await api(t, await tokenFor(t, 'noivu'))
      .post(`/api/dossiers/${fresh[0]}/take`)
      .send({})
      .expect(200);
    await Promise.all([page.waitForNavigation(), page.click('#xu-ly-nhieu button[value=take]')]);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/');
    expect(url.searchParams.get('status')).toBe('submitted');
    expect(await page.$eval('div.notice[role=status]', (d) => d.textContent)).toBe(
      'Nhận thẩm định: xong 2 hồ sơ.',
    );
    expect(await page.$eval('div.alert[role=alert]', (d) => d.textContent)).toMatch(
      /^Nhận thẩm định: không thực hiện được 1 hồ sơ: “Hồ sơ đột xuất của Nguyễn Thị Hường”: Không thể "Nhận thẩm định"/,
    );
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflows(page)).toBe(false);
    await screenshot(page, 'xu-ly-nhieu-375');
    const rows: { status: string; username: string }[] = await t.dataSource.query(
      `SELECT d.status, u.username FROM dossiers d JOIN users u ON u.id = d.assigned_to
        WHERE d.id = ANY($1)`,
      [fresh],
    );
    expect(rows).toEqual(Array(3).fill({ status: 'under_appraisal', username: 'noivu' }));
    const [{ n }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_records WHERE action = 'dossier.take' AND target_id = ANY($1)",
      [fresh],
    );
    expect(n).toBe(3);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sends the ticked appraised dossiers to the chairman at once, and names one not at that step', async () => {
    const as = await actors(t);
    const ids = await lookups(t);
    const appraised: string[] = [];
    for (const person of ['Phạm Thị Lan', 'Trần Văn Hùng']) {
      const id = await submittedDossier(
        as.hungdao,
        ids,
        person,
        `Hồ sơ đã thẩm định của ${person}`,
      );
      const { nominees } = (await as.noivu.get(`/api/dossiers/${id}`).expect(200)).body;
      await appraiseAll(
        as,
        id,
        nominees.map((n: { id: string }) => n.id),
      );
      appraised.push(id);
    }
    const waiting = await submittedDossier(
      as.hungdao,
      ids,
      'Nguyễn Thị Hường',
      'Hồ sơ chưa thẩm định',
    );
    const { page, problems } = await signIn('noivu', 1280);
    await page.goto(`${base}/?unitId=${ids.hungDaoId}&sort=updatedAt&order=desc`, {
      waitUntil: 'load',
    });
    // The queue offers each step its rows can take, the first as the main one.
    expect(
      await page.$$eval('#xu-ly-nhieu button', (bs) =>
        bs.map((b) => [b.getAttribute('value'), b.textContent, b.className]),
      ),
    ).toEqual(
      expect.arrayContaining([
        ['take', 'Nhận thẩm định các hồ sơ đã chọn', 'primary'],
        ['send_to_chairman', 'Trình Chủ tịch quyết định các hồ sơ đã chọn', ''],
      ]),
    );
    for (const id of [...appraised, waiting]) await page.click(`input[name=ids][value="${id}"]`);
    await Promise.all([
      page.waitForNavigation(),
      page.click('#xu-ly-nhieu button[value=send_to_chairman]'),
    ]);
    expect(new URL(page.url()).searchParams.get('unitId')).toBe(ids.hungDaoId);
    expect(await page.$eval('div.notice[role=status]', (d) => d.textContent)).toBe(
      'Trình Chủ tịch quyết định: xong 2 hồ sơ.',
    );
    expect(await page.$eval('div.alert[role=alert]', (d) => d.textContent)).toMatch(
      /^Trình Chủ tịch quyết định: không thực hiện được 1 hồ sơ: “Hồ sơ chưa thẩm định”: Không thể "Trình Chủ tịch quyết định": hồ sơ đang ở trạng thái "Đã gửi"/,
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'xu-ly-nhieu-1280');
    const rows: { id: string; status: string }[] = await t.dataSource.query(
      'SELECT id, status FROM dossiers WHERE id = ANY($1) ORDER BY title',
      [[...appraised, waiting]],
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [appraised[0]]: 'awaiting_decision',
      [appraised[1]]: 'awaiting_decision',
      [waiting]: 'submitted',
    });
    const [{ n }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_records WHERE action = 'dossier.send_to_chairman' AND target_id = ANY($1)",
      [appraised],
    );
    expect(n).toBe(2);
    // No step named, or one that cannot be taken from the queue: said so, nothing moved.
    const csrf = await page.$eval(
      '#xu-ly-nhieu input[name=_csrf]',
      (i) => (i as unknown as { value: string }).value,
    );
    const refusedAt = (await page.evaluate(
      `fetch('/ho-so/xu-ly-nhieu', { method: 'POST', body: new URLSearchParams({ _csrf: '${csrf}', action: 'decide', ids: '${waiting}' }) }).then((r) => r.url)`,
    )) as string;
    expect(new URL(refusedAt).searchParams.get('loi')).toBe(
      'Hãy chọn một việc: “Nhận thẩm định”, “Trình Hội đồng bỏ phiếu”, “Trình Chủ tịch quyết định”.',
    );
    const [{ still }] = await t.dataSource.query(
      'SELECT status AS still FROM dossiers WHERE id = $1',
      [waiting],
    );
    expect(still).toBe('submitted');
    expect(problems).toEqual([]);
    await page.close();
  });
});
