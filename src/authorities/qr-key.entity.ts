import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An authority's Ed25519 key for the offline QR code: the certificate's
 * claims signed so that anyone can check them without a network. Keys rotate
 * with overlap: a retired key signs nothing new but is still published, so the
 * certificates it signed keep verifying.
 */
@Entity('qr_keys')
// One key signs at a time per authority: two first uses at once make one key.
@Index(['authorityId'], { unique: true, where: '"retired_at" IS NULL' })
export class QrKey {
  /** 8 hex characters, the first 4 bytes of every payload it signs. */
  @PrimaryColumn({ length: 8 })
  kid!: string;

  @Column('uuid')
  authorityId!: string;

  /** The raw 32-byte public key. */
  @Column('bytea')
  publicKey!: Buffer;

  /** The private key (PKCS#8), encrypted with AES-256-GCM under QR_KEYS_SECRET: iv (12) | tag (16) | data. */
  @Column({ type: 'bytea', select: false })
  privateKeyEncrypted!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;
}
