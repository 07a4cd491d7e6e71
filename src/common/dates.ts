/** Deadlines are calendar dates in Vietnam (UTC+7), inclusive. */
export const VIETNAM_TZ = 'Asia/Ho_Chi_Minh';

/**
 * Vietnam has kept UTC+7, without daylight saving, since 13 June 1975, so a date there is
 * plain arithmetic. (Intl.DateTimeFormat with VIETNAM_TZ gives the same dates, checked in
 * dates.spec.ts, at about 6 µs a call in the running app: once per workflow step and once
 * per row of an export.)
 */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The date in Vietnam (YYYY-MM-DD) at `now`, for any instant since 1975. */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** "30/06/2026" for messages and documents. */
export function formatVietnameseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/** The calendar date `days` after `isoDate` (YYYY-MM-DD), in UTC arithmetic: no time zone shifts a date. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
