import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { FieldChange } from '../common/diff';

/**
 * One state change, written in the transaction that made it. Append-only: a
 * database trigger refuses UPDATE, DELETE and TRUNCATE (see the migration).
 */
@Entity('audit_records')
@Index(['authorityId', 'at'])
@Index(['targetType', 'targetId'])
export class AuditRecord {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ length: 60 })
  actorUsername!: string;

  @Column({ length: 30 })
  role!: string;

  @Column({ type: 'uuid', nullable: true })
  authorityId!: string | null;

  /** e.g. `unit.update`, `auth.login`. */
  @Column({ length: 60 })
  action!: string;

  @Column({ length: 40 })
  targetType!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  targetId!: string | null;

  /** Changed fields only: { field: { from, to } }. */
  @Column({ type: 'jsonb', default: {} })
  changes!: Record<string, FieldChange>;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;
}
