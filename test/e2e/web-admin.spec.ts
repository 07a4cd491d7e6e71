import { Workbook } from 'exceljs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'puppeteer';
import request from 'supertest';
import { api, tokenFor } from '../support/actors';
import {
  axeViolations,
  go,
  goMenu,
  overflows,
  pickFile,
  screenshot,
  signInAs,
  startWebApp,
  stopWebApp,
} from '../support/browser';
import { daysFromToday } from '../support/dates';
import { TestApp } from '../support/test-app';
import {
  actors,
  attachLetterAndMinutes,
  draftDossier,
  lookups,
} from '../support/workflow-fixtures';

/**
 * The admin's and the coordinator's jobs in the real Chromium: a user created,
 * made to change the temporary password, locked and unlocked; a movement
 * created, given criteria and a round, launched, and its coverage seen.
 */
describe('web interface: admin and coordinator', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ t, base, browser } = await startWebApp());
  });
  afterAll(() => stopWebApp({ t, browser }));

  const signIn = (username: string, width = 1280) => signInAs(browser, base, username, width);
  const text = (page: Page, selector: string) => page.$eval(selector, (e) => e.textContent!.trim());
  const setValue = (page: Page, selector: string, value: string) =>
    page.$eval(selector, (e, v) => ((e as unknown as { value: string }).value = v), value);
  const checked = async (page: Page) => {
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflows(page)).toBe(false);
  };

  it('an admin creates a user who must change the temporary password at first sign-in; locks and unlocks the account', async () => {
    const { page, problems } = await signIn('admin', 375);
    // On a phone the menu starts folded under "Trình đơn".
    expect(await page.$('details.menu[open]')).toBeNull();
    await goMenu(page, '/quan-tri/nguoi-dung');
    await checked(page);
    await go(page, 'a[href="/quan-tri/nguoi-dung/moi"]');
    // A unit officer without a unit, a password without digits: each error beside its field.
    await page.type('#username', 'hungdao.moi');
    await page.type('#fullName', 'Nguyễn Văn Mới');
    await page.select('#role', 'unit_officer');
    await page.type('#password', 'matkhau');
    await go(page, 'button.primary');
    expect(await text(page, '#loi-password')).toBe(
      'Mật khẩu tạm thời từ 8 đến 128 ký tự, gồm cả chữ và số.',
    );
    expect(await page.$eval('#username', (e) => (e as unknown as { value: string }).value)).toBe(
      'hungdao.moi',
    );
    await checked(page);
    await setValue(page, '#password', 'ThiDua@2025');
    await go(page, 'button.primary');
    expect(await text(page, '#loi-unitId')).toBe(
      'Cán bộ đơn vị phải thuộc một đơn vị: hãy chọn đơn vị.',
    );
    const unit = await page.$$eval('#unitId option', (os) =>
      os.find((o) => o.textContent === 'UBND xã Hưng Đạo')!.getAttribute('value')!,
    );
    await page.select('#unitId', unit);
    await setValue(page, '#password', 'ThiDua@2025');
    await go(page, 'button.primary');
    expect(await text(page, '.notice[role=status]')).toContain('Đã tạo tài khoản');
    await checked(page);
    await screenshot(page, 'nguoi-dung-375');

    // The new user signs in and is sent to change the temporary password first.
    const { page: newcomer } = await signIn('hungdao.moi');
    expect(new URL(newcomer.url()).pathname).toBe('/doi-mat-khau');
    await newcomer.close();

    // Locked: the sign-in is refused; unlocked: it works again.
    await go(page, 'button[value=lock]');
    expect(await text(page, '.facts')).toContain('Đã khoá');
    const login = (status: number) =>
      request(t.http)
        .post('/api/auth/login')
        .send({ username: 'hungdao.moi', password: 'ThiDua@2025' })
        .expect(status);
    await login(401);
    await go(page, 'button[value=unlock]');
    expect(await text(page, '.facts')).toContain('Đang hoạt động');
    await login(200);
    // A new temporary password, and the user is asked to change it again.
    await page.type('#newPassword', 'TamThoi2027');
    await go(page, 'form[action$="/mat-khau"] button');
    expect(await text(page, '.notice[role=status]')).toContain('Đã đặt mật khẩu tạm thời');

    // The audit trail shows each of these, with who did it and what changed.
    await goMenu(page, '/quan-tri/nhat-ky');
    await page.select('#action', 'user.update');
    await go(page, 'form.filters button');
    const rows = await page.$$eval('table.list tbody tr', (r) =>
      r.map((x) => x.textContent!.replace(/\s+/g, ' ')),
    );
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.includes('Sửa tài khoản') && r.includes('admin'))).toBe(true);
    expect(rows.join(' ')).toContain('active: true → false');
    await checked(page);
    await screenshot(page, 'nhat-ky-375');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the coordinator creates a movement, sets its criteria and a round, launches it and sees who has registered', async () => {
    const { page, problems } = await signIn('vhtt', 375);
    await goMenu(page, '/phong-trao');
    await go(page, 'a[href="/phong-trao/moi"]');
    await page.type('#title', 'Thi đua xây dựng nông thôn mới 2027');
    await setValue(page, '#registrationDeadline', daysFromToday(10));
    await checked(page);
    await go(page, 'button.primary');
    const id = new URL(page.url()).pathname.split('/').pop()!;
    expect(await text(page, 'h1')).toBe('Thi đua xây dựng nông thôn mới 2027');

    // The commune criteria: one row filled, the blank rows left out.
    await page.$eval('form[action$="/tieu-chi/commune"]', (f) =>
      f.closest('details')!.setAttribute('open', ''),
    );
    await page.type('#commune-code-0', 'NTM1');
    await page.type('#commune-text-0', 'Tỷ lệ hộ dân đạt chuẩn nông thôn mới');
    await page.select('#commune-type-0', 'percentage');
    await page.type('#commune-threshold-0', '85');
    await go(page, 'form[action$="/tieu-chi/commune"] button');
    const vhtt = api(t, await tokenFor(t, 'vhtt'));
    const movement = async () => (await vhtt.get(`/api/movements/${id}`).expect(200)).body;
    const commune = (await movement()).criteriaSets.find(
      (s: { subjectKind: string }) => s.subjectKind === 'commune',
    );
    expect(commune.criteria).toEqual([
      expect.objectContaining({ code: 'NTM1', type: 'percentage', threshold: 85, mandatory: true }),
    ]);

    await page.type('#round-name', 'Năm 2027');
    await setValue(page, '#round-start', '2027-01-01');
    await setValue(page, '#round-end', '2027-12-31');
    await setValue(page, '#round-report', daysFromToday(30));
    await setValue(page, '#round-nomination', daysFromToday(40));
    await go(page, 'form[action$="/them-dot"] button');
    expect((await movement()).rounds.map((r: { name: string }) => r.name)).toEqual(['Năm 2027']);

    await go(page, 'form[action$="/phat-dong"] button');
    expect((await movement()).status).toBe('launched');
    await api(t, await tokenFor(t, 'hungdao'))
      .post(`/api/movements/${id}/registrations`)
      .send({ commitments: 'Xã Hưng Đạo đăng ký thi đua xây dựng nông thôn mới.' })
      .expect(201);
    await page.reload({ waitUntil: 'load' });
    const coverage = await text(page, '#dang-ky-pt');
    const expected = (await vhtt.get(`/api/movements/${id}/coverage`).expect(200)).body;
    expect(coverage).toBe(`Tình hình đăng ký: 1/${expected.total} đơn vị`);
    expect(await text(page, 'section[aria-labelledby=dang-ky-pt] tbody')).not.toContain(
      'UBND xã Hưng Đạo',
    );
    await checked(page);
    await screenshot(page, 'phong-trao-dieu-phoi-375');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the admin calibrates the print on pre-printed blanks: a bad value refused, the test page printed, the offsets saved', async () => {
    const { page, problems } = await signIn('admin');
    await goMenu(page, '/quan-tri/phoi-giay-khen');
    await checked(page);
    const admin = api(t, await tokenFor(t, 'admin'));
    const layout = async () =>
      (await admin.get('/api/authority').expect(200)).body.certificateLayout;
    const before = await layout();
    await setValue(page, '#awardee-y', 'chín mươi');
    await go(page, 'form.card button.primary');
    expect(await text(page, '.alert')).toContain('Mỗi vị trí là số mm');
    expect(await layout()).toEqual(before);
    await setValue(page, '#awardee-y', '100,5');
    await go(page, 'form.card button.primary');
    expect(await text(page, '.notice[role=status]')).toContain('Đã lưu vị trí in');
    expect((await layout()).awardee).toEqual({ x: 148.5, y: 100.5, fontPt: 24 });
    expect(await page.$eval('#awardee-y', (e) => (e as unknown as { value: string }).value)).toBe(
      '100,5',
    );
    const [status, type] = (await page.evaluate(
      `fetch('/quan-tri/phoi-giay-khen/in-thu').then((r) => [r.status, r.headers.get('content-type')])`,
    )) as [number, string];
    expect([status, type]).toEqual([200, 'application/pdf']);
    await screenshot(page, 'phoi-giay-khen-1280');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the organisation and settings in the browser: a unit in the tree, a person, the base salary and a holiday', async () => {
    const { page, problems } = await signIn('admin', 375);
    const admin = api(t, await tokenFor(t, 'admin'));
    await goMenu(page, '/quan-tri/don-vi');
    await checked(page);
    // A code with spaces is refused beside its field; what was typed stays.
    await page.type('#code', 'THON DONG');
    await page.type('#name', 'Thôn Đông, xã Hưng Đạo');
    const parent = await page.$$eval('#parentId option', (os) =>
      os.find((o) => o.textContent === 'UBND xã Hưng Đạo')!.getAttribute('value')!,
    );
    await page.select('#parentId', parent);
    await go(page, 'form.card button.primary');
    expect(await text(page, '#loi-code')).toContain('Mã đơn vị gồm chữ không dấu');
    expect(await page.$eval('#name', (e) => (e as unknown as { value: string }).value)).toBe(
      'Thôn Đông, xã Hưng Đạo',
    );
    await setValue(page, '#code', 'THON-DONG');
    await go(page, 'form.card button.primary');
    const tree = await page.$$eval('ul.tree li', (l) =>
      l.map((x) => [
        x.textContent!.split('·')[0].trim(),
        (x as unknown as { style: { marginLeft: string } }).style.marginLeft,
      ]),
    );
    // Under its parent, one step further in.
    const at = tree.findIndex(([name]) => name === 'Thôn Đông, xã Hưng Đạo');
    const up = tree.findIndex(([name]) => name === 'UBND xã Hưng Đạo');
    expect(at).toBeGreaterThan(up);
    expect(parseInt(tree[at][1]) - parseInt(tree[up][1])).toBe(20);

    // Renamed later, and marked as no longer active after a merger.
    await go(page, 'ul.tree a:is([href])::-p-text(Thôn Đông, xã Hưng Đạo)');
    await setValue(page, '#name', 'Thôn Đông (cũ), xã Hưng Đạo');
    await page.click('input[name=active]');
    await go(page, 'form.card button.primary');
    const units = (await admin.get('/api/units').query({ q: 'thon dong' }).expect(200)).body;
    expect(units.items).toEqual([
      expect.objectContaining({ name: 'Thôn Đông (cũ), xã Hưng Đạo', active: false }),
    ]);

    await goMenu(page, '/quan-tri/ca-nhan');
    await page.type('#fullName', 'Đoàn Văn Tiến');
    await page.click('input[name=gender][value=male]');
    await page.type('#birthYear', '19x0');
    await go(page, 'form.card button.primary');
    expect(await text(page, '#loi-birthYear')).toBe('Năm sinh là số có bốn chữ số, ví dụ 1985.');
    await setValue(page, '#birthYear', '1990');
    await go(page, 'form.card button.primary');
    expect(await text(page, 'table.list tbody')).toContain('Đoàn Văn Tiến');
    await checked(page);
    // The position, added on the person's page.
    await go(page, 'table.list tbody a::-p-text(Đoàn Văn Tiến)');
    await page.type('#position', 'Trưởng thôn');
    await go(page, 'form.card button.primary');
    const people = (await admin.get('/api/people').query({ q: 'doan van tien' }).expect(200)).body;
    expect(people.items[0].position).toBe('Trưởng thôn');
    expect(people.items).toEqual([
      expect.objectContaining({ fullName: 'Đoàn Văn Tiến', birthYear: 1990 }),
    ]);

    await goMenu(page, '/quan-tri/thiet-lap');
    // The signer's title the decisions print.
    await setValue(page, '#cd-viceChairman', 'PHÓ CHỦ TỊCH THƯỜNG TRỰC');
    await go(page, 'form[action$="/co-quan"] button');
    expect((await admin.get('/api/authority').expect(200)).body.signingTitles.viceChairman).toBe(
      'PHÓ CHỦ TỊCH THƯỜNG TRỰC',
    );
    // Amounts rounded to 100 đồng instead of 1.000.
    await page.select('#cq-moneyRoundTo', '100');
    await go(page, 'form[action$="/co-quan"] button');
    expect((await admin.get('/api/authority').expect(200)).body.moneyRoundTo).toBe(100);
    await page.select('#cq-moneyRoundTo', '1000');
    await go(page, 'form[action$="/co-quan"] button');
    // Its life: the last day before a merger and the authority that takes over.
    await setValue(page, '#cq-validTo', '2030-12-31');
    await page.type('#cq-successorCode', 'thinh-an');
    await go(page, 'form[action$="/co-quan"] button');
    expect((await admin.get('/api/authority').expect(200)).body).toMatchObject({
      validTo: '2030-12-31',
      successorCode: 'thinh-an',
      signingTitles: expect.objectContaining({ viceChairman: 'PHÓ CHỦ TỊCH THƯỜNG TRỰC' }),
    });
    expect(await text(page, 'section[aria-labelledby=co-quan]')).toContain(
      'thôi hoạt động sau 31/12/2030 · cơ quan kế thừa: thinh-an',
    );
    await setValue(page, '#cq-validTo', '');
    await setValue(page, '#cq-successorCode', '');
    await go(page, 'form[action$="/co-quan"] button');
    expect((await admin.get('/api/authority').expect(200)).body).toMatchObject({
      validTo: null,
      successorCode: null,
    });
    // The province's text, cited by the decisions of its time; one ending before it starts is
    // refused; removed again.
    const basis =
      'Quyết định số 45/2025/QĐ-UBND ngày 15/8/2025 của Ủy ban nhân dân thành phố ban hành Quy chế thi đua, khen thưởng';
    await setValue(page, '#vbt-basis', basis);
    await setValue(page, '#vbt-from', '2025-08-25');
    await setValue(page, '#vbt-to', '2025-01-01');
    await go(page, 'form[action$="/van-ban-tinh"] button');
    expect(await text(page, '[role=alert]')).toContain(
      'Ngày hết hiệu lực phải từ ngày có hiệu lực trở đi.',
    );
    await setValue(page, '#vbt-basis', basis);
    await setValue(page, '#vbt-from', '2025-08-25');
    await go(page, 'form[action$="/van-ban-tinh"] button');
    const texts = (await admin.get('/api/authority').expect(200)).body.provincialTexts;
    // After the demo's text of Hải Dương (in force until 30/06/2025).
    expect(texts).toHaveLength(2);
    expect(texts[1]).toEqual({ basis, from: '2025-08-25', to: null });
    expect(await text(page, 'section[aria-labelledby=van-ban-tinh] li:nth-child(2)')).toContain(
      '(từ 25/08/2025)',
    );
    await go(page, 'section[aria-labelledby=van-ban-tinh] li:nth-child(2) form.inline button');
    expect((await admin.get('/api/authority').expect(200)).body.provincialTexts).toEqual([
      texts[0],
    ]);
    await page.type('#amount', '2.530.000');
    await setValue(page, '#effectiveFrom', '2027-07-01');
    await go(page, 'form[action$="/luong-co-so"] button');
    const salaries = (await admin.get('/api/base-salaries').expect(200)).body;
    expect(salaries).toContainEqual(
      expect.objectContaining({ amount: 2530000, effectiveFrom: '2027-07-01' }),
    );
    expect(await text(page, 'section[aria-labelledby=luong-co-so] tbody')).toContain('2.530.000');
    const year = (await admin.get('/api/holidays').expect(200)).body;
    await setValue(page, '#holiday-date', '2026-12-24');
    await page.type('#holiday-name', 'Nghỉ bù cuối năm');
    await go(page, 'form[action$="/ngay-nghi"] button');
    expect(await text(page, 'section[aria-labelledby=ngay-nghi] ul')).toContain('Nghỉ bù cuối năm');
    await go(page, 'section[aria-labelledby=ngay-nghi] form.inline button');
    expect((await admin.get('/api/holidays').expect(200)).body).toHaveLength(year.length);
    // The law sets Giấy khen's reward, shown with its article; a form outside it has its own multiple.
    expect(await text(page, 'section[aria-labelledby=hinh-thuc] tbody')).toContain(
      'Theo luật: Cá nhân: 0,3 (Nghị định số 152/2025/NĐ-CP, Điều 50-54)',
    );
    const forms = (await admin.get('/api/award-forms').expect(200)).body;
    const bk = forms.find((f: { code: string }) => f.code === 'BK-CTT');
    await page.$eval(`form[action$="/hinh-thuc/${bk.id}"]`, (f) =>
      f.closest('details')!.setAttribute('open', ''),
    );
    await setValue(page, '#hs-BK-CTT', '0,4');
    await go(page, `form[action$="/hinh-thuc/${bk.id}"] button`);
    const after = (await admin.get('/api/award-forms').expect(200)).body.find(
      (f: { code: string }) => f.code === 'BK-CTT',
    );
    expect(Number(after.moneyMultiplier)).toBe(0.4);
    expect(after.voteRequired).toBe(bk.voteRequired);
    // The quota and its document are kept, and shown beside the form.
    expect(after).toMatchObject({ quotaPerUnit: 2, quotaCitation: bk.quotaCitation });
    expect(await text(page, 'section[aria-labelledby=hinh-thuc] tbody')).toContain(
      `2 mỗi đơn vị mỗi đợt (${bk.quotaCitation})`,
    );
    // A quota without the document that sets it is refused, naming what is missing.
    await page.$eval(`form[action$="/hinh-thuc/${bk.id}"]`, (f) =>
      f.closest('details')!.setAttribute('open', ''),
    );
    await setValue(page, '#ctcc-BK-CTT', '');
    await go(page, `form[action$="/hinh-thuc/${bk.id}"] button`);
    expect(await text(page, '[role=alert]')).toContain('Chỉ tiêu phải có văn bản căn cứ');
    await checked(page);
    await screenshot(page, 'thiet-lap-375');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('Home Affairs records a case on a person’s page; the dossier shows the award held, with its article, until the case closes', async () => {
    const as = await actors(t);
    const ids = await lookups(t);
    const hung = ids.people['Trần Văn Hùng'];
    const { id } = await draftDossier(as.hungdao, undefined, [
      { kind: 'individual', personId: hung, awardFormId: ids.forms['GK-CN'], report: true },
    ]);
    await attachLetterAndMinutes(as.hungdao, id);
    await as.hungdao.post(`/api/dossiers/${id}/submit`).send({}).expect(200);

    const { page, problems } = await signIn('noivu', 375);
    await page.goto(`${base}/quan-tri/ca-nhan/${hung}`, { waitUntil: 'load' });
    await page.select('#case-kind', 'investigation');
    await setValue(page, '#case-from', '2026-10-01');
    await page.type('#case-ref', 'Quyết định số 45/QĐ-TTr ngày 01/10/2026');
    await go(page, 'form[action$="/vu-viec"] button');
    expect(await text(page, 'section[aria-labelledby=vu-viec] li')).toContain('đang mở');
    await checked(page);
    await screenshot(page, 'ca-nhan-vu-viec-375');

    // The unit nominating him again is warned, with the article, not refused.
    const again = await draftDossier(as.hungdao, undefined, []);
    const added = (
      await as.hungdao
        .post(`/api/dossiers/${again.id}/nominees`)
        .send({
          kind: 'individual',
          personId: hung,
          awardFormId: ids.forms['GK-CN'],
          achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ được giao trong năm.',
        })
        .expect(201)
    ).body;
    expect(added.warnings).toEqual([
      expect.objectContaining({ kind: 'HOLD', message: expect.stringContaining('Điều 4') }),
    ]);

    await page.goto(`${base}/ho-so/${id}`, { waitUntil: 'load' });
    expect(await text(page, '.flag')).toBe(
      'Chờ kết luận: Đang bị điều tra: chưa khen thưởng, chờ kết luận (Nghị định số 152/2025/NĐ-CP, Điều 4).',
    );
    await page.goto(`${base}/quan-tri/ca-nhan/${hung}`, { waitUntil: 'load' });
    await go(page, 'form[action$="/ket-thuc"] button');
    expect(await text(page, 'section[aria-labelledby=vu-viec] li')).not.toContain('đang mở');
    await page.goto(`${base}/ho-so/${id}`, { waitUntil: 'load' });
    expect(await page.$('.flag')).toBeNull();

    // The year's task rating and an initiative, on the same page; a bad year is refused, naming it.
    await page.goto(`${base}/quan-tri/ca-nhan/${hung}`, { waitUntil: 'load' });
    await setValue(page, '#rating-year', '26');
    await page.select('#rating', 'httnv');
    await page.type('#rating-ref', 'Quyết định số 05/QĐ-UBND ngày 20/12/2026');
    await go(page, 'form[action$="/xep-loai"] button');
    expect(await text(page, '[role=alert]')).toContain('"year"');
    await setValue(page, '#rating-year', '2026');
    await page.select('#rating', 'httnv');
    await setValue(page, '#rating-ref', 'Quyết định số 05/QĐ-UBND ngày 20/12/2026');
    await go(page, 'form[action$="/xep-loai"] button');
    expect(await text(page, 'section[aria-labelledby=xep-loai] ul')).toContain(
      'Năm 2026: Hoàn thành tốt nhiệm vụ · Quyết định số 05/QĐ-UBND ngày 20/12/2026',
    );
    await page.type('#ini-title', 'Một cửa điện tử cho hồ sơ đất đai');
    await page.select('#ini-level', 'base');
    await setValue(page, '#ini-on', '2026-11-10');
    await page.type('#ini-ref', 'Quyết định số 20/QĐ-UBND ngày 10/11/2026');
    await go(page, 'form[action$="/sang-kien"] button');
    const initiatives = (await as.noivu.get(`/api/people/${hung}/initiatives`).expect(200)).body;
    expect(initiatives).toEqual([
      expect.objectContaining({
        title: 'Một cửa điện tử cho hồ sơ đất đai',
        level: 'base',
        recognisedOn: '2026-11-10',
      }),
    ]);
    expect(await text(page, 'section[aria-labelledby=xep-loai]')).toContain(
      'Sáng kiến: Một cửa điện tử cho hồ sơ đất đai · Cấp cơ sở, 10/11/2026',
    );
    await checked(page);
    await screenshot(page, 'ca-nhan-xep-loai-375');

    // The collective's rating, on the unit's page.
    await page.goto(`${base}/quan-tri/don-vi/${ids.hungDaoId}`, { waitUntil: 'load' });
    await setValue(page, '#rating-year', '2026');
    await page.select('#rating', 'htxsnv');
    await page.type('#rating-ref', 'Quyết định số 09/QĐ-UBND ngày 22/12/2026');
    await go(page, 'form[action$="/xep-loai"] button');
    expect(await text(page, 'section[aria-labelledby=xep-loai] ul')).toContain(
      'Năm 2026: Hoàn thành xuất sắc nhiệm vụ · Quyết định số 09/QĐ-UBND ngày 22/12/2026',
    );
    expect(
      (await as.noivu.get(`/api/units/${ids.hungDaoId}/ratings`).expect(200)).body[0],
    ).toMatchObject({ year: 2026, rating: 'htxsnv' });
    await checked(page);
    expect(problems).toEqual([]);
    await page.close();

    // Proposed for the province's Bằng khen with 2026 only "Hoàn thành tốt": the unit is told
    // on its dossier page that two consecutive excellent years are needed, with the article.
    const bk = await draftDossier(as.hungdao, undefined, [
      { kind: 'individual', personId: hung, awardFormId: ids.forms['BK-CTT'] },
    ]);
    const unit = await signIn('hungdao', 375);
    await unit.page.goto(`${base}/ho-so/${bk.id}`, { waitUntil: 'load' });
    expect(await text(unit.page, '.flag')).toBe(
      'Lưu ý: Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh cần 02 năm liên tục "Hoàn thành xuất sắc nhiệm vụ" (năm 2025: "Hoàn thành xuất sắc nhiệm vụ", năm 2026: "Hoàn thành tốt nhiệm vụ") (Luật Thi đua, khen thưởng 2022, Điều 74).',
    );
    await checked(unit.page);
    expect(unit.problems).toEqual([]);
    await unit.page.close();
  });

  it('Home Affairs previews an Excel list of people, sees its bad rows, then imports a good one without choosing it again', async () => {
    const xlsx = async (name: string, rows: unknown[][]) => {
      const book = new Workbook();
      const ws = book.addWorksheet('Cá nhân');
      ws.addRow(['Mã đơn vị', 'Họ và tên', 'Giới tính', 'Năm sinh', 'Chức vụ']);
      for (const r of rows) ws.addRow(r);
      const path = join(tmpdir(), name);
      writeFileSync(path, Buffer.from(await book.xlsx.writeBuffer()));
      return path;
    };
    const { page, problems } = await signIn('noivu', 375);
    await goMenu(page, '/quan-tri/nhap-du-lieu');
    // The template downloads with the page's session.
    const template = await page.evaluate(async () => {
      const res = await fetch('/quan-tri/nhap-du-lieu/mau/people');
      return [res.status, res.headers.get('content-type'), (await res.arrayBuffer()).byteLength];
    });
    expect(template).toEqual([
      200,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      expect.any(Number),
    ]);
    expect(await page.$$eval('a[download]', (as) => as.map((a) => a.getAttribute('href')))).toEqual(
      [
        '/quan-tri/nhap-du-lieu/mau/units',
        '/quan-tri/nhap-du-lieu/mau/people',
        '/quan-tri/nhap-du-lieu/mau/awards',
      ],
    );
    await pickFile(
      page,
      '#import-file',
      await xlsx('ca-nhan-loi.xlsx', [
        ['XA-HUNGDAO', 'Mạc Văn Tùng', 'Nam', 1993, ''],
        ['XA-KHONGCO', 'Ninh Thị Hoa', 'Nữ', 1990, ''],
      ]),
    );
    await page.click('button[value=preview]');
    await page.waitForSelector('#ket-qua ul.errors');
    expect(await text(page, '#ket-qua ul.errors')).toBe(
      'Dòng 3, cột "Mã đơn vị": không có đơn vị mã "XA-KHONGCO" trong cơ quan (xem trang "Hướng dẫn" của tệp mẫu).',
    );
    await pickFile(
      page,
      '#import-file',
      await xlsx('ca-nhan.xlsx', [
        ['XA-HUNGDAO', 'Mạc Văn Tùng', 'Nam', 1993, 'Công an viên'],
        ['XA-DAISON', 'Ninh Thị Hoa', 'Nữ', 1990, ''],
      ]),
    );
    await page.click('button[value=preview]');
    await page.waitForFunction(
      () =>
        (
          globalThis as unknown as {
            document: { querySelector(s: string): { textContent: string } | null };
          }
        ).document.querySelector('#ket-qua h2')?.textContent === 'Xem trước: chưa ghi gì' &&
        !(
          globalThis as unknown as { document: { querySelector(s: string): unknown } }
        ).document.querySelector('#ket-qua ul.errors'),
    );
    expect(await text(page, '#ket-qua [role=status]')).toBe(
      '2 dòng: sẽ thêm 2 người, 0 người đã có (giữ nguyên).',
    );
    await checked(page);
    await screenshot(page, 'nhap-du-lieu-375');
    // The file is still chosen (the result came in place): import it.
    await page.click('button[value=import]');
    await page.waitForFunction(
      () =>
        (
          globalThis as unknown as {
            document: { querySelector(s: string): { textContent: string } | null };
          }
        ).document.querySelector('#ket-qua h2')?.textContent === 'Đã nhập',
    );
    expect(await text(page, '#ket-qua [role=status]')).toBe(
      '2 dòng: đã thêm 2 người, 0 người đã có (giữ nguyên).',
    );
    // Units, the same way.
    const units = new Workbook();
    const ws = units.addWorksheet('Đơn vị');
    ws.addRow(['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị', 'Mã đơn vị cấp trên']);
    ws.addRow([
      'HD-CCB',
      'Hội Cựu chiến binh xã Hưng Đạo',
      'Mặt trận Tổ quốc, đoàn thể',
      'XA-HUNGDAO',
    ]);
    const unitsFile = join(tmpdir(), 'don-vi.xlsx');
    writeFileSync(unitsFile, Buffer.from(await units.xlsx.writeBuffer()));
    await page.select('#import-kind', 'units');
    await pickFile(page, '#import-file', unitsFile);
    await page.click('button[value=import]');
    await page.waitForFunction(
      () =>
        (
          globalThis as unknown as {
            document: { querySelector(s: string): { textContent: string } | null };
          }
        ).document.querySelector('#ket-qua [role=status]')?.textContent ===
        '1 dòng: đã thêm 1 đơn vị, 0 đơn vị đã có (giữ nguyên).',
    );
    const noivu = api(t, await tokenFor(t, 'noivu'));
    expect((await noivu.get('/api/units?q=cuu chien binh').expect(200)).body.items).toEqual([
      expect.objectContaining({ code: 'HD-CCB' }),
    ]);
    expect((await noivu.get('/api/people?q=mac van tung').expect(200)).body.items).toEqual([
      expect.objectContaining({ fullName: 'Mạc Văn Tùng', position: 'Công an viên' }),
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('an authority with more than 100 units and movements: every one of them is offered wherever one is chosen', async () => {
    // 120 communes more, named to sort after every demo unit: the old choices stopped at 100.
    await t.dataSource.query(
      `INSERT INTO units (authority_id, code, name, search_name, kind)
       SELECT a.id, 'XA-THEM-' || lpad(g::text, 3, '0'), 'Xã Ý Yên ' || lpad(g::text, 3, '0'), 'xa y yen ' || lpad(g::text, 3, '0'), 'commune'
         FROM authorities a, generate_series(1, 120) g WHERE a.code = 'tu-ky'`,
    );
    // And 110 newer movements (drafts): the old choices, newest first, dropped the launched one.
    await t.dataSource.query(
      `INSERT INTO movements (authority_id, title, registration_deadline)
       SELECT a.id, 'Phong trào thử ' || g, current_date FROM authorities a, generate_series(1, 110) g
        WHERE a.code = 'tu-ky'`,
    );
    const [{ title: oldest }] = await t.dataSource.query(
      `SELECT m.title FROM movements m JOIN authorities a ON a.id = m.authority_id
        WHERE a.code = 'tu-ky' AND m.status = 'launched' ORDER BY m.created_at LIMIT 1`,
    );
    const last = 'Xã Ý Yên 120';
    const offered = (page: Page, select: string) =>
      page.$$eval(`${select} option`, (os) => os.map((o) => o.textContent!.trim()));
    const admin = await signIn('admin');
    await admin.page.goto(`${base}/quan-tri/nguoi-dung/moi`);
    expect(await offered(admin.page, '#unitId')).toContain(last);
    await admin.page.close();
    const { page, problems } = await signIn('noivu');
    for (const path of [
      '/',
      '/quyet-dinh/so-khen-thuong',
      '/quyet-dinh/cho-quyet-dinh',
      '/thong-ke',
      '/quan-tri/don-vi',
    ]) {
      const res = await page.goto(`${base}${path}`);
      expect([path, [200, 304].includes(res!.status())]).toEqual([path, true]);
      const names =
        path === '/quan-tri/don-vi'
          ? await page.$$eval('main', (m) => m.map((x) => x.textContent!))
          : await offered(page, 'select[name="unitId"]');
      expect([path, names.some((n) => n.includes(last))]).toEqual([path, true]);
      if (path !== '/quan-tri/don-vi')
        expect([path, await offered(page, 'select[name="movementId"]')]).toEqual([
          path,
          expect.arrayContaining([oldest]),
        ]);
    }
    // The choices of round: every round of the launched movement, open ones only on the new dossier.
    const rounds: { title: string; name: string; open: boolean }[] = await t.dataSource.query(
      `SELECT m.title, r.name, (NOT r.closed AND (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= r.report_deadline) AS open
         FROM review_rounds r JOIN movements m ON m.id = r.movement_id
         JOIN authorities a ON a.id = m.authority_id
        WHERE a.code = 'tu-ky' AND m.status = 'launched'
        ORDER BY m.created_at DESC, m.id, r.period_start, r.name`,
    );
    expect(rounds.some((r) => r.open && r.title === oldest)).toBe(true);
    await page.goto(`${base}/quan-tri/cong-khai`);
    expect(await offered(page, '#ck-round')).toEqual([
      'Tất cả đối tượng đang chờ quyết định',
      ...rounds.map((r) => `${r.title}: ${r.name}`),
    ]);
    const officer = await signIn('hungdao');
    await officer.page.goto(`${base}/ho-so-moi`);
    expect((await offered(officer.page, '#roundId')).filter((o) => o.includes(' · '))).toEqual(
      rounds.filter((r) => r.open).map((r) => `${r.title} · ${r.name}`),
    );
    expect([...problems, ...officer.problems]).toEqual([]);
    await officer.page.close();
    await page.close();
  });
});
