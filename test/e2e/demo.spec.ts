import request from 'supertest';
import { DemoSeeder } from '../../src/demo/demo.seeder';
import { api, countRows, tokenFor } from '../support/actors';
import { createTestApp, TestApp } from '../support/test-app';

describe('the full demo data, as `npm run demo` loads it', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoSeeder).run();
  });
  afterAll(() => t.close());

  it('shows Home Affairs a queue, the chairman a dossier waiting, and an issued decision anyone can verify', async () => {
    const noivu = api(t, await tokenFor(t, 'noivu'));
    const queue = (await noivu.get('/api/dossiers').expect(200)).body;
    expect(queue.counts).toEqual({ draft: 1, submitted: 1, awaiting_decision: 1, decided: 1 });
    const decisions = (await noivu.get('/api/decisions').expect(200)).body;
    expect(decisions.items).toHaveLength(1);
    const decision = (await noivu.get(`/api/decisions/${decisions.items[0].id}`).expect(200)).body;
    expect(decision).toMatchObject({
      status: 'issued',
      numberLabel: '01/QĐ-UBND',
      signerName: 'Phạm Văn Quang',
    });
    expect(decision.items).toHaveLength(3);
    const token = decision.items[0].register.verifyToken;
    const verified = await request(t.http).get(`/verify/${token}?format=json`).expect(200);
    expect(verified.body.status).toBe('valid');
  });

  it('changes nothing when loaded again', async () => {
    const before = await Promise.all(
      ['dossiers', 'decisions', 'award_register', 'units', 'users'].map((x) => countRows(t, x)),
    );
    await t.app.get(DemoSeeder).run();
    const after = await Promise.all(
      ['dossiers', 'decisions', 'award_register', 'units', 'users'].map((x) => countRows(t, x)),
    );
    expect(after).toEqual(before);
  });
});
