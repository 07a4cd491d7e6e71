import { addDays, formatVietnameseDate, todayInVietnam, VIETNAM_TZ } from './dates';

describe('todayInVietnam', () => {
  const byIntl = new Intl.DateTimeFormat('en-CA', { timeZone: VIETNAM_TZ });

  it('turns to the next day at 17:00 UTC, midnight in Vietnam', () => {
    expect(todayInVietnam(new Date('2026-12-31T16:59:59.999Z'))).toBe('2026-12-31');
    expect(todayInVietnam(new Date('2026-12-31T17:00:00.000Z'))).toBe('2027-01-01');
    expect(todayInVietnam(new Date('2024-02-28T17:00:00Z'))).toBe('2024-02-29');
  });

  it('gives the time zone database’s date from 1976 to 2100, every 7 h 13 min (each hour of the day in turn)', () => {
    const differ: string[] = [];
    for (let t = Date.UTC(1976, 0, 1); t < Date.UTC(2100, 0, 1); t += 3_600_000 * 7 + 60_000 * 13) {
      const at = new Date(t);
      if (todayInVietnam(at) !== byIntl.format(at)) differ.push(at.toISOString());
    }
    expect(differ).toEqual([]);
  });
});

describe('calendar dates', () => {
  it('formats dd/mm/yyyy and adds days across months and leap years', () => {
    expect(formatVietnameseDate('2026-06-30')).toBe('30/06/2026');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
