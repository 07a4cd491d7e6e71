import { Column, Entity, Index } from 'typeorm';
import { YearRating } from '../law/task-rating';

/**
 * A collective's task rating of a year, with the document that gives it:
 * what "Tập thể lao động tiên tiến" rests on (Luật Thi đua, khen thưởng 2022, Điều 28).
 */
@Entity('unit_ratings')
@Index(['unitId', 'year'], { unique: true })
export class UnitRating extends YearRating {
  @Column('uuid')
  unitId!: string;
}
