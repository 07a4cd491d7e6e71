import request from 'supertest';
import { seedDemo } from '../support/actors';
import { binary, webCookie } from '../support/http';
import { ManualClock } from '../support/manual-clock';
import { pdfText } from '../support/pdf';
import { createTestApp, TestApp } from '../support/test-app';
import { actors, awaitingChairman, issueDecision, lookups } from '../support/workflow-fixtures';

/** Publicity: lists published for opinion, the public's opinions, the public list of decisions. */
describe('publicity: nominees published for opinion and decisions listed for everyone', () => {
  const clock = new ManualClock('2026-11-23');
  let t: TestApp;
  let as: Awaited<ReturnType<typeof actors>>;
  let ids: Awaited<ReturnType<typeof lookups>>;
  let publicationId: string;
  let birthYear: number;
  let position: string;

  const anonymous = () => request(t.http);
  const opinions = async () =>
    (
      await t.dataSource.query(
        'SELECT count(*)::int AS n FROM public_opinions WHERE publication_id = $1',
        [publicationId],
      )
    )[0].n as number;

  beforeAll(async () => {
    t = await createTestApp({ OPINION_RATE_PER_HOUR: '10' }, clock);
    await seedDemo(t);
    as = await actors(t);
    ids = await lookups(t);
    // Nguyễn Thị Hường awaits the chairman's decision.
    await awaitingChairman(t, as);
    [{ birth_year: birthYear, position }] = await t.dataSource.query(
      'SELECT birth_year, position FROM people WHERE id = $1',
      [ids.people['Nguyễn Thị Hường']],
    );
  });
  afterAll(() => t.close());

  it('publishes only while the authority has publicity switched on', async () => {
    await as.admin
      .patch('/api/authority')
      .send({ publishNominees: false, publishDecisions: false })
      .expect(200);
    const off = await as.noivu
      .post('/api/publications')
      .send({ title: 'Công khai danh sách dự kiến khen thưởng', days: 5 })
      .expect(409);
    expect(off.body.message).toContain('chưa bật công khai');
    await anonymous().get('/api/public/tu-ky').expect(404);
    await anonymous().get('/cong-khai/tu-ky').expect(404);
    await as.admin.patch('/api/authority').send({ publishNominees: true }).expect(200);
  });

  it('publishes the nominees awaiting a decision with their name, unit, form and achievement only', async () => {
    const bad = await as.noivu
      .post('/api/publications')
      .send({ title: 'Công khai danh sách', days: 40 })
      .expect(400);
    expect(bad.body.details[0].field).toBe('days');
    const past = await as.noivu
      .post('/api/publications')
      .send({ title: 'Công khai danh sách', days: 5, startsOn: '2026-11-01' })
      .expect(400);
    expect(past.body.details[0].field).toBe('startsOn');
    await as.hungdao.post('/api/publications').send({ title: 'Công khai', days: 5 }).expect(403);

    const created = (
      await as.noivu
        .post('/api/publications')
        .send({ title: 'Công khai danh sách dự kiến khen thưởng đột xuất', days: 5 })
        .expect(201)
    ).body;
    publicationId = created.id;
    expect(created).toMatchObject({ startsOn: '2026-11-23', endsOn: '2026-11-27' });
    expect(created.entries).toHaveLength(1);
    expect(Object.keys(created.entries[0]).sort()).toEqual(
      ['achievement', 'formName', 'kind', 'name', 'unitName'].sort(),
    );
    expect(created.entries[0]).toMatchObject({
      name: 'Nguyễn Thị Hường',
      unitName: expect.stringContaining('Hưng Đạo'),
    });
    const [{ n }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_records WHERE action = 'publication.create' AND target_id = $1",
      [publicationId],
    );
    expect(n).toBe(1);
  });

  it('publishes every awaiting nominee in one read, and refuses rather than cut a list past 5,000', async () => {
    // 5,000 more awaiting nominees beside Nguyễn Thị Hường (copies of her nomination).
    const copies = (count: number) =>
      t.dataSource.query(
        `INSERT INTO nominees (dossier_id, round_id, kind, person_id, display_name, award_form_id, achievement_summary, outcome)
         SELECT dossier_id, round_id, kind, person_id, 'Người công khai ' || lpad(g::text, 4, '0'), award_form_id,
                achievement_summary, outcome
           FROM nominees, generate_series(1, $1) g WHERE outcome = 'awaiting_decision' AND display_name = 'Nguyễn Thị Hường'
         RETURNING id`,
        [count],
      );
    const added: { id: string }[] = [...(await copies(4999))];
    try {
      const full = (
        await as.noivu
          .post('/api/publications')
          .send({ title: 'Công khai danh sách đầy đủ', days: 5 })
          .expect(201)
      ).body;
      expect(full.entries).toHaveLength(5000);
      expect(new Set(full.entries.map((e: { name: string }) => e.name)).size).toBe(5000);
      added.push(...(await copies(1)));
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM publications');
      const over = await as.noivu
        .post('/api/publications')
        .send({ title: 'Công khai danh sách quá dài', days: 5 })
        .expect(409);
      expect(over.body.message).toContain('Có hơn 5.000 đối tượng đang chờ quyết định');
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM publications')).toEqual(
        before,
      );
      await as.noivu.post(`/api/publications/${full.id}/withdraw`).expect(200);
    } finally {
      await t.dataSource.query('DELETE FROM nominees WHERE id = ANY($1)', [added.map((a) => a.id)]);
    }
  });

  it('shows the list to every visitor alike, with nothing personal beyond names', async () => {
    const api = await anonymous()
      .get(`/api/public/tu-ky/publications/${publicationId}`)
      .expect(200);
    expect(api.body.entries[0]).toMatchObject({ number: 1, name: 'Nguyễn Thị Hường' });
    const page = await anonymous().get(`/cong-khai/tu-ky/danh-sach/${publicationId}`).expect(200);
    const signedIn = await anonymous()
      .get(`/cong-khai/tu-ky/danh-sach/${publicationId}`)
      .set('Cookie', await webCookie(t, 'noivu'))
      .expect(200);
    expect(signedIn.text).toBe(page.text);
    expect(page.headers['cache-control']).toBe('public, max-age=60');
    expect(page.text).toContain('Nguyễn Thị Hường');
    expect(page.text).not.toContain(String(birthYear));
    expect(page.text).not.toContain(position);
    const home = await anonymous().get('/cong-khai/tu-ky').expect(200);
    expect(home.text).toContain(`/cong-khai/tu-ky/danh-sach/${publicationId}`);
    // Decisions are not published yet.
    expect(home.text).not.toContain('/cong-khai/tu-ky/quyet-dinh');
    await anonymous().get('/api/public/tu-ky/decisions').expect(404);
  });

  it('takes an opinion without sign-in, tells Home Affairs, and refuses links, markup and overlong text', async () => {
    const path = `/api/public/tu-ky/publications/${publicationId}/opinions`;
    for (const [body, field] of [
      [{ content: 'Xem thêm tại https://example.com nhé' }, 'content'],
      [{ content: 'Ý kiến có <script>alert(1)</script>' }, 'content'],
      [{ content: 'ngắn' }, 'content'],
      [{ content: 'x'.repeat(2001) }, 'content'],
      [{ content: 'Ý kiến về đối tượng không có', entry: 9 }, 'entry'],
      [{ content: 'Ý kiến hợp lệ nhưng liên hệ sai', contact: '<b>' }, 'contact'],
    ] as const) {
      const res = await anonymous().post(path).send(body).expect(400);
      expect(res.body.details[0].field).toBe(field);
    }
    expect(await opinions()).toBe(0);
    const sent = await anonymous()
      .post(path)
      .send({
        content: 'Chị Hường đã có nhiều đóng góp cho chuyển đổi số của xã, tôi đồng ý.',
        senderName: 'Trần Văn Bình',
        contact: 'binh@example.com',
        entry: 1,
      })
      .expect(201);
    expect(sent.body.id).toBeDefined();
    const [stored] = await t.dataSource.query(
      'SELECT entry_index, sender_name, contact FROM public_opinions WHERE id = $1',
      [sent.body.id],
    );
    expect(stored).toEqual({
      entry_index: 0,
      sender_name: 'Trần Văn Bình',
      contact: 'binh@example.com',
    });
    const [audit] = await t.dataSource.query(
      "SELECT actor_id, role FROM audit_records WHERE action = 'publication.opinion' AND target_id = $1",
      [publicationId],
    );
    expect(audit).toEqual({ actor_id: null, role: 'public' });
    const notes = (await as.noivu.get('/api/notifications?limit=5').expect(200)).body.items;
    expect(notes[0].message).toContain('Có ý kiến mới về Nguyễn Thị Hường');
    const detail = (await as.noivu.get(`/api/publications/${publicationId}`).expect(200)).body;
    expect(detail.opinions).toHaveLength(1);
  });

  it('takes an opinion from the page, shows a refusal beside its field, and limits each address', async () => {
    const path = `/cong-khai/tu-ky/danh-sach/${publicationId}`;
    const refused = await anonymous()
      .post(path)
      .type('form')
      .send({ content: 'Xem www.example.vn', entry: '' })
      .expect(200);
    expect(refused.text).toContain('không chứa đường dẫn');
    expect(refused.text).toContain('aria-invalid="true"');
    expect(refused.text).toContain('Xem www.example.vn');
    await anonymous()
      .post(path)
      .type('form')
      .send({ content: 'Tôi đồng ý với danh sách này.', entry: '' })
      .expect(303)
      .expect('Location', `${path}?da-gui=1#y-kien`);
    expect(await opinions()).toBe(2);
    // 10 attempts per hour per address (this test app's setting), refused ones included:
    // 6 refused and 1 taken above, 2 here, so one more is taken and the next refused.
    await anonymous()
      .post(path)
      .type('form')
      .send({ content: 'Một ý kiến nữa về danh sách.' })
      .expect(303);
    await anonymous()
      .post(`/api/public/tu-ky/publications/${publicationId}/opinions`)
      .send({ content: 'Thêm một ý kiến nữa, quá giới hạn.' })
      .expect(429);
    expect(await opinions()).toBe(3);
  });

  it('gives Home Affairs its page of lists and opinions, and withdraws a list once', async () => {
    const cookie = await webCookie(t, 'noivu');
    const list = await anonymous().get('/quan-tri/cong-khai').set('Cookie', cookie).expect(200);
    expect(list.text).toContain('Công khai danh sách dự kiến khen thưởng đột xuất');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(list.text)![1];
    // A second list from the form: it opens on its own page.
    const made = await anonymous()
      .post('/quan-tri/cong-khai')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, title: 'Công khai lần hai', days: '3', startsOn: '', roundId: '' })
      .expect(303);
    expect(made.headers.location).toMatch(/^\/quan-tri\/cong-khai\/[0-9a-f-]{36}$/);
    const detail = await anonymous()
      .get(`/quan-tri/cong-khai/${publicationId}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(detail.text).toContain('Ý kiến đã nhận (3)');
    expect(detail.text).toContain('Trần Văn Bình');
    await anonymous()
      .post(`/quan-tri/cong-khai/${publicationId}/go`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf })
      .expect(303);
    await anonymous().get(`/api/public/tu-ky/publications/${publicationId}`).expect(404);
    const twice = await as.noivu.post(`/api/publications/${publicationId}/withdraw`).expect(409);
    expect(twice.body.message).toContain('đã được gỡ');
    expect(await opinions()).toBe(3);
    // The second list closes by itself after its last day.
    const second = made.headers.location.split('/').pop()!;
    await anonymous().get(`/cong-khai/tu-ky/danh-sach/${second}`).expect(200);
    clock.set('2026-11-26');
    await anonymous().get(`/cong-khai/tu-ky/danh-sach/${second}`).expect(404);
    clock.set('2026-11-23');
  });

  it('lists the issued decisions with their PDFs once the authority publishes them', async () => {
    const issued = await issueDecision(t, as, ['Nguyễn Thị Hường']);
    await as.admin.patch('/api/authority').send({ publishDecisions: true }).expect(200);
    const api = (await anonymous().get('/api/public/tu-ky/decisions').expect(200)).body;
    expect(api.page.items).toEqual([
      expect.objectContaining({ id: issued.id, numberLabel: issued.numberLabel, awardees: 1 }),
    ]);
    const page = await anonymous().get('/cong-khai/tu-ky/quyet-dinh').expect(200);
    expect(page.text).toContain(issued.numberLabel);
    const pdf = await anonymous()
      .get(`/cong-khai/tu-ky/quyet-dinh/${issued.id}`)
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', 'application/pdf');
    expect(pdfText(pdf.body)).toContain('QUYẾT ĐỊNH');
    // A draft is never public.
    const id = await awaitingChairman(
      t,
      as,
      ['Nguyễn Thị Hường'],
      'Đề nghị khen thưởng đột xuất lần hai',
    );
    const draft = (
      await as.chutich
        .post('/api/decisions')
        .send({ dossierIds: [id] })
        .expect(201)
    ).body;
    await anonymous().get(`/api/public/tu-ky/decisions/${draft.id}/pdf`).expect(404);
    await as.chutich.get(`/api/decisions/${draft.id}/pdf`).expect(200);
    await anonymous().get('/api/public/khong-co/decisions').expect(404);
  });
});
