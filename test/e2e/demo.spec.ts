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

  it('shows the post-reform commune a queue, its chairman a dossier waiting, and a decision under NĐ 152/2025 anyone can verify', async () => {
    const noivu = api(t, await tokenFor(t, 'thinhan.noivu'));
    const queue = (await noivu.get('/api/dossiers').expect(200)).body;
    // The commune's draft is its own: Home Affairs has no such tab.
    expect(queue.counts).toEqual({ submitted: 1, awaiting_decision: 1, decided: 1 });
    const decisions = (await noivu.get('/api/decisions').expect(200)).body;
    expect(decisions.items).toHaveLength(1);
    const decision = (await noivu.get(`/api/decisions/${decisions.items[0].id}`).expect(200)).body;
    expect(decision).toMatchObject({
      status: 'issued',
      numberLabel: '01/QĐ-UBND',
      signerName: 'Vũ Văn Khải',
    });
    // The pack of the decision's date: the 2025 texts, nothing repealed on 01/07/2025.
    const bases = decision.legalBases.join('\n');
    expect(bases).toContain('Nghị định số 152/2025/NĐ-CP');
    expect(bases).toContain('Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025');
    expect(bases).not.toContain('98/2023/NĐ-CP');
    // The province's text in force (the provincial pack), after the national ones.
    expect(decision.legalBases).toContain(
      'Căn cứ Quyết định số 45/2025/QĐ-UBND ngày 15 tháng 8 năm 2025 của Ủy ban nhân dân thành phố Hải Phòng ban hành Quy chế công tác thi đua, khen thưởng (dữ liệu mẫu);',
    );
    // A commune's offices: who proposes and who executes.
    expect(decision.legalBases.at(-1)).toBe('Xét đề nghị của Trưởng phòng Văn hóa - Xã hội.');
    expect(decision.execution).toMatch(
      /^Chánh Văn phòng HĐND và UBND xã, Trưởng phòng Văn hóa - Xã hội, Trưởng phòng Kinh tế, thủ trưởng/,
    );
    // Giấy khen: 0,3 × 2.340.000 đ for a person and for a household (NĐ 152/2025).
    expect(decision.items.map((i: { amount: number }) => i.amount)).toEqual([
      702000, 702000, 702000,
    ]);
    expect(decision.items).toHaveLength(3);
    const token = decision.items[0].register.verifyToken;
    const verified = await request(t.http).get(`/verify/${token}?format=json`).expect(200);
    expect(verified.body.status).toBe('valid');
  });

  it('keeps the districts as history, Tứ Kỳ succeeded by the commune, each with the forms its chairman grants', async () => {
    const lives = await t.dataSource.query(
      `SELECT code, level, valid_from::text AS "from", valid_to::text AS "to", successor_code AS successor
         FROM authorities ORDER BY code`,
    );
    expect(lives).toEqual([
      { code: 'tan-hong', level: 'district', from: null, to: '2025-06-30', successor: null },
      { code: 'thinh-an', level: 'commune', from: '2025-07-01', to: null, successor: null },
      { code: 'tu-ky', level: 'district', from: null, to: '2025-06-30', successor: 'thinh-an' },
    ]);
    const names = async (username: string) =>
      (
        await api(t, await tokenFor(t, username))
          .get('/api/award-forms')
          .expect(200)
      ).body.map((f: { name: string }) => f.name);
    expect(await names('admin')).toContain(
      'Giấy khen của Chủ tịch Ủy ban nhân dân huyện (cá nhân)',
    );
    expect(await names('thinhan.admin')).toEqual(
      expect.arrayContaining([
        'Giấy khen của Chủ tịch Ủy ban nhân dân xã (cá nhân)',
        'Bằng khen của Chủ tịch Ủy ban nhân dân thành phố',
      ]),
    );
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
