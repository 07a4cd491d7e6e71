import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum VoteChoice {
  Agree = 'agree',
  Disagree = 'disagree',
  Abstain = 'abstain',
  Recused = 'recused',
}

export const VOTE_LABELS: Record<VoteChoice, string> = {
  [VoteChoice.Agree]: 'Đồng ý',
  [VoteChoice.Disagree]: 'Không đồng ý',
  [VoteChoice.Abstain]: 'Không biểu quyết',
  [VoteChoice.Recused]: 'Tránh biểu quyết',
};

/** One nominee's tally in a council minute. */
export interface MinuteLine {
  nomineeId: string;
  displayName: string;
  awardForm: string;
  eligible: number;
  agree: number;
  disagree: number;
  abstain: number;
  recused: number;
  quorumMet: boolean;
  passed: boolean;
}

/** What the council minute (biên bản họp Hội đồng) records. */
export interface CouncilMinutes {
  members: { id: string; fullName: string }[];
  closedBy: string;
  lines: MinuteLine[];
}

/** A council vote session on a dossier's nominees that need a vote. */
@Entity('council_sessions')
@Index('idx_council_sessions_open', ['dossierId'], { unique: true, where: '"closed_at" IS NULL' })
export class CouncilSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  dossierId!: string;

  @Column('uuid')
  authorityId!: string;

  /** The council members when the session opened. */
  @Column({ type: 'jsonb' })
  memberIds!: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  openedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  minutes!: CouncilMinutes | null;
}

@Entity('council_votes')
@Index(['sessionId', 'nomineeId', 'memberId'], { unique: true })
export class CouncilVote {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  sessionId!: string;

  @Column('uuid')
  nomineeId!: string;

  @Column('uuid')
  memberId!: string;

  @Column({ type: 'enum', enum: VoteChoice, enumName: 'vote_choice' })
  choice!: VoteChoice;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;
}
