import { JwtService } from '@nestjs/jwt';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import request from 'supertest';
import { SessionCache } from '../../src/auth/session-cache';
import { api, DEMO_PASSWORD, seedDemo, tokenFor } from '../support/actors';
import { createTestApp, TestApp } from '../support/test-app';

const login = (t: TestApp, username: string, password: string) =>
  request(t.http).post('/api/auth/login').send({ username, password });

describe('authentication', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_RATE_PER_MINUTE: '1000' });
    await seedDemo(t);
  });
  afterAll(() => t.close());

  it('signs a demo user in and tells who they are', async () => {
    const res = await login(t, 'noivu', DEMO_PASSWORD).expect(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      expiresIn: 900,
      refreshToken: expect.any(String),
    });
    const me = await api(t, res.body.accessToken).get('/api/auth/me').expect(200);
    expect(me.body).toMatchObject({
      username: 'noivu',
      role: 'home_affairs',
      roleLabel: 'Chuyên viên Phòng Nội vụ',
    });
    expect(me.body.passwordHash).toBeUndefined();
  });

  it('accepts the user name in any case and with surrounding spaces', async () => {
    await login(t, '  NoiVu ', DEMO_PASSWORD).expect(200);
  });

  it('answers a wrong password and an unknown user identically', async () => {
    const wrong = await login(t, 'chutich', 'sai-mat-khau-1').expect(401);
    const unknown = await login(t, 'khongtontai', 'sai-mat-khau-1').expect(401);
    for (const res of [wrong, unknown]) {
      expect(res.body).toMatchObject({
        error: 'INVALID_CREDENTIALS',
        message: 'Tên đăng nhập hoặc mật khẩu không đúng.',
      });
    }
    expect(Object.keys(wrong.body).sort()).toEqual(Object.keys(unknown.body).sort());
  });

  it('refuses malformed bodies with 400 naming the field', async () => {
    const missing = await request(t.http)
      .post('/api/auth/login')
      .send({ username: 'admin' })
      .expect(400);
    expect(missing.body.error).toBe('VALIDATION_FAILED');
    expect(missing.body.details.map((d: { field: string }) => d.field)).toContain('password');

    const wrongType = await request(t.http)
      .post('/api/auth/login')
      .send({ username: 42, password: 'x' })
      .expect(400);
    expect(wrongType.body.details).toContainEqual(
      expect.objectContaining({
        field: 'username',
        code: 'isString',
        message: 'Trường "username" phải là chuỗi ký tự.',
      }),
    );

    const unknownField = await request(t.http)
      .post('/api/auth/login')
      .send({ username: 'admin', password: DEMO_PASSWORD, role: 'admin' })
      .expect(400);
    expect(unknownField.body.details).toContainEqual(
      expect.objectContaining({
        field: 'role',
        code: 'whitelistValidation',
        message: 'Trường "role" không được phép gửi trường này.',
      }),
    );
  });

  it('locks a user name after repeated failures, even with the right password, and alike for unknown names', async () => {
    await login(t, 'hoidong', 'sai-1').expect(401);
    await login(t, 'hoidong', 'sai-2').expect(401);
    const locked = await login(t, 'hoidong', 'sai-3').expect(429);
    expect(locked.body).toMatchObject({ error: 'LOGIN_LOCKED', retryAfterSeconds: 900 });
    expect(locked.body.message).toMatch(/thử lại sau 15 phút/);
    await login(t, 'hoidong', DEMO_PASSWORD).expect(429);

    await login(t, 'ma-khong-co', 'sai-1').expect(401);
    await login(t, 'ma-khong-co', 'sai-2').expect(401);
    const ghost = await login(t, 'ma-khong-co', 'sai-3').expect(429);
    expect(ghost.body.error).toBe(locked.body.error);

    // Other users are not affected.
    await login(t, 'phochutich', DEMO_PASSWORD).expect(200);
  });

  it('refuses forged, expired and garbage tokens', async () => {
    const valid = await tokenFor(t, 'admin');
    const claims = JSON.parse(Buffer.from(valid.split('.')[1], 'base64url').toString());
    const forged = new JwtService({ secret: 'a-different-secret-of-enough-length-123456' }).sign({
      sub: claims.sub,
      sid: claims.sid,
    });
    const expired = t.app
      .get(JwtService)
      .sign({ sub: claims.sub, sid: claims.sid }, { expiresIn: -10 });
    for (const token of [forged, expired, 'not.a.jwt', `${valid}x`]) {
      const res = await api(t, token).get('/api/units').expect(401);
      expect(res.body.error).toBe('UNAUTHORIZED');
    }
    await request(t.http).get('/api/units').expect(401);
    await api(t, valid).get('/api/units').expect(200);
  });

  it('refuses an access token once it expires, though it was accepted (and remembered) before', async () => {
    const claims = JSON.parse(
      Buffer.from((await tokenFor(t, 'admin')).split('.')[1], 'base64url').toString(),
    );
    const shortLived = t.app
      .get(JwtService)
      .sign({ sub: claims.sub, sid: claims.sid }, { expiresIn: 2 });
    const { exp } = JSON.parse(Buffer.from(shortLived.split('.')[1], 'base64url').toString());
    await api(t, shortLived).get('/api/units').expect(200);
    await api(t, shortLived).get('/api/units').expect(200);
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    expect((await api(t, shortLived).get('/api/units').expect(401)).body.error).toBe(
      'UNAUTHORIZED',
    );
  });

  it('ends the session on logout: the access and refresh tokens stop working', async () => {
    const tokens = (await login(t, 'vhtt', DEMO_PASSWORD).expect(200)).body;
    await api(t, tokens.accessToken).post('/api/auth/logout').expect(204);
    await api(t, tokens.accessToken).get('/api/units').expect(401);
    await request(t.http)
      .post('/api/auth/refresh')
      .send({ refreshToken: tokens.refreshToken })
      .expect(401);
  });

  it('rotates refresh tokens: each works once, and a replayed one ends the session', async () => {
    const first = (await login(t, 'chutich', DEMO_PASSWORD).expect(200)).body;
    const second = (
      await request(t.http)
        .post('/api/auth/refresh')
        .send({ refreshToken: first.refreshToken })
        .expect(200)
    ).body;
    await api(t, second.accessToken).get('/api/auth/me').expect(200);
    // The old token again: someone else holds a copy. Neither holder keeps the session.
    const replay = await request(t.http)
      .post('/api/auth/refresh')
      .send({ refreshToken: first.refreshToken })
      .expect(401);
    expect(replay.body.message).toContain('đã được dùng trước đó');
    await api(t, second.accessToken).get('/api/auth/me').expect(401);
    await request(t.http)
      .post('/api/auth/refresh')
      .send({ refreshToken: second.refreshToken })
      .expect(401);
    const [audit] = await t.dataSource.query(
      "SELECT actor_username FROM audit_records WHERE action = 'auth.refresh_reused'",
    );
    expect(audit).toEqual({ actor_username: 'chutich' });
    // An unknown token is only told to sign in again.
    const unknown = await request(t.http)
      .post('/api/auth/refresh')
      .send({ refreshToken: 'khong-phai-ma-that-0123456789abcdef' })
      .expect(401);
    expect(unknown.body.message).toBe('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
  });

  it('lists the open sessions with their device, and ends the others on request, this one kept', async () => {
    const phone =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
    const desktop =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    const signIn = async (agent: string) =>
      (
        await request(t.http)
          .post('/api/auth/login')
          .set('User-Agent', agent)
          .send({ username: 'chutich', password: DEMO_PASSWORD })
          .expect(200)
      ).body as { accessToken: string; refreshToken: string };
    const onPhone = await signIn(phone);
    const here = await signIn(desktop);
    const list = (await api(t, here.accessToken).get('/api/auth/sessions').expect(200)).body.items;
    expect(list.slice(0, 2)).toEqual([
      expect.objectContaining({ device: 'Chrome 131 trên Windows 10', current: true }),
      expect.objectContaining({ device: 'Safari 17 trên iOS 17.5', current: false }),
    ]);
    // Another user's sessions are not theirs to see.
    const admin = (await login(t, 'admin', DEMO_PASSWORD).expect(200)).body.accessToken;
    const adminList = (await api(t, admin).get('/api/auth/sessions').expect(200)).body.items;
    expect(adminList.every((s: { device: string }) => !s.device.includes('iOS'))).toBe(true);

    const ended = await api(t, here.accessToken).post('/api/auth/sessions/end-others').expect(200);
    expect(ended.body.ended).toBe(list.length - 1);
    await api(t, onPhone.accessToken).get('/api/auth/me').expect(401);
    await request(t.http)
      .post('/api/auth/refresh')
      .send({ refreshToken: onPhone.refreshToken })
      .expect(401);
    await api(t, here.accessToken).get('/api/auth/me').expect(200);
    await api(t, admin).get('/api/auth/me').expect(200);
    expect(
      (await api(t, here.accessToken).get('/api/auth/sessions').expect(200)).body.items,
    ).toEqual([expect.objectContaining({ current: true })]);
    const [audit] = await t.dataSource.query(
      "SELECT changes FROM audit_records WHERE action = 'auth.end_other_sessions' ORDER BY at DESC LIMIT 1",
    );
    expect(audit.changes).toEqual({ otherSessions: { from: list.length - 1, to: 0 } });
    // Nothing left to end: nothing changes, nothing is audited.
    expect(
      (await api(t, here.accessToken).post('/api/auth/sessions/end-others').expect(200)).body,
    ).toEqual({ ended: 0 });
    const [{ n }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_records WHERE action = 'auth.end_other_sessions'",
    );
    expect(n).toBe(1);
  });

  it('changes a password: wrong current password is refused, other sessions end', async () => {
    const other = (await login(t, 'daison', DEMO_PASSWORD).expect(200)).body;
    const mine = (await login(t, 'daison', DEMO_PASSWORD).expect(200)).body;
    const bad = await api(t, mine.accessToken)
      .post('/api/auth/password')
      .send({ currentPassword: 'khong-dung-1', newPassword: 'MatKhauMoi2026' })
      .expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'currentPassword' });
    const weak = await api(t, mine.accessToken)
      .post('/api/auth/password')
      .send({ currentPassword: DEMO_PASSWORD, newPassword: 'ngan' })
      .expect(400);
    expect(weak.body.details.map((d: { field: string }) => d.field)).toContain('newPassword');

    await api(t, mine.accessToken)
      .post('/api/auth/password')
      .send({ currentPassword: DEMO_PASSWORD, newPassword: 'MatKhauMoi2026' })
      .expect(204);
    await api(t, mine.accessToken).get('/api/auth/me').expect(200);
    await api(t, other.accessToken).get('/api/auth/me').expect(401);
    await login(t, 'daison', DEMO_PASSWORD).expect(401);
    await login(t, 'daison', 'MatKhauMoi2026').expect(200);
  });

  it('an admin reset signs the user out and forces a new password before anything else', async () => {
    const admin = await tokenFor(t, 'admin');
    const victim = (await login(t, 'hungdao', DEMO_PASSWORD).expect(200)).body;
    const me = (await api(t, victim.accessToken).get('/api/auth/me').expect(200)).body;

    await api(t, admin)
      .post(`/api/users/${me.id}/reset-password`)
      .send({ newPassword: 'TamThoi2026' })
      .expect(204);
    await api(t, victim.accessToken).get('/api/auth/me').expect(401);

    const fresh = (await login(t, 'hungdao', 'TamThoi2026').expect(200)).body;
    const blocked = await api(t, fresh.accessToken).get('/api/units').expect(403);
    expect(blocked.body.error).toBe('PASSWORD_CHANGE_REQUIRED');
    await api(t, fresh.accessToken)
      .post('/api/auth/password')
      .send({ currentPassword: 'TamThoi2026', newPassword: 'HungDao2026' })
      .expect(204);
    await api(t, fresh.accessToken).get('/api/units').expect(200);
  });
});

