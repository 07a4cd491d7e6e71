import { Injectable } from '@nestjs/common';
import { Db } from '../database/transactions';
import { AuditService } from '../audit/audit.service';
import { Actor, authorityScope } from '../access/actor';
import { AppError } from '../common/errors/app-error';
import { applyChanges, lockForUpdate } from '../common/versioned-update';
import { UpdateAuthorityDto } from './authorities.dto';
import { Authority } from './authority.entity';

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
];

@Injectable()
export class AuthoritiesService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

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
