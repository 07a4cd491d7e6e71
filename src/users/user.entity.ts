import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Role } from '../access/roles';
import { BaseRecord } from '../common/entities';
import { Unit } from '../units/unit.entity';

/** A person who signs in, in one role, bound to an authority (and a unit for unit officers). */
@Entity('users')
export class User extends BaseRecord {
  /** Lower case; unique across the deployment so login needs no authority. */
  @Index({ unique: true })
  @Column({ length: 60 })
  username!: string;

  @Column({ length: 200, select: false })
  passwordHash!: string;

  @Column({ length: 120 })
  fullName!: string;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role' })
  role!: Role;

  @Index()
  @Column('uuid')
  authorityId!: string;

  @Column({ type: 'uuid', nullable: true })
  unitId!: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  /** The person this user is, when known: council members recuse on their own unit's nominees. */
  @Column({ type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ default: true })
  active!: boolean;

  /** Set when an admin resets the password: the user must choose a new one. */
  @Column({ default: false })
  mustChangePassword!: boolean;
}
