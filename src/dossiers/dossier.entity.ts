import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AwardForm, CommendationKind, RecipientKind } from '../awards/award-form.entity';
import { BaseRecord } from '../common/entities';
import { EvaluationResult } from '../reports/report.entity';
import { Unit } from '../units/unit.entity';
import { clockRunning, DossierStatus } from './workflow';

/** A nomination dossier (hồ sơ đề nghị khen thưởng) from a unit. */
@Entity('dossiers')
// A form sent twice (a double click) with the same key makes one dossier.
@Index('idx_dossiers_request_key', ['unitId', 'requestKey'], {
  unique: true,
  where: '"request_key" IS NOT NULL',
})
// Overdue and due-soon lists: only dossiers whose appraisal clock runs, by due date.
@Index(['authorityId', 'appraisalDueOn'], { where: clockRunning() })
// Also carries the award forms, so a list by form and status is counted from the index
// alone; TypeORM cannot declare INCLUDE, so the DossierAwardForms migration owns it.
@Index('IDX_dossiers_queue_status', { synchronize: false })
@Index(['authorityId', 'submittedAt'])
// A unit's list, with the status alongside: staff do not see units' drafts, so counting one
// unit's dossiers filters on it (the QueueUnitStatus migration owns it, for the INCLUDE).
@Index('IDX_dossiers_queue_unit', { synchronize: false })
@Index(['authorityId', 'roundId'])
export class Dossier extends BaseRecord {
  @Column('uuid')
  authorityId!: string;

  @Column('uuid')
  unitId!: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  /** Null for an ad hoc dossier outside any movement. */
  @Column({ type: 'uuid', nullable: true })
  movementId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  roundId!: string | null;

  /**
   * The award forms its nominees request, for filtering the queue by form.
   * Kept by a trigger on nominees (see the DossierAwardForms migration).
   */
  @Column('uuid', { array: true, default: () => "'{}'" })
  awardFormIds!: string[];

  @Column({ type: 'enum', enum: CommendationKind, enumName: 'commendation_kind' })
  commendationKind!: CommendationKind;

  /** "Đề nghị tặng Giấy khen năm 2026", as the unit titles its proposal letter. */
  @Column({ length: 300 })
  title!: string;

  /** The key of the request that created it, when the client gave one (idempotent creation). */
  @Column({ type: 'uuid', nullable: true })
  requestKey!: string | null;

  @Column({
    type: 'enum',
    enum: DossierStatus,
    enumName: 'dossier_status',
    default: DossierStatus.Draft,
  })
  status!: DossierStatus;

  /** The Home Affairs officer who took it. */
  @Column({ type: 'uuid', nullable: true })
  assignedTo!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  /** Appraisal clock: running since this date (null while paused or stopped). */
  @Column({ type: 'date', nullable: true })
  clockStartedOn!: string | null;

  /** Working days used before the current run of the clock. */
  @Column({ type: 'integer', default: 0 })
  workingDaysUsed!: number;

  /** Appraisal deadline while the clock runs. */
  @Column({ type: 'date', nullable: true })
  appraisalDueOn!: string | null;

  /** What the unit was last asked to supplement. */
  @Column({ type: 'jsonb', default: [] })
  supplementItems!: string[];

  @Column({ type: 'timestamptz', nullable: true })
  dueSoonNotifiedAt!: Date | null;

  @OneToMany(() => Nominee, (n) => n.dossier)
  nominees?: Nominee[];
}

export enum AppraisalResult {
  Proposed = 'proposed',
  NotProposed = 'not_proposed',
}

export enum VoteOutcome {
  Passed = 'passed',
  Failed = 'failed',
}

/** The decision of the level above on a forwarded nominee. */
export interface HigherDecision {
  awarded: boolean;
  /** Who decided: "Chủ tịch UBND tỉnh Hải Dương". */
  decidedBy: string;
  number: string;
  date: string;
  /** The form awarded as the decision names it (awarded only). */
  formName: string | null;
  /** The decision's file, uploaded by Home Affairs. */
  fileId: string | null;
  recordedBy: string;
  recordedAt: string;
}

export enum NomineeOutcome {
  Pending = 'pending',
  AwaitingDecision = 'awaiting_decision',
  Refused = 'refused',
  Forwarded = 'forwarded',
  Decided = 'decided',
  /** Forwarded, and the level above awarded it (its decision recorded). */
  HigherAwarded = 'higher_awarded',
  /** Forwarded, and the level above did not award it. */
  HigherRefused = 'higher_refused',
}

export const NOMINEE_OUTCOME_LABELS: Record<NomineeOutcome, string> = {
  [NomineeOutcome.Pending]: 'Đang xét',
  [NomineeOutcome.AwaitingDecision]: 'Chờ quyết định',
  [NomineeOutcome.Refused]: 'Không khen thưởng',
  [NomineeOutcome.Forwarded]: 'Đã trình cấp trên',
  [NomineeOutcome.HigherAwarded]: 'Cấp trên đã khen thưởng',
  [NomineeOutcome.HigherRefused]: 'Cấp trên không khen thưởng',
  [NomineeOutcome.Decided]: 'Đã khen thưởng',
};

/** An ATTEST rule confirmed by the appraiser. */
export interface Attestation {
  reason: string;
  /** The appraiser's user name. */
  by: string;
  at: string;
}

/** One nominee of a dossier: a person, a collective (the unit or a sub-unit) or a household. */
@Entity('nominees')
@Index(['personId', 'awardFormId', 'roundId'])
@Index(['awardFormId', 'dossierId'])
export class Nominee {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column('uuid')
  dossierId!: string;

