import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'puppeteer';
import { api, tokenFor } from '../support/actors';
import {
  axeViolations,
  go,
  startWebApp,
  stopWebApp,
  overflows,
  pickFile,
  screenshot,
  signInAs,
} from '../support/browser';
import { daysFromToday } from '../support/dates';
import { TestApp } from '../support/test-app';
import { lookups } from '../support/workflow-fixtures';

/**
 * The unit officer's and the Home Affairs officer's whole jobs in the real
 * Chromium, without the API: a movement's report, a dossier from creation to
 * the chairman, and what each form does with bad input. After each step the
 * API reports the state the page showed.
 */
describe('web interface: the journey from a report to the chairman', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let files: string;

  beforeAll(async () => {
    ({ t, base, browser } = await startWebApp());
    files = mkdtempSync(join(tmpdir(), 'thidua-journey-'));
  });
  afterAll(() => stopWebApp({ t, browser }));

  const signIn = (username: string, width = 1280) => signInAs(browser, base, username, width);
  const pdf = (name: string) => {
    const path = join(files, name);
    writeFileSync(path, `%PDF-1.4\n% ${name}\n%%EOF\n`);
    return path;
  };
  const text = (page: Page, selector: string) => page.$eval(selector, (e) => e.textContent);
  const valueOf = (page: Page, selector: string) =>
    page.$eval(selector, (e) => (e as unknown as { value: string }).value);
  /** Axe finds nothing serious, nothing is wider than the screen. */
  const checked = async (page: Page) => {
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflows(page)).toBe(false);
  };

  /** A launched movement for communes (X1: 80 %, X2: yes/no, X3: a count) and its open round. */
  async function movementWithRound(title: string, count = false) {
    const vhtt = api(t, await tokenFor(t, 'vhtt'));
    const movement = (
      await vhtt
        .post('/api/movements')
        .send({ title, registrationDeadline: daysFromToday(10) })
        .expect(201)
    ).body;
    await vhtt
      .put(`/api/movements/${movement.id}/criteria/commune`)
      .send({
        criteria: [
          { code: 'X1', text: 'Tỷ lệ hồ sơ xử lý trực tuyến', type: 'percentage', threshold: 80 },
          { code: 'X2', text: 'Có trang thông tin điện tử của xã', type: 'boolean' },
          ...(count
            ? [{ code: 'X3', text: 'Số mô hình chuyển đổi số', type: 'count', threshold: 2 }]
            : []),
        ],
      })
      .expect(200);
    await vhtt.post(`/api/movements/${movement.id}/launch`).expect(200);
    const round = (
      await vhtt
        .post(`/api/movements/${movement.id}/rounds`)
        .send({
          kind: 'annual',
          name: 'Năm 2027',
          periodStart: '2027-01-01',
          periodEnd: '2027-12-31',
          reportDeadline: daysFromToday(30),
          nominationDeadline: daysFromToday(40),
        })
        .expect(201)
    ).body;
    return { movement, round };
  }

  it('a unit reports and prepares a dossier; Home Affairs takes it, asks for more, appraises and sends it to the chairman', async () => {
    const { movement, round } = await movementWithRound('Thi đua chuyển đổi số năm 2027');

    // 1. Each unit registers from the movement's page and reports: 79,9 against 80 % is Chưa đạt.
    const report = async (username: string, value: string) => {
      const { page, problems } = await signIn(username, 375);
      await go(page, `a[href="/phong-trao/${movement.id}"]`);
      await checked(page);
      await page.type('#commitments', 'Đơn vị đăng ký thi đua, cam kết hoàn thành các chỉ tiêu.');
      await go(page, 'form[action$="/dang-ky"] button');
      expect(await text(page, '.notice')).toContain('Đơn vị đã đăng ký');
      await go(page, `a[href="/phong-trao/${movement.id}/dot/${round.id}"]`);
      const [x1, x2] = await page.$$eval('.criterion input[name^="c_"]', (i) => i.map((x) => x.id));
      await page.type(`#${x1}`, value);
      await page.click(`#${x2}`);
      await go(page, 'button[value=submit]');
      const results = await page.$$eval('.criterion .result', (r) => r.map((x) => x.textContent));
      await checked(page);
      await screenshot(page, `bao-cao-${username}-375`);
      expect(problems).toEqual([]);
      await page.close();
      return results;
    };
    expect(await report('hungdao', '79,9')).toEqual(['Kết quả: Chưa đạt', 'Kết quả: Đạt']);
    expect(await report('daison', '80')).toEqual(['Kết quả: Đạt', 'Kết quả: Đạt']);
    const noivu = api(t, await tokenFor(t, 'noivu'));
    const reports = (await noivu.get(`/api/reports?roundId=${round.id}`).expect(200)).body.items;
    expect(reports.map((r: { overall: string }) => r.overall).sort()).toEqual(['met', 'not_met']);

    // 1b. Home Affairs reads the round's results, units × criteria, and overrides one with a reason.
    const { page: reader, problems: readerProblems } = await signIn('noivu', 375);
    await reader.goto(`${base}/phong-trao/${movement.id}`, { waitUntil: 'load' });
    await go(reader, `a[href="/phong-trao/${movement.id}/ket-qua/${round.id}"]`);
    const table = async () =>
      reader.$$eval('table.matrix tbody tr', (r) =>
        r.map((x) => [...x.querySelectorAll('td')].map((c) => c.textContent!.trim())),
      );
    expect(await table()).toEqual([
      ['UBND xã Đại Sơn', 'Đạt (80)', 'Đạt', 'Đạt'],
      ['UBND xã Hưng Đạo', 'Chưa đạt (79,9)', 'Đạt', 'Chưa đạt'],
    ]);
    await reader.click('input[name=chuaDat]');
    await go(reader, 'form.filters button');
    expect((await table()).map((r) => r[0])).toEqual(['UBND xã Hưng Đạo']);
    await checked(reader);
    await screenshot(reader, 'ket-qua-dot-375');
    await go(reader, 'table.matrix tbody a');
    const x1Form = 'form[action$="/danh-gia"]';
    await reader.click(`${x1Form} input[value=met]`);
    await reader.type(
      `${x1Form} input[name=reason]`,
      'Số liệu đã cập nhật đủ 80% theo biên bản kiểm tra ngày 20/11.',
    );
    await go(reader, `${x1Form} button`);
    expect(await text(reader, '.card .result')).toContain('Kết quả: Đạt');
    const hungDao = (
      await noivu.get(`/api/reports?roundId=${round.id}`).expect(200)
    ).body.items.find(
      (r: { overall: string; id: string }) =>
        r.overall === 'met' && r.id === new URL(reader.url()).pathname.split('/').pop(),
    );
    expect(hungDao).toBeDefined();
    await checked(reader);
    expect(readerProblems).toEqual([]);
    await reader.close();

    // 2. The unit creates a dossier: a title too short is refused beside its field.
    const { page: unit, problems: unitProblems } = await signIn('hungdao', 375);
    await go(unit, 'a[href="/ho-so-moi"]');
    await unit.$eval('#title', (e) => e.removeAttribute('minlength'));
    await unit.type('#title', 'Đề');
    await unit.select('#commendationKind', 'ad_hoc');
    await go(unit, 'button.primary');
    expect(await text(unit, '#loi-title')).toBe('Hãy đặt tên hồ sơ, từ 5 đến 300 ký tự.');
    expect(await unit.$eval('#title', (e) => e.getAttribute('aria-invalid'))).toBe('true');
    expect(await valueOf(unit, '#commendationKind')).toBe('ad_hoc');
    await checked(unit);
    await screenshot(unit, 'ho-so-moi-loi-375');
    await unit.$eval('#title', (e) => ((e as unknown as { value: string }).value = ''));
    await unit.type('#title', 'Đề nghị khen thưởng chuyển đổi số');
    await go(unit, 'button.primary');
    const id = new URL(unit.url()).pathname.split('/').pop()!;
    expect(await text(unit, 'h1')).toBe('Đề nghị khen thưởng chuyển đổi số');
    // Read as the unit: until it is sent, the draft is the unit's alone.
    const unitApi = api(t, await tokenFor(t, 'hungdao'));
    const state = async () => (await unitApi.get(`/api/dossiers/${id}`).expect(200)).body;
    /** The page shows the state the API reports. */
    const same = async (page: Page) => {
      const now = await state();
      expect(await text(page, '.facts .status')).toBe(now.statusLabel);
      return now;
    };
    expect((await same(unit)).status).toBe('draft');
    await noivu.get(`/api/dossiers/${id}`).expect(404);

    // 3. Two people (one found without diacritics) and the unit itself as a collective.
    const ids = await lookups(t);
    const openAll = () =>
      unit.$$eval('details.card', (ds) => ds.forEach((d) => d.setAttribute('open', '')));
    const addNominee = async (kind: string, form: string, person?: string) => {
      await openAll();
      await unit.click(`input[name=kind][value=${kind}]`);
      if (person) await unit.select('#personId', ids.people[person]);
      await unit.select('#awardFormId', ids.forms[form]);
      await unit.type('#achievementSummary', 'Tích cực triển khai chuyển đổi số tại đơn vị.');
      await go(unit, 'details.card form[action$="/doi-tuong"] button');
    };
    await addNominee('individual', 'GK-CN', 'Nguyễn Thị Hường');
    await openAll();
    await unit.type('#tim', 'pham thi lan');
    await go(unit, 'form.search button');
    expect(await unit.$$eval('#personId option', (o) => o.map((x) => x.textContent))).toEqual([
      '(Chọn)',
      expect.stringContaining('Phạm Thị Lan'),
    ]);
    await addNominee('individual', 'GK-CN', 'Phạm Thị Lan');
    await addNominee('collective', 'GK-TT');
    const names = await unit.$$eval('section[aria-labelledby=doi-tuong] li strong', (e) =>
      e.map((x) => x.textContent!),
    );
    expect([...names].sort()).toEqual(['Nguyễn Thị Hường', 'Phạm Thị Lan', 'UBND xã Hưng Đạo']);

    // 4. The documents the checklist asks for, then submit.
    const upload = async (kind: string, path: string, nominee?: string) => {
      await openAll();
      await unit.select('#doc-kind', kind);
      if (nominee) {
        const value = await unit.$$eval(
          '#doc-nominee option',
          (os, name) => os.find((o) => o.textContent === name)?.getAttribute('value'),
          nominee,
        );
        await unit.select('#doc-nominee', value!);
      }
      await pickFile(unit, '#doc-file', path);
      await go(unit, 'form[action$="/tai-lieu"] button');
    };
    expect(await unit.$$eval('ul.checklist li', (e) => e.length)).toBeGreaterThan(0);
    await upload('proposal_letter', pdf('to-trinh.pdf'));
    await upload('meeting_minutes', pdf('bien-ban.pdf'));
    for (const [i, name] of names.entries())
      await upload('achievement_report', pdf(`bao-cao-${i}.pdf`), name);
    expect(await unit.$$('ul.checklist li')).toHaveLength(0);
    await checked(unit);
    await screenshot(unit, 'ho-so-don-vi-375');
    await go(unit, 'form[action$="/buoc/submit"] button');
    const submitted = await same(unit);
    expect(submitted).toMatchObject({ status: 'submitted' });
    expect(submitted.nominees).toHaveLength(3);
    expect(submitted.documents).toHaveLength(5);

    // 5. Home Affairs finds it in the queue and takes it.
    const { page: office, problems: officeProblems } = await signIn('noivu');
    await go(office, `td[data-label="Hồ sơ"] a[href="/ho-so/${id}"]`);
    await go(office, 'form[action$="/buoc/take"] button');
    expect((await same(office)).status).toBe('under_appraisal');

    // 6. It asks for the minutes again, with a comment.
    await office.click('#muc-1');
    await office.type('#y-kien-bo-sung', 'Biên bản chưa có chữ ký của chủ trì cuộc họp.');
    await go(office, 'section[aria-labelledby=bo-sung] button');
    expect(await same(office)).toMatchObject({
      status: 'supplement_requested',
      supplementItems: ['Biên bản họp xét khen thưởng'],
    });

    // 7. The unit sees what is asked, uploads the signed minutes and sends the dossier back.
    await unit.goto(`${base}/ho-so/${id}`, { waitUntil: 'load' });
    expect(
      await unit.$$eval('section[aria-labelledby=can-bo-sung] li', (e) =>
        e.map((x) => x.textContent),
      ),
    ).toEqual(['Biên bản họp xét khen thưởng']);
    await upload('meeting_minutes', pdf('bien-ban-co-chu-ky.pdf'));
    await unit.type('#y-resubmit', 'Đơn vị đã bổ sung biên bản có chữ ký.');
    await go(unit, 'form[action$="/buoc/resubmit"] button');
    expect((await same(unit)).status).toBe('under_appraisal');

    // 8. Home Affairs appraises nominee by nominee: two proposed, one not, with the reason.
    await office.goto(`${base}/ho-so/${id}`, { waitUntil: 'load' });
    const nominees = (await state()).nominees as { id: string; displayName: string }[];
    for (const n of nominees) {
      const proposed = n.displayName !== 'Phạm Thị Lan';
      await office.click(
        `input[name="result_${n.id}"][value=${proposed ? 'proposed' : 'not_proposed'}]`,
      );
      if (!proposed) await office.type(`#ly-do-${n.id}`, 'Chưa đủ thời gian công tác tại đơn vị.');
    }
    await checked(office);
    await screenshot(office, 'tham-dinh-1280');
    await go(office, 'section[aria-labelledby=tham-dinh] button');
    const appraised = await same(office);
    expect(appraised.status).toBe('appraised');
    expect(
      Object.fromEntries(
        appraised.nominees.map((n: { displayName: string; appraisal: string }) => [
          n.displayName,
          n.appraisal,
        ]),
      ),
    ).toEqual({
      'Nguyễn Thị Hường': 'proposed',
      'Phạm Thị Lan': 'not_proposed',
      'UBND xã Hưng Đạo': 'proposed',
    });

    // 9. And sends it to the chairman: the only step left to it.
    expect(await office.$$eval('.step button', (b) => b.map((x) => x.textContent))).toEqual([
      'Trình Chủ tịch quyết định',
    ]);
    await go(office, 'form[action$="/buoc/send_to_chairman"] button');
    expect((await same(office)).status).toBe('awaiting_decision');
    await checked(office);
    // The unit follows it: the history names each step, in order.
    await unit.goto(`${base}/ho-so/${id}`, { waitUntil: 'load' });
    expect((await same(unit)).status).toBe('awaiting_decision');
    expect(unitProblems).toEqual([]);
    expect(officeProblems).toEqual([]);
    await unit.close();
    await office.close();
    // Some forty page loads in a real browser: past the default minute when the 2 cores are shared
    // with the other test files (a worker process, PDFs).
  }, 150_000);

  it('a report keeps what was typed and the files picked, says what is wrong beside the criterion, saves a draft and sends it later', async () => {
    const { movement, round } = await movementWithRound('Thi đua cải cách hành chính 2027', true);
    const unit = api(t, await tokenFor(t, 'hungdao'));
    await unit
      .post(`/api/movements/${movement.id}/registrations`)
      .send({ commitments: 'Đơn vị cam kết hoàn thành các chỉ tiêu cải cách hành chính.' })
      .expect(201);
    const { page, problems } = await signIn('hungdao', 375);
    await page.goto(`${base}/phong-trao/${movement.id}/dot/${round.id}`, { waitUntil: 'load' });
    const [x1, , x3] = await page.$$eval('.criterion input[name^="c_"]', (i) =>
      i.map((x) => x.id.slice(2)),
    );
    const stored = async () => ({
      reports: (await unit.get(`/api/reports?roundId=${round.id}`).expect(200)).body.total,
      draft: (await unit.get(`/api/reports/draft?roundId=${round.id}`).expect(200)).body.draft,
    });

    // Not a number: refused beside X1, the text kept, the evidence file kept, nothing stored.
    await page.type(`#c-${x1}`, '7x,5');
    await pickFile(page, `#e-${x1}`, pdf('minh-chung-x1.pdf'));
    await go(page, 'button[value=submit]');
    expect(await text(page, `#loi-${x1}`)).toBe(
      'Hãy nhập tỷ lệ phần trăm là một số từ 0 đến 100, ví dụ 79,9.',
    );
    expect(await valueOf(page, `#c-${x1}`)).toBe('7x,5');
    expect(
      await page.$$eval(`input[name="k_${x1}"]`, (i) =>
        i.map((x) => [
          (x as unknown as { checked: boolean }).checked,
          x.parentElement!.textContent!.trim(),
        ]),
      ),
    ).toEqual([[true, 'minh-chung-x1.pdf']]);
    expect(await stored()).toEqual({ reports: 0, draft: null });
    await checked(page);
    await screenshot(page, 'bao-cao-loi-375');

    // Saved as a draft with X3 still empty: X1 is evaluated, nothing is sent.
    await page.$eval(`#c-${x1}`, (e) => ((e as unknown as { value: string }).value = ''));
    await page.type(`#c-${x1}`, '85,5');
    await go(page, 'button[value=draft]');
    expect(await text(page, '.notice[role=status]')).toContain('Đã lưu nháp');
    expect(await text(page, `#k-${x1}`)).toBe('Kết quả: Đạt');
    expect(await valueOf(page, `#c-${x1}`)).toBe('85,5');
    const { reports, draft } = await stored();
    expect(reports).toBe(0);
    expect(draft.values.find((v: { criterionId: string }) => v.criterionId === x1)).toMatchObject({
      number: 85.5,
      evidenceFileIds: [expect.any(String)],
      resultLabel: 'Đạt',
    });

    // Sent with X3 still empty: the service's reason beside X3; then complete and sent.
    await go(page, 'button[value=submit]');
    expect(await text(page, `#loi-${x3}`)).toBe('Tiêu chí X3: cần nhập số lượng là số nguyên ≥ 0.');
    expect(await valueOf(page, `#c-${x1}`)).toBe('85,5');
    await page.type(`#c-${x3}`, '1');
    await go(page, 'button[value=submit]');
    expect(await text(page, '.notice[role=status]')).toContain('Đã gửi báo cáo');
    expect(await page.$$eval('.criterion .result', (r) => r.map((x) => x.textContent))).toEqual([
      'Kết quả: Đạt',
      'Kết quả: Chưa đạt',
      'Kết quả: Chưa đạt',
    ]);
    const after = await stored();
    expect(after).toEqual({ reports: 1, draft: null });
    const sent = (await unit.get(`/api/reports?roundId=${round.id}`).expect(200)).body.items[0];
    const detail = (await unit.get(`/api/reports/${sent.id}`).expect(200)).body;
    expect(detail.values.find((v: { criterionId: string }) => v.criterionId === x1)).toMatchObject({
      number: 85.5,
      evidenceFileIds: [expect.any(String)],
    });
    await checked(page);
    expect(problems).toEqual([]);
    await page.close();
  });
});
