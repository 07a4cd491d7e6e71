import { Browser, Page } from 'puppeteer';
import { api, tokenFor } from '../support/actors';
import {
  axeViolations,
  go,
  goMenu,
  goByScript,
  overflows,
  screenshot,
  signInAs,
  startWebApp,
  stopWebApp,
} from '../support/browser';
import { pdfPages, pdfQr, pdfText } from '../support/pdf';
import { TestApp } from '../support/test-app';
import {
  actors,
  appraiseAll,
  attachLetterAndMinutes,
  sendToChairman,
  draftDossier,
  lookups,
} from '../support/workflow-fixtures';

/**
 * The council, the chairman and printing in the real Chromium: a vote with a
 * recusal, its minute; the draft decision previewed and issued with the number
 * the page named; all certificates as one PDF; the QR code opening the
 * verification page, before and after a revocation.
 */
describe('web interface: council, chairman, printing, verification', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let dossierId: string;

  beforeAll(async () => {
    ({ t, base, browser } = await startWebApp());
    const as = await actors(t);
    const ids = await lookups(t);
    // Hường needs the council (Chiến sĩ thi đua cơ sở); Lan's Giấy khen does not.
    const draft = await draftDossier(as.hungdao, ids.roundId, [
      {
        kind: 'individual',
        personId: ids.people['Nguyễn Thị Hường'],
        awardFormId: ids.forms['CSTDCS'],
        report: true,
      },
      {
        kind: 'individual',
        personId: ids.people['Phạm Thị Lan'],
        awardFormId: ids.forms['GK-CN'],
        report: true,
      },
    ]);
    dossierId = draft.id;
    await attachLetterAndMinutes(as.hungdao, dossierId);
    await as.hungdao.post(`/api/dossiers/${dossierId}/submit`).send({}).expect(200);
    await appraiseAll(as, dossierId, draft.nomineeIds);
    await as.noivu.post(`/api/dossiers/${dossierId}/send-to-council`).send({}).expect(200);
  });
  afterAll(() => stopWebApp({ t, browser }));

  const signIn = (username: string, width = 1280) => signInAs(browser, base, username, width);
  const text = (page: Page, selector: string) => page.$eval(selector, (e) => e.textContent!.trim());
  const checked = async (page: Page) => {
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflows(page)).toBe(false);
  };
  /** A PDF fetched with the page's session, as the browser would download it. */
  const fetchPdf = async (page: Page, href: string) => {
    const [status, type, bytes] = (await page.evaluate(
      `fetch(${JSON.stringify(href)}).then(async (r) => [r.status, r.headers.get('content-type'), Array.from(new Uint8Array(await r.arrayBuffer()))])`,
    )) as [number, string, number[]];
    expect([status, type]).toEqual([200, 'application/pdf']);
    return Buffer.from(bytes);
  };

  it('the council votes from the dossier page: one member recuses, the outcome follows the rule, the minute is a PDF', async () => {
    const vote = async (username: string, choice: 'agree' | 'recused') => {
      const { page, problems } = await signIn(username, 375);
      await page.goto(`${base}/ho-so/${dossierId}`, { waitUntil: 'load' });
      const legends = await page.$$eval('form.ballot legend', (l) =>
        l.map((x) => x.textContent!.trim()),
      );
      expect(legends).toEqual([expect.stringContaining('Nguyễn Thị Hường')]);
      if (choice === 'recused') {
        // Trần Thị Thu works in xã Hưng Đạo, Hường's unit: the page says she must recuse.
        expect(await text(page, 'form.ballot .notice')).toContain('phải tránh biểu quyết');
        expect(await page.$('form.ballot input[value=agree]')).toBeNull();
      } else await page.click('form.ballot input[value=agree]');
      await checked(page);
      await screenshot(page, `bieu-quyet-${username}-375`);
      await go(page, 'form.ballot button');
      expect(await text(page, 'form.ballot [role=status]')).toBe(
        `Bạn đã biểu quyết: ${choice === 'agree' ? 'Đồng ý' : 'Tránh biểu quyết'}.`,
      );
      expect(problems).toEqual([]);
      await page.close();
    };
    await vote('hoidong', 'agree');
    await vote('hoidong2', 'recused');
    await vote('hoidong3', 'agree');

    const { page, problems } = await signIn('noivu');
    await page.goto(`${base}/ho-so/${dossierId}`, { waitUntil: 'load' });
    await go(page, 'form[action$="/buoc/close_vote"] button');
    const row = await page.$$eval('section[aria-labelledby=ket-qua-bieu-quyet] tbody td', (c) =>
      c.map((x) => x.textContent!.trim()),
    );
    expect(row).toEqual([expect.stringContaining('Nguyễn Thị Hường'), '2/2', '0', '0', '1', 'Đạt']);
    const noivu = api(t, await tokenFor(t, 'noivu'));
    const [session] = (await noivu.get(`/api/dossiers/${dossierId}/council`).expect(200)).body;
    expect(session.minutes.lines[0]).toMatchObject({ agree: 2, recused: 1, passed: true });
    await checked(page);
    const minute = pdfText(await fetchPdf(page, `/ho-so/${dossierId}/bien-ban-hoi-dong`));
    for (const expected of [
      'BIÊN BẢN',
      'Họp Hội đồng Thi đua - Khen thưởng',
      'Trần Thị Thu',
      'Đạt',
    ])
      expect(minute).toContain(expected);
    await go(page, 'form[action$="/buoc/send_to_chairman"] button');
    expect((await noivu.get(`/api/dossiers/${dossierId}`).expect(200)).body.status).toBe(
      'awaiting_decision',
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the chairman gathers the nominees into a draft, previews it, issues it with the number named, prints all certificates; the QR code verifies them, revoked too', async () => {
    const chairman = api(t, await tokenFor(t, 'chutich'));
    const { page, problems } = await signIn('chutich');
    await goMenu(page, '/quyet-dinh/cho-quyet-dinh');
    const names = await page.$$eval('tbody label', (l) => l.map((x) => x.textContent));
    expect(names.sort()).toEqual(['Nguyễn Thị Hường', 'Phạm Thị Lan']);
    await checked(page);
    await go(page, 'form[action="/quyet-dinh/du-thao"] button');
    const id = new URL(page.url()).pathname.split('/').pop()!;
    expect(await text(page, 'h1')).toBe('Dự thảo quyết định');

    // The preview is the draft's PDF: marked DỰ THẢO, without a number.
    expect(await page.$eval('iframe.preview', (f) => f.getAttribute('src'))).toBe(
      `/quyet-dinh/${id}/ban-in`,
    );
    const preview = pdfText(await fetchPdf(page, `/quyet-dinh/${id}/ban-in`));
    expect(preview).toContain('DỰ THẢO');
    expect(preview).not.toMatch(/Số: *\d+\/QĐ-UBND/);

    // A title too short is refused beside its field; what was typed stays.
    await page.$eval('#title', (e) => ((e as unknown as { value: string }).value = 'Về'));
    await goByScript(page, 'form[action$="/sua"] button');
    expect(await text(page, '#loi-title')).toBe('Trích yếu từ 5 đến 500 ký tự.');
    expect(await page.$eval('#title', (e) => (e as unknown as { value: string }).value)).toBe('Về');
    await page.$eval(
      '#title',
      (e) => ((e as unknown as { value: string }).value = 'Về việc khen thưởng năm 2026'),
    );
    await goByScript(page, 'form[action$="/sua"] button');
    expect(await text(page, 'p.lead')).toBe('Về việc khen thưởng năm 2026');
    await checked(page);
    await screenshot(page, 'du-thao-quyet-dinh-1280');

    // Issued with the number the confirmation named.
    const next = (await chairman.get('/api/decisions/next-number').expect(200)).body;
    // A number confirmed that is no longer the next one is refused; nothing is taken.
    const stale = await chairman
      .post(`/api/decisions/${id}/issue`)
      .send({ expectedNumber: next.number + 1 })
      .expect(409);
    expect(stale.body.nextNumber).toBe(next.number);
    expect((await chairman.get('/api/decisions/next-number').expect(200)).body).toEqual(next);
    expect((await chairman.get(`/api/decisions/${id}`).expect(200)).body.status).toBe('draft');
    expect(await text(page, 'form[action$="/ban-hanh"] button')).toBe(
      `Ký ban hành số ${next.label}`,
    );
    await page.$eval('#xac-nhan', (e) => (e as unknown as { click(): void }).click());
    await goByScript(page, 'form[action$="/ban-hanh"] button');
    expect(await text(page, 'h1')).toBe(`Quyết định số ${next.label}`);
    const issuedPage = page.url();
    const issued = (await chairman.get(`/api/decisions/${id}`).expect(200)).body;
    expect(issued).toMatchObject({ status: 'issued', numberLabel: next.label });
    await checked(page);
    await screenshot(page, 'quyet-dinh-in-1280');
    // Found again in the list by its number, and by words of its title.
    await page.goto(`${base}/quyet-dinh?${new URLSearchParams({ q: next.label })}`, {
      waitUntil: 'load',
    });
    expect(await page.$$eval('table.list tbody tr', (r) => r.length)).toBe(1);
    expect(await text(page, 'table.list tbody')).toContain('Về việc khen thưởng năm 2026');
    const byTitle = (
      await chairman
        .get('/api/decisions')
        .query({ q: 'khen thưởng năm 2026', year: 2026 })
        .expect(200)
    ).body;
    expect(byTitle.items.map((d: { id: string }) => d.id)).toEqual([id]);
    await page.goto(issuedPage, { waitUntil: 'load' });

    // All certificates as one PDF, printed as a job: the page shows its progress until the file is ready.
    await go(page, `a[href="/quyet-dinh/${id}/in"]`);
    expect(await page.$('#tien-do-in')).not.toBeNull();
    await page.waitForSelector(`#tien-do-in a[href="/quyet-dinh/${id}/giay-khen"]`, {
      timeout: 30_000,
    });
    expect(await text(page, '#tien-do-in [role=status]')).toBe('Đã in xong.');
    await checked(page);
    await screenshot(page, 'in-giay-khen-1280');
    const all = await fetchPdf(page, `/quyet-dinh/${id}/giay-khen`);
    expect(pdfPages(all)).toBe(2);
    await page.goto(issuedPage, { waitUntil: 'load' });
    // The QR code, read from the printed page, opens the verification page.
    const url = pdfQr(all, 1)!;
    expect(url).toMatch(/\/verify\//);
    const visitor = await browser.newPage();
    await visitor.setViewport({ width: 375, height: 800 });
    await visitor.goto(`${base}${new URL(url).pathname}`, { waitUntil: 'load' });
    expect(await text(visitor, '.verify .status')).toBe('Còn hiệu lực');
    await checked(visitor);
    await screenshot(visitor, 'xac-minh-375');

    // The award register finds the awardee without diacritics, with its decision.
    await goMenu(page, '/quyet-dinh/so-khen-thuong');
    await page.type('#q', 'nguyen thi huong');
    await go(page, 'form[role=search] button');
    expect(
      await page.$$eval('table.list tbody td', (c) => c.map((x) => x.textContent!.trim())),
    ).toEqual([
      expect.stringMatching(/^\d+\/\d{4}$/),
      'Nguyễn Thị Hường · UBND xã Hưng Đạo',
      'Danh hiệu "Chiến sĩ thi đua cơ sở"',
      expect.stringContaining(next.label),
      'Còn hiệu lực',
    ]);
    const found = (
      await chairman.get('/api/register').query({ q: 'NGUYEN thi huong', year: 2026 }).expect(200)
    ).body;
    expect(
      found.items.map((e: { snapshot: { awardeeName: string } }) => e.snapshot.awardeeName),
    ).toEqual(['Nguyễn Thị Hường']);
    await checked(page);
    await screenshot(page, 'so-khen-thuong-1280');
    await go(page, `td a[href="/quyet-dinh/${id}"]`);

    // Corrected: Lan's name edited in place; a numbered correcting decision prints her anew.
    const lan = issued.items.find((i: { displayName: string }) => i.displayName === 'Phạm Thị Lan');
    await page.$eval('details.card', (d) => d.setAttribute('open', ''));
    await page.$eval(
      `#ten-${lan.id}`,
      (e) => ((e as unknown as { value: string }).value = 'Phạm Thị Lan Anh'),
    );
    await page.type('#ly-do-dinh-chinh', 'Sai tên người được khen thưởng so với hồ sơ.');
    await go(page, 'form[action$="/dinh-chinh"] button');
    expect(await text(page, '.facts')).toContain('Đính chính');
    const correcting = new URL(page.url()).pathname.split('/').pop()!;
    const corrected = (await chairman.get(`/api/decisions/${correcting}`).expect(200)).body;
    expect(corrected).toMatchObject({ kind: 'correction', status: 'issued', referencesId: id });
    expect(corrected.items.map((i: { displayName: string }) => i.displayName)).toEqual([
      'Phạm Thị Lan Anh',
    ]);
    await go(page, `a[href="/quyet-dinh/${id}"]`);

    // Revoked: a numbered revoking decision; the same code now names it.
    await page.type('#ly-do-thu-hoi', 'Phát hiện thành tích kê khai không đúng sự thật.');
    await go(page, 'form[action$="/thu-hoi"] button');
    expect(await text(page, 'h1')).toMatch(/^Quyết định số /);
    const revoking = await text(page, 'h1');
    await visitor.reload({ waitUntil: 'load' });
    expect(await text(visitor, '.verify .status')).toBe('Giấy khen đã bị thu hồi');
    expect(await text(visitor, '.verify')).toContain(revoking.replace('Quyết định số ', ''));
    await visitor.close();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the chairman refuses nominees one by one with the reason (page and API); the last one closes the dossier', async () => {
    const as = await actors(t);
    const ids = await lookups(t);
    const { id, nomineeIds } = await draftDossier(
      as.hungdao,
      undefined,
      [
        {
          kind: 'household',
          household: 'Hộ ông Vũ Văn Nam, thôn Đông',
          awardFormId: ids.forms['GK-HGD'],
        },
        {
          kind: 'household',
          household: 'Hộ bà Đỗ Thị Mơ, thôn Tây',
          awardFormId: ids.forms['GK-HGD'],
        },
      ],
      'Đề nghị khen thưởng đột xuất hộ gia đình',
    );
    await attachLetterAndMinutes(as.hungdao, id);
    await sendToChairman(as, id, nomineeIds);

    const { page, problems } = await signIn('chutich', 375);
    await page.goto(`${base}/ho-so/${id}`, { waitUntil: 'load' });
    await checked(page);
    await page.type(`#kk-${nomineeIds[0]}`, 'Chưa có thành tích đột xuất rõ rệt.');
    await go(page, `form[action$="/doi-tuong/${nomineeIds[0]}/khong-khen-thuong"] button`);
    const after = (await as.chutich.get(`/api/dossiers/${id}`).expect(200)).body;
    expect(after.status).toBe('awaiting_decision');
    expect(after.nominees.find((n: { id: string }) => n.id === nomineeIds[0]).outcome).toBe(
      'refused',
    );
    expect(after.history.at(-1).comment).toBe(
      'Không khen thưởng Hộ ông Vũ Văn Nam, thôn Đông: Chưa có thành tích đột xuất rõ rệt.',
    );
    // The other one through the API: a reason is required.
    await as.chutich
      .post(`/api/dossiers/${id}/nominees/${nomineeIds[1]}/refuse`)
      .send({ reason: 'x' })
      .expect(400);
    await as.chutich
      .post(`/api/dossiers/${id}/nominees/${nomineeIds[1]}/refuse`)
      .send({ reason: 'Đã được khen thưởng cùng thành tích.' })
      .expect(200);
    // The last one to decide refused: the dossier closes as refused, and the page says so.
    expect((await as.chutich.get(`/api/dossiers/${id}`).expect(200)).body.status).toBe('refused');
    await page.reload({ waitUntil: 'load' });
    expect(await text(page, '.facts .status')).toBe('Không khen thưởng');
    expect(await page.$('.step button')).toBeNull();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('Home Affairs confirms on the appraisal page the conditions a person must judge, with the reason and the article', async () => {
    const as = await actors(t);
    const ids = await lookups(t);
    const { id, nomineeIds } = await draftDossier(
      as.hungdao,
      undefined,
      [
        {
          kind: 'individual',
          personId: ids.people['Phạm Thị Lan'],
          awardFormId: ids.forms['GK-CN'],
          report: true,
        },
        {
          kind: 'household',
          household: 'Hộ ông Đào Văn Khoa, thôn Bắc',
          awardFormId: ids.forms['GK-HGD'],
        },
      ],
      'Đề nghị khen thưởng đột xuất',
    );
    await attachLetterAndMinutes(as.hungdao, id);
    await as.hungdao.post(`/api/dossiers/${id}/submit`).send({}).expect(200);
    // Not before appraisal starts: nothing to confirm yet.
    const early = await as.noivu
      .post(`/api/dossiers/${id}/nominees/${nomineeIds[1]}/attest`)
      .send({ rule: 'LUAT-TDKT-D75-HO-GIA-DINH', reason: 'Đã đóng góp đất làm đường.' })
      .expect(409);
    expect(early.body.message).toBe('Chỉ xác nhận điều kiện khi hồ sơ đang thẩm định.');
    await as.noivu.post(`/api/dossiers/${id}/take`).send({}).expect(200);

    const { page, problems } = await signIn('noivu', 375);
    await page.goto(`${base}/ho-so/${id}`, { waitUntil: 'load' });
    const items = await page.$$eval('ul.attest li', (li) =>
      li.map((x) => x.textContent!.replace(/\s+/g, ' ').trim()),
    );
    expect(items).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'Cần xác nhận: Có thành tích đạt tiêu chuẩn tặng Giấy khen theo quy định của tỉnh',
        ),
        expect.stringContaining(
          'Cần xác nhận: Gương mẫu chấp hành chủ trương, chính sách của Đảng, pháp luật của Nhà nước; có đóng góp về công sức, đất đai, tài sản cho địa phương, xã hội. (Luật Thi đua, khen thưởng 2022, Điều 75)',
        ),
      ]),
    );
    expect(items).toHaveLength(2);
    await checked(page);
    await page.type(
      'ul.attest[aria-label$="Phạm Thị Lan"] input[name=reason]',
      'Thủ trưởng đơn vị nhận xét thành tích xuất sắc, biên bản họp ngày 01/12/2026.',
    );
    await go(page, 'ul.attest[aria-label$="Phạm Thị Lan"] button');
    expect(await text(page, 'ul.attest li.ok')).toContain(
      'Đã xác nhận: Có thành tích đạt tiêu chuẩn tặng Giấy khen',
    );
    expect(await text(page, 'ul.attest li.ok')).toContain(
      'Căn cứ: Thủ trưởng đơn vị nhận xét thành tích xuất sắc, biên bản họp ngày 01/12/2026. (noivu,',
    );
    await screenshot(page, 'ho-so-xac-nhan-375');

    // A rule that is not the nominee's is refused, naming the field and the rules that are.
    const wrong = await as.noivu
      .post(`/api/dossiers/${id}/nominees/${nomineeIds[1]}/attest`)
      .send({ rule: 'LUAT-TDKT-D24-TIEU-CHUAN', reason: 'Không liên quan.' })
      .expect(400);
    expect(wrong.body.details[0]).toMatchObject({ field: 'rule' });
    expect(wrong.body.details[0].message).toContain('LUAT-TDKT-D75-HO-GIA-DINH');
    const detail = (
      await as.noivu
        .post(`/api/dossiers/${id}/nominees/${nomineeIds[1]}/attest`)
        .send({
          rule: 'LUAT-TDKT-D75-HO-GIA-DINH',
          reason: 'Hiến 120 m² đất làm đường thôn năm 2026.',
        })
        .expect(200)
    ).body;
    expect(
      detail.nominees.find((n: { id: string }) => n.id === nomineeIds[1]).attestations,
    ).toEqual({
      'LUAT-TDKT-D75-HO-GIA-DINH': {
        reason: 'Hiến 120 m² đất làm đường thôn năm 2026.',
        by: 'noivu',
        at: expect.any(String),
      },
    });
    expect(detail.history.at(-1).comment).toContain(
      'Hộ ông Đào Văn Khoa, thôn Bắc: xác nhận "Gương mẫu',
    );
    await as.hungdao
      .post(`/api/dossiers/${id}/nominees/${nomineeIds[1]}/attest`)
      .send({ rule: 'LUAT-TDKT-D75-HO-GIA-DINH', reason: 'Đơn vị tự xác nhận.' })
      .expect(403);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('issues an annual title only on the year’s task rating: refused below "Hoàn thành tốt nhiệm vụ", citing the article', async () => {
    const as = await actors(t);
    const ids = await lookups(t);
    const hung = ids.people['Trần Văn Hùng'];
    const id = await awaitingTitle(as, ids, hung, 'LDTT');
    const bad = await as.noivu
      .put(`/api/people/${hung}/ratings/26`)
      .send({ rating: 'htnv', reference: 'Quyết định số 05/QĐ-UBND' })
      .expect(400);
    expect(bad.body.details[0].field).toBe('year');
    await as.noivu
      .put(`/api/people/${hung}/ratings/2026`)
      .send({ rating: 'htnv', reference: 'Quyết định số 05/QĐ-UBND ngày 20/12/2026' })
      .expect(200);
    const draft = (
      await as.chutich
        .post('/api/decisions')
        .send({ dossierIds: [id] })
        .expect(201)
    ).body;
    const refused = await as.chutich.post(`/api/decisions/${draft.id}/issue`).send({}).expect(409);
    expect(refused.body.message).toContain(
      'Năm 2026 xếp loại "Hoàn thành nhiệm vụ", cần từ "Hoàn thành tốt nhiệm vụ" trở lên (Luật Thi đua, khen thưởng 2022, Điều 24).',
    );
    await as.noivu
      .put(`/api/people/${hung}/ratings/2026`)
      .send({ rating: 'httnv', reference: 'Quyết định số 06/QĐ-UBND ngày 22/12/2026 (đính chính)' })
      .expect(200);
    const ratings = (await as.noivu.get(`/api/people/${hung}/ratings`).expect(200)).body;
    expect(ratings.find((r: { year: number }) => r.year === 2026)).toMatchObject({
      rating: 'httnv',
    });
    const issued = (await as.chutich.post(`/api/decisions/${draft.id}/issue`).send({}).expect(200))
      .body;

    // One achievement, one form: the same title for the same year again (here through a second
    // catalogue form of the same title, which the round's duplicate check does not see) is refused.
    const second = (
      await as.admin
        .post('/api/award-forms')
        .send({
          code: 'LDTT-2',
          name: 'Danh hiệu "Lao động tiên tiến" (khối sự nghiệp)',
          recipientKinds: ['individual'],
          commendationKinds: ['annual'],
          decidedBy: 'this_authority',
          procedure: 'simplified',
          lawTitle: 'lao-dong-tien-tien',
        })
        .expect(201)
    ).body;
    const again = await as.chutich
      .post('/api/decisions')
      .send({
        dossierIds: [
          await awaitingTitle(
            as,
            { ...ids, forms: { ...ids.forms, [second.code]: second.id } },
            hung,
            second.code,
          ),
        ],
      })
      .expect(201);
    const twice = await as.chutich
      .post(`/api/decisions/${again.body.id}/issue`)
      .send({})
      .expect(409);
    expect(twice.body.message).toContain(
      `Trần Văn Hùng: Đã được tặng danh hiệu này cho năm 2026 (Quyết định số ${issued.numberLabel} ngày`,
    );
    expect(twice.body.message).toContain('(Luật Thi đua, khen thưởng 2022, Điều 5).');
  });

  it('gives Tập thể lao động tiên tiến on the collective’s rating of the year, recorded by Home Affairs', async () => {
    const as = await actors(t);
    const ids = await lookups(t);
    const unit = ids.hungDaoId;
    await as.noivu
      .put(`/api/units/${unit}/ratings/2026`)
      .send({ rating: 'htnv', reference: 'Quyết định số 07/QĐ-UBND ngày 20/12/2026' })
      .expect(200);
    const draft = (
      await as.chutich
        .post('/api/decisions')
        .send({ dossierIds: [await awaitingTitle(as, ids, unit, 'TTLDTT', 'collective')] })
        .expect(201)
    ).body;
    const refused = await as.chutich.post(`/api/decisions/${draft.id}/issue`).send({}).expect(409);
    expect(refused.body.details).toEqual([
      expect.objectContaining({
        code: 'refused',
        message:
          'UBND xã Hưng Đạo: Năm 2026 xếp loại "Hoàn thành nhiệm vụ", cần từ "Hoàn thành tốt nhiệm vụ" trở lên (Luật Thi đua, khen thưởng 2022, Điều 28).',
      }),
    ]);
    await as.hungdao
      .put(`/api/units/${unit}/ratings/2026`)
      .send({ rating: 'httnv', reference: 'Tự đánh giá' })
      .expect(403);
    await as.noivu
      .put(`/api/units/${unit}/ratings/2026`)
      .send({ rating: 'httnv', reference: 'Quyết định số 08/QĐ-UBND ngày 22/12/2026 (đính chính)' })
      .expect(200);
    const ratings = (await as.noivu.get(`/api/units/${unit}/ratings`).expect(200)).body;
    expect(ratings.map((r: { year: number; rating: string }) => [r.year, r.rating])).toEqual([
      [2026, 'httnv'],
      [2025, 'httnv'],
    ]);
    await as.chutich.post(`/api/decisions/${draft.id}/issue`).send({}).expect(200);
  });

  it('gives Chiến sĩ thi đua cơ sở to a "Hoàn thành tốt nhiệm vụ" only with an initiative recognised in the year', async () => {
    const as = await actors(t);
    const ids = await lookups(t);
    const lan = ids.people['Phạm Thị Lan'];
    // The council's vote is not what this test is about: the form is set without one.
    await as.admin
      .patch(`/api/award-forms/${ids.forms['CSTDCS']}`)
      .send({ voteRequired: false })
      .expect(200);
    await as.noivu
      .put(`/api/people/${lan}/ratings/2026`)
      .send({ rating: 'httnv', reference: 'Quyết định số 05/QĐ-UBND ngày 20/12/2026' })
      .expect(200);
    const draft = (
      await as.chutich
        .post('/api/decisions')
        .send({ dossierIds: [await awaitingTitle(as, ids, lan, 'CSTDCS')] })
        .expect(201)
    ).body;
    const refused = await as.chutich.post(`/api/decisions/${draft.id}/issue`).send({}).expect(409);
    expect(refused.body.details).toEqual([
      expect.objectContaining({
        code: 'refused',
        message:
          'Phạm Thị Lan: Năm 2026 không "Hoàn thành xuất sắc nhiệm vụ" và chưa có sáng kiến, đề tài nghiên cứu được công nhận trong năm (Luật Thi đua, khen thưởng 2022, Điều 23).',
      }),
    ]);
    const initiative = {
      kind: 'initiative',
      title: 'Số hóa sổ hộ tịch bằng biểu mẫu điện tử',
      level: 'base',
      recognisedOn: '2026-11-10',
      reference: 'Quyết định số 20/QĐ-UBND ngày 10/11/2026 công nhận sáng kiến',
    };
    const wrong = await as.noivu
      .post(`/api/people/${lan}/initiatives`)
      .send({ ...initiative, level: 'xa' })
      .expect(400);
    expect(wrong.body.details[0].field).toBe('level');
    // An initiative of another year does not count.
    await as.noivu
      .post(`/api/people/${lan}/initiatives`)
      .send({ ...initiative, recognisedOn: '2025-11-10' })
      .expect(201);
    await as.chutich.post(`/api/decisions/${draft.id}/issue`).send({}).expect(409);
    await as.noivu.post(`/api/people/${lan}/initiatives`).send(initiative).expect(201);
    const listed = (await as.noivu.get(`/api/people/${lan}/initiatives`).expect(200)).body;
    expect(listed.map((x: { recognisedOn: string }) => x.recognisedOn)).toEqual([
      '2026-11-10',
      '2025-11-10',
    ]);
    await as.chutich.post(`/api/decisions/${draft.id}/issue`).send({}).expect(200);
    const [audit] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_records WHERE action = 'person.initiative_add'",
    );
    expect(audit.n).toBe(2);
  });
});

/** A dossier of the 2026 round with one person (or the unit) proposed for an annual title, awaiting the chairman. */
async function awaitingTitle(
  as: Awaited<ReturnType<typeof actors>>,
  ids: Awaited<ReturnType<typeof lookups>>,
  personId: string,
  form: string,
  kind: 'individual' | 'collective' = 'individual',
): Promise<string> {
  const who = kind === 'individual' ? { personId } : { collectiveUnitId: personId };
  const { id, nomineeIds } = await draftDossier(as.hungdao, ids.roundId, [
    { kind, ...who, awardFormId: ids.forms[form], report: true },
  ]);
  await attachLetterAndMinutes(as.hungdao, id);
  await sendToChairman(as, id, nomineeIds);
  return id;
}
