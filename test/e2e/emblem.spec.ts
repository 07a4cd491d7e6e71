import { PNG } from 'pngjs';
import request from 'supertest';
import { seedDemo } from '../support/actors';
import { pdfImages, pdfText } from '../support/pdf';
import { createTestApp, TestApp } from '../support/test-app';
import { binary, webCookie } from '../support/http';
import { actors, issueDecision, lookups } from '../support/workflow-fixtures';

/** A small opaque PNG standing in for the emblem. */
function emblemPng(size = 64): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([200, 20, 20, 255], i);
  return PNG.sync.write(png);
}

describe('the national emblem on the Giấy khen, from the authority’s settings', () => {
  let t: TestApp;
  let as: Awaited<ReturnType<typeof actors>>;
  let decisionId: string;

  const certificates = async () =>
    (
      await as.noivu
        .get(`/api/decisions/${decisionId}/certificates`)
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body as Buffer;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    as = await actors(t);
    const ids = await lookups(t);
    ({ id: decisionId } = await issueDecision(t, as, [
      {
        kind: 'household',
        household: 'Hộ ông Phạm Văn Sáu, thôn Nam',
        awardFormId: ids.forms['GK-HGD'],
      },
    ]));
  });
  afterAll(() => t.close());

  it('prints no emblem without one, the image once set, and none again once removed; the text unchanged', async () => {
    const plain = await certificates();
    expect(pdfImages(plain)).toEqual([0]);
    await as.admin
      .put('/api/authority/emblem')
      .attach('file', emblemPng(), 'quoc-huy.png')
      .expect(204);
    const withEmblem = await certificates();
    expect(pdfImages(withEmblem)).toEqual([1]);
    expect(pdfText(withEmblem)).toBe(pdfText(plain));
    await as.admin.delete('/api/authority/emblem').expect(204);
    expect(pdfImages(await certificates())).toEqual([0]);
    const audits = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_records WHERE action = 'authority.emblem'",
    );
    expect(audits[0].n).toBe(2);
  });

  it('refuses a file that is not a PNG or JPEG, one too large, none at all, and anyone but the admin', async () => {
    const text = await as.admin
      .put('/api/authority/emblem')
      .attach('file', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'quoc-huy.svg')
      .expect(400);
    expect(text.body.details[0]).toMatchObject({
      field: 'file',
      message: 'Ảnh Quốc huy phải là tệp PNG hoặc JPEG.',
    });
    const big = Buffer.concat([emblemPng(), Buffer.alloc(320 * 1024)]);
    const large = await as.admin
      .put('/api/authority/emblem')
      .attach('file', big, 'to.png')
      .expect(400);
    expect(large.body.details[0].message).toContain('tối đa 300 KB');
    const none = await as.admin.put('/api/authority/emblem').expect(400);
    expect(none.body.details[0].field).toBe('file');
    await as.noivu.put('/api/authority/emblem').attach('file', emblemPng(), 'q.png').expect(403);
    expect(pdfImages(await certificates())).toEqual([0]);
  });

  it('is set and removed from the settings page, which shows it', async () => {
    const cookie = await webCookie(t, 'admin');
    const page = async () =>
      (await request(t.http).get('/quan-tri/thiet-lap').set('Cookie', cookie).expect(200)).text;
    const before = await page();
    expect(before).toContain('Chưa có ảnh: Giấy khen in không có Quốc huy.');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(before)![1];
    await request(t.http)
      .post('/quan-tri/thiet-lap/anh/quoc-huy')
      .set('Cookie', cookie)
      .field('_csrf', csrf)
      .attach('file', emblemPng(), 'quoc-huy.png')
      .expect(303)
      .expect('Location', '/quan-tri/thiet-lap');
    expect(await page()).toContain('alt="Quốc huy trên Giấy khen đang dùng"');
    expect(pdfImages(await certificates())).toEqual([1]);
    await request(t.http)
      .post('/quan-tri/thiet-lap/anh/quoc-huy/xoa')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf })
      .expect(303);
    expect(await page()).toContain('Chưa có ảnh');
  });
});
