import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A day off (ngày nghỉ lễ, Tết, nghỉ bù) in an authority's working calendar. */
@Entity('holidays')
@Index(['authorityId', 'date'], { unique: true })
export class Holiday {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  authorityId!: string;

  @Column({ type: 'date' })
  date!: string;

  @Column({ length: 200 })
  name!: string;
}
