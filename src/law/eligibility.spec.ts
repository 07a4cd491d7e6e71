import {
  CaseKind,
  caseRules,
  historyRules,
  onceAYear,
  TaskRating,
  titleRules,
} from './eligibility';

describe('eligibility over a person’s cases', () => {
  const on = '2026-12-14';

  it('refuses during a discipline term, and no longer after it ends', () => {
    const term = { kind: CaseKind.Discipline, startsOn: '2026-06-01', endsOn: '2027-05-31' };
    expect(caseRules([{ ...term, endsOn: on }], on)).toHaveLength(1);
    expect(caseRules([term], on)).toEqual([
      expect.objectContaining({ kind: 'REFUSE', citation: 'Nghị định số 152/2025/NĐ-CP, Điều 4' }),
    ]);
    expect(caseRules([{ ...term, endsOn: '2026-12-13' }], on)).toEqual([]);
  });

  it('holds while an investigation, inspection, complaint or review is open, and releases it once closed', () => {
    const open = { kind: CaseKind.Investigation, startsOn: '2026-10-01', endsOn: null };
    const [held] = caseRules([open, { ...open, kind: CaseKind.Complaint }], on);
    expect(held).toMatchObject({ kind: 'HOLD', rule: 'ND152-D4-CHO-KET-LUAN' });
    expect(held.message).toBe(
      'Đang bị điều tra; Có đơn khiếu nại, tố cáo đang được xác minh: chưa khen thưởng, chờ kết luận (Nghị định số 152/2025/NĐ-CP, Điều 4).',
    );
    expect(caseRules([{ ...open, endsOn: '2026-12-01' }], on)).toEqual([]);
    // Closed on the decision's day: its conclusion is known, the award goes on.
    expect(caseRules([{ ...open, endsOn: on }], on)).toEqual([]);
    // A case opened after the decision's date does not hold it.
    expect(caseRules([{ ...open, startsOn: '2026-12-20' }], on)).toEqual([]);
  });
});

describe('annual titles over the year’s task rating', () => {
  it('gives Lao động tiên tiến to "Hoàn thành tốt nhiệm vụ" and better, refuses below, waits without a rating', () => {
    expect(titleRules('lao-dong-tien-tien', TaskRating.Good, 2026)).toEqual([]);
    expect(titleRules('chien-si-thi-dua-co-so', TaskRating.Excellent, 2026)).toEqual([]);
    expect(titleRules('lao-dong-tien-tien', TaskRating.Done, 2026)).toEqual([
      expect.objectContaining({
        kind: 'REFUSE',
        message:
          'Năm 2026 xếp loại "Hoàn thành nhiệm vụ", cần từ "Hoàn thành tốt nhiệm vụ" trở lên (Luật Thi đua, khen thưởng 2022, Điều 24).',
      }),
    ]);
    expect(titleRules('chien-si-thi-dua-co-so', null, 2026)).toEqual([
      expect.objectContaining({
        kind: 'HOLD',
        citation: 'Luật Thi đua, khen thưởng 2022, Điều 23',
      }),
    ]);
    expect(titleRules('giay-khen', null, 2026)).toEqual([]);
    expect(titleRules(null, TaskRating.NotDone, 2026)).toEqual([]);
  });
});

describe('Chiến sĩ thi đua cơ sở: "Hoàn thành xuất sắc nhiệm vụ" or a recognised initiative', () => {
  it('gives it to an excellent rating, or a good one with an initiative of the year; refuses a good one without', () => {
    const title = 'chien-si-thi-dua-co-so';
    expect(titleRules(title, TaskRating.Excellent, 2026, false)).toEqual([]);
    expect(titleRules(title, TaskRating.Good, 2026, true)).toEqual([]);
    expect(titleRules(title, TaskRating.Good, 2026, false)).toEqual([
      {
        rule: 'LUAT-TDKT-D23-SANG-KIEN',
        kind: 'REFUSE',
        citation: 'Luật Thi đua, khen thưởng 2022, Điều 23',
        message:
          'Năm 2026 không "Hoàn thành xuất sắc nhiệm vụ" và chưa có sáng kiến, đề tài nghiên cứu được công nhận trong năm (Luật Thi đua, khen thưởng 2022, Điều 23).',
      },
    ]);
    // Lao động tiên tiến asks for no initiative.
    expect(titleRules('lao-dong-tien-tien', TaskRating.Good, 2026, false)).toEqual([]);
  });
});

