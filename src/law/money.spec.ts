import { awardAmount, multipleOn } from './money';

describe('money multiples from the law', () => {
  it('gives each subject kind its multiple from 01/07/2025, with the citation', () => {
    expect(multipleOn('giay-khen', 'individual', '2026-12-14')).toEqual({
      multiple: 0.3,
      citation: 'Nghị định số 152/2025/NĐ-CP, Điều 50-54',
    });
    expect(multipleOn('giay-khen', 'collective', '2026-12-14')?.multiple).toBe(0.6);
    expect(multipleOn('chien-si-thi-dua-co-so', 'individual', '2026-12-14')?.multiple).toBe(1);
    expect(multipleOn('tap-the-lao-dong-tien-tien', 'collective', '2025-07-01')?.multiple).toBe(
      0.8,
    );
    expect(multipleOn('tap-the-lao-dong-xuat-sac', 'collective', '2025-07-01')?.multiple).toBe(1.5);
  });

  it('has nothing for a title it does not know, a kind the title has not, or a date before the pack', () => {
    expect(multipleOn(null, 'individual', '2026-12-14')).toBeNull();
    expect(multipleOn('chien-si-thi-dua-co-so', 'collective', '2026-12-14')).toBeNull();
    expect(multipleOn('giay-khen', 'individual', '2025-06-30')).toBeNull();
  });
});

describe('award amounts', () => {
  it('multiplies the base salary and rounds up to the authority’s step, in whole đồng first', () => {
    expect(awardAmount(0.3, 2_340_000)).toBe(702_000);
    expect(awardAmount(0.33, 2_340_000)).toBe(773_000);
    expect(awardAmount(0.33, 2_340_000, 100)).toBe(772_200);
    expect(awardAmount(1.5, 2_340_000, 1)).toBe(3_510_000);
  });
});
