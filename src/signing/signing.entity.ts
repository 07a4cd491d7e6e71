import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/** A certification authority whose certificates an authority trusts for signatures (the government CA's roots). */
@Entity('trusted_cas')
@Index(['authorityId', 'sha256'], { unique: true })
export class TrustedCa {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  authorityId!: string;

  /** The certificate's subject, as people read it. */
  @Column({ length: 300 })
  subject!: string;

  /** Hex SHA-256 of the certificate (DER): the same CA is added once. */
  @Column({ length: 64 })
  sha256!: string;

  @Column('text')
  pem!: string;

  @Column({ type: 'date' })
  validTo!: string;

  @Column('uuid')
  addedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** One signature of a kept decision, as it was checked when it was accepted. */
export interface AcceptedSignature {
  signerName: string;
  organisation: string;
  signedAt: string | null;
  certificateSha256: string;
  /** How it came: uploaded (an official's token), a digest signed by a plugin, or the organisation's key. */
  by: 'upload' | 'organisation' | 'hash';
  acceptedAt: string;
}

/**
 * An issued decision as signers sign it: the revision the product issued,
 * kept byte for byte (a signature covers exact bytes), and its latest signed
 * version, each signature an incremental update of the one before.
 */
@Entity('signed_documents')
export class SignedDocument {
  @PrimaryColumn('uuid')
  decisionId!: string;

  @Column('uuid')
  authorityId!: string;

  @Column({ type: 'bytea', select: false })
  issuedPdf!: Buffer;

  @Column({ length: 64 })
  issuedSha256!: string;

  @Column({ type: 'bytea', nullable: true, select: false })
  signedPdf!: Buffer | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  signatures!: AcceptedSignature[];

  /** A signature prepared for a plugin that signs a digest: the PDF with its reserved room. */
  @Column({ type: 'bytea', nullable: true, select: false })
  pendingPdf!: Buffer | null;

  /** The prepared signature's byte range. */
  @Column({ type: 'int', array: true, nullable: true })
  pendingByteRange!: number[] | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * A one-time address the office's signing plugin posts the signed PDF to, for
 * the official who asked for it: valid 15 minutes, used once. Only the token's
 * SHA-256 is kept.
 */
@Entity('signing_callbacks')
export class SigningCallback {
  @PrimaryColumn({ length: 64 })
  tokenSha256!: string;

  @Column('uuid')
  decisionId!: string;

  @Column('uuid')
  authorityId!: string;

  /** Who asked for it: the signature is accepted as theirs. */
  @Column('uuid')
  userId!: string;

  @Column({ length: 120 })
  username!: string;

  @Column({ length: 30 })
  role!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
