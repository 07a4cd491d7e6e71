import { Column, Entity, Index } from 'typeorm';
import { YearRating } from '../law/task-rating';

/** A person's task rating of a year, with the document that gives it. */
@Entity('person_ratings')
@Index(['personId', 'year'], { unique: true })
export class PersonRating extends YearRating {
  @Column('uuid')
  personId!: string;
}
