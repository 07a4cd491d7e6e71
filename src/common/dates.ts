/** Deadlines are calendar dates in Vietnam (UTC+7), inclusive. */
export const VIETNAM_TZ = 'Asia/Ho_Chi_Minh';

/** Built once: constructing an Intl formatter costs about a millisecond. */
const vietnamDate = new Intl.DateTimeFormat('en-CA', { timeZone: VIETNAM_TZ });

/** Today's date in Vietnam as YYYY-MM-DD. */
export function todayInVietnam(now = new Date()): string {
  return vietnamDate.format(now);
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
