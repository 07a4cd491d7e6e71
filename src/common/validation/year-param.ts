import { Param, PipeTransform } from '@nestjs/common';
import { AppError } from '../errors/app-error';

/** A year as typed, 2000-2100: 400 naming the field otherwise. */
export function parseYear(value: unknown, name = 'year'): number {
  const typed = String(value ?? '').trim();
  const year = /^\d{4}$/.test(typed) ? Number(typed) : NaN;
  if (!(year >= 2000 && year <= 2100))
    throw AppError.invalidField(
      name,
      `Trường "${name}" phải là một năm có bốn chữ số, từ 2000 đến 2100.`,
      'year',
    );
  return year;
}

/** A year in a route (`:year`). */
class ParseYearPipe implements PipeTransform<unknown, number> {
  constructor(private readonly name: string) {}

  transform(value: unknown): number {
    return parseYear(value, this.name);
  }
}

export const YearParam = (name = 'year') => Param(name, new ParseYearPipe(name));
