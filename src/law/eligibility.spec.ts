import { CaseKind, caseRules } from './eligibility';

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
