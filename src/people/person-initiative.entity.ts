import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What was recognised: an initiative (sáng kiến) or a scientific research (đề tài nghiên cứu). */
export enum InitiativeKind {
  Initiative = 'initiative',
  Research = 'research',
}

export const INITIATIVE_KIND_LABELS: Record<InitiativeKind, string> = {
  [InitiativeKind.Initiative]: 'Sáng kiến',
  [InitiativeKind.Research]: 'Đề tài nghiên cứu khoa học',
};

/** The level that recognised it. */
export const INITIATIVE_LEVELS = {
  base: 'Cấp cơ sở',
  province: 'Cấp tỉnh',
  ministry: 'Cấp bộ, ngành',
  national: 'Cấp toàn quốc',
} as const;

export type InitiativeLevel = keyof typeof INITIATIVE_LEVELS;

/**
 * An initiative or research of a person, recognised by a document on a date:
 * with "Lao động tiên tiến", one recognised in the year is what "Chiến sĩ thi
 * đua cơ sở" asks of a person not rated "Hoàn thành xuất sắc nhiệm vụ"
 * (Luật Thi đua, khen thưởng 2022, Điều 23).
 */
@Entity('person_initiatives')
export class PersonInitiative {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column('uuid')
  authorityId!: string;

  @Index()
  @Column('uuid')
  personId!: string;

  @Column({ type: 'enum', enum: InitiativeKind, enumName: 'initiative_kind' })
  kind!: InitiativeKind;

  @Column({ length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 20 })
  level!: InitiativeLevel;

  /** The day the recognising document was signed. */
  @Column({ type: 'date' })
  recognisedOn!: string;

  /** "Quyết định số 20/QĐ-UBND ngày 10/11/2026 công nhận sáng kiến". */
  @Column({ length: 300 })
  reference!: string;

  @Column({ type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