describe('sign-in rate limit per client', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_PER_MINUTE: '5' });
  });
  afterAll(() => t.close());

  it('answers 429 in the error shape past the limit', async () => {
    for (let i = 0; i < 5; i++) await login(t, `ai-do-${i}`, 'x').expect(401);
    const res = await login(t, 'ai-do-6', 'x').expect(429);
    expect(res.body).toMatchObject({ statusCode: 429, error: 'TOO_MANY_REQUESTS' });
    expect(res.headers['retry-after']).toBeDefined();
  });
});

/**
 * The session lookup is remembered between requests (SessionCache) and must
 * still end a session at once when it is revoked or its user's access changes
 * anywhere: here "anywhere" is another database connection, as another API
 * process or an administrator's SQL would be.
 */
describe('sessions remembered between requests', () => {
  /** Long enough that a test passing within NOTICE_MS cannot be the memory running out. */
  const REMEMBERED_SECONDS = 4;
  const NOTICE_MS = 1500;
  let t: TestApp;
  let elsewhere: Client;

  beforeAll(async () => {
    t = await createTestApp({ SESSION_CACHE_SECONDS: String(REMEMBERED_SECONDS) });
    await seedDemo(t);
    elsewhere = new Client({ connectionString: t.config.DATABASE_URL });
    await elsewhere.connect();
  });
  afterAll(async () => {
    await elsewhere.end();
    await t.close();
  });

  const me = (token: string) => api(t, token).get('/api/auth/me');
  const sessionOf = (token: string): string =>
    JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid;

  /** Asks until `done` holds; the milliseconds it took, or a failure past `withinMs`. */
  async function within(withinMs: number, done: () => Promise<boolean>): Promise<number> {
    const started = Date.now();
    while (!(await done())) {
      if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
      await sleep(20);
    }
    return Date.now() - started;
  }
  const refused = (token: string) => async () => (await me(token)).status === 401;

  it('a session revoked in another process is refused within moments', async () => {
    const token = await tokenFor(t, 'noivu');
    await me(token).expect(200);
    await me(token).expect(200);
    await elsewhere.query('UPDATE sessions SET revoked_at = now() WHERE id = $1', [
      sessionOf(token),
    ]);
    expect(await within(NOTICE_MS, refused(token))).toBeLessThan(NOTICE_MS);
  });

  it("a user's new role elsewhere applies to their next requests, and a deactivated user is refused", async () => {
    const token = await tokenFor(t, 'vhtt');
    const other = await tokenFor(t, 'vhtt');
    expect((await me(token).expect(200)).body.role).toBe('coordinator');
    await me(other).expect(200);
    await elsewhere.query(
      "UPDATE users SET role = 'council_member', unit_id = NULL WHERE username = 'vhtt'",
    );
    await within(NOTICE_MS, async () => (await me(token)).body.role === 'council_member');
    expect((await me(other).expect(200)).body.role).toBe('council_member');
    await elsewhere.query("UPDATE users SET active = false WHERE username = 'vhtt'");
    await within(NOTICE_MS, refused(token));
    await me(other).expect(401);
  });

  it('answers from memory: a change nobody announces is seen only once the memory runs out', async () => {
    const token = await tokenFor(t, 'chutich');
    await me(token).expect(200);
    await elsewhere.query('ALTER TABLE sessions DISABLE TRIGGER sessions_changed');
    try {
      await elsewhere.query('UPDATE sessions SET revoked_at = now() WHERE id = $1', [
        sessionOf(token),
      ]);
      await me(token).expect(200);
      const waited = await within(REMEMBERED_SECONDS * 1000 + 1000, refused(token));
      expect(waited).toBeGreaterThan(NOTICE_MS);
    } finally {
      await elsewhere.query('ALTER TABLE sessions ENABLE TRIGGER sessions_changed');
    }
  });

  it('while the announcements are lost, every request reads its session; then it listens again', async () => {
    const cache = t.app.get(SessionCache);
    expect(cache.active).toBe(true);
    const token = await tokenFor(t, 'daison');
    await me(token).expect(200);
    await elsewhere.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'thi-dua-sessions' AND datname = current_database()",
    );
    await within(NOTICE_MS, async () => !cache.active);
    await elsewhere.query('ALTER TABLE sessions DISABLE TRIGGER sessions_changed');
    try {
      await elsewhere.query('UPDATE sessions SET revoked_at = now() WHERE id = $1', [
        sessionOf(token),
      ]);
      await me(token).expect(401);
    } finally {
      await elsewhere.query('ALTER TABLE sessions ENABLE TRIGGER sessions_changed');
    }
    await within(5000, async () => cache.active);
    const again = await tokenFor(t, 'daison');
    await me(again).expect(200);
    await elsewhere.query('UPDATE sessions SET revoked_at = now() WHERE id = $1', [
      sessionOf(again),
    ]);
    await within(NOTICE_MS, refused(again));
  });
});
