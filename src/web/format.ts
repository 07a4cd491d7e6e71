import { formatVietnameseDate, todayInVietnam } from '../common/dates';

/**
 * A date as a page prints it, 23/11/2026: a calendar date as it is, a
 * timestamp as its day in Vietnam (UTC+7), not in UTC.
 */
export const formatDate = (value: string | Date | null | undefined): string =>
  !value
    ? ''
    : formatVietnameseDate(value instanceof Date ? todayInVietnam(value) : value.slice(0, 10));
