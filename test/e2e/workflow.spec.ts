import { addWorkingDays } from '../../src/calendar/working-days';
import { Dossier } from '../../src/dossiers/dossier.entity';
import { DossierWorkflowService } from '../../src/dossiers/dossier-workflow.service';
import { seedDemo } from '../support/actors';
import { ManualClock } from '../support/manual-clock';
import { createTestApp, TestApp } from '../support/test-app';
import {
  actors,
  appraiseAll,
  attachLetterAndMinutes,
  draftDossier,
  expectDerivedDataKept,
  lookups,
  NomineeSpec,
  submittedDossier,
  uploadPdf,
} from '../support/workflow-fixtures';

describe('nomination dossiers through the Home Affairs workflow', () => {
  const clock = new ManualClock('2026-11-23'); // a Monday
  let t: TestApp;
  let as: Awaited<ReturnType<typeof actors>>;
  let ids: Awaited<ReturnType<typeof lookups>>;

  beforeAll(async () => {
    t = await createTestApp({}, clock);
    await seedDemo(t);
    as = await actors(t);
    ids = await lookups(t);
  });
  afterAll(() => t.close());

  const history = async (id: string) =>
    (await t.dataSource.query(
      'SELECT action, from_status, to_status, role FROM dossier_events WHERE dossier_id = $1 ORDER BY id',
      [id],
    )) as {
      action: string;
      role: string;
    }[];

  it('takes a real dossier from draft to the chairman: supplements twice, partial results, a vote with recusal, forwarding', async () => {
    clock.set('2026-11-23');
    const p = ids.people;
    const f = ids.forms;
    const { id, nomineeIds } = await draftDossier(as.hungdao, ids.roundId, [
      { kind: 'individual', personId: p['Nguyễn Thị Hường'], awardFormId: f.CSTDCS, report: true },
      { kind: 'individual', personId: p['Trần Văn Hùng'], awardFormId: f['GK-CN'], report: true },
      { kind: 'individual', personId: p['Phạm Thị Lan'], awardFormId: f.CSTDCS, report: true },
      {
        kind: 'collective',
        collectiveUnitId: ids.hungDaoId,
        awardFormId: f['BK-CTT'],
        report: true,
      },
      {
        kind: 'household',
        household: 'Hộ ông Nguyễn Văn Tư, thôn Đông, xã Hưng Đạo',
        awardFormId: f['GK-HGD'],
      },
      { kind: 'individual', personId: p['Trần Văn Hùng'], awardFormId: f.LDTT },
    ]);
    const [huong, hung, lan, collective, household, hungLdtt] = nomineeIds;

    const incomplete = await as.hungdao.post(`/api/dossiers/${id}/submit`).send({}).expect(400);
    expect(incomplete.body.error).toBe('DOSSIER_INCOMPLETE');
    expect(incomplete.body.details.map((d: { code: string }) => d.code).sort()).toEqual([
      'missingMeetingMinutes',
      'missingProposalLetter',
    ]);
    await attachLetterAndMinutes(as.hungdao, id);

    const submitted = (await as.hungdao.post(`/api/dossiers/${id}/submit`).send({}).expect(200))
      .body;
    expect(submitted).toMatchObject({
      status: 'submitted',
      appraisalDueOn: '2026-12-07',
      statusLabel: 'Đã gửi',
    });
    expect(submitted.allowedActions).toEqual(['withdraw']);

    await as.noivu.post(`/api/dossiers/${id}/take`).send({}).expect(200);

    // First supplement: asked on Thursday 26/11 (3 working days used), answered Monday 07/12.
    clock.set('2026-11-26');
    const noItems = await as.noivu
      .post(`/api/dossiers/${id}/request-supplement`)
      .send({ comment: 'Thiếu minh chứng' })
      .expect(400);
    expect(noItems.body.details[0].field).toBe('items');
    const paused = (
      await as.noivu
        .post(`/api/dossiers/${id}/request-supplement`)
        .send({
          comment: 'Đề nghị bổ sung',
          items: ['Minh chứng sáng kiến của bà Nguyễn Thị Hường'],
        })
        .expect(200)
    ).body;
    expect(paused).toMatchObject({
      status: 'supplement_requested',
      appraisalDueOn: null,
      workingDaysUsed: 3,
    });
    expect(paused.supplementItems).toEqual(['Minh chứng sáng kiến của bà Nguyễn Thị Hường']);
    // The workflow reads a dossier with one plain statement; it must see what TypeORM sees
    // (dates, timestamps, jsonb), down to every field.
    const viaOrm = await t.dataSource.getRepository(Dossier).findOneByOrFail({ id });
    const { statusLabel: _label, allowedActions: _actions, ...stored } = paused;
    expect(stored).toEqual(JSON.parse(JSON.stringify(viaOrm)));

    clock.set('2026-12-07');
    await as.hungdao
      .post(`/api/dossiers/${id}/documents`)
      .send({ kind: 'evidence', fileId: await uploadPdf(as.hungdao, 'Minh chứng sáng kiến.pdf') })
      .expect(201);
    const noAnswer = await as.hungdao.post(`/api/dossiers/${id}/resubmit`).send({}).expect(400);
    expect(noAnswer.body.details[0].field).toBe('comment');
    const resumed = (
      await as.hungdao
        .post(`/api/dossiers/${id}/resubmit`)
        .send({ comment: 'Đã bổ sung minh chứng' })
        .expect(200)
    ).body;
    expect(resumed).toMatchObject({ status: 'under_appraisal', appraisalDueOn: '2026-12-16' });

    // Second supplement: one more working day used.
    clock.set('2026-12-08');
    await as.noivu
      .post(`/api/dossiers/${id}/request-supplement`)
      .send({ comment: 'Bổ sung lần 2', items: ['Bản chụp quyết định công nhận sáng kiến'] })
      .expect(200);
    clock.set('2026-12-09');
    const again = (
      await as.hungdao
        .post(`/api/dossiers/${id}/resubmit`)
        .send({ comment: 'Đã bổ sung lần 2' })
        .expect(200)
    ).body;
    expect(again).toMatchObject({ workingDaysUsed: 4, appraisalDueOn: '2026-12-17' });

    // Appraisal: a result for every nominee, a reason for each "not proposed".
    const partial = await as.noivu
      .post(`/api/dossiers/${id}/appraise`)
      .send({ results: [{ nomineeId: huong, result: 'proposed' }] })
      .expect(400);
    expect(partial.body.details[0]).toMatchObject({ field: 'results', code: 'missing' });
    const results = [huong, hung, lan, collective, household].map((nomineeId) => ({
      nomineeId,
      result: 'proposed',
    }));
    const noReason = await as.noivu
      .post(`/api/dossiers/${id}/appraise`)
      .send({ results: [...results, { nomineeId: hungLdtt, result: 'not_proposed' }] })
      .expect(400);
    expect(noReason.body.details[0]).toMatchObject({ field: 'results.5.reason', code: 'required' });
    await as.noivu
      .post(`/api/dossiers/${id}/appraise`)
      .send({
        results: [
          ...results,
          {
            nomineeId: hungLdtt,
            result: 'not_proposed',
            reason: 'Đã đề nghị Giấy khen, không xét trùng danh hiệu',
          },
        ],
      })
      .expect(200);

    const early = await as.noivu.post(`/api/dossiers/${id}/send-to-chairman`).send({}).expect(409);
    expect(early.body).toMatchObject({ status: 'appraised' });
    // Only what can succeed is offered: the vote comes first.
    expect(early.body.allowedActions).toEqual(['send_to_council']);

    // No active council member: nothing to vote with, and the dossier stays where it is.
    const members = "SELECT id FROM users WHERE role = 'council_member' AND active";
    const active: { id: string }[] = await t.dataSource.query(members);
    await t.dataSource.query('UPDATE users SET active = false WHERE id = ANY($1)', [
      active.map((m) => m.id),
    ]);
    const noCouncil = await as.noivu
      .post(`/api/dossiers/${id}/send-to-council`)
      .send({})
      .expect(409);
    expect(noCouncil.body.message).toBe(
      'Hội đồng Thi đua - Khen thưởng chưa có thành viên nào trong hệ thống.',
    );
    expect((await as.noivu.get(`/api/dossiers/${id}`).expect(200)).body.status).toBe('appraised');
    await t.dataSource.query('UPDATE users SET active = true WHERE id = ANY($1)', [
      active.map((m) => m.id),
    ]);

    // Council vote: hoidong2 belongs to xã Hưng Đạo and must recuse.
    await as.noivu.post(`/api/dossiers/${id}/send-to-council`).send({}).expect(200);
    const mustRecuse = await as.hoidong2
      .post(`/api/dossiers/${id}/votes`)
      .send({ nomineeId: huong, choice: 'agree' })
      .expect(409);
    expect(mustRecuse.body.details[0].code).toBe('mustRecuse');
    for (const n of [huong, lan, collective])
      await as.hoidong2
        .post(`/api/dossiers/${id}/votes`)
        .send({ nomineeId: n, choice: 'recused' })
        .expect(201);
    await as.hoidong
      .post(`/api/dossiers/${id}/votes`)
      .send({ nomineeId: huong, choice: 'agree' })
      .expect(201);
    await as.hoidong3
      .post(`/api/dossiers/${id}/votes`)
      .send({ nomineeId: huong, choice: 'agree' })
      .expect(201);
    await as.hoidong
      .post(`/api/dossiers/${id}/votes`)
      .send({ nomineeId: lan, choice: 'agree' })
      .expect(201);
    await as.hoidong3
      .post(`/api/dossiers/${id}/votes`)
      .send({ nomineeId: lan, choice: 'disagree' })
      .expect(201);
    await as.hoidong
      .post(`/api/dossiers/${id}/votes`)
      .send({ nomineeId: collective, choice: 'agree' })
      .expect(201);
    await as.hoidong3
      .post(`/api/dossiers/${id}/votes`)
      .send({ nomineeId: collective, choice: 'agree' })
      .expect(201);
    const twice = await as.hoidong
      .post(`/api/dossiers/${id}/votes`)
      .send({ nomineeId: huong, choice: 'disagree' })
      .expect(409);
    expect(twice.body.details[0].code).toBe('alreadyVoted');
    const notVoting = await as.hoidong
      .post(`/api/dossiers/${id}/votes`)
      .send({ nomineeId: hung, choice: 'agree' })
      .expect(400);
    expect(notVoting.body.details[0].field).toBe('nomineeId');
    await as.noivu
      .post(`/api/dossiers/${id}/votes`)
      .send({ nomineeId: huong, choice: 'agree' })
      .expect(403);

    await as.noivu.post(`/api/dossiers/${id}/close-vote`).send({}).expect(200);
    const late = await as.hoidong3
      .post(`/api/dossiers/${id}/votes`)
      .send({ nomineeId: lan, choice: 'agree' })
      .expect(409);
    expect(late.body.status).toBe('appraised');
    const [session] = (await as.noivu.get(`/api/dossiers/${id}/council`).expect(200)).body;
    const line = (n: string) =>
      session.minutes.lines.find((l: { nomineeId: string }) => l.nomineeId === n);
    expect(line(huong)).toMatchObject({
      eligible: 2,
      agree: 2,
      recused: 1,
      quorumMet: true,
      passed: true,
    });
    expect(line(lan)).toMatchObject({ eligible: 2, agree: 1, disagree: 1, passed: false });
    expect(session.minutes.members).toHaveLength(3);

    // The province's Bằng khen goes up; the rest waits for the chairman.
    const notForwardable = await as.noivu
      .post(`/api/dossiers/${id}/nominees/${hung}/forward`)
      .send({ reference: 'Tờ trình số 15/TTr-UBND', forwardedOn: '2026-12-10' })
      .expect(409);
    expect(notForwardable.body.error).toBe('CONFLICT');
    await as.noivu
      .post(`/api/dossiers/${id}/nominees/${collective}/forward`)
      .send({ reference: 'Tờ trình số 15/TTr-UBND', forwardedOn: '2026-12-10' })
      .expect(200);
    const waiting = (
      await as.noivu
        .post(`/api/dossiers/${id}/send-to-chairman`)
        .send({ comment: 'Kính trình Chủ tịch' })
        .expect(200)
    ).body;
    expect(waiting).toMatchObject({
      status: 'awaiting_decision',
      statusLabel: 'Chờ Chủ tịch quyết định',
    });
    const detail = (await as.noivu.get(`/api/dossiers/${id}`).expect(200)).body;
    const outcome = Object.fromEntries(
      detail.nominees.map((n: { id: string; outcome: string }) => [n.id, n.outcome]),
    );
    expect(outcome).toEqual({
      [huong]: 'awaiting_decision',
      [hung]: 'awaiting_decision',
      [household]: 'awaiting_decision',
      [lan]: 'refused',
      [hungLdtt]: 'refused',
      [collective]: 'forwarded',
    });
    const forwarded = detail.nominees.find((n: { id: string }) => n.id === collective);
    expect(forwarded).toMatchObject({
      forwardReference: 'Tờ trình số 15/TTr-UBND',
      forwardedOn: '2026-12-10',
    });
    expect((await as.chutich.get(`/api/dossiers/${id}`).expect(200)).body.allowedActions).toEqual([
      'refuse',
    ]);

    expect((await history(id)).map((h) => h.action)).toEqual([
      'create',
      'submit',
      'take',
      'request_supplement',
      'resubmit',
      'request_supplement',
      'resubmit',
      'appraise',
      'send_to_council',
      'close_vote',
      'forward_nominee',
      'send_to_chairman',
    ]);
    // The unit can read its history; another unit cannot see the dossier.
    expect((await as.hungdao.get(`/api/dossiers/${id}/history`).expect(200)).body).toHaveLength(12);
    await as.daison.get(`/api/dossiers/${id}`).expect(404);
    const notes = (await as.hungdao.get('/api/notifications?limit=100').expect(200)).body;
    expect(
      notes.items.some((n: { message: string }) => n.message.includes('Yêu cầu bổ sung')),
    ).toBe(true);
    // A step named like the status it leads to is not said twice.
    const messages: string[] = notes.items.map((n: { message: string }) => n.message);
    expect(messages.filter((m) => m.includes('Yêu cầu bổ sung → Yêu cầu bổ sung'))).toEqual([]);
    expect(
      messages.some((m) => m.startsWith('Hồ sơ "Đề nghị khen thưởng năm 2026": Yêu cầu bổ sung.')),
    ).toBe(true);
  });

  it('lets exactly one of 20 simultaneous transitions through, with one history row', async () => {
    clock.set('2026-11-24');
    const { id } = await draftDossier(as.hungdao, undefined, [
      {
        kind: 'individual',
        personId: ids.people['Phạm Thị Lan'],
        awardFormId: ids.forms['GK-CN'],
        report: true,
      },
    ]);
    await attachLetterAndMinutes(as.hungdao, id);
    await as.hungdao.post(`/api/dossiers/${id}/submit`).send({}).expect(200);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => as.noivu.post(`/api/dossiers/${id}/take`).send({})),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const lost = results.filter((r) => r.status === 409);
    expect(lost).toHaveLength(19);
    expect(lost[0].body).toMatchObject({
      status: 'under_appraisal',
      allowedActions: ['request_supplement', 'reject', 'appraise'],
    });
    expect((await history(id)).filter((h) => h.action === 'take')).toHaveLength(1);
  });

  it('takes many dossiers at once, each its own step: two takers at the same time share them out without a double', async () => {
    clock.set('2026-11-24');
    const taken: string[] = [];
    for (const person of ['Nguyễn Thị Hường', 'Trần Văn Hùng'])
      taken.push(await submittedDossier(as.hungdao, ids, person, `Hồ sơ nhận cùng lúc: ${person}`));
    const draft = (
      await as.hungdao
        .post('/api/dossiers')
        .send({ title: 'Hồ sơ còn đang soạn', commendationKind: 'ad_hoc' })
        .expect(201)
    ).body.id;
    // Bad input: named, nothing taken.
    for (const body of [{}, { dossierIds: [] }, { dossierIds: ['khong-phai-ma'] }]) {
      const bad = await as.noivu.post('/api/dossiers/take').send(body).expect(400);
      expect(bad.body.details[0].field).toMatch(/^dossierIds/);
    }
    await as.hungdao.post('/api/dossiers/take').send({ dossierIds: taken }).expect(403);
    const [first, second] = await Promise.all([
      as.noivu.post('/api/dossiers/take').send({ dossierIds: [...taken, draft] }),
      as.noivu.post('/api/dossiers/take').send({ dossierIds: [...taken].reverse() }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    // Each dossier taken once between the two; everything else refused with why.
    expect([...first.body.done, ...second.body.done].sort()).toEqual([...taken].sort());
    const refused = [...first.body.refused, ...second.body.refused];
    expect(refused).toHaveLength(3);
    // A unit's draft is not Home Affairs' to see: refused as unknown, its title not told.
    expect(refused.find((r: { id: string }) => r.id === draft)).toMatchObject({
      title: null,
      message: 'Hồ sơ không tồn tại hoặc bạn không có quyền truy cập.',
    });
    for (const id of taken) {
      expect((await history(id)).filter((h) => h.action === 'take')).toHaveLength(1);
      expect((await as.noivu.get(`/api/dossiers/${id}`).expect(200)).body.status).toBe(
        'under_appraisal',
      );
    }
  });

  it('refuses steps out of order, by the wrong role, twice, or on stale versions, changing nothing', async () => {
    clock.set('2026-11-24');
    const { id } = await draftDossier(as.hungdao, undefined, [
      {
        kind: 'household',
        household: 'Hộ bà Lê Thị Na, thôn Tây, xã Hưng Đạo',
        awardFormId: ids.forms['GK-HGD'],
      },
    ]);
    const outOfOrder = await as.noivu
      .post(`/api/dossiers/${id}/appraise`)
      .send({ results: [] })
      .expect(400);
    expect(outOfOrder.body.details[0].field).toBe('results');
    // Home Affairs does not see a unit's draft; the unit is told why a step does not apply.
    await as.noivu.post(`/api/dossiers/${id}/take`).send({}).expect(404);
    const wrongStep = await as.hungdao.post(`/api/dossiers/${id}/resubmit`).send({}).expect(409);
    expect(wrongStep.body).toMatchObject({ status: 'draft', statusLabel: 'Đang soạn' });
    expect(wrongStep.body.allowedActions).toContain('discard');
    await as.hungdao.post(`/api/dossiers/${id}/take`).send({}).expect(403);
    // The unit looked at the dossier, then a colleague attached the letter: any change
    // to a dossier's contents moves its version, so a step taken on the old view is refused.
    const seen = (await as.hungdao.get(`/api/dossiers/${id}`).expect(200)).body.version;
    await as.hungdao
      .post(`/api/dossiers/${id}/documents`)
      .send({ kind: 'proposal_letter', fileId: await uploadPdf(as.hungdao, 'Tờ trình.pdf') })
      .expect(201);
    const stale = await as.hungdao
      .post(`/api/dossiers/${id}/submit`)
      .send({ version: seen })
      .expect(409);
    expect(stale.body.details[0]).toMatchObject({ field: 'version', code: 'stale' });
    expect(stale.body.version).toBe(seen + 1);
    await as.hungdao.post(`/api/dossiers/${id}/submit`).send({}).expect(200);
    const second = await as.hungdao.post(`/api/dossiers/${id}/submit`).send({}).expect(409);
    expect(second.body).toMatchObject({ status: 'submitted', allowedActions: ['withdraw'] });
    const edit = await as.hungdao
      .post(`/api/dossiers/${id}/nominees`)
      .send({
        kind: 'household',
        household: 'Hộ khác thêm sau',
        awardFormId: ids.forms['GK-HGD'],
        achievementSummary: 'Thêm sau khi đã gửi hồ sơ',
      })
      .expect(409);
    expect(edit.body.status).toBe('submitted');
    await as.hungdao.post(`/api/dossiers/${id}/withdraw`).send({}).expect(200);
    expect((await history(id)).map((h) => h.action)).toEqual(['create', 'submit', 'withdraw']);
    // It leaves Home Affairs' queue: they are told, as they were told it came.
    const told = (await as.noivu.get('/api/notifications?limit=100').expect(200)).body.items
      .filter((n: { dossierId: string }) => n.dossierId === id)
      .map((n: { message: string }) => n.message);
    expect(told).toEqual([
      expect.stringContaining('Rút hồ sơ → Đơn vị đã rút.'),
      expect.stringContaining('Gửi hồ sơ → Đã gửi.'),
    ]);
  });

  it('refuses nominees of another unit, the same person twice for a form in a round, and documents of another dossier', async () => {
    clock.set('2026-11-24');
    await draftDossier(as.hungdao, ids.roundId, [
      { kind: 'individual', personId: ids.people['Trần Thị Thu'], awardFormId: ids.forms.LDTT },
    ]);
    const second = (
      await as.hungdao
        .post('/api/dossiers')
        .send({ title: 'Hồ sơ thứ hai cùng đợt', commendationKind: 'annual', roundId: ids.roundId })
        .expect(201)
    ).body;
    const add = (body: Record<string, unknown>) =>
      as.hungdao
        .post(`/api/dossiers/${second.id}/nominees`)
        .send({ achievementSummary: 'Thành tích tiêu biểu trong năm 2026', ...body });
    const other = await add({
      kind: 'individual',
      personId: ids.people['Vũ Đức Thắng'],
      awardFormId: ids.forms['GK-CN'],
    }).expect(400);
    expect(other.body.details[0]).toMatchObject({ field: 'personId', code: 'unknownPerson' });
    const twice = await add({
      kind: 'individual',
      personId: ids.people['Trần Thị Thu'],
      awardFormId: ids.forms.LDTT,
    }).expect(409);
    expect(twice.body.details[0]).toMatchObject({ field: 'personId', code: 'duplicate' });
    // A nominee added then removed leaves the dossier listed under no form.
    const added = (
      await add({
        kind: 'household',
        household: 'Hộ ông Đỗ Văn Bình, thôn Đông',
        awardFormId: ids.forms['GK-HGD'],
      }).expect(201)
    ).body;
    const byForm = async () =>
      (
        await as.hungdao
          .get(`/api/dossiers?awardFormId=${ids.forms['GK-HGD']}&limit=100`)
          .expect(200)
      ).body.items.map((d: { id: string }) => d.id);
    expect(await byForm()).toContain(second.id);
    await as.hungdao.delete(`/api/dossiers/${second.id}/nominees/${added.id}`).expect(204);
    expect(await byForm()).not.toContain(second.id);
    const wrongKind = await add({ kind: 'collective', awardFormId: ids.forms.LDTT }).expect(400);
    expect(wrongKind.body.details[0]).toMatchObject({
      field: 'awardFormId',
      code: 'recipientKind',
    });
    const [{ file_id: usedFile }] = await t.dataSource.query(
      'SELECT file_id FROM dossier_documents d JOIN dossiers x ON x.id = d.dossier_id WHERE x.unit_id = $1 LIMIT 1',
      [ids.hungDaoId],
    );
    const reused = await as.hungdao
      .post(`/api/dossiers/${second.id}/documents`)
      .send({ kind: 'evidence', fileId: usedFile })
      .expect(400);
    expect(reused.body.details[0]).toMatchObject({ field: 'fileId', code: 'otherDossier' });
    const foreign = await as.hungdao
      .post(`/api/dossiers/${second.id}/documents`)
      .send({ kind: 'evidence', fileId: await uploadPdf(as.daison, 'Của Đại Sơn.pdf') })
      .expect(400);
    expect(foreign.body.details[0]).toMatchObject({ field: 'fileId', code: 'unknownFile' });
  });

  it('counts the appraisal deadline in working days across Tết, and warns when it is near or passed', async () => {
    clock.set('2026-02-12'); // Thursday before Tết Bính Ngọ
    const { id } = await draftDossier(
      as.hungdao,
      undefined,
      [
        {
          kind: 'household',
          household: 'Hộ ông Đỗ Văn Tết, thôn Bắc, xã Hưng Đạo',
          awardFormId: ids.forms['GK-HGD'],
        },
      ],
      'Khen thưởng đột xuất dịp Tết',
    );
    await as.hungdao
      .post(`/api/dossiers/${id}/documents`)
      .send({
        kind: 'proposal_letter',
        fileId: await uploadPdf(as.hungdao, 'Tờ trình đột xuất.pdf'),
      })
      .expect(201);
    const submitted = (await as.hungdao.post(`/api/dossiers/${id}/submit`).send({}).expect(200))
      .body;
    // 13/02 is day 1; Tết runs 14/02-22/02; day 10 is Thursday 05/03.
    expect(submitted.appraisalDueOn).toBe('2026-03-05');
    expect(submitted.appraisalDueOn).toBe(
      addWorkingDays(
        '2026-02-12',
        10,
        new Set(
          (await as.admin.get('/api/holidays?year=2026').expect(200)).body.map(
            (h: { date: string }) => h.date,
          ),
        ),
      ),
    );

    clock.set('2026-03-03');
    const soon = (await as.noivu.get('/api/dossiers?dueSoon=true&limit=100').expect(200)).body;
    expect(soon.items.map((d: { id: string }) => d.id)).toContain(id);
    const workflow = t.app.get(DossierWorkflowService);
    expect(await workflow.notifyDueSoon()).toBeGreaterThanOrEqual(1);
    expect(await workflow.notifyDueSoon()).toBe(0);
    const warned = (await as.noivu.get('/api/notifications?unread=true&limit=100').expect(200))
      .body;
    expect(
      warned.items.some((n: { message: string }) =>
        n.message.includes('sắp đến hạn thẩm định (05/03/2026)'),
      ),
    ).toBe(true);

    clock.set('2026-03-06');
    const overdue = (await as.noivu.get('/api/dossiers?overdue=true&limit=100').expect(200)).body;
    expect(overdue.items.find((d: { id: string }) => d.id === id)).toMatchObject({ overdue: true });
  });

  it('gives Home Affairs a filtered, sorted, paginated queue with counts per status, and units only their own', async () => {
    const queue = (
      await as.noivu.get(`/api/dossiers?awardFormId=${ids.forms.CSTDCS}&limit=5`).expect(200)
    ).body;
    expect(
      queue.items.every((d: { unit: { name: string } }) => d.unit.name === 'UBND xã Hưng Đạo'),
    ).toBe(true);
    expect(queue.counts).toMatchObject({ awaiting_decision: 1 });
    // Any other filter counts its own rows.
    const [{ n: withForm }] = await t.dataSource.query(
      'SELECT count(DISTINCT dossier_id)::int AS n FROM nominees WHERE award_form_id = $1',
      [ids.forms.CSTDCS],
    );
    expect(queue.total).toBe(withForm);
    const inScope = Object.values(queue.counts as Record<string, number>).reduce((a, b) => a + b);
    expect(queue.total).toBeLessThan(inScope);
    const submitted = (await as.noivu.get('/api/dossiers?status=submitted&limit=1').expect(200))
      .body.items[0];
    expect(submitted.allowedActions).toEqual(['take']);
    const all = (await as.noivu.get('/api/dossiers?limit=100').expect(200)).body;
    const total = Object.values(all.counts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(total).toBe(all.total);
    const page = (
      await as.noivu.get('/api/dossiers?limit=2&offset=0&sort=updatedAt&order=desc').expect(200)
    ).body;
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(all.total);
    expect((await as.daison.get('/api/dossiers').expect(200)).body.total).toBe(0);
    const bad = await as.noivu.get('/api/dossiers?status=xong').expect(400);
    expect(bad.body.details[0].field).toBe('status');
    // Status-only lists take their total from the kept counts; it must be the true one.
    const submittedList = (await as.noivu.get('/api/dossiers?status=submitted').expect(200)).body;
    expect(submittedList.total).toBe(
      Number(
        (
          await t.dataSource.query(
            "SELECT count(*) AS n FROM dossiers d JOIN authorities a ON a.id = d.authority_id WHERE a.code = 'tu-ky' AND d.status = 'submitted'",
          )
        )[0].n,
      ),
    );
    await expectDerivedDataKept(t);
  });

  it("keeps a unit's draft its own: staff neither list, count, export nor open it", async () => {
    const title = 'Hồ sơ Đại Sơn còn đang soạn';
    const draft = (
      await as.daison.post('/api/dossiers').send({ title, commendationKind: 'ad_hoc' }).expect(201)
    ).body.id;
    const theirs = (await as.daison.get('/api/dossiers').expect(200)).body;
    expect(theirs.items.map((d: { id: string }) => d.id)).toEqual([draft]);
    expect(theirs.counts).toEqual({ draft: 1 });
    await as.daison.get(`/api/dossiers/${draft}`).expect(200);
    for (const staff of [as.noivu, as.hoidong, as.chutich, as.admin]) {
      const queue = (await staff.get('/api/dossiers?limit=100').expect(200)).body;
      expect(queue.items.map((d: { id: string }) => d.id)).not.toContain(draft);
      expect(queue.counts.draft).toBeUndefined();
      await staff.get(`/api/dossiers/${draft}`).expect(404);
    }
    const drafts = (await as.noivu.get('/api/dossiers?status=draft').expect(200)).body;
    expect(drafts).toMatchObject({ items: [], total: 0 });
    const csv = (await as.noivu.get('/api/dossiers/export?format=csv').expect(200)).text;
    expect(csv).toContain('Hồ sơ');
    expect(csv).not.toContain(title);
    await as.noivu.post(`/api/dossiers/${draft}/take`).send({}).expect(404);
    expect((await as.daison.get(`/api/dossiers/${draft}`).expect(200)).body.status).toBe('draft');
    // Never sent, it is cancelled, not withdrawn, and stays the unit's.
    const wrong = await as.daison.post(`/api/dossiers/${draft}/withdraw`).send({}).expect(409);
    expect(wrong.body.allowedActions).toEqual(['submit', 'discard']);
    const discarded = await as.daison.post(`/api/dossiers/${draft}/discard`).send({}).expect(200);
    expect(discarded.body).toMatchObject({ status: 'discarded', allowedActions: [] });
    const after = (await as.daison.get('/api/dossiers?status=discarded').expect(200)).body;
    expect(after.items.map((d: { id: string }) => d.id)).toEqual([draft]);
    expect(after.counts).toEqual({ discarded: 1 });
    for (const staff of [as.noivu, as.admin]) {
      const queue = (await staff.get('/api/dossiers?limit=100').expect(200)).body;
      expect(queue.items.map((d: { id: string }) => d.id)).not.toContain(draft);
      expect(queue.counts.discarded).toBeUndefined();
      await staff.get(`/api/dossiers/${draft}`).expect(404);
    }
    expect((await as.noivu.get('/api/dossiers?status=discarded').expect(200)).body.total).toBe(0);
    const steps = (await as.daison.get(`/api/dossiers/${draft}`).expect(200)).body.history;
    expect(steps.map((h: { action: string; toLabel: string }) => [h.action, h.toLabel])).toEqual([
      ['create', 'Đang soạn'],
      ['discard', 'Đã hủy (chưa gửi)'],
    ]);
  });

  it("keeps a draft's documents its unit's own until the unit sends it", async () => {
    const { id, nomineeIds } = await draftDossier(
      as.daison,
      undefined,
      [
        {
          kind: 'individual',
          personId: ids.people['Vũ Đức Thắng'],
          awardFormId: ids.forms['GK-CN'],
          report: true,
        },
      ],
      'Đại Sơn: tài liệu chưa gửi',
    );
    expect(nomineeIds).toHaveLength(1);
    await attachLetterAndMinutes(as.daison, id);
    const documents = (await as.daison.get(`/api/dossiers/${id}`).expect(200)).body.documents as {
      fileId: string;
    }[];
    expect(documents).toHaveLength(3);
    const staff = [as.noivu, as.hoidong, as.chutich, as.admin];
    for (const { fileId } of documents) {
      await as.daison.get(`/api/files/${fileId}`).expect(200);
      for (const reader of staff) await reader.get(`/api/files/${fileId}`).expect(404);
    }
    await as.daison.post(`/api/dossiers/${id}/submit`).send({}).expect(200);
    for (const { fileId } of documents) {
      for (const reader of staff) {
        const file = await reader.get(`/api/files/${fileId}`).expect(200);
        expect(file.headers['content-type']).toBe('application/pdf');
      }
    }
  });

  it('refuses a nominee beyond a quota the authority set, citing the document that sets it; no quota without one', async () => {
    const form = ids.forms['GK-CN'];
    const bare = await as.admin
      .patch(`/api/award-forms/${form}`)
      .send({ quotaPerUnit: 1 })
      .expect(400);
    expect(bare.body.details[0]).toMatchObject({ field: 'quotaCitation', code: 'required' });
    const citation =
      'Hướng dẫn số 05/HD-HĐTĐKT ngày 10/01/2026 của Hội đồng Thi đua - Khen thưởng huyện';
    await as.admin
      .patch(`/api/award-forms/${form}`)
      .send({ quotaPerUnit: 1, quotaCitation: citation })
      .expect(200);
    const { id } = await draftDossier(as.daison, ids.roundId, [
      { kind: 'individual', personId: ids.people['Vũ Đức Thắng'], awardFormId: form },
    ]);
    const [{ id: unitPerson }] = await t.dataSource.query(
      "INSERT INTO people (authority_id, unit_id, full_name, search_name, gender, birth_year) SELECT authority_id, unit_id, 'Lò Văn Pao', 'lo van pao', gender, 1990 FROM people WHERE full_name = 'Vũ Đức Thắng' RETURNING id",
    );
    const over = await as.daison
      .post(`/api/dossiers/${id}/nominees`)
      .send({
        kind: 'individual',
        personId: unitPerson,
        awardFormId: form,
        achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ được giao trong năm.',
      })
      .expect(409);
    expect(over.body.message).toBe(
      `Đơn vị đã đề nghị đủ chỉ tiêu 1 cho hình thức "Giấy khen của Chủ tịch Ủy ban nhân dân huyện (cá nhân)" trong đợt này (${citation}).`,
    );
    await as.admin
      .patch(`/api/award-forms/${form}`)
      .send({ quotaPerUnit: null, quotaCitation: null })
      .expect(200);
  });
  it('sends many appraised dossiers on at once, to the chairman or the council, naming those not at that step', async () => {
    clock.set('2026-11-24');
    const appraised = async (nominee: NomineeSpec, title: string) => {
      const { id, nomineeIds } = await draftDossier(as.hungdao, ids.roundId, [nominee], title);
      await attachLetterAndMinutes(as.hungdao, id);
      await as.hungdao.post(`/api/dossiers/${id}/submit`).send({}).expect(200);
      await appraiseAll(as, id, nomineeIds);
      return id;
    };
    const giayKhen = (person: string): NomineeSpec => ({
      kind: 'individual',
      personId: ids.people[person],
      awardFormId: ids.forms['GK-CN'],
      report: true,
    });
    const toChairman = await appraised(giayKhen('Nguyễn Thị Hường'), 'Trình cùng lúc: Hường');
    const toChairmanToo = await appraised(giayKhen('Phạm Thị Lan'), 'Trình cùng lúc: Lan');
    // Chiến sĩ thi đua cơ sở needs the council's vote.
    const toCouncil = await appraised(
      {
        kind: 'individual',
        personId: ids.people['Trần Văn Hùng'],
        awardFormId: ids.forms['CSTDCS'],
        report: true,
      },
      'Trình cùng lúc: Hùng',
    );
    await as.hungdao
      .post('/api/dossiers/send-to-chairman')
      .send({ dossierIds: [toChairman] })
      .expect(403);
    const bad = await as.noivu.post('/api/dossiers/send-to-council').send({}).expect(400);
    expect(bad.body.details[0].field).toMatch(/^dossierIds/);
    const chairman = await as.noivu
      .post('/api/dossiers/send-to-chairman')
      .send({ dossierIds: [toChairman, toChairmanToo, toCouncil] })
      .expect(200);
    expect(chairman.body).toEqual({
      done: [toChairman, toChairmanToo],
      refused: [
        {
          id: toCouncil,
          title: 'Trình cùng lúc: Hùng',
          message: expect.stringContaining('Còn đối tượng cần Hội đồng bỏ phiếu'),
        },
      ],
    });
    const council = await as.noivu
      .post('/api/dossiers/send-to-council')
      .send({ dossierIds: [toCouncil, toChairman] })
      .expect(200);
    expect(council.body).toEqual({
      done: [toCouncil],
      refused: [
        {
          id: toChairman,
          title: 'Trình cùng lúc: Hường',
          message: expect.stringContaining('Không thể "Trình Hội đồng bỏ phiếu"'),
        },
      ],
    });
    const statuses = await Promise.all(
      [toChairman, toChairmanToo, toCouncil].map(
        async (id) => (await as.noivu.get(`/api/dossiers/${id}`).expect(200)).body.status,
      ),
    );
    expect(statuses).toEqual(['awaiting_decision', 'awaiting_decision', 'council_voting']);
    expect((await history(toCouncil)).filter((h) => h.action === 'send_to_council')).toHaveLength(
      1,
    );
  });
});