  @ManyToOne(() => Dossier, (d) => d.nominees, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dossier_id' })
  dossier?: Dossier;

  /** Copied from the dossier, for the "same person, same form, same round" rule. */
  @Column({ type: 'uuid', nullable: true })
  roundId!: string | null;

  @Column({ type: 'enum', enum: RecipientKind, enumName: 'recipient_kind' })
  kind!: RecipientKind;

  @Column({ type: 'uuid', nullable: true })
  personId!: string | null;

  /** The collective: the dossier's unit or one of its sub-units. */
  @Column({ type: 'uuid', nullable: true })
  collectiveUnitId!: string | null;

  /** The household's head and address, for households. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  household!: string | null;

  /** The name as it will be printed, taken when the nominee is added. */
  @Column({ length: 300 })
  displayName!: string;

  @Column('uuid')
  awardFormId!: string;

  @ManyToOne(() => AwardForm, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'award_form_id' })
  awardForm?: AwardForm;

  @Column('text')
  achievementSummary!: string;

  /** The unit's evaluation in the round when the nominee was added (null: no report). */
  @Column({ type: 'enum', enum: EvaluationResult, enumName: 'evaluation_result', nullable: true })
  unitEvaluation!: EvaluationResult | null;

  @Column({ type: 'enum', enum: AppraisalResult, enumName: 'appraisal_result', nullable: true })
  appraisal!: AppraisalResult | null;

  @Column({ type: 'text', nullable: true })
  appraisalReason!: string | null;

  @Column({ type: 'enum', enum: VoteOutcome, enumName: 'vote_outcome', nullable: true })
  voteOutcome!: VoteOutcome | null;

  @Column({
    type: 'enum',
    enum: NomineeOutcome,
    enumName: 'nominee_outcome',
    default: NomineeOutcome.Pending,
  })
  outcome!: NomineeOutcome;

  @Column({ type: 'date', nullable: true })
  forwardedOn!: string | null;

  /** The letter that forwarded it, e.g. "Tờ trình số 12/TTr-UBND". */
  @Column({ type: 'varchar', length: 200, nullable: true })
  forwardReference!: string | null;

  /**
   * The level above's decision on a forwarded nominee, as Home Affairs
   * recorded it. Its file id is indexed (migration HigherDecisionFileIndex):
   * the proposing unit may read that file.
   */
  @Index('IDX_nominees_higher_decision_file', { synchronize: false })
  @Column({ type: 'jsonb', nullable: true })
  higherDecision!: HigherDecision | null;

  /** The conditions the appraiser confirmed (ATTEST rules, src/law/eligibility.ts): rule → why, who, when. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  attestations!: Record<string, Attestation>;
}

export enum DocumentKind {
  ProposalLetter = 'proposal_letter',
  MeetingMinutes = 'meeting_minutes',
  AchievementReport = 'achievement_report',
  Evidence = 'evidence',
}

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  [DocumentKind.ProposalLetter]: 'Tờ trình đề nghị khen thưởng',
  [DocumentKind.MeetingMinutes]: 'Biên bản họp xét khen thưởng',
  [DocumentKind.AchievementReport]: 'Báo cáo thành tích',
  [DocumentKind.Evidence]: 'Minh chứng',
};

/** A document attached to a dossier: an evidence file in a role. */
@Entity('dossier_documents')
@Index(['dossierId', 'fileId'], { unique: true })
export class DossierDocument {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  dossierId!: string;

  @ManyToOne(() => Dossier, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dossier_id' })
  dossier?: Dossier;

  @Column({ type: 'enum', enum: DocumentKind, enumName: 'document_kind' })
  kind!: DocumentKind;

  /** Indexed alone too: a file's dossier is looked up by the file (who may read it). */
  @Index()
  @Column('uuid')
  fileId!: string;

  /** For achievement reports: whose. */
  @Column({ type: 'uuid', nullable: true })
  nomineeId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  addedAt!: Date;
}

/** One step in a dossier's history: who, in which role, from what to what, and why. */
@Entity('dossier_events')
@Index(['dossierId', 'id'])
export class DossierEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column('uuid')
  dossierId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @Column('uuid')
  actorId!: string;

  @Column({ length: 120 })
  actorName!: string;

  @Column({ length: 30 })
  role!: string;

  @Column({ length: 40 })
  action!: string;

  @Column({ type: 'enum', enum: DossierStatus, enumName: 'dossier_status', nullable: true })
  fromStatus!: DossierStatus | null;

  @Column({ type: 'enum', enum: DossierStatus, enumName: 'dossier_status' })
  toStatus!: DossierStatus;

  @Column('text', { default: '' })
  comment!: string;
}

/**
 * How many dossiers each unit has in each status (summed over shards): the queue's tabs without
 * counting the whole table on every request. Kept by a trigger on dossiers
 * (see the DossierCounts migration), so no write path can forget it.
 */
@Entity('dossier_status_counts')
export class DossierStatusCount {
  @PrimaryColumn('uuid')
  authorityId!: string;

  @PrimaryColumn('uuid')
  unitId!: string;

  @PrimaryColumn({ type: 'enum', enum: DossierStatus, enumName: 'dossier_status' })
  status!: DossierStatus;

  /** One of 16, from the dossier's id: spreads concurrent updates over rows. */
  @PrimaryColumn('smallint')
  shard!: number;

  @Column('int')
  n!: number;
}
