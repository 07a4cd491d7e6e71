import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ALL_ROLES, Role } from '../../src/access/roles';
import { seedDemo, tokenFor, USER_BY_ROLE } from '../support/actors';
import { createTestApp, TestApp } from '../support/test-app';

interface Route {
  method: string;
  path: string;
  roles: Role[] | 'public';
}

/**
 * Walks every route of the OpenAPI document (generated from the controllers,
 * so a new route cannot escape) against every role and an anonymous caller.
 */
describe('authorization matrix: every route × every role', () => {
  let t: TestApp;
  let routes: Route[];

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_PER_MINUTE: '1000' });
    await seedDemo(t);
    const doc = (await request(t.http).get('/api/docs-json').expect(200)).body;
    routes = [];
    for (const [path, operations] of Object.entries<Record<string, Record<string, unknown>>>(
      doc.paths,
    )) {
      for (const [method, op] of Object.entries(operations)) {
        routes.push({
          method,
          path,
          roles: op['x-public'] ? 'public' : ((op['x-roles'] as Role[] | undefined) ?? []),
        });
      }
    }
  });
  afterAll(() => t.close());

  it('finds every route declared either public or with its roles', () => {
    expect(routes.length).toBeGreaterThan(20);
    const undeclared = routes.filter((r) => r.roles !== 'public' && r.roles.length === 0);
    expect(undeclared).toEqual([]);
  });

  it('matches the reviewed table of required roles', () => {
    const table = routes
      .map(
        (r) =>
          `${r.method.toUpperCase()} ${r.path}: ${r.roles === 'public' ? 'public' : [...r.roles].sort().join(', ')}`,
      )
      .sort();
    expect(table).toMatchSnapshot();
  });

  it('lets the allowed roles through and refuses the others (401 anonymous, 403 wrong role)', async () => {
    const failures: string[] = [];
    let checks = 0;
    for (const route of routes) {
      const url = route.path.replace(/\{[^}]+\}/g, () => randomUUID());
      const callers: (Role | 'anonymous')[] = ['anonymous', ...ALL_ROLES];
      for (const caller of callers) {
        const req = request(t.http)[route.method as 'get' | 'post' | 'patch' | 'delete'](url);
        if (caller !== 'anonymous')
          req.set('Authorization', `Bearer ${await tokenFor(t, USER_BY_ROLE[caller])}`);
        if (route.method !== 'get') req.send({});
        const res = await req;
        checks++;
        const allowed =
          route.roles === 'public' || (caller !== 'anonymous' && route.roles.includes(caller));
        const expected = allowed
          ? res.status !== 401 && res.status !== 403 && res.status < 500
          : res.status === (caller === 'anonymous' ? 401 : 403);
        if (!expected)
          failures.push(`${route.method.toUpperCase()} ${route.path} as ${caller}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    // The figure quoted in the issue note.
    console.error(
      `authorization matrix: ${routes.length} routes × ${ALL_ROLES.length + 1} callers = ${checks} checks`,
    );
  });
});