describe('one achievement, one form: an annual title once for a year', () => {
  const awarded = [
    {
      lawTitle: 'lao-dong-tien-tien',
      year: 2025,
      decision: 'Quyết định số 07/QĐ-UBND ngày 20/12/2025',
    },
  ];

  it('refuses the same title for the same year, naming the earlier decision; another year or title passes', () => {
    expect(onceAYear('lao-dong-tien-tien', 2025, awarded)).toEqual([
      expect.objectContaining({
        kind: 'REFUSE',
        citation: 'Luật Thi đua, khen thưởng 2022, Điều 5',
        message:
          'Đã được tặng danh hiệu này cho năm 2025 (Quyết định số 07/QĐ-UBND ngày 20/12/2025); không khen thưởng hai lần cho một thành tích (Luật Thi đua, khen thưởng 2022, Điều 5).',
      }),
    ]);
    expect(onceAYear('lao-dong-tien-tien', 2026, awarded)).toEqual([]);
    expect(onceAYear('chien-si-thi-dua-co-so', 2025, awarded)).toEqual([]);
    // Giấy khen may be given again: it is not an annual title.
    expect(onceAYear('giay-khen', 2025, [{ ...awarded[0], lawTitle: 'giay-khen' }])).toEqual([]);
  });
});

describe('consecutive years: the province’s Bằng khen', () => {
  const excellent = (year: number) => ({ year, rating: TaskRating.Excellent });

  it('warns unless the two years up to the one considered are "Hoàn thành xuất sắc nhiệm vụ"', () => {
    expect(
      historyRules('bang-khen-tinh', 'individual', [excellent(2025), excellent(2026)], 2026),
    ).toEqual([]);
    expect(
      historyRules(
        'bang-khen-tinh',
        'individual',
        [{ year: 2025, rating: TaskRating.Good }, excellent(2026)],
        2026,
      ),
    ).toEqual([
      {
        rule: 'LUAT-TDKT-D74-HAI-NAM',
        kind: 'WARN',
        citation: 'Luật Thi đua, khen thưởng 2022, Điều 74',
        message:
          'Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh cần 02 năm liên tục "Hoàn thành xuất sắc nhiệm vụ" (năm 2025: "Hoàn thành tốt nhiệm vụ", năm 2026: "Hoàn thành xuất sắc nhiệm vụ") (Luật Thi đua, khen thưởng 2022, Điều 74).',
      },
    ]);
    expect(
      historyRules('bang-khen-tinh', 'individual', [excellent(2026)], 2026)[0].message,
    ).toContain('năm 2025: chưa có xếp loại');
    // A collective, or another title: no such rule here.
    expect(historyRules('bang-khen-tinh', 'collective', [], 2026)).toEqual([]);
    expect(historyRules('giay-khen', 'individual', [], 2026)).toEqual([]);
  });
});

describe('collective titles over the collective’s rating', () => {
  it('gives Tập thể lao động tiên tiến from "Hoàn thành tốt nhiệm vụ", Tập thể lao động xuất sắc only to "xuất sắc"', () => {
    expect(titleRules('tap-the-lao-dong-tien-tien', TaskRating.Good, 2026)).toEqual([]);
    expect(titleRules('tap-the-lao-dong-tien-tien', TaskRating.Done, 2026)).toEqual([
      expect.objectContaining({
        kind: 'REFUSE',
        citation: 'Luật Thi đua, khen thưởng 2022, Điều 28',
      }),
    ]);
    expect(titleRules('tap-the-lao-dong-tien-tien', null, 2026)).toEqual([
      expect.objectContaining({ kind: 'HOLD' }),
    ]);
    expect(titleRules('tap-the-lao-dong-xuat-sac', TaskRating.Excellent, 2026)).toEqual([]);
    expect(titleRules('tap-the-lao-dong-xuat-sac', TaskRating.Good, 2026)).toEqual([
      expect.objectContaining({
        kind: 'REFUSE',
        message:
          'Năm 2026 xếp loại "Hoàn thành tốt nhiệm vụ", cần "Hoàn thành xuất sắc nhiệm vụ" (Luật Thi đua, khen thưởng 2022, Điều 27).',
      }),
    ]);
  });
});
