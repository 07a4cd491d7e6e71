import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../common/entities';
import { numeric } from '../common/numeric';

export enum RecipientKind {
  Individual = 'individual',
  Collective = 'collective',
  Household = 'household',
}

export const RECIPIENT_KIND_LABELS: Record<RecipientKind, string> = {
  [RecipientKind.Individual]: 'Cá nhân',
  [RecipientKind.Collective]: 'Tập thể',
  [RecipientKind.Household]: 'Hộ gia đình',
};

/** Kinds of commendation (Luật Thi đua, khen thưởng 2022, Điều 8). */
export enum CommendationKind {
  Annual = 'annual',
  Thematic = 'thematic',
  AdHoc = 'ad_hoc',
  Dedication = 'dedication',
  Seniority = 'seniority',
  Foreign = 'foreign',
}

export const COMMENDATION_KIND_LABELS: Record<CommendationKind, string> = {
  [CommendationKind.Annual]: 'Thường xuyên (hằng năm)',
  [CommendationKind.Thematic]: 'Theo đợt, chuyên đề',
  [CommendationKind.AdHoc]: 'Đột xuất',
  [CommendationKind.Dedication]: 'Quá trình cống hiến',
  [CommendationKind.Seniority]: 'Niên hạn',
  [CommendationKind.Foreign]: 'Đối ngoại',
};

export enum DecidedBy {
  /** Decided by this authority's chairman. */
  ThisAuthority = 'this_authority',
  /** Proposed to a higher level: the dossier is forwarded, not decided here. */
  HigherLevel = 'higher_level',
}

export enum Procedure {
  /** Proposal letter, meeting minutes and an achievement report per nominee. */
  Full = 'full',
  /** Proposal letter and a short summary of the achievement. */
  Simplified = 'simplified',
}

/** A form of award (hình thức khen thưởng) an authority gives or proposes: data an admin edits. */
@Entity('award_forms')
@Index(['authorityId', 'code'], { unique: true })
export class AwardForm extends BaseRecord {
  @Column('uuid')
  authorityId!: string;

  @Column({ length: 40 })
  code!: string;

  /** "Giấy khen của Chủ tịch UBND huyện", "Lao động tiên tiến", ... */
  @Column({ length: 200 })
  name!: string;

  @Column({ type: 'jsonb' })
  recipientKinds!: RecipientKind[];

  @Column({ type: 'jsonb' })
  commendationKinds!: CommendationKind[];

  @Column({ type: 'enum', enum: DecidedBy, enumName: 'decided_by' })
  decidedBy!: DecidedBy;

  @Column({ default: false })
  voteRequired!: boolean;

  /** Share of eligible (non-recused) members who must vote, 0-1. */
  @Column({ type: 'numeric', precision: 4, scale: 3, nullable: true, transformer: numeric })
  voteQuorum!: number | null;

  /** Share of the votes cast that must agree, 0-1 (reached or exceeded). */
  @Column({ type: 'numeric', precision: 4, scale: 3, nullable: true, transformer: numeric })
  voteApproval!: number | null;

  @Column({ type: 'enum', enum: Procedure, enumName: 'award_procedure' })
  procedure!: Procedure;

  /** The money, as a multiple of the base salary (e.g. 0.3, 1.0, 1.5). */
  @Column({ type: 'numeric', precision: 5, scale: 2, default: 0, transformer: numeric })
  moneyMultiplier!: number;

  /**
   * The title or form of the law this is (see src/law/money.ts): its reward
   * then follows the multiple the law sets on the decision's date for each
   * subject kind; null: the catalogue's own multiple.
   */
  @Column({ type: 'varchar', length: 40, nullable: true })
  lawTitle!: string | null;

  /** At most this many nominees per unit and round; null: no quota. */
  @Column({ type: 'integer', nullable: true })
  quotaPerUnit!: number | null;

  /**
   * The document that sets the quota (the law sets none by default: the old
   * 15% cap on "Chiến sĩ thi đua cơ sở" was repealed), cited when it refuses.
   */
  @Column({ type: 'varchar', length: 300, nullable: true })
  quotaCitation!: string | null;

  @Column({ default: true })
  active!: boolean;
}

/** The base salary (lương cơ sở) from a date on, per authority. */
@Entity('base_salaries')
@Index(['authorityId', 'effectiveFrom'], { unique: true })
export class BaseSalary extends BaseRecord {
  @Column('uuid')
  authorityId!: string;

  /** VND per month. */
  @Column('integer')
  amount!: number;

  @Column({ type: 'date' })
  effectiveFrom!: string;
}
