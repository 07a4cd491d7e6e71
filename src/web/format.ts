import { formatVietnameseDate, todayInVietnam, VIETNAM_TZ } from '../common/dates';

/**
 * A date as a page prints it, 23/11/2026: a calendar date as it is, a
 * timestamp as its day in Vietnam (UTC+7), not in UTC.
 */
export const formatDate = (value: string | Date | null | undefined): string =>
  !value
    ? ''
    : formatVietnameseDate(value instanceof Date ? todayInVietnam(value) : value.slice(0, 10));

/**
 * A list's page links: where the user is and the previous and next pages,
 * keeping the filters given (`given`, as in the query string).
 */
export function pager(
  path: string,
  given: Record<string, unknown>,
  page: { offset: number; limit: number; total: number },
) {
  const link = (offset: number) =>
    `${path}?${new URLSearchParams({ ...(given as Record<string, string>), offset: String(offset) })}`;
  return {
    pageNumber: Math.floor(page.offset / page.limit) + 1,
    pages: Math.max(1, Math.ceil(page.total / page.limit)),
    previous: page.offset > 0 ? link(Math.max(0, page.offset - page.limit)) : null,
    next: page.offset + page.limit < page.total ? link(page.offset + page.limit) : null,
  };
}

const vietnamTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: VIETNAM_TZ,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant as an officer reads it: 23/11/2026 14:05, in Vietnam's time. */
export const formatDateTime = (value: Date | string): string =>
  vietnamTime.format(new Date(value)).replace(',', '');

/** A choice of a filter's or form's select: its value, its label, whether it is the one chosen. */
export const option = (id: string, label: string, selected?: unknown) => ({
  id,
  label,
  selected: id === selected,
});
