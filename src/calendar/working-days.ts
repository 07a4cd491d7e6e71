/**
 * Working-day arithmetic on calendar dates (YYYY-MM-DD): Saturdays, Sundays
 * and the given holidays are not working days.
 */
export type Holidays = ReadonlySet<string>;

function toDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function nextDay(iso: string): string {
  const d = toDate(iso);
  d.setUTCDate(d.getUTCDate() + 1);
  return toIso(d);
}

export function isWorkingDay(iso: string, holidays: Holidays): boolean {
  const day = toDate(iso).getUTCDay();
  return day !== 0 && day !== 6 && !holidays.has(iso);
}

/** The date on which `days` working days after `start` have passed (start itself not counted). */
export function addWorkingDays(start: string, days: number, holidays: Holidays): string {
  let current = start;
  let left = Math.max(0, days);
  while (left > 0) {
    current = nextDay(current);
    if (isWorkingDay(current, holidays)) left--;
  }
  return current;
}

/** Working days in (from, to]: how many have passed from `from` to `to`. */
export function workingDaysBetween(from: string, to: string, holidays: Holidays): number {
  let count = 0;
  for (let current = nextDay(from); current <= to; current = nextDay(current)) {
    if (isWorkingDay(current, holidays)) count++;
  }
  return count;
}
