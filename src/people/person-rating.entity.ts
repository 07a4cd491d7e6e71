import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TaskRating } from '../law/eligibility';

/** A person's task rating (đánh giá, xếp loại) of a year, with the document that gives it. */
@Entity('person_ratings')
@Index(['personId', 'year'], { unique: true })
export class PersonRating {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column('uuid')
  authorityId!: string;

  @Column('uuid')
  personId!: string;

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
