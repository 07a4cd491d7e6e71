import request from 'supertest';
import { Role } from '../../src/access/roles';
import { DemoSeeder } from '../../src/demo/demo.seeder';
import { api, COMMUNE_USER_BY_ROLE, tokenFor } from '../support/actors';
import { createTestApp, TestApp } from '../support/test-app';

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
};
interface Operation {
  'x-public'?: boolean;
  'x-roles'?: Role[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

/** 2,000 nested arrays and 5,000 nested objects: small bodies that overflow a recursive walk. */
const deepArrays = '['.repeat(2000) + ']'.repeat(2000);
const deepObjects = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);

/** Values that have broken services: wrong types, nulls, NUL, huge, odd unicode, foreign ids. */
const FIELD_MUTATIONS: unknown[] = [
  null,
  12345,
  'chuỗi thay cho số',
  true,
  ['mảng'],
  { lồng: { nhau: 1 } },
  'a\u0000b',
  'x'.repeat(200_000),
  'Nguyễn Thị Hường \u202Eexe.pdf 🚀 \uFEFF',
  '00000000-0000-4000-8000-000000000000',
  '2026-02-30',
  -1,
  1e308,
];
const QUERY_MUTATIONS = ['a%00b', 'x'.repeat(5000), '%E0%A4%A', '-1', '1e308', '2026-13-45'];

/**
 * Every route of the OpenAPI document, as a role allowed to call it, with its
 * body and query mutated field by field and as a whole: nothing answers 5xx,
 * and every refusal has the one error shape.
 */
describe('bad input sweep: every route, mutated input, never a 5xx', () => {
  let t: TestApp;
  let doc: {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Schema> };
  };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_PER_MINUTE: '10000', VERIFY_RATE_PER_MINUTE: '10000' });
    await t.app.get(DemoSeeder).run();
    doc = (await request(t.http).get('/api/docs-json').expect(200)).body;
    const one = async (sql: string) => ((await t.dataSource.query(sql))[0] ?? {}).id as string;
    Object.assign(ids, {
      dossiers: await one(
        "SELECT d.id FROM dossiers d JOIN units u ON u.id = d.unit_id WHERE u.code = 'TT-PVHCC' AND d.status = 'draft'",
      ),
      decisions: await one("SELECT id FROM decisions WHERE status = 'issued'"),
      units: await one("SELECT id FROM units WHERE code = 'TT-PVHCC'"),
      people: await one(
        "SELECT p.id FROM people p JOIN units u ON u.id = p.unit_id WHERE u.code = 'TT-PVHCC'",
      ),
      users: await one("SELECT id FROM users WHERE username = 'thinhan.truong'"),
      movements: await one(
        "SELECT m.id FROM movements m JOIN authorities a ON a.id = m.authority_id WHERE a.code = 'thinh-an'",
      ),
      reports: await one('SELECT id FROM indicator_reports'),
      files: await one('SELECT id FROM evidence_files'),
      holidays: await one(
        "SELECT h.id FROM holidays h JOIN authorities a ON a.id = h.authority_id WHERE a.code = 'thinh-an'",
      ),
      'award-forms': await one(
        "SELECT f.id FROM award_forms f JOIN authorities a ON a.id = f.authority_id WHERE a.code = 'thinh-an'",
      ),
      notifications: await one('SELECT id FROM notifications'),
      nomineeId: await one('SELECT id FROM nominees'),
      documentId: await one('SELECT id FROM dossier_documents'),
      itemId: await one('SELECT id FROM decision_items'),
      roundId: await one(
        "SELECT r.id FROM review_rounds r JOIN movements m ON m.id = r.movement_id JOIN authorities a ON a.id = m.authority_id WHERE a.code = 'thinh-an'",
      ),
      registrationId: await one(
        "SELECT r.id FROM registrations r JOIN authorities a ON a.id = r.authority_id WHERE a.code = 'thinh-an'",
      ),
      token: ((await t.dataSource.query('SELECT verify_token AS id FROM award_register'))[0] ?? {})
        .id,
    });
  });
  afterAll(() => t.close());

  function fields(schema: Schema | undefined, seen = 0): string[] {
    if (!schema || seen > 3) return [];
    if (schema.$ref) return fields(doc.components.schemas[schema.$ref.split('/').pop()!], seen + 1);
    if (schema.allOf) return schema.allOf.flatMap((s) => fields(s, seen + 1));
    return Object.keys(schema.properties ?? {});
  }

  function urlOf(path: string): string {
    const resource = path.split('/')[2] ?? '';
    return path.replace(/\{([^}]+)\}/g, (_, name: string) =>
      name === 'id'
        ? (ids[resource] ?? ids.dossiers)
        : name === 'subjectKind'
          ? 'commune'
          : (ids[name] ?? name),
    );
  }

  it('answers every mutation with a 2xx, 3xx or 4xx in the error shape', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        // Signing out or changing one's password would end the session the sweep uses.
        if (path === '/api/auth/logout' || path === '/api/auth/password') continue;
        // Every allowed role gets the whole-body attacks; the first also every field mutation.
        const roles: (Role | undefined)[] = op['x-public'] ? [undefined] : op['x-roles']!;
        for (const [r, role] of roles.entries()) {
          const token = role ? await tokenFor(t, COMMUNE_USER_BY_ROLE[role]) : undefined;
          const url = urlOf(path);
          const call = (query = '', body?: unknown, raw?: string) => {
            const req = request(t.http)
              [method as 'get'](url + query)
              .set('Accept', 'application/json');
            if (token) req.set('Authorization', `Bearer ${token}`);
            if (raw !== undefined) return req.set('Content-Type', 'application/json').send(raw);
            return body === undefined ? req : req.send(body as object);
          };
          const attempts: { what: string; run: () => request.Test }[] = [];
          const json = op.requestBody?.content['application/json'];
          if (json) {
            const names = r === 0 ? fields(json.schema) : [];
            for (const name of names)
              for (const [i, value] of FIELD_MUTATIONS.entries())
                attempts.push({
                  what: `body.${name}#${i}`,
                  run: () => call('', { [name]: value }),
                });
            attempts.push({ what: 'deep arrays', run: () => call('', undefined, deepArrays) });
            attempts.push({ what: 'deep objects', run: () => call('', undefined, deepObjects) });
            attempts.push({
              what: 'extra field',
              run: () => call('', { authorityId: ids.units, role: 'admin' }),
            });
            attempts.push({ what: 'array body', run: () => call('', undefined, '[1,2,3]') });
            attempts.push({ what: 'NUL key', run: () => call('', undefined, '{"a\\u0000":1}') });
          }
          for (const p of r === 0 ? (op.parameters?.filter((x) => x.in === 'query') ?? []) : [])
            for (const [i, value] of QUERY_MUTATIONS.entries()) {
              attempts.push({
                what: `query.${p.name}#${i}`,
                run: () => call(`?${p.name}=${value}`),
              });
              attempts.push({
                what: `query.${p.name}[]#${i}`,
                run: () => call(`?${p.name}[a][b]=${value}`),
              });
            }
          if (path.includes('{'))
            attempts.push({
              what: 'param NUL',
              run: () =>
                request(t.http)
                  [method as 'get'](path.replace(/\{[^}]+\}/g, 'a%00b'))
                  .set('Authorization', `Bearer ${token}`),
            });
          for (const attempt of attempts) {
            const res = await attempt.run();
            sent++;
            const where = `${method.toUpperCase()} ${path} as ${role ?? 'anonymous'} ${attempt.what}: ${res.status}`;
            if (res.status >= 500) failures.push(`${where} ${res.body?.message ?? ''}`);
            else if (res.status >= 400 && res.type === 'application/json') {
              const b = res.body;
              if (
                typeof b.statusCode !== 'number' ||
                typeof b.error !== 'string' ||
                typeof b.message !== 'string' ||
                !Array.isArray(b.details) ||
                typeof b.requestId !== 'string'
              )
                failures.push(`${where} not in the error shape`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(1000);
    console.error(`bad input sweep: ${sent} requests`);
    // Thousands of requests, some rendering PDFs and spreadsheets: more than the default minute on 2 cores.
  }, 240_000);

  it('says in Vietnamese what a date must look like, and that it must exist', async () => {
    const admin = api(t, await tokenFor(t, 'admin'));
    const slashed = await admin
      .post('/api/base-salaries')
      .send({ amount: 2340000, effectiveFrom: '30/06/2026' })
      .expect(400);
    expect(slashed.body.details[0]).toMatchObject({
      field: 'effectiveFrom',
      message:
        'Trường "effectiveFrom" phải là ngày viết dạng năm-tháng-ngày (YYYY-MM-DD), ví dụ 2026-06-30.',
    });
    const impossible = await admin
      .post('/api/base-salaries')
      .send({ amount: 2340000, effectiveFrom: '2026-02-30' })
      .expect(400);
    expect(impossible.body.message).toBe(
      'Trường "effectiveFrom" không phải là một ngày có thật (ví dụ: ngày 30/02 không tồn tại).',
    );
  });

  it('names the field of a NUL character and refuses deep nesting, on the public sign-in too', async () => {
    const nul = await request(t.http)
      .post('/api/auth/login')
      .send({ username: 'noi\u0000vu', password: 'ThiDua@2025' })
      .expect(400);
    expect(nul.body.details[0]).toMatchObject({ field: 'username', code: 'nulCharacter' });
    const deep = await request(t.http)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(deepObjects)
      .expect(400);
    expect(deep.body.details[0].code).toBe('tooDeep');
    const token = await tokenFor(t, 'noivu');
    const q = await request(t.http)
      .get('/api/dossiers?q=a%00b')
      .set('Authorization', `Bearer ${token}`)
      .expect(400);
    expect(q.body.details[0]).toMatchObject({ field: 'q', code: 'nulCharacter' });
    const audit = await request(t.http)
      .get('/api/audit?action=a%00b')
      .set('Authorization', `Bearer ${token}`)
      .expect(400);
    expect(audit.body.details[0].field).toBe('action');
  });
});
