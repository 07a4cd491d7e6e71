import { addWorkingDays, isWorkingDay, workingDaysBetween } from './working-days';

// Tết Bính Ngọ 2026: 14/02 to 22/02/2026 off.
const TET_2026 = new Set([
  '2026-02-14',
  '2026-02-15',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-02-21',
  '2026-02-22',
]);
const NONE = new Set<string>();

describe('working days', () => {
  it('skips weekends', () => {
    expect(isWorkingDay('2026-11-21', NONE)).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-23', NONE)).toBe(true); // Monday
    // Friday 20/11/2026 + 1 working day = Monday 23/11.
    expect(addWorkingDays('2026-11-20', 1, NONE)).toBe('2026-11-23');
    // 10 working days from Monday 23/11 end on Monday 07/12.
    expect(addWorkingDays('2026-11-23', 10, NONE)).toBe('2026-12-07');
  });

  it('skips Tết', () => {
    // Submitted Thursday 12/02/2026: 13/02 is day 1, then Tết until 22/02, 23/02 is day 2.
    expect(addWorkingDays('2026-02-12', 2, TET_2026)).toBe('2026-02-23');
    expect(addWorkingDays('2026-02-12', 10, TET_2026)).toBe('2026-03-05');
    expect(workingDaysBetween('2026-02-12', '2026-02-23', TET_2026)).toBe(2);
  });

  it('counts what a paused clock has used and what is left', () => {
    const start = '2026-11-23'; // Monday
    const used = workingDaysBetween(start, '2026-11-26', NONE); // paused on Thursday
    expect(used).toBe(3);
    // Resumed on Monday 07/12: 7 working days left.
    expect(addWorkingDays('2026-12-07', 10 - used, NONE)).toBe('2026-12-16');
    expect(addWorkingDays('2026-12-07', 0, NONE)).toBe('2026-12-07');
  });
});
