import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../common/entities';
import { Unit } from '../units/unit.entity';

export enum Gender {
  Male = 'male',
  Female = 'female',
}

export const GENDER_LABELS: Record<Gender, string> = {
  [Gender.Male]: 'Nam',
  [Gender.Female]: 'Nữ',
};

/** A person (cá nhân) working in a unit. */
@Entity('people')
export class Person extends BaseRecord {
  @Index()
  @Column('uuid')
  authorityId!: string;

  @Index()
  @Column('uuid')
  unitId!: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Column({ length: 120 })
  fullName!: string;

  @Index('idx_people_search_name_trgm', { synchronize: false })
  @Column({ length: 120 })
  searchName!: string;

  @Column({ type: 'enum', enum: Gender, enumName: 'gender' })
  gender!: Gender;

  @Column({ type: 'smallint' })
  birthYear!: number;

  /** Chức vụ, e.g. "Phó Chủ tịch UBND xã". */
  @Column({ length: 200, default: '' })
  position!: string;
}
