import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CaseKind } from '../law/eligibility';
import { Person } from './person.entity';

/**
 * A case about a person that bears on an award (Nghị định 152/2025, Điều 4):
 * a discipline term, or a review, investigation, inspection or complaint
 * that holds an award until it closes. Recorded by Home Affairs, with the
 * document it rests on; closed by giving its end.
 */
@Entity('person_cases')
export class PersonCase {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column('uuid')
  authorityId!: string;

  @Index()
  @Column('uuid')
  personId!: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @Column({ type: 'enum', enum: CaseKind, enumName: 'person_case_kind' })
  kind!: CaseKind;

  @Column('date')
  startsOn!: string;

  /** The close of the case, or the discipline term's end; null while open. */
  @Column({ type: 'date', nullable: true })
  endsOn!: string | null;

  /** The document the case rests on: "Quyết định số 12/QĐ-UBND ngày 01/10/2026". */
  @Column({ length: 300 })
  reference!: string;

  @Column('uuid')
  recordedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}
