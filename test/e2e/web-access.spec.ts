import { randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import request from 'supertest';
import { ALL_ROLES, Role } from '../../src/access/roles';
import { csrfToken } from '../../src/access/web-session';
import { AuthService } from '../../src/auth/auth.service';
import { routesOf } from '../../src/common/http/unprefixed-routes';
import { User } from '../../src/users/user.entity';
import { WEB_CONTROLLERS } from '../../src/web/web.module';
import { seedDemo, USER_BY_ROLE } from '../support/actors';
import { createTestApp, TestApp } from '../support/test-app';

interface WebRoute {
  method: string;
  path: string;
}

/**
 * The web pages' access, route by route and caller by caller, like the API's
 * authorization matrix: the routes are read from the web controllers' own
 * declarations (the ones the router serves, so a new page cannot escape), each called anonymously
 * and as every role with a real session cookie and its form token. Nothing
 * answers 5xx, no anonymous caller gets a page, and the table of answers is a
 * reviewed snapshot.
 */
describe('web access matrix: every page × every role', () => {
  let t: TestApp;
  let routes: WebRoute[];

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_PER_MINUTE: '10000' });
    await seedDemo(t);
    // Every page the web controllers declare, as the router serves them.
    const seen = new Set<string>();
    routes = routesOf(WEB_CONTROLLERS)
      .map((r) => ({
        method: RequestMethod[r.method].toLowerCase(),
        path: `/${r.path}`.replace(/^\/+/, '/'),
      }))
      .filter(
        (r) =>
          ['get', 'post', 'put', 'patch', 'delete'].includes(r.method) &&
          !seen.has(`${r.method} ${r.path}`) &&
          seen.add(`${r.method} ${r.path}`),
      );
  });
  afterAll(() => t.close());

  async function sessionOf(role: Role): Promise<string> {
    const user = await t.dataSource
      .getRepository(User)
      .findOneByOrFail({ username: USER_BY_ROLE[role] });
    return (await t.app.get(AuthService).issueSession(user)).refreshToken;
  }

  it('answers each caller as the reviewed table says, never 5xx, never a page to an anonymous caller', async () => {
    expect(routes.length).toBeGreaterThan(10);
    const table: string[] = [];
    const failures: string[] = [];
    for (const route of routes) {
      const url = route.path.replace(/:[A-Za-z]+/g, () => randomUUID());
      const row: string[] = [];
      for (const caller of ['anonymous', ...ALL_ROLES] as const) {
        // A fresh session each time: signing out must not end the next call's.
        const secret = caller === 'anonymous' ? undefined : await sessionOf(caller);
        const req = request(t.http)[route.method as 'get' | 'post'](url).set('Accept', 'text/html');
        if (secret) req.set('Cookie', `td_session=${secret}`);
        if (route.method === 'post')
          req.type('form').send({ _csrf: secret ? csrfToken(secret) : '' });
        const res = await req.catch((e: Error) => {
          failures.push(`${route.method} ${route.path} as ${caller}: ${e.message}`);
          return { status: 0 } as request.Response;
        });
        if (res.status >= 500)
          failures.push(`${route.method} ${route.path} as ${caller}: ${res.status}`);
        // Open by design: sign-in, assets, the offline QR check and its keys, the publicity pages.
        const publicRoute =
          ['/dang-nhap', '/v', '/.well-known/thidua-keys.json'].includes(route.path) ||
          /^\/(assets|cong-khai)\//.test(route.path);
        if (caller === 'anonymous' && !publicRoute && res.status < 300)
          failures.push(
            `${route.method} ${route.path} answered ${res.status} to an anonymous caller`,
          );
        row.push(`${caller}=${res.status}`);
      }
      table.push(`${route.method.toUpperCase()} ${route.path}: ${row.join(' ')}`);
    }
    expect(failures).toEqual([]);
    expect(table.sort()).toMatchSnapshot();
  });

  it('answers mutated forms on every page with a 2xx, 3xx or 4xx, as every role', async () => {
    const fields = [
      'title',
      'comment',
      'username',
      'password',
      'kind',
      'awardFormId',
      'personId',
      'household',
      'achievementSummary',
      'reference',
      'forwardedOn',
      'commitments',
      'items',
      'ids',
      'version',
      'status',
      'currentPassword',
      'newPassword',
      'confirmPassword',
      'next',
    ];
    const values = [
      'a\u0000b',
      'x'.repeat(100_000),
      'Nguyễn ‮ 🚀',
      '-1',
      '2026-02-30',
      '00000000-0000-4000-8000-000000000000',
    ];
    const failures: string[] = [];
    let sent = 0;
    for (const route of routes.filter((r) => r.method === 'post' && r.path !== '/dang-xuat')) {
      const url = route.path.replace(/:[A-Za-z]+/g, () => randomUUID());
      for (const role of ['anonymous', ...ALL_ROLES] as const) {
        const secret = role === 'anonymous' ? undefined : await sessionOf(role);
        // A caller the form is not for is refused before its fields are read (401, 403):
        // one probe says so; the mutations go to the callers the form is for.
        const probe = request(t.http).post(url).set('Accept', 'text/html').type('form');
        if (secret) probe.set('Cookie', `td_session=${secret}`);
        const refused = await probe.send({ _csrf: secret ? csrfToken(secret) : '' });
        sent++;
        if (refused.status >= 500) failures.push(`${route.path} as ${role}: ${refused.status}`);
        if (refused.status === 401 || refused.status === 403) continue;
        for (const value of values) {
          const body = Object.fromEntries(fields.map((f) => [f, value]));
          const req = request(t.http).post(url).set('Accept', 'text/html').type('form');
          if (secret) req.set('Cookie', `td_session=${secret}`);
          const res = await req.send({ ...body, _csrf: secret ? csrfToken(secret) : '' });
          sent++;
          if (res.status >= 500) failures.push(`${route.path} as ${role}: ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(300);
  }, 180_000);
});
