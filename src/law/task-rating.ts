import { ApiProperty } from '@nestjs/swagger';
import { Column, EntityManager, FindOptionsWhere, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IsEnum, IsString, MaxLength, MinLength } from 'class-validator';
import { TaskRating } from './eligibility';

/** A yearly task rating (of a person or a collective) with the document that gives it. */
export class TaskRatingDto {
  @ApiProperty({ enum: TaskRating }) @IsEnum(TaskRating) rating!: TaskRating;
  @ApiProperty({ example: 'Quyết định số 05/QĐ-UBND ngày 20/12/2026 về đánh giá, xếp loại' })
  @IsString()
  @MinLength(5)
  @MaxLength(300)
  reference!: string;
}

/**
 * A task rating (đánh giá, xếp loại) of a year, with the document that gives
 * it: the columns a person's and a collective's ratings share.
 */
export abstract class YearRating {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column('uuid')
  authorityId!: string;

  @Column('smallint')
  year!: number;

  @Column({ type: 'enum', enum: TaskRating, enumName: 'task_rating' })
  rating!: TaskRating;

  /** "Quyết định số 05/QĐ-UBND ngày 20/12/2026 về đánh giá, xếp loại". */
  @Column({ length: 300 })
  reference!: string;

  /** Who recorded it; null for data loaded in bulk (the demo, an import). */
  @Column({ type: 'uuid', nullable: true })
  recordedBy!: string | null;
}

/**
 * Records (or corrects) the rating of a year of a person or a collective
 * (`subject`: `{ personId }` or `{ unitId }`), its document trimmed; returns
 * the rating it replaced, for the audit, and the one stored.
 */
export async function recordRating<T extends YearRating>(
  manager: EntityManager,
  entity: new () => T,
  subject: Partial<T>,
  row: { authorityId: string; year: number; dto: TaskRatingDto; recordedBy: string },
): Promise<{ before: TaskRating | null; saved: T }> {
  const where = { ...subject, year: row.year } as FindOptionsWhere<T>;
  const before = await manager.findOneBy(entity, where);
  await manager.upsert(
    entity,
    {
      ...subject,
      authorityId: row.authorityId,
      year: row.year,
      rating: row.dto.rating,
      reference: row.dto.reference.trim(),
      recordedBy: row.recordedBy,
    } as never,
    [...Object.keys(subject), 'year'],
  );
  return { before: before?.rating ?? null, saved: await manager.findOneByOrFail(entity, where) };
}
