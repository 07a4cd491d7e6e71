import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsOptional } from './validation/optional';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { escapeLike, foldForSearch } from './text/fold';

/** `?limit=&offset=`: every list is paginated, 20 by default, 100 at most. */
export class PageQueryDto {
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset = 0;
}

/** A list page with the query's total count. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** A page query with name search (`q`, diacritics optional) and sorting. */
export class SearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Tìm theo tên, có hoặc không có dấu' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'asc';
}

/** Runs a list query for one page, with the total of all matching rows. */
export async function pageOf<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: PageQueryDto,
): Promise<Page<T>> {
  const [items, total] = await qb.take(query.limit).skip(query.offset).getManyAndCount();
  return { items, total, limit: query.limit, offset: query.offset };
}

/** Narrows to rows whose folded-name column contains `q`, diacritics and case ignored. */
export function whereNameMatches<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  column: string,
  q: string | undefined,
): SelectQueryBuilder<T> {
  if (!q) return qb;
  return qb.andWhere(`${column} LIKE :q ESCAPE '\\'`, { q: `%${escapeLike(foldForSearch(q))}%` });
}
