import { todayInVietnam } from '../../src/common/dates';

/** A Vietnam calendar date `days` from today, YYYY-MM-DD. */
export function daysFromToday(days: number): string {
  const [y, m, d] = todayInVietnam().split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
