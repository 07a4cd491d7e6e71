import { Injectable } from '@nestjs/common';
import { Db } from '../database/transactions';
import { AuditService } from '../audit/audit.service';
import { Actor, authorityScope } from '../access/actor';
import { AppError } from '../common/errors/app-error';
import { applyChanges, lockForUpdate } from '../common/versioned-update';
import { UpdateAuthorityDto } from './authorities.dto';
import { Authority } from './authority.entity';

/** The images printed on documents, by the name their routes use. */
export type AuthorityImage = 'emblem' | 'signature' | 'seal';
const IMAGES: Record<
  AuthorityImage,
  { column: 'emblem' | 'signatureImage' | 'sealImage'; label: string }
> = {
  emblem: { column: 'emblem', label: 'Ảnh Quốc huy' },
  signature: { column: 'signatureImage', label: 'Ảnh chữ ký' },
  seal: { column: 'sealImage', label: 'Ảnh con dấu' },
};

/** An image's largest size: it is inlined in every certificate page. */
export const EMBLEM_MAX_BYTES = 300 * 1024;

const EDITABLE: (keyof Authority)[] = [
  'name',
  'level',
  'placeName',
  'provinceName',
  'issuingBody',
  'chairmanTitle',
  'signingTitles',
  'certificateLayout',
  'validFrom',
  'validTo',
  'successorCode',
  'provincialTexts',
  'proposerTitle',
  'executors',
  'moneyRoundTo',
  'publishNominees',
  'publishDecisions',
];

@Injectable()
export class AuthoritiesService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** An authority by id, for another module's record that names it (a dossier's). */
  byId(id: string): Promise<Authority> {
    return this.db.tx.findOneByOrFail(Authority, { id });
  }

  /** An authority with its images (emblem, signature, seal), which are not loaded unless asked for. */
  withImages(id: string): Promise<Authority> {
    return this.db.tx
      .getRepository(Authority)
      .createQueryBuilder('a')
      .addSelect(['a.emblem', 'a.signatureImage', 'a.sealImage'])
      .where('a.id = :id', { id })
      .getOneOrFail();
  }

  /** An authority by its public code (the public pages' addresses); null when there is none. */
  byCode(code: string): Promise<Authority | null> {
    return this.db.tx.findOneBy(Authority, { code });
  }

  /** Every authority, for the work done for each in turn (the hourly deadline warnings). */
  all(): Promise<Authority[]> {
    return this.db.tx.getRepository(Authority).find();
  }

  /** The actor's own authority: the only one they can see. */
  async own(actor: Actor): Promise<Authority> {
    const found = await this.db.tx
      .getRepository(Authority)
      .findOneBy({ id: authorityScope(actor) });
    if (!found) throw AppError.notFound('Cơ quan');
    return found;
  }

  update(actor: Actor, dto: UpdateAuthorityDto): Promise<Authority> {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const current = await lockForUpdate(
        manager,
        Authority,
        { id: authorityScope(actor) },
        dto.version,
        'Cơ quan',
      );
      if (dto.successorCode) await this.mustBeSuccessor(current, dto.successorCode);
      for (const [i, text] of (dto.provincialTexts ?? []).entries())
        if (text.to && text.to < text.from)
          throw AppError.invalidField(
            `provincialTexts.${i}.to`,
            'Ngày hết hiệu lực phải từ ngày có hiệu lực trở đi.',
            'order',
          );
      if (dto.provincialTexts)
        dto.provincialTexts = dto.provincialTexts.map((t) => ({
          basis: t.basis
            .trim()
            .replace(/^Căn cứ\s+/i, '')
            .replace(/[;.]\s*$/, ''),
          from: t.from,
          to: t.to ?? null,
        }));
      const { saved, changed } = await applyChanges(
        manager,
        Authority,
        current,
        dto as Partial<Authority>,
        EDITABLE,
      );
      if (Object.keys(changed).length) {
        await this.audit.record(
          actor,
          'authority.update',
          { type: 'authority', id: saved.id },
          changed,
        );
      }
      return saved;
    });
  }

  /** The authority's national emblem (a data URI), or null. */
  emblemOf(authorityId: string): Promise<string | null> {
    return this.imageOf(authorityId, 'emblem');
  }

  /** One of the authority's images (a data URI), or null. */
  async imageOf(authorityId: string, kind: AuthorityImage): Promise<string | null> {
    const row = await this.db.tx
      .getRepository(Authority)
      .createQueryBuilder('a')
      .select(`a.${IMAGES[kind].column}`, 'image')
      .where('a.id = :id', { id: authorityId })
      .getRawOne<{ image: string | null }>();
    return row?.image ?? null;
  }

  /** Sets (or, with null, removes) the national emblem printed on the Giấy khen. */
  setEmblem(actor: Actor, image: { buffer: Buffer; size: number } | null): Promise<void> {
    return this.setImage(actor, 'emblem', image);
  }

  /**
   * Sets (or, with null, removes) one of the authority's images: a PNG or
   * JPEG of at most 300 KB (it is inlined in every page printed); audited.
   */
  async setImage(
    actor: Actor,
    kind: AuthorityImage,
    image: { buffer: Buffer; size: number } | null,
  ): Promise<void> {
    const { label, column } = IMAGES[kind];
    let uri: string | null = null;
    if (image) {
      const b = image.buffer;
      const type = b
        .subarray(0, 8)
        .equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
        ? 'image/png'
        : b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff
          ? 'image/jpeg'
          : null;
      if (!type) throw AppError.invalidField('file', `${label} phải là tệp PNG hoặc JPEG.`, 'type');
      if (image.size > EMBLEM_MAX_BYTES)
        throw AppError.invalidField(
          'file',
          `${label} tối đa ${EMBLEM_MAX_BYTES / 1024} KB (tệp gửi lên ${Math.ceil(image.size / 1024)} KB).`,
          'size',
        );
      uri = `data:${type};base64,${b.toString('base64')}`;
    }
    await this.db.withTransaction(async () => {
      const id = authorityScope(actor);
      const before = await this.imageOf(id, kind);
      await this.db.tx.update(Authority, { id }, { [column]: uri });
      await this.audit.record(
        actor,
        `authority.${kind === 'emblem' ? 'emblem' : column}`,
        { type: 'authority', id },
        {
          [column]: {
            from: before ? 'có ảnh' : null,
            to: uri ? `ảnh ${Math.ceil(image!.size / 1024)} KB` : null,
          },
        },
      );
    });
  }

  /** A successor is another authority that exists. */
  private async mustBeSuccessor(authority: Authority, code: string): Promise<void> {
    if (code === authority.code)
      throw AppError.invalidField('successorCode', 'Cơ quan không kế thừa chính mình.', 'self');
    if (!(await this.db.tx.existsBy(Authority, { code })))
      throw AppError.invalidField(
        'successorCode',
        `Không có cơ quan mã "${code}" trong hệ thống.`,
        'unknown',
      );
  }
}
