/** Deadlines are calendar dates in Vietnam (UTC+7), inclusive. */
export const VIETNAM_TZ = 'Asia/Ho_Chi_Minh';

/** Today's date in Vietnam as YYYY-MM-DD. */
export function todayInVietnam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: VIETNAM_TZ }).format(now);
}

/** "30/06/2026" for messages and documents. */
export function formatVietnameseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}
