import { createHash, randomBytes } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import * as pkijs from 'pkijs';
import { Actor, authorityScope } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { AuthoritiesService } from '../authorities/authorities.service';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { AppError } from '../common/errors/app-error';
import { Db } from '../database/transactions';
import { CertificatesService } from '../decisions/certificates.service';
import { DecisionsService } from '../decisions/decisions.service';
import { OrganisationSigner } from '../documents/organisation-signer.service';
import {
  certificateNames,
  CheckedSignature,
  checkSignature,
  embedSignature,
  findSignatures,
  FoundSignature,
  parseCertificates,
  prepareExternalSignature,
} from '../documents/pdf-signatures';
import { AcceptedSignature, SignedDocument, SigningCallback, TrustedCa } from './signing.entity';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A refused signed file: 400 naming `file`, with the reason in Vietnamese. */
const refused = (message: string, code: string) => AppError.invalidField('file', message, code);

/**
 * The signatures a signed file adds to `base` (the kept version it was made
 * from), checked: the file must start with `base` byte for byte (nothing of
 * the issued revision or of an earlier signature may change), add at least one
 * signature, each covering the whole issued revision, the last one running to
 * the end of the file, and every signature in the file valid, its chain
 * trusted and its certificate valid when it signed.
 */
export async function acceptSigned(
  file: Buffer,
  base: Buffer,
  issuedLength: number,
  trusted: pkijs.Certificate[],
): Promise<CheckedSignature[]> {
  if (file.subarray(0, 5).toString('latin1') !== '%PDF-')
    throw refused('Tệp tải lên không phải là tệp PDF.', 'notPdf');
  if (file.length <= base.length || !file.subarray(0, base.length).equals(base))
    throw refused(
      'Tệp đã ký khác với bản đã phát hành: chỉ được thêm chữ ký, không được thay đổi nội dung. Hãy ký đúng bản tải từ hệ thống.',
      'changed',
    );
  const signatures = findSignatures(file);
  const added = signatures.filter((s) => s.byteRange[2] + s.byteRange[3] > base.length);
  if (!added.length) throw refused('Tệp chưa có chữ ký số mới.', 'unsigned');
  if (signatures.some((s) => s.byteRange[2] + s.byteRange[3] < issuedLength))
    throw refused('Có chữ ký không bao trùm toàn bộ văn bản đã phát hành.', 'partial');
  const checked = [];
  for (const signature of signatures) {
    const result = await checkSignature(file, signature, trusted);
    if (!result.valid) throw refused(result.problem!, 'invalidSignature');
    checked.push(result);
  }
  if (!checked.at(-1)!.coversToEnd)
    throw refused('Có nội dung được thêm vào sau chữ ký cuối cùng.', 'appended');
  return checked.slice(checked.length - added.length);
}

/**
 * Signed decisions: the issued revision kept for signers (an official signs
 * it with their token through the office's plugin and uploads it back), the
 * organisation's signature added by the server with its key (the clerk's
 * seal), each accepted only as checked by `acceptSigned`; the CA roots each
 * authority trusts. Once kept, the signed version is what downloads.
 */
