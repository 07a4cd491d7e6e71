import { Param, PipeTransform } from '@nestjs/common';
import { AppError } from '../errors/app-error';

/** A year in a route (`:year`), 2000-2100: 400 naming the field otherwise. */
class ParseYearPipe implements PipeTransform<string, number> {
  constructor(private readonly name: string) {}

  transform(value: string): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!(year >= 2000 && year <= 2100))
      throw AppError.invalidField(
        this.name,
        `Trường "${this.name}" phải là một năm có bốn chữ số, từ 2000 đến 2100.`,
        'year',
      );
    return year;
  }
}

export const YearParam = (name = 'year') => Param(name, new ParseYearPipe(name));
