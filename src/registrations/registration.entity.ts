import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../common/entities';
import { Movement } from '../movements/movement.entity';
import { Unit } from '../units/unit.entity';

export enum RegistrationStatus {
  Registered = 'registered',
  Withdrawn = 'withdrawn',
}

/** A target value a unit commits to for one criterion. */
export interface Target {
  criterionId: string;
  value: number;
}

/** A unit's registration (đăng ký thi đua) for a movement: one per unit and movement. */
@Entity('registrations')
@Index(['movementId', 'unitId'], { unique: true })
export class Registration extends BaseRecord {
  @Column('uuid')
  movementId!: string;

  @ManyToOne(() => Movement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'movement_id' })
  movement?: Movement;

  @Index()
  @Column('uuid')
  authorityId!: string;

  @Column('uuid')
  unitId!: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Column({ type: 'enum', enum: RegistrationStatus, enumName: 'registration_status' })
  status!: RegistrationStatus;

  /** The unit's commitments (bản đăng ký), free text. */
  @Column('text')
  commitments!: string;

  @Column({ type: 'jsonb', default: [] })
  targets!: Target[];

  /** People of the unit registered through it. */
  @Column({ type: 'jsonb', default: [] })
  personIds!: string[];

  /** Đơn vị chỉ đạo điểm: at most two per movement. */
  @Column({ default: false })
  pilot!: boolean;

  @Column({ type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;
}
