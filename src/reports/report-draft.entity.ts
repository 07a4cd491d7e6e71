import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ReviewRound } from '../movements/movement.entity';
import type { ReportValueDto } from './reports.dto';

/**
 * What a unit has typed into its report for a round and saved without
 * sending (lưu nháp): one per unit and round, replaced on each save and
 * removed when the report is sent. Nothing in it is evaluated for the record.
 */
@Entity('report_drafts')
@Index(['roundId', 'unitId'], { unique: true })
export class ReportDraft {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column('uuid')
  authorityId!: string;

  @Column('uuid')
  roundId!: string;

  @ManyToOne(() => ReviewRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: ReviewRound;

  @Column('uuid')
  unitId!: string;

  /** The values as the form gave them (the API's ReportValueDto), possibly partial. */
  @Column({ type: 'jsonb', default: [] })
  values!: ReportValueDto[];

  @Column('text', { default: '' })
  note!: string;

  @Column('uuid')
  savedBy!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  savedAt!: Date;
}