@Injectable()
export class SigningService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly decisions: DecisionsService,
    private readonly certificates: CertificatesService,
    private readonly authorities: AuthoritiesService,
    private readonly signer: OrganisationSigner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.certificates.useSignedVersions({
      current: (decisionId) => this.current(decisionId),
      signatures: (decisionId) => this.publicSignatures(decisionId),
    });
  }

  private kept(decisionId: string, withBytes = false) {
    const qb = this.db.tx
      .getRepository(SignedDocument)
      .createQueryBuilder('s')
      .where('s.decision_id = :decisionId', { decisionId });
    if (withBytes) qb.addSelect(['s.issuedPdf', 's.signedPdf']);
    return qb.getOne();
  }

  private async current(decisionId: string): Promise<Buffer | null> {
    const kept = await this.kept(decisionId, true);
    return kept ? (kept.signedPdf ?? kept.issuedPdf) : null;
  }

  /**
   * The decision as kept for signers (404 outside the actor's scope): its
   * issued revision rendered and kept on the first request, the same bytes
   * ever after (kept once, whoever asks first), and its latest signed version.
   */
  private async keep(actor: Actor, decisionId: string): Promise<SignedDocument> {
    await this.decisions.require(actor, decisionId);
    const kept = await this.kept(decisionId, true);
    if (kept) return kept;
    const pdf = await this.certificates.issuedDecisionPdf(actor, decisionId);
    await this.db.withTransaction(async () => {
      const inserted = await this.db.tx
        .createQueryBuilder()
        .insert()
        .into(SignedDocument)
        .values({
          decisionId,
          authorityId: authorityScope(actor),
          issuedPdf: pdf,
          issuedSha256: sha256(pdf),
          signedPdf: null,
          signatures: [],
        })
        .orIgnore()
        .execute();
      // Nothing returned: another request kept it first.
      if ((inserted.raw as unknown[]).length)
        await this.audit.record(
          actor,
          'decision.keep_for_signing',
          { type: 'decision', id: decisionId },
          { issuedSha256: { from: null, to: sha256(pdf) } },
        );
    });
    return (await this.kept(decisionId, true))!;
  }

  /** The kept version to sign next: the latest signed one, else the issued revision. */
  async latest(actor: Actor, decisionId: string): Promise<Buffer> {
    const kept = await this.keep(actor, decisionId);
    return kept.signedPdf ?? kept.issuedPdf;
  }

  /** Whether the decision is kept and signed, each signature checked again now. */
  async status(actor: Actor, decisionId: string) {
    await this.decisions.require(actor, decisionId);
    const authority = await this.authorities.own(actor);
    const kept = await this.kept(decisionId, true);
    const checked = kept?.signedPdf ? await this.check(kept.signedPdf, authority.id) : [];
    return {
      kept: !!kept,
      issuedSha256: kept?.issuedSha256 ?? null,
      signed: !!kept?.signedPdf,
      signatures: checked.map((c, i) => ({
        signerName: c.signerName,
        organisation: c.organisation,
        signedAt: c.signedAt,
        valid: c.valid,
        problem: c.problem,
        by: kept!.signatures[i]?.by ?? 'upload',
      })),
      organisationKey: await this.signer.has(authority.code),
    };
  }

  private async check(pdf: Buffer, authorityId: string): Promise<CheckedSignature[]> {
    const trusted = await this.trusted(authorityId);
    const results = [];
    for (const s of findSignatures(pdf)) results.push(await checkSignature(pdf, s, trusted));
    return results;
  }

  /** What the public verification page shows of a decision's signatures (null: not signed). */
  private async publicSignatures(decisionId: string) {
    const kept = await this.kept(decisionId, true);
    if (!kept?.signedPdf) return null;
    return (await this.check(kept.signedPdf, kept.authorityId)).map((c) => ({
      signerName: c.signerName,
      signedAt: c.signedAt,
      valid: c.valid,
    }));
  }

  /** A signed file uploaded (an official's token, the office's plugin): accepted as checked, or refused with why. */
  upload(actor: Actor, decisionId: string, file: Buffer | undefined) {
    if (!file?.length) throw refused('Hãy chọn tệp PDF đã ký.', 'required');
    return this.accept(actor, decisionId, 'upload', () => Promise.resolve(file));
  }

  /**
   * A one-time address for the office's signing plugin to post the signed PDF
   * to (15 minutes), on behalf of the official who asks for it.
   */
  async callback(actor: Actor, decisionId: string) {
    await this.keep(actor, decisionId);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + 15 * 60_000);
    await this.db.tx.getRepository(SigningCallback).insert({
      tokenSha256: sha256(Buffer.from(token)),
      decisionId,
      authorityId: actor.authorityId,
      userId: actor.userId,
      username: actor.username,
      role: actor.role,
      expiresAt,
      usedAt: null,
    });
    return { url: `${this.config.publicBaseUrl}/api/signing/callback/${token}`, expiresAt };
  }

  /**
   * The plugin's post: the token used once (a second post, an expired or
   * unknown token: 404, one answer for all), then the file accepted as the
   * official's upload.
   */
  async fromCallback(token: string, file: Buffer | undefined, requestId: string | null) {
    const used = await this.db.tx
      .createQueryBuilder()
      .update(SigningCallback)
      .set({ usedAt: this.clock.now() })
      .where('token_sha256 = :hash AND used_at IS NULL AND expires_at > :now', {
        hash: sha256(Buffer.from(token)),
        now: this.clock.now(),
      })
      .returning('*')
      .execute();
    const row = (used.raw as Record<string, string>[])[0];
    if (!row) throw AppError.notFound('Địa chỉ nhận văn bản ký số');
    const actor: Actor = {
      userId: row.user_id,
      username: row.username,
      role: row.role as Actor['role'],
      authorityId: row.authority_id,
      unitId: null,
      sessionId: '',
      mustChangePassword: false,
      requestId,
    };
    return this.upload(actor, row.decision_id, file);
  }

  /** The organisation's signature added by the server with its key (after any official's). */
  signWithOrganisation(actor: Actor, decisionId: string) {
    return this.accept(actor, decisionId, 'organisation', async (base) => {
      const authority = await this.authorities.own(actor);
      const signed = await this.signer.sign(base, authority.code, {
        reason: 'Văn thư đóng dấu (chữ ký số của cơ quan)',
        location: authority.placeName,
        signingTime: this.clock.now(),
      });
      if (!signed)
        throw AppError.conflict(
          'Máy chủ chưa có khóa ký số của cơ quan; hãy ký bằng thiết bị ký số rồi tải tệp lên.',
        );
      return signed;
    });
  }

  /**
   * Hash signing, step one: the next signature's room laid out on the kept
   * version, and the SHA-256 of its byte ranges for the plugin to sign. A new
   * preparation replaces an unfinished one.
   */
  async prepareHash(actor: Actor, decisionId: string) {
    const base = await this.latest(actor, decisionId);
    const authority = await this.authorities.own(actor);
    const prepared = await prepareExternalSignature(base, {
      reason: 'Ký số quyết định',
      location: authority.placeName,
      signingTime: this.clock.now(),
    });
    await this.db.tx
      .getRepository(SignedDocument)
      .update({ decisionId }, { pendingPdf: prepared.pdf, pendingByteRange: prepared.byteRange });
    return {
      algorithm: 'SHA-256',
      digest: prepared.digest.toString('base64'),
      digestHex: prepared.digest.toString('hex'),
      byteRange: prepared.byteRange,
    };
  }

  /**
   * Hash signing, step two: the plugin's CMS written into the prepared room,
   * then accepted as any signed file is (or refused with why).
   */
  completeHash(actor: Actor, decisionId: string, cms: Buffer) {
    return this.accept(actor, decisionId, 'hash', async () => {
      const pending = await this.db.tx
        .getRepository(SignedDocument)
        .createQueryBuilder('s')
        .addSelect('s.pendingPdf')
        .where('s.decision_id = :decisionId', { decisionId })
        .getOne();
      if (!pending?.pendingPdf || !pending.pendingByteRange)
        throw AppError.conflict('Chưa chuẩn bị chữ ký: hãy lấy mã băm để ký trước.');
      const file = embedSignature(
        pending.pendingPdf,
        pending.pendingByteRange as FoundSignature['byteRange'],
        cms,
      );
      if (!file)
        throw AppError.invalidField(
          'cms',
          'Trường "cms": chữ ký quá lớn so với chỗ đã dành.',
          'tooLarge',
        );
      return file;
    });
  }

  /**
   * One signing step: the file made from the kept version, checked, then
   * kept as the new signed version only if nobody signed in between (409).
   */
  private async accept(
    actor: Actor,
    decisionId: string,
    by: AcceptedSignature['by'],
    make: (base: Buffer) => Promise<Buffer>,
  ) {
    const kept = await this.keep(actor, decisionId);
    const base = kept.signedPdf ?? kept.issuedPdf;
    const file = await make(base);
    const added = await acceptSigned(
      file,
      base,
      kept.issuedPdf.length,
      await this.trusted(kept.authorityId),
    );
    const acceptedAt = this.clock.now().toISOString();
    const signatures: AcceptedSignature[] = [
      ...kept.signatures,
      ...added.map((a) => ({
        signerName: a.signerName,
        organisation: a.organisation,
        signedAt: a.signedAt,
        certificateSha256: a.certificateSha256,
        by,
        acceptedAt,
      })),
    ];
    await this.db.withTransaction(async () => {
      const updated = await this.db.tx
        .createQueryBuilder()
        .update(SignedDocument)
        .set({ signedPdf: file, signatures, pendingPdf: null, pendingByteRange: null })
        .where('decision_id = :decisionId AND version = :version', {
          decisionId,
          version: kept.version,
        })
        .execute();
      if (!updated.affected)
        throw AppError.conflict(
          'Quyết định vừa được ký bởi người khác; hãy tải bản mới nhất và ký lại.',
        );
      await this.audit.record(
        actor,
        'decision.sign',
        { type: 'decision', id: decisionId },
        {
          signatures: {
            from: kept.signatures.length,
            to: added.map((a) => `${a.signerName} (${a.signedAt ?? '?'})`).join('; '),
          },
        },
      );
    });
    return this.status(actor, decisionId);
  }

  /** The CA certificates an authority trusts, parsed. */
  private async trusted(authorityId: string): Promise<pkijs.Certificate[]> {
    const rows = await this.db.tx.getRepository(TrustedCa).findBy({ authorityId });
    return rows.flatMap((r) => parseCertificates(r.pem));
  }

  listCas(actor: Actor) {
    return this.db.tx.getRepository(TrustedCa).find({
      where: { authorityId: authorityScope(actor) },
      order: { createdAt: 'ASC' },
    });
  }

  /** A CA root trusted from now on (one certificate in PEM, a CA's); the same twice: 409. Audited. */
  addCa(actor: Actor, pem: string) {
    let certs: pkijs.Certificate[];
    try {
      certs = parseCertificates(pem);
    } catch {
      certs = [];
    }
    if (certs.length !== 1)
      throw AppError.invalidField(
        'pem',
        'Trường "pem" phải là đúng một chứng thư số dạng PEM (-----BEGIN CERTIFICATE-----).',
        'pem',
      );
    const [cert] = certs;
    const isCa = cert.extensions?.some(
      (e) => e.extnID === '2.5.29.19' && (e.parsedValue as pkijs.BasicConstraints)?.cA,
    );
    if (!isCa)
      throw AppError.invalidField(
        'pem',
        'Trường "pem": chứng thư này không phải của tổ chức chứng thực (CA).',
        'notCa',
      );
    const der = Buffer.from(cert.toSchema().toBER(false));
    const names = certificateNames(cert);
    return this.db.withTransaction(async () => {
      const authorityId = authorityScope(actor);
      const digest = sha256(der);
      if (await this.db.tx.existsBy(TrustedCa, { authorityId, sha256: digest }))
        throw AppError.conflict('Tổ chức chứng thực này đã có trong danh sách tin cậy.');
      const saved = await this.db.tx.getRepository(TrustedCa).save({
        authorityId,
        subject: [names.name, names.organisation].filter(Boolean).join(', ') || 'CA',
        sha256: digest,
        pem: pem.trim(),
        validTo: cert.notAfter.value.toISOString().slice(0, 10),
        addedBy: actor.userId,
      });
      await this.audit.record(
        actor,
        'trusted_ca.add',
        { type: 'trusted_ca', id: saved.id },
        { subject: { from: null, to: saved.subject } },
      );
      return saved;
    });
  }

  removeCa(actor: Actor, id: string) {
    return this.db.withTransaction(async () => {
      const ca = await this.db.tx
        .getRepository(TrustedCa)
        .findOneBy({ id, authorityId: authorityScope(actor) });
      if (!ca) throw AppError.notFound('Tổ chức chứng thực');
      await this.db.tx.getRepository(TrustedCa).delete({ id });
      await this.audit.record(
        actor,
        'trusted_ca.remove',
        { type: 'trusted_ca', id },
        { subject: { from: ca.subject, to: null } },
      );
    });
  }
}
