import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { BaseRecord } from '../common/entities';
import { numeric } from '../common/numeric';
import { UnitKind } from '../units/unit.entity';

export enum MovementStatus {
  Draft = 'draft',
  Launched = 'launched',
  Closed = 'closed',
}

export const MOVEMENT_STATUS_LABELS: Record<MovementStatus, string> = {
  [MovementStatus.Draft]: 'Dự thảo',
  [MovementStatus.Launched]: 'Đã phát động',
  [MovementStatus.Closed]: 'Đã kết thúc',
};

export interface Phase {
  name: string;
  startYear: number;
  endYear: number;
}

/** A movement (phong trào thi đua) of an authority. */
@Entity('movements')
export class Movement extends BaseRecord {
  @Index()
  @Column('uuid')
  authorityId!: string;

  @Column({ length: 300 })
  title!: string;

  /** Căn cứ: one line each, printed on decisions. */
  @Column({ type: 'jsonb', default: [] })
  legalBases!: string[];

  /** Nội dung phong trào: one line each. */
  @Column({ type: 'jsonb', default: [] })
  contentAreas!: string[];

  @Column({ type: 'jsonb', default: [] })
  phases!: Phase[];

  @Column({ type: 'date', nullable: true })
  launchDate!: string | null;

  /** Last day (inclusive, Vietnam time) on which units may register or withdraw. */
  @Column({ type: 'date' })
  registrationDeadline!: string;

  @Column({
    type: 'enum',
    enum: MovementStatus,
    enumName: 'movement_status',
    default: MovementStatus.Draft,
  })
  status!: MovementStatus;

  @OneToMany(() => ReviewRound, (r) => r.movement)
  rounds?: ReviewRound[];
}

export enum RoundKind {
  Annual = 'annual',
  Preliminary = 'preliminary',
  Final = 'final',
}

export const ROUND_KIND_LABELS: Record<RoundKind, string> = {
  [RoundKind.Annual]: 'Hằng năm',
  [RoundKind.Preliminary]: 'Sơ kết',
  [RoundKind.Final]: 'Tổng kết',
};

/** A review round (đợt): annual, preliminary (sơ kết) or final (tổng kết). */
@Entity('review_rounds')
@Check('"period_start" <= "period_end"')
export class ReviewRound extends BaseRecord {
  @Index()
  @Column('uuid')
  movementId!: string;

  @ManyToOne(() => Movement, (m) => m.rounds, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'movement_id' })
  movement?: Movement;

  @Column({ type: 'enum', enum: RoundKind, enumName: 'round_kind' })
  kind!: RoundKind;

  /** "Năm 2026", "Tổng kết giai đoạn 2021-2025". */
  @Column({ length: 200 })
  name!: string;

  @Column({ type: 'date' })
  periodStart!: string;

  @Column({ type: 'date' })
  periodEnd!: string;

  /** Last day for indicator reports (e.g. 15/12). */
  @Column({ type: 'date' })
  reportDeadline!: string;

  /** Last day for nomination dossiers. */
  @Column({ type: 'date' })
  nominationDeadline!: string;

  /** Closed early by the coordinator; a round is also closed once its report deadline passed. */
  @Column({ default: false })
  closed!: boolean;
}

/** Who a criteria set applies to. */
export enum SubjectKind {
  District = 'district',
  Commune = 'commune',
  Enterprise = 'enterprise',
  Individual = 'individual',
}

export const SUBJECT_KIND_LABELS: Record<SubjectKind, string> = {
  [SubjectKind.District]: 'Cơ quan, đơn vị',
  [SubjectKind.Commune]: 'Cấp xã',
  [SubjectKind.Enterprise]: 'Doanh nghiệp',
  [SubjectKind.Individual]: 'Cá nhân',
};

/** The criteria set a unit reports against, by its kind. */
export function subjectKindOfUnit(kind: UnitKind): SubjectKind {
  switch (kind) {
    case UnitKind.Commune:
      return SubjectKind.Commune;
    case UnitKind.Enterprise:
      return SubjectKind.Enterprise;
    default:
      return SubjectKind.District;
  }
}

/**
 * One version of a movement's criteria for one subject kind. Frozen once the
 * movement is launched: a change then makes a new version, and reports keep
 * the version they were made against.
 */
@Entity('criteria_sets')
@Index(['movementId', 'subjectKind', 'version'], { unique: true })
export class CriteriaSet {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  movementId!: string;

  @ManyToOne(() => Movement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'movement_id' })
  movement?: Movement;

  @Column({ type: 'enum', enum: SubjectKind, enumName: 'subject_kind' })
  subjectKind!: SubjectKind;

  @Column('integer')
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @OneToMany(() => Criterion, (c) => c.criteriaSet)
  criteria?: Criterion[];
}

export enum CriterionType {
  /** A percentage with a minimum, e.g. ≥ 80%. */
  Percentage = 'percentage',
  /** A yes/no requirement. */
  Boolean = 'boolean',
  /** A count with a minimum. */
  Count = 'count',
  /** A statement judged by a reviewer on evidence. */
  Qualitative = 'qualitative',
}

export const CRITERION_TYPE_LABELS: Record<CriterionType, string> = {
  [CriterionType.Percentage]: 'Tỷ lệ % (đạt khi từ ngưỡng trở lên)',
  [CriterionType.Boolean]: 'Có/không',
  [CriterionType.Count]: 'Số lượng (đạt khi từ ngưỡng trở lên)',
  [CriterionType.Qualitative]: 'Định tính (Phòng Nội vụ đánh giá)',
};

@Entity('criteria')
@Index(['criteriaSetId', 'code'], { unique: true })
export class Criterion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column('uuid')
  criteriaSetId!: string;

  @ManyToOne(() => CriteriaSet, (s) => s.criteria, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'criteria_set_id' })
  criteriaSet?: CriteriaSet;

  @Column({ length: 20 })
  code!: string;

  /** The criterion in Vietnamese, word for word from the plan. */
  @Column('text')
  text!: string;

  @Column({ type: 'numeric', precision: 6, scale: 2, default: 1, transformer: numeric })
  weight!: number;

  @Column({ default: true })
  mandatory!: boolean;

  @Column({ type: 'enum', enum: CriterionType, enumName: 'criterion_type' })
  type!: CriterionType;

  /** Minimum for percentage (0-100) and count criteria; null otherwise. */
  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true, transformer: numeric })
  threshold!: number | null;

  @Column('smallint')
  position!: number;
}
