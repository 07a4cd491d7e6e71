import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { decode, encode } from 'cbor-x';
import { IsNull } from 'typeorm';
import { Actor, authorityScope } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { Db } from '../database/transactions';
import { Authority } from './authority.entity';
import { QrKey } from './qr-key.entity';

/** What the offline QR says of a certificate, in this order (a CBOR array). */
export interface QrClaims {
  authorityCode: string;
  decisionNumber: string;
  decisionDate: string;
  registerNumber: string;
  awardeeName: string;
  awardFormName: string;
}

const FIELDS: (keyof QrClaims)[] = [
  'authorityCode',
  'decisionNumber',
  'decisionDate',
  'registerNumber',
  'awardeeName',
  'awardFormName',
];

/** A key ready to sign: its id and private key, decrypted once per process. */
export interface QrSigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** The raw 32 bytes of an Ed25519 public key are the last 32 of its SPKI DER. */
const rawPublic = (key: KeyObject) => key.export({ format: 'der', type: 'spki' }).subarray(-32);
/** The SPKI DER prefix of an Ed25519 public key, to import 32 raw bytes. */
const ED25519_SPKI = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * The authorities' keys for the offline QR code. A payload is
 * kid (4 bytes) | CBOR claims | Ed25519 signature over both (64 bytes),
 * in base64url in the link's fragment (`/v/#…`), so it never reaches a
 * server's logs; the public keys are published (/.well-known/thidua-keys.json)
 * and embedded in the verification page, which checks in the browser.
 */
@Injectable()
export class QrKeysService {
  private readonly decrypted = new Map<string, Promise<QrSigningKey>>();

  constructor(
    private readonly db: Db,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  private get secret(): Buffer | null {
    const s = this.config.QR_KEYS_SECRET;
    return s ? createHash('sha256').update(s).digest() : null;
  }

  /** Whether offline QR codes are on (the secret is configured). */
  get enabled(): boolean {
    return this.secret !== null;
  }

  /** The authority's signing key, made on first use; null when offline QR codes are off. */
  async activeKey(authorityId: string): Promise<QrSigningKey | null> {
    if (!this.secret) return null;
    const repo = this.db.tx.getRepository(QrKey);
    let key = await repo.findOne({
      where: { authorityId, retiredAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
    if (!key) key = await this.create(authorityId);
    return this.unlock(key.kid);
  }

  private async create(authorityId: string): Promise<QrKey> {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.secret!, iv);
    const data = Buffer.concat([
      cipher.update(privateKey.export({ format: 'der', type: 'pkcs8' })),
      cipher.final(),
    ]);
    const kid = randomBytes(4).toString('hex');
    await this.db.tx
      .createQueryBuilder()
      .insert()
      .into(QrKey)
      .values({
        kid,
        authorityId,
        publicKey: rawPublic(publicKey),
        privateKeyEncrypted: Buffer.concat([iv, cipher.getAuthTag(), data]),
        retiredAt: null,
      })
      .orIgnore()
      .execute();
    return this.db.tx.getRepository(QrKey).findOneByOrFail({ authorityId, retiredAt: IsNull() });
  }

  private unlock(kid: string): Promise<QrSigningKey> {
    let key = this.decrypted.get(kid);
    if (!key) {
      key = (async () => {
        const row = await this.db.tx
          .getRepository(QrKey)
          .createQueryBuilder('k')
          .addSelect('k.privateKeyEncrypted')
          .where('k.kid = :kid', { kid })
          .getOneOrFail();
        const blob = row.privateKeyEncrypted;
        const decipher = createDecipheriv('aes-256-gcm', this.secret!, blob.subarray(0, 12));
        decipher.setAuthTag(blob.subarray(12, 28));
        const der = Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]);
        return { kid, privateKey: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) };
      })();
      this.decrypted.set(kid, key);
    }
    return key;
  }

  /** The claims signed: the fragment of the certificate's offline link. */
  payload(key: QrSigningKey, claims: QrClaims): string {
    const message = Buffer.concat([
      Buffer.from(key.kid, 'hex'),
      encode(FIELDS.map((f) => claims[f])),
    ]);
    return Buffer.concat([message, sign(null, message, key.privateKey)]).toString('base64url');
  }

  /** A new signing key for the actor's authority; the old one retired but still published. Audited. */
  rotate(actor: Actor) {
    if (!this.secret)
      throw AppError.conflict('Chưa cấu hình QR_KEYS_SECRET: mã QR ngoại tuyến đang tắt.');
    return this.db.withTransaction(async () => {
      const authorityId = authorityScope(actor);
      await this.db.tx
        .getRepository(QrKey)
        .update({ authorityId, retiredAt: IsNull() }, { retiredAt: new Date() });
      const key = await this.create(authorityId);
      await this.audit.record(
        actor,
        'qr_key.rotate',
        { type: 'qr_key', id: null },
        { kid: { from: null, to: key.kid } },
      );
      return this.describe(key, await this.db.tx.findOneByOrFail(Authority, { id: authorityId }));
    });
  }

  private describe(key: QrKey, authority: Pick<Authority, 'code' | 'name'>) {
    return {
      kid: key.kid,
      authority: authority.code,
      authorityName: authority.name,
      publicKey: key.publicKey.toString('base64url'),
      createdAt: key.createdAt.toISOString(),
      retiredAt: key.retiredAt?.toISOString() ?? null,
    };
  }

  /** Every authority's public keys, retired ones too: what the world verifies with. */
  async published() {
    const { entities, raw } = await this.db.tx
      .getRepository(QrKey)
      .createQueryBuilder('k')
      .innerJoin(Authority, 'a', 'a.id = k.authority_id')
      .addSelect(['a.code AS code', 'a.name AS name'])
      .orderBy('k.created_at', 'ASC')
      .getRawAndEntities();
    return entities.map((k, i) => this.describe(k, raw[i] as { code: string; name: string }));
  }

  /**
   * Checks a payload as the verification page does (the same format), for the
   * online check and the tests: its key known, its signature valid, its claims
   * read; anything else is invalid with why.
   */
  async check(
    payload: string,
  ): Promise<{ valid: true; kid: string; claims: QrClaims } | { valid: false; problem: string }> {
    const bytes = /^[A-Za-z0-9_-]{90,600}$/.test(payload)
      ? Buffer.from(payload, 'base64url')
      : Buffer.alloc(0);
    if (bytes.length < 4 + 64 + 1) return { valid: false, problem: 'Mã không đầy đủ.' };
    const kid = bytes.subarray(0, 4).toString('hex');
    const key = await this.db.tx.getRepository(QrKey).findOneBy({ kid });
    if (!key) return { valid: false, problem: 'Khóa ký không có trong danh sách công bố.' };
    const message = bytes.subarray(0, bytes.length - 64);
    const publicKey = createPublicKey({
      key: Buffer.concat([ED25519_SPKI, key.publicKey]),
      format: 'der',
      type: 'spki',
    });
    if (!verify(null, message, publicKey, bytes.subarray(bytes.length - 64)))
      return { valid: false, problem: 'Chữ ký của mã không hợp lệ: nội dung đã bị sửa.' };
    const values = decode(message.subarray(4)) as string[];
    const claims = Object.fromEntries(FIELDS.map((f, i) => [f, String(values[i] ?? '')]));
    return { valid: true, kid, claims: claims as unknown as QrClaims };
  }
}
