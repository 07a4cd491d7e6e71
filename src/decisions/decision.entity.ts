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
import { RecipientKind } from '../awards/award-form.entity';
import { BaseRecord } from '../common/entities';

export enum DecisionKind {
  Award = 'award',
  Revocation = 'revocation',
  /** Đính chính: corrects an issued decision; its certificates show as corrected. */
  Correction = 'correction',
}

export enum DecisionStatus {
  Draft = 'draft',
  Issued = 'issued',
}

export enum SignerForm {
  /** The chairman signs: "CHỦ TỊCH". */
  Chairman = 'chairman',
  /** A vice-chairman signs on the chairman's behalf: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH". */
  ViceChairman = 'vice_chairman',
}

/**
 * An award decision (quyết định khen thưởng). A draft is edited; issuing gives
 * it its number and date and makes it immutable. A revoking decision
 * references the one it revokes.
 */
@Entity('decisions')
@Index('idx_decisions_number', ['authorityId', 'year', 'number'], {
  unique: true,
  where: '"number" IS NOT NULL',
})
export class AwardDecision extends BaseRecord {
  @Index()
  @Column('uuid')
  authorityId!: string;

  @Column({
    type: 'enum',
    enum: DecisionKind,
    enumName: 'decision_kind',
    default: DecisionKind.Award,
  })
  kind!: DecisionKind;

  @Column({
    type: 'enum',
    enum: DecisionStatus,
    enumName: 'decision_status',
    default: DecisionStatus.Draft,
  })
  status!: DecisionStatus;

  /** "Về việc tặng Giấy khen ..." */
  @Column({ length: 500 })
  title!: string;

  /** The "Căn cứ ..." lines. */
  @Column({ type: 'jsonb' })
  legalBases!: string[];

  /** Điều 2: funding. */
  @Column('text')
  funding!: string;

  /** Điều 3: who executes. */
  @Column('text')
  execution!: string;

  /** Nơi nhận, ending with "Lưu: VT." */
  @Column({ type: 'jsonb' })
  recipients!: string[];

  @Column({ type: 'enum', enum: SignerForm, enumName: 'signer_form', nullable: true })
  signerForm!: SignerForm | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  signerName!: string | null;

  /** Per authority, restarting each year, gap-free. */
  @Column({ type: 'integer', nullable: true })
  number!: number | null;

  @Column({ type: 'smallint', nullable: true })
  year!: number | null;

  @Column({ type: 'date', nullable: true })
  issuedOn!: string | null;

  /** The base salary in force on the decision's date, the amounts' basis (with each line's multiple). */
  @Column({ type: 'integer', nullable: true })
  baseSalary!: number | null;

  /** For a revocation or correction: the decision it supersedes. */
  @Column({ type: 'uuid', nullable: true })
  referencesId!: string | null;

  @Column('text', { default: '' })
  reason!: string;

  @OneToMany(() => DecisionItem, (i) => i.decision)
  items?: DecisionItem[];
}

/** One awardee of a decision: a line of its annex. */
@Entity('decision_items')
export class DecisionItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column('uuid')
  decisionId!: string;

  @ManyToOne(() => AwardDecision, (d) => d.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'decision_id' })
  decision?: AwardDecision;

  /** A nominee is in at most one award decision; a correcting decision's lines repeat it. */
  @Index('idx_decision_items_nominee', { unique: true, where: '"corrects_item_id" IS NULL' })
  @Column('uuid')
  nomineeId!: string;

  /** On a correcting decision: the line of the superseded decision that this line corrects. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  correctsItemId!: string | null;

  @Column('uuid')
  dossierId!: string;

  @Column({ type: 'enum', enum: RecipientKind, enumName: 'recipient_kind' })
  recipientKind!: RecipientKind;

  @Column({ length: 300 })
  displayName!: string;

  /** The individual's unit, printed under the name. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  unitName!: string | null;

  @Column({ length: 200 })
  awardFormName!: string;

  @Column({ type: 'numeric', precision: 5, scale: 2 })
  moneyMultiplier!: string;

  /** VND, fixed at issue from the base salary of that day. */
  @Column({ type: 'integer', nullable: true })
  amount!: number | null;

  @Column('smallint')
  position!: number;
}

/** Gap-free numbers: one row per authority, kind and year, updated in the issuing transaction. */
@Entity('number_counters')
export class NumberCounter {
  @PrimaryColumn('uuid')
  authorityId!: string;

  @PrimaryColumn({ length: 20 })
  kind!: string;

  @PrimaryColumn('smallint')
  year!: number;

  @Column('integer')
  last!: number;
}

export enum CertificateStatus {
  Valid = 'valid',
  Revoked = 'revoked',
  Corrected = 'corrected',
}

/** What a certificate prints, frozen at issue: renaming a unit later changes nothing. */
export interface CertificateSnapshot {
  issuingBody: string;
  chairmanTitle: string;
  authorityName: string;
  placeName: string;
  awardeeName: string;
  unitName: string | null;
  recipientKind: RecipientKind;
  /** A person's "Ông" / "Bà" and position, as the certificate addresses them (absent on older snapshots). */
  honorific?: 'Ông' | 'Bà' | null;
  position?: string | null;
  awardFormName: string;
  achievement: string;
  decisionNumber: string;
  decisionDate: string;
  registerNumber: string;
  signerLines: string[];
  signerName: string;
  verifyUrl: string;
  /** On a corrected certificate: "Đính chính theo Quyết định số 03/QĐ-UBND ngày 23/11/2026". */
  correction?: string;
}

/** An entry of the award register (sổ khen thưởng): one per awardee of an issued decision. */
@Entity('award_register')
@Index('idx_award_register_number', ['authorityId', 'year', 'registerNumber'], { unique: true })
export class RegisterEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  authorityId!: string;

  @Column('smallint')
  year!: number;

  @Column('integer')
  registerNumber!: number;

  @Index()
  @Column('uuid')
  decisionId!: string;

  @Index({ unique: true })
  @Column('uuid')
  itemId!: string;

  /** The unguessable token in the certificate's QR code. */
  @Index({ unique: true })
  @Column({ length: 64 })
  verifyToken!: string;

  @Column({
    type: 'enum',
    enum: CertificateStatus,
    enumName: 'certificate_status',
    default: CertificateStatus.Valid,
  })
  status!: CertificateStatus;

  @Column({ type: 'uuid', nullable: true })
  revokedByDecisionId!: string | null;

  @Column({ type: 'jsonb' })
  snapshot!: CertificateSnapshot;

  /** The awardee's name folded for search (no diacritics, lower case); see foldForSearch. */
  @Index('idx_award_register_search_name_trgm', { synchronize: false })
  @Column('text', { default: '' })
  searchName!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
