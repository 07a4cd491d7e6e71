import request from 'supertest';
import { seedDemo } from '../support/actors';
import { axeViolations, launchBrowser, overflows, screenshot, signInAs } from '../support/browser';
import { binary, webCookie } from '../support/http';
import { pdfText } from '../support/pdf';
import { ManualClock } from '../support/manual-clock';
import { createTestApp, TestApp } from '../support/test-app';
import {
  actors,
  appraiseAll,
  attachLetterAndMinutes,
  draftDossier,
  issueDecision,
  lookups,
  PDF,
  uploadPdf,
} from '../support/workflow-fixtures';

/** The level above's decision on nominees this authority forwarded. */
describe('higher decisions: a forwarded nominee closes when the level above decides', () => {
  const clock = new ManualClock('2026-11-23');
  let t: TestApp;
  let as: Awaited<ReturnType<typeof actors>>;
  let ids: Awaited<ReturnType<typeof lookups>>;
  let dossierId: string;
  let collective: string;
  let person: string;

  beforeAll(async () => {
    t = await createTestApp({}, clock);
    await seedDemo(t);
    as = await actors(t);
    ids = await lookups(t);
    // The province's Bằng khen for the commune and for one of its people: both go up.
    const { id, nomineeIds } = await draftDossier(as.hungdao, ids.roundId, [
      {
        kind: 'collective',
        collectiveUnitId: ids.hungDaoId,
        awardFormId: ids.forms['BK-CTT'],
        report: true,
      },
      {
        kind: 'individual',
        personId: ids.people['Nguyễn Thị Hường'],
        awardFormId: ids.forms['BK-CTT'],
        report: true,
      },
    ]);
    [dossierId, collective, person] = [id, ...nomineeIds];
    await attachLetterAndMinutes(as.hungdao, id);
    await as.hungdao.post(`/api/dossiers/${id}/submit`).send({}).expect(200);
    await appraiseAll(as, id, nomineeIds);
    const detail = (await as.noivu.get(`/api/dossiers/${id}`).expect(200)).body;
    if (detail.allowedActions.includes('send_to_council')) {
      // The form needs the council's vote: two members agree, the one from the unit recuses.
      await as.noivu.post(`/api/dossiers/${id}/send-to-council`).send({}).expect(200);
      for (const [member, choice] of [
        [as.hoidong, 'agree'],
        [as.hoidong2, 'recused'],
        [as.hoidong3, 'agree'],
      ] as const)
        for (const nomineeId of nomineeIds)
          await member.post(`/api/dossiers/${id}/votes`).send({ nomineeId, choice }).expect(201);
      await as.noivu.post(`/api/dossiers/${id}/close-vote`).send({}).expect(200);
    }
    for (const nomineeId of nomineeIds)
      await as.noivu
        .post(`/api/dossiers/${id}/nominees/${nomineeId}/forward`)
        .send({ reference: 'Tờ trình số 15/TTr-UBND', forwardedOn: '2026-11-25' })
        .expect(200);
  });
  afterAll(() => t.close());

  const decision = {
    awarded: true,
    decidedBy: 'Chủ tịch Ủy ban nhân dân tỉnh Hải Dương',
    number: '1234/QĐ-UBND',
    date: '2026-12-20',
  };

  it('refuses the decision before the dossier is closed at this level, and for a nominee not forwarded', async () => {
    const early = await as.noivu
      .post(`/api/dossiers/${dossierId}/nominees/${collective}/higher-decision`)
      .send({ ...decision, date: '2026-11-20' })
      .expect(409);
    expect(early.body.message).toContain('đã trình cấp trên');
    await as.noivu.post(`/api/dossiers/${dossierId}/close-forwarded`).send({}).expect(200);
    clock.set('2026-12-22');
    // Bad input names the field; nothing changes.
    const future = await as.noivu
      .post(`/api/dossiers/${dossierId}/nominees/${collective}/higher-decision`)
      .send({ ...decision, date: '2027-01-05' })
      .expect(400);
    expect(future.body.details[0]).toMatchObject({ field: 'date', code: 'future' });
    const noNumber = await as.noivu
      .post(`/api/dossiers/${dossierId}/nominees/${collective}/higher-decision`)
      .send({ ...decision, number: undefined })
      .expect(400);
    expect(noNumber.body.details[0].field).toBe('number');
    await as.hungdao
      .post(`/api/dossiers/${dossierId}/nominees/${collective}/higher-decision`)
      .send(decision)
      .expect(403);
    const outcomes = await t.dataSource.query(
      'SELECT outcome FROM nominees WHERE dossier_id = $1',
      [dossierId],
    );
    expect(outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['forwarded', 'forwarded']);
  });

  it('records an award: the nominee closes, the award enters the record of awards decided elsewhere, the unit is told; twice is refused', async () => {
    const fileId = await uploadPdf(as.noivu, 'Quyết định 1234 của UBND tỉnh.pdf');
    const detail = (
      await as.noivu
        .post(`/api/dossiers/${dossierId}/nominees/${person}/higher-decision`)
        .send({ ...decision, fileId })
        .expect(200)
    ).body;
    const nominee = detail.nominees.find((n: { id: string }) => n.id === person);
    expect(nominee).toMatchObject({
      outcome: 'higher_awarded',
      higherDecision: {
        awarded: true,
        number: '1234/QĐ-UBND',
        date: '2026-12-20',
        decidedBy: decision.decidedBy,
        fileId,
        recordedBy: 'noivu',
      },
    });
    const [recorded] = await t.dataSource.query(
      'SELECT awardee_name, person_id, form_name, law_title, decision_number, decision_date::text AS date, year FROM recorded_awards WHERE person_id = $1',
      [ids.people['Nguyễn Thị Hường']],
    );
    expect(recorded).toMatchObject({
      awardee_name: 'Nguyễn Thị Hường',
      decision_number: '1234/QĐ-UBND',
      date: '2026-12-20',
      year: 2026,
    });
    expect(recorded.form_name).toContain('Bằng khen');
    const twice = await as.noivu
      .post(`/api/dossiers/${dossierId}/nominees/${person}/higher-decision`)
      .send(decision)
      .expect(409);
    expect(twice.body.message).toContain('1234/QĐ-UBND');
    const notes = (await as.hungdao.get('/api/notifications?limit=20').expect(200)).body.items;
    expect(notes[0].message).toContain('đã được cấp trên khen thưởng (Quyết định số 1234/QĐ-UBND');
    const audit = await t.dataSource.query(
      "SELECT changes FROM audit_records WHERE action = 'dossier.higher_award_nominee' AND target_id = $1",
      [person],
    );
    expect(audit[0].changes.outcome).toEqual({ from: 'forwarded', to: 'higher_awarded' });
  });

  it("records a refusal from the page, with the decision's file: the nominee closes without an award", async () => {
    const cookie = await webCookie(t, 'noivu');
    const page = await request(t.http).get(`/ho-so/${dossierId}`).set('Cookie', cookie).expect(200);
    expect(page.text).toContain('Ghi nhận quyết định của cấp trên');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const post = () =>
      request(t.http)
        .post(`/ho-so/${dossierId}/doi-tuong/${collective}/cap-tren`)
        .set('Cookie', cookie)
        .field('_csrf', csrf)
        .field('awarded', 'false')
        .field('decidedBy', decision.decidedBy)
        .field('number', '1300/QĐ-UBND')
        .attach('file', PDF, 'Quyết định 1300 của UBND tỉnh.pdf');
    // A bad date goes back with its reason, and keeps no file.
    const files = async () =>
      (await t.dataSource.query('SELECT count(*)::int AS n FROM evidence_files'))[0].n as number;
    const before = await files();
    const refused = await post().field('date', '21/12/2026').expect(303);
    expect(new URL(refused.headers.location, 'http://x').searchParams.get('loi')).toContain(
      'Ngày quyết định',
    );
    expect(await files()).toBe(before);
    await post().field('date', '2026-12-21').expect(303);
    expect(await files()).toBe(before + 1);
    const [row] = await t.dataSource.query(
      'SELECT outcome, higher_decision FROM nominees WHERE id = $1',
      [collective],
    );
    expect(row.outcome).toBe('higher_refused');
    expect(row.higher_decision).toMatchObject({
      awarded: false,
      number: '1300/QĐ-UBND',
      formName: null,
      fileId: expect.any(String),
    });
    const [{ n }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM recorded_awards WHERE decision_number = '1300/QĐ-UBND'",
    );
    expect(n).toBe(0);
    const after = await request(t.http)
      .get(`/ho-so/${dossierId}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(after.text).toContain('Cấp trên không khen thưởng');
  });

  it("lets the unit that proposed the nominee read the level above's decision file, on the API and from its page; no other unit, and not as its own evidence", async () => {
    const [{ fileId }] = await t.dataSource.query(
      'SELECT higher_decision->>\'fileId\' AS "fileId" FROM nominees WHERE id = $1',
      [person],
    );
    const pdf = await as.hungdao.get(`/api/files/${fileId}`).buffer(true).parse(binary).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    await as.daison.get(`/api/files/${fileId}`).expect(404);
    // Read, not owned: the unit cannot put it into a record of its own.
    const draft = await draftDossier(as.hungdao, ids.roundId, [
      {
        kind: 'individual',
        personId: ids.people['Nguyễn Thị Hường'],
        awardFormId: ids.forms['GK-CN'],
      },
    ]);
    const attach = await as.hungdao
      .post(`/api/dossiers/${draft.id}/documents`)
      .send({ kind: 'evidence', fileId })
      .expect(400);
    expect(attach.body.details).toEqual([
      expect.objectContaining({ field: 'fileId', code: 'unknownFile' }),
    ]);
    const cookie = await webCookie(t, 'hungdao');
    const page = await request(t.http).get(`/ho-so/${dossierId}`).set('Cookie', cookie).expect(200);
    expect(page.text).toContain(`href="/tep/${fileId}"`);
    expect(page.text).toContain('Xem quyết định');
    const inline = await request(t.http)
      .get(`/tep/${fileId}`)
      .set('Cookie', cookie)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);
    // In Chromium, at a phone's width: the link reads and works, and the page stays accessible.
    await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(t.http.address() as { port: number }).port}`;
    const browser = await launchBrowser();
    try {
      const { page } = await signInAs(browser, base, 'hungdao', 375);
      await page.goto(`${base}/ho-so/${dossierId}`);
      const link = await page.$eval(`a[href="/tep/${fileId}"]`, (a) =>
        (a as unknown as { textContent: string }).textContent.replace(/\s+/g, ' ').trim(),
      );
      // Its name for a screen reader says whose decision it is.
      expect(link).toBe('Xem quyết định của cấp trên về Nguyễn Thị Hường');
      expect(await axeViolations(page)).toEqual([]);
      expect(await overflows(page)).toBe(false);
      await screenshot(page, 'ho-so-quyet-dinh-cap-tren-375');
      await page.setViewport({ width: 1280, height: 900 });
      await page.reload({ waitUntil: 'load' });
      await screenshot(page, 'ho-so-quyet-dinh-cap-tren-1280');
      const opened = await page.goto(`${base}/tep/${fileId}`);
      expect(opened?.status()).toBe(200);
      expect(opened?.headers()['content-type']).toBe('application/pdf');
    } finally {
      await browser.close();
      t.http.close();
    }
  });

  it("shows a person's award record, ours and decided elsewhere, on the API, the page and as a PDF", async () => {
    const personId = ids.people['Nguyễn Thị Hường'];
    const ours = await issueDecision(t, as, ['Nguyễn Thị Hường']);
    const lines = (await as.noivu.get(`/api/people/${personId}/awards`).expect(200)).body;
    expect(lines).toEqual([
      expect.objectContaining({
        source: 'register',
        formName: expect.stringContaining('Giấy khen'),
        decisionNumber: ours.numberLabel,
        status: 'Còn hiệu lực',
        year: 2026,
      }),
      expect.objectContaining({
        source: 'recorded',
        decisionNumber: '1234/QĐ-UBND',
        decisionDate: '2026-12-20',
        decidedBy: 'Chủ tịch Ủy ban nhân dân tỉnh Hải Dương',
        status: null,
      }),
    ]);
    // The unit's officer reads the unit's people; another unit's does not.
    expect((await as.hungdao.get(`/api/people/${personId}/awards`).expect(200)).body).toHaveLength(
      2,
    );
    await as.daison.get(`/api/people/${personId}/awards`).expect(404);

    const pdf = (
      await as.noivu
        .get(`/api/people/${personId}/awards/pdf`)
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body as Buffer;
    const text = pdfText(pdf);
    expect(text).toContain('BẢN TỔNG HỢP THÀNH TÍCH KHEN THƯỞNG');
    expect(text).toContain('Nguyễn Thị Hường');
    expect(text).toContain('1234/QĐ-UBND');
    expect(text).toContain(ours.numberLabel);
    const [{ n }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_records WHERE action = 'award_record.print' AND target_id = $1",
      [personId],
    );
    expect(n).toBe(1);

    const cookie = await webCookie(t, 'noivu');
    const page = await request(t.http)
      .get(`/quan-tri/ca-nhan/${personId}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(page.text).toContain('Quá trình khen thưởng');
    expect(page.text).toContain('Do cấp khác quyết định');
    const printed = await request(t.http)
      .get(`/quan-tri/ca-nhan/${personId}/khen-thuong`)
      .set('Cookie', cookie)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(printed.headers['content-type']).toBe('application/pdf');
  });
});
