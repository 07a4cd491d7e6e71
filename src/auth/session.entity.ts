import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signed-in session. Access tokens name it (`sid`) and the guard checks it
 * on every request, so logout, password changes and resets take effect at
 * once. The refresh token (stored hashed) rotates on each use. The web
 * interface's cookie carries the same session.
 */
@Entity('sessions')
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column('uuid')
  userId!: string;

  /** SHA-256 of the current refresh token. */
  @Index({ unique: true })
  @Column({ length: 64 })
  refreshTokenHash!: string;

  /**
   * SHA-256 of the refresh token this one replaced. Presented again, it was
   * stolen or replayed: the session ends.
   */
  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  previousRefreshTokenHash!: string | null;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  lastUsedAt!: Date;

  /** The User-Agent that signed in (keptUserAgent), for its owner's list of sessions. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  userAgent!: string | null;
}

/**
 * Failed sign-ins per user name, whether or not the user exists, so that the
 * lockout answers alike for both and never reveals which names exist.
 */
@Entity('login_throttle')
export class LoginThrottle {
  @PrimaryGeneratedColumn('identity')
  id!: string;

  @Index({ unique: true })
  @Column({ length: 60 })
  username!: string;

  @Column({ default: 0 })
  failures!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'timestamptz' })
  lastFailureAt!: Date;
}
