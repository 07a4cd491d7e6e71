import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { numeric } from '../common/numeric';
import { CriteriaSet, Criterion, ReviewRound } from '../movements/movement.entity';

export enum EvaluationResult {
  Met = 'met',
  NotMet = 'not_met',
  /** Awaiting a reviewer's judgement (qualitative criteria). */
  Pending = 'pending',
}

export const EVALUATION_LABELS: Record<EvaluationResult, string> = {
  [EvaluationResult.Met]: 'Đạt',
  [EvaluationResult.NotMet]: 'Chưa đạt',
  [EvaluationResult.Pending]: 'Chờ đánh giá',
};

/**
 * A unit's indicator report (báo cáo kết quả) for a round. Submitted reports
 * are locked: a correction is a new revision, and the previous one is kept
 * (superseded). The current revision is the one with supersededAt null.
 */
@Entity('indicator_reports')
@Index(['roundId', 'unitId', 'revision'], { unique: true })
@Index('idx_indicator_reports_current', ['roundId', 'unitId'], {
  unique: true,
  where: '"superseded_at" IS NULL',
})
export class IndicatorReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column('uuid')
  authorityId!: string;

  @Index()
  @Column('uuid')
  movementId!: string;

  @Column('uuid')
  roundId!: string;

  @ManyToOne(() => ReviewRound, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id' })
  round?: ReviewRound;

  @Index()
  @Column('uuid')
  unitId!: string;

  /** The criteria version this report was made against, kept forever. */
  @Column('uuid')
  criteriaSetId!: string;

  @ManyToOne(() => CriteriaSet, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'criteria_set_id' })
  criteriaSet?: CriteriaSet;

  @Column('integer')
  revision!: number;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;

  @Column('text', { default: '' })
  note!: string;

  @Column('uuid')
  submittedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  submittedAt!: Date;

  /** All mandatory criteria met (pending while any awaits judgement). */
  @Column({ type: 'enum', enum: EvaluationResult, enumName: 'evaluation_result' })
  overall!: EvaluationResult;

  /** Weighted share of criteria met, 0-100. */
  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numeric })
  score!: number;

  @OneToMany(() => ReportValue, (v) => v.report)
  values?: ReportValue[];
}

/** The value a report gives for one criterion, and its evaluation. */
@Entity('report_values')
@Index(['reportId', 'criterionId'], { unique: true })
export class ReportValue {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  reportId!: string;

  @ManyToOne(() => IndicatorReport, (r) => r.values, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: IndicatorReport;

  @Column('uuid')
  criterionId!: string;

  @ManyToOne(() => Criterion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'criterion_id' })
  criterion?: Criterion;

  /** Percentage (0-100) or count. */
  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true, transformer: numeric })
  number!: number | null;

  @Column({ type: 'boolean', nullable: true })
  achieved!: boolean | null;

  /** The unit's account of a qualitative criterion, or a note. */
  @Column('text', { default: '' })
  statement!: string;

  /** GIN-indexed (migration ReportEvidenceIndex): staff may read a file a sent report holds. */
  @Index('IDX_report_values_evidence', { synchronize: false })
  @Column({ type: 'jsonb', default: [] })
  evidenceFileIds!: string[];

  /** What the thresholds say (pending for qualitative criteria). */
  @Column({ type: 'enum', enum: EvaluationResult, enumName: 'evaluation_result' })
  autoResult!: EvaluationResult;

  /** A reviewer's judgement or override; wins over autoResult. */
  @Column({ type: 'enum', enum: EvaluationResult, enumName: 'evaluation_result', nullable: true })
  reviewResult!: EvaluationResult | null;

  @Column({ type: 'text', nullable: true })
  reviewReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;
}
