import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { RecipientKind } from './award-form.entity';

/**
 * An award not issued through this system: an earlier year's, imported when
 * an authority starts, or one decided elsewhere. It counts in a person's
 * award history (one achievement, one form; consecutive years).
 */
@Entity('recorded_awards')
@Index(['authorityId', 'searchName', 'formName', 'decisionNumber', 'decisionDate'], {
  unique: true,
})
export class RecordedAward {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  authorityId!: string;

  @Column({ type: 'enum', enum: RecipientKind, enumName: 'recipient_kind' })
  recipientKind!: RecipientKind;

  /** The person awarded, when the awardee is one of the authority's people. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  personId!: string | null;

  /** The collective awarded, or the unit of the person or household. */
  @Column({ type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ length: 300 })
  awardeeName!: string;

  /** Folded name (no diacritics, lower case): the natural key and the search. */
  @Column({ length: 300 })
  searchName!: string;

  /** "Giấy khen của Chủ tịch UBND huyện", "Lao động tiên tiến", ... as the decision names it. */
  @Column({ length: 200 })
  formName!: string;

  /** The law's title when the form is one of the catalogue's that has one (src/law/money.ts). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  lawTitle!: string | null;

  /** "15/QĐ-UBND" */
  @Column({ length: 60 })
  decisionNumber!: string;

  @Column({ type: 'date' })
  decisionDate!: string;

  /** Who decided: "Chủ tịch UBND huyện Tứ Kỳ". */
  @Column({ length: 200 })
  decidedBy!: string;

  /** The year the award is for (the decision's year unless said otherwise). */
  @Column('smallint')
  year!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
