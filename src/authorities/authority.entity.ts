import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../common/entities';
import type { CertificateLayout } from './certificate-layout';
import type { ProvincialText } from '../law/legal-texts';

/** Administrative levels; data, not code: new levels need no release. */
export const AUTHORITY_LEVELS = ['province', 'district', 'commune'] as const;

/** Titles printed in signature blocks (Nghị định 30/2020). */
export interface SigningTitles {
  /** "TM. ỦY BAN NHÂN DÂN" */
  collective: string;
  /** "CHỦ TỊCH" */
  chairman: string;
  /** "PHÓ CHỦ TỊCH" */
  viceChairman: string;
  /** "KT. CHỦ TỊCH": a vice-chairman signing on the chairman's behalf */
  onBehalf: string;
}

/** An awarding authority (cấp có thẩm quyền), e.g. UBND huyện Tứ Kỳ. */
@Entity('authorities')
export class Authority extends BaseRecord {
  /** Short stable identifier, e.g. `tu-ky`. */
  @Index({ unique: true })
  @Column({ length: 40 })
  code!: string;

  /** "Ủy ban nhân dân huyện Tứ Kỳ" */
  @Column({ length: 200 })
  name!: string;

  @Column({ length: 20 })
  level!: string;

  /** Place name used on documents: "Tứ Kỳ, ngày 15 tháng 12 năm 2025". */
  @Column({ length: 100 })
  placeName!: string;

  /** "tỉnh Hải Dương" */
  @Column({ length: 100 })
  provinceName!: string;

  /** Issuing body printed top left: "ỦY BAN NHÂN DÂN HUYỆN TỨ KỲ". */
  @Column({ length: 200 })
  issuingBody!: string;

  /** "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TỨ KỲ" */
  @Column({ length: 200 })
  chairmanTitle!: string;

  @Column({ type: 'jsonb' })
  signingTitles!: SigningTitles;

  /** Working days Home Affairs has to appraise a complete dossier. */
  @Column({ type: 'smallint', default: 10 })
  appraisalWorkingDays!: number;

  /** Field positions for printing on pre-printed blank certificates; null: the default. */
  @Column({ type: 'jsonb', nullable: true })
  certificateLayout!: Partial<CertificateLayout> | null;

  /**
   * The authority's life (after the 2025 reform district-level authorities
   * ceased): it issues no decision dated outside it. Null: open-ended.
   */
  @Column({ type: 'date', nullable: true })
  validFrom!: string | null;

  @Column({ type: 'date', nullable: true })
  validTo!: string | null;

  /**
   * The authority that took over its powers after a merger or the end of the
   * district level (by code): named when a decision past `validTo` is refused.
   */
  @Column({ type: 'varchar', length: 40, nullable: true })
  successorCode!: string | null;

  /**
   * The province's texts on emulation and commendation (the provincial pack:
   * what the law delegates), each in force from/to; a decision cites those in
   * force on its date, after the national pack.
   */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  provincialTexts!: ProvincialText[];

  /**
   * The national emblem printed on the Giấy khen (a PNG or JPEG as a data
   * URI, from the settings); null: none is printed. Not loaded with the
   * authority: read where it is printed or shown (AuthoritiesService.emblemOf).
   */
  @Column({ type: 'text', nullable: true, select: false })
  emblem!: string | null;

  /**
   * The signer's handwritten signature and the organisation's seal (PNG or
   * JPEG data URIs), printed on what the server signs with the organisation's
   * key (Nghị định 30/2020, Phụ lục I): the signature between the title and
   * the name, the seal over its left third. Not loaded with the authority.
   */
  @Column({ type: 'text', nullable: true, select: false })
  signatureImage!: string | null;

  @Column({ type: 'text', nullable: true, select: false })
  sealImage!: string | null;

  /** Who proposes the awards, as the decision says: "Xét đề nghị của Trưởng phòng Nội vụ." */
  @Column({ length: 200, default: 'Trưởng phòng Nội vụ' })
  proposerTitle!: string;

  /** Who executes a decision besides the awardees (Điều 3), e.g. "Chánh Văn phòng, Trưởng phòng Nội vụ". */
  @Column({
    length: 500,
    default: 'Chánh Văn phòng, Trưởng phòng Nội vụ, Trưởng phòng Tài chính - Kế hoạch',
  })
  executors!: string;

  /** Amounts are rounded up to this many đồng (1, 100 or 1.000). */
  @Column({ type: 'integer', default: 1000 })
  moneyRoundTo!: number;

  /** "Due soon" warnings start this many working days before the deadline. */
  @Column({ type: 'smallint', default: 2 })
  dueSoonWorkingDays!: number;

  /** Home Affairs may publish lists of nominees for public opinion (công khai), on the public pages. */
  @Column({ default: false })
  publishNominees!: boolean;

  /** The issued decisions are listed on the public pages, with their PDFs. */
  @Column({ default: false })
  publishDecisions!: boolean;
}
