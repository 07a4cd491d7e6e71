import { Injectable } from '@nestjs/common';
import { PDFDocument } from 'pdf-lib';
import QRCode from 'qrcode';
import { doReadNumber, ReadingConfig } from 'read-vietnamese-number';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { Authority } from '../authorities/authority.entity';
import { RECIPIENT_KIND_LABELS, RecipientKind } from '../awards/award-form.entity';
import { AppError } from '../common/errors/app-error';
import { PdfRenderer } from '../documents/pdf-renderer.service';
import { TemplatesService } from '../documents/templates.service';
import { CertificateLayout, DEFAULT_BLANK_LAYOUT } from './certificate-layout';
import {
  CertificateSnapshot,
  DecisionItem,
  DecisionKind,
  DecisionStatus,
  RegisterEntry,
} from './decision.entity';
import { decisionNumberLabel, DecisionsService } from './decisions.service';

/** Certificates rendered per browser document; chunks are merged, so memory stays bounded. */
export const CHUNK = 250;

const words = new ReadingConfig();
words.unit = ['đồng'];

export function amountInWords(amount: number): string {
  const text = doReadNumber(String(amount), words);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sample(authority: Authority, n: number): CertificateSnapshot {
  return {
    issuingBody: authority.issuingBody,
    chairmanTitle: authority.chairmanTitle,
    authorityName: authority.name,
    placeName: authority.placeName,
    awardeeName: 'Nguyễn Thị Mẫu',
    unitName: 'Đơn vị mẫu để căn chỉnh',
    recipientKind: RecipientKind.Individual,
    awardFormName: 'Giấy khen',
    achievement: 'Đã có thành tích xuất sắc (trang in thử để căn chỉnh vị trí)',
    decisionNumber: '00/QĐ-UBND',
    decisionDate: '2026-01-01',
    registerNumber: `${n}/2026`,
    signerLines: [authority.signingTitles.chairman],
    signerName: 'Họ và tên người ký',
    verifyUrl: 'https://example.invalid/verify/mau',
  };
}

@Injectable()
export class CertificatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly decisions: DecisionsService,
    private readonly templates: TemplatesService,
    private readonly renderer: PdfRenderer,
  ) {}

  private qr(url: string): Promise<string> {
    return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
  }

  private async issued(actor: Actor, id: string) {
    const decision = await this.decisions.require(actor, id);
    if (decision.status !== DecisionStatus.Issued || decision.kind !== DecisionKind.Award) {
      throw AppError.conflict('Chỉ in được quyết định khen thưởng đã ban hành.', [], {
        status: decision.status,
      });
    }
    return decision;
  }

  /** The decision in the Nghị định 30/2020 layout, A4 portrait, with its annex grouped by kind. */
  async decisionPdf(actor: Actor, id: string): Promise<Buffer> {
    const decision = await this.issued(actor, id);
    const authority = await this.dataSource
      .getRepository(Authority)
      .findOneByOrFail({ id: decision.authorityId });
    const items = await this.dataSource
      .getRepository(DecisionItem)
      .find({ where: { decisionId: id }, order: { position: 'ASC' } });
    const order = [RecipientKind.Individual, RecipientKind.Collective, RecipientKind.Household];
    const groups = order
      .map((kind) => ({
        label: `${RECIPIENT_KIND_LABELS[kind]}`,
        items: items.filter((i) => i.recipientKind === kind),
      }))
      .filter((g) => g.items.length);
    const total = items.reduce((s, i) => s + (i.amount ?? 0), 0);
    const counts = groups.map((g) => `${g.items.length} ${g.label.toLowerCase()}`).join(', ');
    const theme = /"([^"]+)"/.exec(decision.title)?.[1];
    const html = this.templates.render('decision', {
      issuingBody: authority.issuingBody,
      numberLabel: decisionNumberLabel(decision.number!),
      placeName: authority.placeName,
      issuedOn: decision.issuedOn!,
      title: decision.title,
      chairmanTitle: authority.chairmanTitle,
      chairmanTitleCase: `Chủ tịch ${authority.name}`,
      legalBases: decision.legalBases,
      awardSummary: `khen thưởng cho ${counts}`,
      theme: theme ? `phong trào thi đua "${theme}"` : null,
      total,
      totalInWords: amountInWords(total),
      funding: decision.funding,
      execution: decision.execution,
      recipients: decision.recipients,
      signerLines:
        decision.signerForm === 'chairman'
          ? [authority.signingTitles.collective, authority.signingTitles.chairman]
          : [
              authority.signingTitles.collective,
              authority.signingTitles.onBehalf,
              authority.signingTitles.viceChairman,
            ],
      signerName: decision.signerName!,
      groups,
    });
    return this.renderer.render(html);
  }

  private async pages(
    entries: RegisterEntry[],
    variant: 'standard' | 'blank',
    layout: CertificateLayout,
    testPage = false,
  ): Promise<string> {
    const certificates = await Promise.all(
      entries.map(async (e) => ({
        snapshot: e.snapshot,
        qrSvg: await this.qr(e.snapshot.verifyUrl),
      })),
    );
    if (variant === 'standard') return this.templates.render('certificate', { certificates });
    const marks = [];
    for (let x = 0; x <= 290; x += 20) for (let y = 0; y <= 200; y += 20) marks.push({ x, y });
    return this.templates.render('certificate-blank', { certificates, layout, testPage, marks });
  }

  private async layoutOf(authorityId: string): Promise<CertificateLayout> {
    const authority = await this.dataSource
      .getRepository(Authority)
      .findOneByOrFail({ id: authorityId });
    return { ...DEFAULT_BLANK_LAYOUT, ...(authority.certificateLayout ?? {}) };
  }

  /** Every certificate of a decision as one print-ready PDF, one page each, rendered in chunks and merged. */
  async batchPdf(
    actor: Actor,
    id: string,
    variant: 'standard' | 'blank' = 'standard',
  ): Promise<Buffer> {
    const decision = await this.issued(actor, id);
    const entries = await this.dataSource
      .getRepository(RegisterEntry)
      .find({ where: { decisionId: id }, order: { registerNumber: 'ASC' } });
    return this.renderEntries(entries, variant, await this.layoutOf(decision.authorityId));
  }

  /** Renders certificates chunk by chunk (one browser document each) into one PDF. */
  async renderEntries(
    entries: RegisterEntry[],
    variant: 'standard' | 'blank',
    layout: CertificateLayout = DEFAULT_BLANK_LAYOUT,
  ): Promise<Buffer> {
    if (entries.length <= CHUNK)
      return this.renderer.render(await this.pages(entries, variant, layout), { landscape: true });
    // Two chunks at a time, one per pooled page, so the browser renders one while
    // the other's HTML (QR codes) is built; merged in order afterwards.
    const parts: Buffer[] = [];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i * CHUNK < entries.length; i = next++) {
        const html = await this.pages(entries.slice(i * CHUNK, (i + 1) * CHUNK), variant, layout);
        parts[i] = await this.renderer.render(html, { landscape: true });
      }
    };
    await Promise.all([worker(), worker()]);
    const merged = await PDFDocument.create();
    for (const bytes of parts) {
      const part = await PDFDocument.load(bytes);
      for (const page of await merged.copyPages(part, part.getPageIndices())) merged.addPage(page);
    }
    return Buffer.from(await merged.save());
  }

  async certificatePdf(
    actor: Actor,
    decisionId: string,
    itemId: string,
    variant: 'standard' | 'blank' = 'standard',
  ): Promise<Buffer> {
    const decision = await this.issued(actor, decisionId);
    const entries = await this.dataSource
      .getRepository(RegisterEntry)
      .find({ where: { decisionId, itemId } });
    if (!entries.length) throw AppError.notFound('Giấy khen');
    return this.renderEntries(entries, variant, await this.layoutOf(decision.authorityId));
  }

  /** A test page for the print-on-blank layout: a millimetre grid and sample fields. */
  async layoutTestPdf(actor: Actor): Promise<Buffer> {
    const authority = await this.dataSource
      .getRepository(Authority)
      .findOneByOrFail({ id: actor.authorityId });
    const layout = await this.layoutOf(authority.id);
    const entry = { snapshot: sample(authority, 1) } as RegisterEntry;
    return this.renderer.render(await this.pages([entry], 'blank', layout, true), {
      landscape: true,
    });
  }
}
