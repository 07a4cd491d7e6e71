import { printedCertificate } from '../../src/decisions/certificates.service';
import request from 'supertest';
import { PdfRenderer } from '../../src/documents/pdf-renderer.service';
import { TemplatesService } from '../../src/documents/templates.service';
import { api, seedDemo, tokenFor } from '../support/actors';
import { ADMIN_URL_ENV, withAdminClient } from '../support/test-database';
import { createTestApp, TestApp } from '../support/test-app';

/** Faults: the database going away under the running app. */
describe('faults: the database connection is lost', () => {
  let t: TestApp;
  const admin = <T>(fn: Parameters<typeof withAdminClient<T>>[1]) =>
    withAdminClient(process.env[ADMIN_URL_ENV]!, fn);

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
  });
  afterAll(async () => {
    await admin((c) => c.query(`ALTER DATABASE "${t.databaseName}" ALLOW_CONNECTIONS true`));
    await t.close();
  });

  it('answers 503 with Retry-After while it is unreachable, keeps every session, and recovers by itself', async () => {
    const token = await tokenFor(t, 'noivu');
    const noivu = api(t, token);
    await noivu.get('/api/dossiers').expect(200);

    // Cut the app off: its connections are terminated and new ones refused.
    await admin(async (c) => {
      await c.query(`ALTER DATABASE "${t.databaseName}" ALLOW_CONNECTIONS false`);
      await c.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [t.databaseName],
      );
    });
    for (const url of ['/api/dossiers', '/api/auth/me', '/api/units']) {
      const res = await noivu.get(url).expect(503);
      expect(res.body).toMatchObject({ statusCode: 503, error: 'DATABASE_UNAVAILABLE' });
      expect(res.body.message).toContain('phiên đăng nhập của bạn vẫn được giữ');
      expect(res.body.requestId).toEqual(expect.any(String));
      expect(res.headers['retry-after']).toBe('10');
    }
    const login = await request(t.http)
      .post('/api/auth/login')
      .send({ username: 'noivu', password: 'ThiDua@2025' })
      .expect(503);
    expect(login.body.error).toBe('DATABASE_UNAVAILABLE');
    const health = await request(t.http).get('/health').expect(503);
    expect(health.body.health.error.database.status).toBe('down');

    // Back again: the same session works, nothing was revoked.
    await admin((c) => c.query(`ALTER DATABASE "${t.databaseName}" ALLOW_CONNECTIONS true`));
    await noivu.get('/api/dossiers').expect(200);
    await request(t.http).get('/health').expect(200);
    const [{ revoked }] = await t.dataSource.query(
      `SELECT count(*)::int AS revoked FROM sessions WHERE revoked_at IS NOT NULL`,
    );
    expect(revoked).toBe(0);
  });
});

/** Faults: the browser dying under a batch. */
describe('faults: Chromium crashes mid-batch', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const snapshot = {
    issuingBody: 'ỦY BAN NHÂN DÂN HUYỆN TỨ KỲ',
    chairmanTitle: 'CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TỨ KỲ',
    authorityName: 'Ủy ban nhân dân huyện Tứ Kỳ',
    placeName: 'Tứ Kỳ',
    awardeeName: 'Nguyễn Thị Hường',
    unitName: 'UBND xã Hưng Đạo',
    recipientKind: 'individual',
    awardFormName: 'Giấy khen',
    achievement: 'Đã có thành tích xuất sắc',
    decisionNumber: '01/QĐ-UBND',
    decisionDate: '2026-12-14',
    registerNumber: '1/2026',
    signerLines: ['CHỦ TỊCH'],
    signerName: 'Phạm Văn Quang',
    verifyUrl: 'https://example.invalid/verify/x',
    correction: null,
  };
  const html = (n: number) =>
    t.app.get(TemplatesService).render('certificate', {
      certificates: Array.from({ length: n }, (_, i) => {
        const one = { ...snapshot, awardeeName: `Người thứ ${i + 1}` };
        return { snapshot: one, printed: printedCertificate(one as never), qrSvg: '' };
      }),
    });

  it('renders again on a new browser a document in flight when Chromium crashes, at once, and keeps serving', async () => {
    const renderer = t.app.get(PdfRenderer);
    expect((await renderer.render(html(1), { landscape: true })).subarray(0, 4).toString()).toBe(
      '%PDF',
    );
    const pid = (await renderer.browserPid())!;
    expect(pid).toBeGreaterThan(0);
    const batch = renderer.render(html(400), { landscape: true });
    await new Promise((r) => setTimeout(r, 300));
    const killed = Date.now();
    process.kill(pid, 'SIGKILL');
    const pdf = await batch;
    const waited = Date.now() - killed;
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    // Rendered again at once, not after puppeteer's protocol timeout (minutes).
    expect(waited).toBeLessThan(30_000);
    expect(await renderer.browserPid()).not.toBe(pid);
    const next = await renderer.render(html(1), { landscape: true });
    expect(next.subarray(0, 4).toString()).toBe('%PDF');
  });
});
