import { legalBasesOn, packOn } from './legal-texts';

describe('rule packs and legal bases', () => {
  it('chooses the pack by the decision date: NĐ 98/2023 until 30/06/2025, NĐ 152/2025 from 01/07/2025', () => {
    expect(packOn('2025-06-30').id).toBe('national-2024');
    expect(packOn('2025-07-01').id).toBe('national-2025');
    const before = legalBasesOn('2025-06-30').join('\n');
    const after = legalBasesOn('2025-07-01').join('\n');
    expect(before).toContain('98/2023/NĐ-CP');
    expect(before).not.toContain('152/2025/NĐ-CP');
    expect(after).toContain('152/2025/NĐ-CP');
    expect(after).not.toContain('98/2023/NĐ-CP');
    expect(after).not.toContain('28/2024/NĐ-CP');
  });

  it('prints the movement bases after the pack, each once, and never a repealed text', () => {
    const bases = legalBasesOn('2026-11-23', [
      'Kế hoạch số 3125/KH-UBND ngày 25/8/2021 của Ủy ban nhân dân tỉnh Hải Dương',
      'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;',
      'Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ',
      'Nghị định số 91/2017/NĐ-CP ngày 31/7/2017',
      'Kế hoạch số 3125/KH-UBND ngày 25/8/2021 của Ủy ban nhân dân tỉnh Hải Dương',
    ]);
    expect(bases).toEqual([
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;',
      'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;',
      'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng;',
      'Căn cứ Thông tư số 15/2025/TT-BNV của Bộ trưởng Bộ Nội vụ hướng dẫn thi hành Nghị định số 152/2025/NĐ-CP;',
      'Căn cứ Kế hoạch số 3125/KH-UBND ngày 25/8/2021 của Ủy ban nhân dân tỉnh Hải Dương;',
    ]);
  });

  it('adds the province’s texts in force on the date, after the national pack and before the movement’s', () => {
    const province = [
      {
        basis:
          'Quyết định số 20/2024/QĐ-UBND ngày 10/5/2024 của Ủy ban nhân dân tỉnh ban hành Quy chế thi đua, khen thưởng',
        from: '2024-05-20',
        to: '2025-06-30',
      },
      {
        basis:
          'Quyết định số 45/2025/QĐ-UBND ngày 15/8/2025 của Ủy ban nhân dân thành phố ban hành Quy chế thi đua, khen thưởng',
        from: '2025-08-25',
        to: null,
      },
    ];
    const bases = legalBasesOn('2026-11-23', ['Kế hoạch số 15/KH-UBND ngày 15/01/2026'], province);
    expect(bases.slice(-2)).toEqual([
      'Căn cứ Quyết định số 45/2025/QĐ-UBND ngày 15/8/2025 của Ủy ban nhân dân thành phố ban hành Quy chế thi đua, khen thưởng;',
      'Căn cứ Kế hoạch số 15/KH-UBND ngày 15/01/2026;',
    ]);
    expect(bases.join('\n')).not.toContain('20/2024/QĐ-UBND');
    expect(legalBasesOn('2025-06-30', [], province).join('\n')).toContain('20/2024/QĐ-UBND');
  });

  it('has no pack before the Law of 2022 took effect', () => {
    expect(() => packOn('2023-06-01')).toThrow('No rule pack');
  });
});
