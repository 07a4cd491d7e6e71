import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { RecipientKind } from '../awards/award-form.entity';

/**
 * One line of a published list: what the public may read of a nominee, and
 * nothing else personal (no birth year, no position, no ids).
 */
export interface PublishedEntry {
  kind: RecipientKind;
  name: string;
  unitName: string;
  formName: string;
  achievement: string;
}

/**
 * A list of nominees the authority intends to award, published for a period
 * (công khai) so that anyone may send an opinion. The list is a snapshot taken
 * when it is published: every visitor reads the same lines, whatever happens
 * to the dossiers afterwards.
 */
@Entity('publications')
@Index(['authorityId', 'endsOn'])
export class Publication {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  authorityId!: string;

  /** "Công khai danh sách dự kiến khen thưởng năm 2026". */
  @Column({ length: 300 })
  title!: string;

  @Column('date')
  startsOn!: string;

  /** The last day opinions are taken. */
  @Column('date')
  endsOn!: string;

  @Column('jsonb')
  entries!: PublishedEntry[];

  /** Taken down before its end (a mistake in the list): no longer shown, its opinions kept. */
  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column('uuid')
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** An opinion sent by anyone on a published list; it reaches Home Affairs. */
@Entity('public_opinions')
@Index(['publicationId', 'createdAt'])
export class PublicOpinion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  publicationId!: string;

  @ManyToOne(() => Publication, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'publication_id' })
  publication?: Publication;

  @Column('uuid')
  authorityId!: string;

  /** The line of the list it is about (its position), or null for the list as a whole. */
  @Column({ type: 'smallint', nullable: true })
  entryIndex!: number | null;

  /** As the sender gave them: both optional, an opinion may be anonymous. */
  @Column({ length: 120, default: '' })
  senderName!: string;

  @Column({ length: 120, default: '' })
  contact!: string;

  @Column('text')
  content!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
