import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An uploaded evidence file (minh chứng). The bytes live in FileStorage. */
@Entity('evidence_files')
export class EvidenceFile {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column('uuid')
  authorityId!: string;

  /** The owning unit; null for files uploaded by authority staff. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  unitId!: string | null;

  /** The name as uploaded, diacritics preserved. */
  @Column({ length: 255 })
  originalName!: string;

  /** Detected from the bytes, never taken from the client. */
  @Column({ length: 120 })
  contentType!: string;

  @Column('integer')
  sizeBytes!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ length: 200, select: false })
  storageKey!: string;

  @Column('uuid')
  uploadedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
