import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HttpStatus, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { JobHandlers, JobProgress, JobRunner, JobState, settled } from '../jobs/job';
import { AppConfig } from '../config/app-config';
import { Db } from '../database/transactions';
import { PDFDocument } from 'pdf-lib';
import QRCode from 'qrcode';
import { Actor } from '../access/actor';
import { AuthoritiesService } from '../authorities/authorities.service';
import type { Authority } from '../authorities/authority.entity';
import { RECIPIENT_KIND_LABELS, RecipientKind } from '../awards/award-form.entity';
import { VIETNAM_TZ } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import { AwardsService } from '../awards/awards.service';
import { Clock } from '../common/clock';
import { OrganisationSigner } from '../documents/organisation-signer.service';
import { QrKeysService, QrSigningKey } from '../authorities/qr-keys.service';
import { PdfRenderer } from '../documents/pdf-renderer.service';
import { SignedVersionsPort } from './signed-versions-port';
import { TemplatesService, vietnameseMoney } from '../documents/templates.service';
import { printedFormName, spelledOut, typographic } from '../documents/printed-text';
import { CertificateLayout, DEFAULT_BLANK_LAYOUT } from '../authorities/certificate-layout';
import {
  AwardDecision,
  CertificateSnapshot,
  CertificateStatus,
  DecisionItem,
  DecisionKind,
  DecisionStatus,
  RegisterEntry,
} from './decision.entity';
import { DecisionsService, signerLines } from './decisions.service';
import { amountInWords, decisionNumberLabel } from './labels';
import { awardAmount } from '../law/money';

export const CERTIFICATE_STATUS_LABELS: Record<CertificateStatus, string> = {
  [CertificateStatus.Valid]: 'Còn hiệu lực',
  [CertificateStatus.Revoked]: 'Giấy khen đã bị thu hồi',
  [CertificateStatus.Corrected]: 'Giấy khen đã được đính chính (bản này không còn dùng)',
};

/** How an authority's certificates look: field positions on blanks, the national emblem (a data URI). */
export interface PrintLook {
  layout: CertificateLayout;
  emblem: string | null;
  /** The authority whose organisation key signs the certificates, when the server holds one. */
  signedBy?: {
    code: string;
    name: string;
    placeName: string;
    /** The signature and seal images printed where the server signs (data URIs). */
    signature: string | null;
    seal: string | null;
  } | null;
  /** The authority's offline QR key and code, when offline QR codes are on. */
  qr?: { key: QrSigningKey; authorityCode: string } | null;
}

/** "2026-12-05T18:55:00+07:00": a time as Vietnam reads it, in ISO 8601 with its offset. */
export function vietnamIsoTime(at: Date): string {
  return `${new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}

/** Certificates rendered per browser document; chunks are merged, so memory stays bounded. */
export const CHUNK = 100;

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

/**
 * What a Giấy khen prints of its snapshot, as the model reads: a person as
 * "Ông" / "Bà" with position and unit, a collective's name spelled out, the
 * form without the catalogue's label, typographic quotation marks.
 */
export function printedCertificate(s: CertificateSnapshot) {
  const person = s.recipientKind === RecipientKind.Individual;
  return {
    awardee:
      person && s.honorific
        ? `${s.honorific} ${s.awardeeName}`
        : s.recipientKind === RecipientKind.Collective
          ? spelledOut(s.awardeeName)
          : s.awardeeName,
    detail: person
      ? [s.position, s.unitName && spelledOut(s.unitName)].filter(Boolean).join(', ')
      : s.unitName && s.recipientKind === RecipientKind.Household
        ? spelledOut(s.unitName)
        : '',
    form: typographic(printedFormName(s.awardFormName)),
    achievement: typographic(s.achievement),
  };
}

/** A decision's certificates being printed to one file (see CertificatesService.printJob). */
export interface PrintJob {
  jobId: string;
  path: string;
  leftOut: number;
  /** Chunks of certificates to render, and rendered so far. */
  chunks: number;
  done: number;
  finished: boolean;
  error?: string;
}

/** The kind of the certificates' print jobs. */
export const PRINT_JOB = 'certificates';

const PRINT_FAILED = 'Chưa in được Giấy khen; hãy thử lại. Nếu lỗi lặp lại, hãy báo quản trị viên.';

/** What a print job needs: the rest is read when it runs. */
interface PrintInput {
  decisionId: string;
  variant: 'standard' | 'blank';
  jobId: string;
}

type ProgressReport = (p: JobProgress) => Promise<void>;

function printJobOf(
  known: Pick<PrintJob, 'jobId' | 'path' | 'leftOut' | 'chunks'>,
  state: JobState,
): PrintJob {
  return {
    ...known,
    chunks: state.progress.total || known.chunks,
    done: state.progress.done,
    finished: state.status === 'finished',
    error: state.status === 'failed' ? PRINT_FAILED : undefined,
  };
}

@Injectable()
export class CertificatesService implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly db: Db,
    private readonly decisions: DecisionsService,
    private readonly templates: TemplatesService,
    private readonly renderer: PdfRenderer,
    private readonly awards: AwardsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly jobs: JobRunner,
    private readonly handlers: JobHandlers,
    private readonly signer: OrganisationSigner,
    private readonly qrKeys: QrKeysService,
    private readonly authorities: AuthoritiesService,
  ) {}

  private signedVersions?: SignedVersionsPort;

  /** The signing module registers itself here (see SignedVersionsPort). */
  useSignedVersions(port: SignedVersionsPort): void {
    this.signedVersions = port;
  }

  /** The print job a decision's variant was last seen running under, in this process. */
  private readonly runningFor = new Map<
    string,
    Pick<PrintJob, 'jobId' | 'path' | 'leftOut' | 'chunks'>
  >();

  /** The browser warmed with a sample certificate, in the background (see PdfRenderer.warmUp). */
  onApplicationBootstrap(): void {
    if (this.config.PDF_WARM_UP === 'true') void this.warmUp();
  }

  /**
   * A sample certificate (every face of the font in use: the faces are decoded
   * when a glyph first needs them) loaded and printed once in a pooled page.
   */
  async warmUp(): Promise<void> {
    const authority = {
      issuingBody: 'ỦY BAN NHÂN DÂN',
      chairmanTitle: 'CHỦ TỊCH ỦY BAN NHÂN DÂN',
      name: 'Ủy ban nhân dân',
      placeName: 'Việt Nam',
      signingTitles: { chairman: 'CHỦ TỊCH' },
    } as Authority;
    const entry = { snapshot: sample(authority, 1) } as RegisterEntry;
    await this.renderer.warmUp(
      await this.pages([entry], 'standard', { layout: DEFAULT_BLANK_LAYOUT, emblem: null }),
    );
  }

  onModuleInit(): void {
    this.handlers.register<PrintInput, { file: string }>({
      kind: PRINT_JOB,
      run: (input, progress) => this.print(input, progress),
    });
  }

  /**
   * What the QR code opens: with offline QR codes on, the verification page
   * with the certificate's claims signed in the fragment (checked without a
   * network); otherwise the online page of its token.
   */
  private qrLink(snapshot: CertificateSnapshot, look: PrintLook): string {
    if (!look.qr) return snapshot.verifyUrl;
    const payload = this.qrKeys.payload(look.qr.key, {
      authorityCode: look.qr.authorityCode,
      decisionNumber: snapshot.decisionNumber,
      decisionDate: snapshot.decisionDate,
      registerNumber: snapshot.registerNumber,
      awardeeName: snapshot.awardeeName,
      awardFormName: snapshot.awardFormName,
    });
    return `${this.config.publicBaseUrl}/v/#${payload}`;
  }

  private qr(url: string): Promise<string> {
    return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
  }

  /**
   * Any decision in the Nghị định 30/2020 layout, A4 portrait: an award
   * decision with its annex grouped by kind; a revoking or correcting decision
   * with the certificates it affects; a draft marked "DỰ THẢO", without a
   * number or date, its money at today's base salary, for the signing folder.
   */
  async decisionPdf(actor: Actor, id: string): Promise<Buffer> {
    return this.keptOrRendered(await this.decisions.require(actor, id));
  }

  /**
   * An issued decision rendered afresh, never a kept version: what the
   * signing module keeps as the issued revision the signers sign (409 for a draft).
   */
  async issuedDecisionPdf(actor: Actor, id: string): Promise<Buffer> {
    const decision = await this.decisions.require(actor, id);
    if (decision.status !== DecisionStatus.Issued)
      throw AppError.conflict('Quyết định chưa ban hành: chưa có bản để ký số.', [], {
        status: decision.status,
      });
    return this.renderDecision(decision);
  }

  /** Once an issued decision's revision is kept for signing, that (or its signed version) is the decision. */
  private async keptOrRendered(decision: AwardDecision): Promise<Buffer> {
    const kept =
      decision.status === DecisionStatus.Issued
        ? await this.signedVersions?.current(decision.id)
        : null;
    return kept ?? this.renderDecision(decision);
  }

  /**
   * An issued decision of an authority that publishes its decisions, for the
   * public list (no actor: only what is published; 404 otherwise). It prints
   * what the issued decision prints: names, units, forms and amounts.
   */
  async publishedDecisionPdf(authorityId: string, id: string): Promise<Buffer> {
    const decision = await this.db.tx.getRepository(AwardDecision).findOneBy({
      id,
      authorityId,
      status: DecisionStatus.Issued,
    });
    if (!decision) throw AppError.notFound('Quyết định');
    return this.keptOrRendered(decision);
  }

  private async renderDecision(decision: AwardDecision): Promise<Buffer> {
    const draft = decision.status === DecisionStatus.Draft;
    const authority = await this.authorities.byId(decision.authorityId);
    const model = {
      draft,
      issuingBody: authority.issuingBody,
      numberLabel: draft ? null : decisionNumberLabel(decision.number!),
      numberSuffix: 'QĐ-UBND',
      placeName: authority.placeName,
      issuedOn: decision.issuedOn,
      title: decision.title,
      chairmanTitle: authority.chairmanTitle,
      chairmanTitleCase: `Chủ tịch ${authority.name}`,
      legalBases: decision.legalBases,
      funding: decision.funding,
      execution: decision.execution,
      recipients: decision.recipients,
      signerLines: signerLines(authority, decision.signerForm),
      signerName: decision.signerName ?? '',
    };
    const html =
      decision.kind === DecisionKind.Award
        ? await this.awardModel(decision, authority, model)
        : await this.supersedingModel(decision, model);
    return this.renderer.render(html);
  }

  private async awardModel(
    decision: AwardDecision,
    authority: Authority,
    model: Record<string, unknown>,
  ): Promise<string> {
    const items = await this.db.tx
      .getRepository(DecisionItem)
      .find({ where: { decisionId: decision.id }, order: { position: 'ASC' } });
    if (decision.status === DecisionStatus.Draft) {
      // The amounts the decision would carry if issued today.
      const base = await this.awards.baseSalaryOn(authority.id, this.clock.today());
      for (const item of items)
        item.amount =
          base === null
            ? null
            : awardAmount(Number(item.moneyMultiplier), base, authority.moneyRoundTo);
    }
    // Collectives, then people, then households (I., II., III.); people by their given name, as lists are read.
    const order = [RecipientKind.Collective, RecipientKind.Individual, RecipientKind.Household];
    const collator = new Intl.Collator('vi');
    const givenName = (name: string) => name.trim().split(/\s+/).pop() ?? name;
    const groups = order
      .map((kind) => ({
        label: `${RECIPIENT_KIND_LABELS[kind]}`,
        items: items
          .filter((i) => i.recipientKind === kind)
          .sort((a, b) =>
            kind === RecipientKind.Individual
              ? collator.compare(givenName(a.displayName), givenName(b.displayName)) ||
                collator.compare(a.displayName, b.displayName)
              : collator.compare(a.displayName, b.displayName),
          )
          .map((i) => ({
            ...i,
            displayName:
              kind === RecipientKind.Collective ? spelledOut(i.displayName) : i.displayName,
            awardFormName: printedFormName(i.awardFormName),
          })),
      }))
      .filter((g) => g.items.length);
    const total = items.reduce((s, i) => s + (i.amount ?? 0), 0);
    // "01 tập thể và 02 cá nhân": counts of two digits, the last joined by "và".
    const counted = groups.map(
      (g) => `${String(g.items.length).padStart(2, '0')} ${g.label.toLowerCase()}`,
    );
    const counts =
      counted.length > 1 ? `${counted.slice(0, -1).join(', ')} và ${counted.at(-1)}` : counted[0];
    const theme = /"([^"]+)"/.exec(decision.title)?.[1];
    const forms = [...new Set(items.map((i) => printedFormName(i.awardFormName)))];
    return this.templates.render('decision', {
      ...model,
      article1: typographic(
        `${forms.length === 1 ? `Tặng ${forms[0]} cho` : 'Khen thưởng'} ${counts} (có danh sách kèm theo) đã có thành tích xuất sắc${theme ? ` trong phong trào thi đua "${theme}"` : ''}. Tổng số tiền thưởng: ${vietnameseMoney(total)} đồng (Bằng chữ: ${amountInWords(total)}).`,
      ),
      annexTitle: 'DANH SÁCH KHEN THƯỞNG',
      total,
      groups,
      changes: null,
    });
  }

  private async supersedingModel(
    decision: AwardDecision,
    model: Record<string, unknown>,
  ): Promise<string> {
    const original = await this.db.tx
      .getRepository(AwardDecision)
      .findOneByOrFail({ id: decision.referencesId! });
    const affected = await this.db.tx
      .getRepository(RegisterEntry)
      .find({ where: { revokedByDecisionId: decision.id }, order: { registerNumber: 'ASC' } });
    const revoking = decision.kind === DecisionKind.Revocation;
    const successors = revoking
      ? []
      : await this.db.tx.getRepository(RegisterEntry).find({ where: { decisionId: decision.id } });
    const lines = await this.db.tx
      .getRepository(DecisionItem)
      .find({ where: { decisionId: decision.id } });
    const changes = affected.map((e) => {
      const line = lines.find((l) => l.correctsItemId === e.itemId);
      const next = successors.find((n) => n.itemId === line?.id)?.snapshot;
      const diffs = next
        ? (
            [
              ['Họ và tên / tên tập thể', e.snapshot.awardeeName, next.awardeeName],
              ['Đơn vị', e.snapshot.unitName, next.unitName],
              ['Thành tích', e.snapshot.achievement, next.achievement],
            ] as const
          )
            .filter(([, before, after]) => before !== after)
            .map(([field, before, after]) => ({
              field,
              before: before ?? '(không)',
              after: after ?? '(không)',
            }))
        : [];
      return { snapshot: e.snapshot, diffs };
    });
    const reference = DecisionsService.reference(original);
    return this.templates.render('decision', {
      ...model,
      article1: revoking
        ? `Thu hồi ${affected.length} Giấy khen đã tặng tại ${reference} của ${model.chairmanTitleCase} (có danh sách kèm theo). Lý do: ${decision.reason}`
        : `Đính chính nội dung ${affected.length} Giấy khen đã tặng tại ${reference} của ${model.chairmanTitleCase} như danh sách kèm theo. Lý do: ${decision.reason}`,
      annexTitle: revoking ? 'DANH SÁCH GIẤY KHEN BỊ THU HỒI' : 'DANH SÁCH ĐÍNH CHÍNH',
      total: null,
      groups: null,
      changes: { revoking, rows: changes },
    });
  }

  /** The certificate that now stands for a register entry: itself, or its latest correction; null once revoked. */
  private async standing(entry: RegisterEntry): Promise<RegisterEntry | null> {
    let current = entry;
    while (current.status === CertificateStatus.Corrected) {
      const line = await this.db.tx
        .getRepository(DecisionItem)
        .findOneByOrFail({ correctsItemId: current.itemId });
      current = await this.db.tx.getRepository(RegisterEntry).findOneByOrFail({ itemId: line.id });
    }
    return current.status === CertificateStatus.Revoked ? null : current;
  }

  private async revokedMessage(entry: RegisterEntry): Promise<string> {
    const by = await this.db.tx
      .getRepository(AwardDecision)
      .findOneBy({ id: entry.revokedByDecisionId ?? undefined });
    return `Giấy khen số vào sổ ${entry.snapshot.registerNumber} của ${entry.snapshot.awardeeName} đã bị thu hồi${by ? ` theo ${DecisionsService.reference(by)}` : ''}; không in được.`;
  }

  /** An issued decision whose certificates can be printed (an award or a correction). */
  private async printable(actor: Actor, id: string) {
    const decision = await this.decisions.require(actor, id);
    if (decision.status !== DecisionStatus.Issued || decision.kind === DecisionKind.Revocation) {
      throw AppError.conflict(
        decision.status !== DecisionStatus.Issued
          ? 'Quyết định chưa ban hành nên chưa có Giấy khen để in; xem bản dự thảo qua "In quyết định".'
          : 'Quyết định thu hồi không có Giấy khen để in.',
        [],
        { status: decision.status },
      );
    }
    return decision;
  }

  private async pages(
    entries: RegisterEntry[],
    variant: 'standard' | 'blank',
    look: PrintLook,
    testPage = false,
  ): Promise<string> {
    const certificates = await Promise.all(
      entries.map(async (e) => ({
        // Snapshots taken before corrections existed have no `correction` (strict templates).
        snapshot: { ...e.snapshot, correction: e.snapshot.correction ?? null },
        printed: printedCertificate(e.snapshot),
        qrSvg: await this.qr(this.qrLink(e.snapshot, look)),
      })),
    );
    const { layout, emblem } = look;
    // The emblem on plain paper only: a pre-printed blank has its own.
    if (variant === 'standard')
      return this.templates.render('certificate', {
        certificates,
        emblem,
        // Signed by the server: its appearance, and the signing time in ISO 8601 at +07:00.
        appearance: look.signedBy && {
          signature: look.signedBy.signature,
          seal: look.signedBy.seal,
          text: `Ký số: ${look.signedBy.name}, ${vietnamIsoTime(this.clock.now())}`,
        },
      });
    const marks = [];
    for (let x = 0; x <= 290; x += 20) for (let y = 0; y <= 200; y += 20) marks.push({ x, y });
    return this.templates.render('certificate-blank', { certificates, layout, testPage, marks });
  }

  /** How an authority's certificates look: the blank's field positions, the national emblem. */
  private async lookOf(authorityId: string): Promise<PrintLook> {
    const authority = await this.authorities.withImages(authorityId);
    return {
      layout: { ...DEFAULT_BLANK_LAYOUT, ...(authority.certificateLayout ?? {}) },
      emblem: authority.emblem,
      signedBy: (await this.signer.has(authority.code))
        ? {
            code: authority.code,
            name: authority.name,
            placeName: authority.placeName,
            signature: authority.signatureImage,
            seal: authority.sealImage,
          }
        : null,
      qr: await this.qrKeys
        .activeKey(authority.id)
        .then((key) => key && { key, authorityCode: authority.code }),
    };
  }

  /** The decision's certificates that still stand (corrected ones as corrected), and how many are left out. */
  private async standingOf(actor: Actor, id: string) {
    return this.standingFor(await this.printable(actor, id));
  }

  private async standingFor(decision: AwardDecision) {
    const entries = await this.db.tx
      .getRepository(RegisterEntry)
      .find({ where: { decisionId: decision.id }, order: { registerNumber: 'ASC' } });
    const standing: RegisterEntry[] = [];
    for (const entry of entries) {
      const current = await this.standing(entry);
      if (current) standing.push(current);
    }
    if (!standing.length)
      throw AppError.conflict(
        'Mọi Giấy khen của quyết định này đã bị thu hồi; không còn gì để in.',
      );
    const look = await this.lookOf(decision.authorityId);
    return { standing, leftOut: entries.length - standing.length, look };
  }

  /**
   * Every certificate of a decision as one print-ready PDF, one page each,
   * rendered in chunks and merged: corrected ones as corrected, revoked ones
   * left out (`leftOut` says how many).
   */
  async batchPdf(
    actor: Actor,
    id: string,
    variant: 'standard' | 'blank' = 'standard',
  ): Promise<{ pdf: Buffer; leftOut: number }> {
    const { standing, leftOut, look } = await this.standingOf(actor, id);
    return { pdf: await this.renderEntries(standing, variant, look), leftOut };
  }

  /**
   * The same PDF kept as a file, so that it is served with its length, an
   * ETag and ranges, and printed once: a second request for the unchanged
   * decision (same certificates and statuses, layout and templates) reuses it.
   * Waits for the print job (in a worker when there is Redis).
   */
  async batchFile(
    actor: Actor,
    id: string,
    variant: 'standard' | 'blank' = 'standard',
  ): Promise<{ path: string; leftOut: number }> {
    const job = await this.printJob(actor, id, variant);
    if (!job.finished && !job.error) {
      const state = await settled(this.jobs, PRINT_JOB, job.jobId);
      if (state.status === 'failed') job.error = PRINT_FAILED;
    }
    if (job.error)
      throw new AppError(HttpStatus.SERVICE_UNAVAILABLE, 'PDF_UNAVAILABLE', job.error, [], {
        retryAfterSeconds: 10,
      });
    return { path: job.path, leftOut: job.leftOut };
  }

  /**
   * A decision's certificates being printed to their file, as a job whose
   * progress a page shows (chunks done out of all): started on the first
   * request, found again by the next ones (the same decision, unchanged,
   * is the same job, in any API process), finished at once when its file is
   * already there. A decision keeps one file per variant.
   */
  async printJob(
    actor: Actor,
    id: string,
    variant: 'standard' | 'blank' = 'standard',
  ): Promise<PrintJob> {
    await this.printable(actor, id);
    // A page polling a job still running finds it without reading the decision's certificates again.
    const polled = this.runningFor.get(`${id}-${variant}`);
    if (polled) {
      const state = await this.jobs.state(PRINT_JOB, polled.jobId);
      if (state && state.status !== 'finished') return printJobOf(polled, state);
      this.runningFor.delete(`${id}-${variant}`);
    }
    const { standing, leftOut, look } = await this.standingOf(actor, id);
    const digest = createHash('sha256')
      .update(
        JSON.stringify([
          this.templates.version,
          variant === 'blank' ? look.layout : look.emblem,
          // Signed or not, and how it looks: a key or an image changed since the last print prints again.
          look.signedBy ?? null,
          standing.map((e) => [e.id, e.status]),
        ]),
      )
      .digest('hex')
      .slice(0, 24);
    const jobId = `${id}-${variant}-${digest}`;
    const path = join(this.printDir, `${jobId}.pdf`);
    const chunks = Math.ceil(standing.length / CHUNK);
    const known = { jobId, path, leftOut, chunks };
    if (existsSync(path)) return { ...known, done: chunks, finished: true };
    const input: PrintInput = { decisionId: id, variant, jobId };
    // A finished job whose file was since removed (the decision printed otherwise in between) prints again.
    const state = await this.jobs.start(PRINT_JOB, jobId, input, chunks, true);
    if (state.status !== 'finished') this.runningFor.set(`${id}-${variant}`, known);
    return printJobOf(known, state);
  }

  private get printDir(): string {
    return join(this.config.FILES_DIR, 'print');
  }

  /**
   * The print job's work, wherever it runs (this process or a worker): the
   * decision's standing certificates rendered, written to a temporary file
   * and renamed into place (a job run twice still leaves one file), the
   * decision's older prints of the variant removed.
   */
  private async print({ decisionId, variant, jobId }: PrintInput, progress: ProgressReport) {
    const decision = await this.db.tx
      .getRepository(AwardDecision)
      .findOneByOrFail({ id: decisionId });
    const { standing, look } = await this.standingFor(decision);
    const chunks = Math.ceil(standing.length / CHUNK);
    let done = 0;
    await progress({ done, total: chunks });
    const pdf = await this.renderEntries(standing, variant, look, () => {
      void progress({ done: ++done, total: chunks });
    });
    await mkdir(this.printDir, { recursive: true });
    const path = join(this.printDir, `${jobId}.pdf`);
    const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(temporary, pdf);
    await rename(temporary, path);
    for (const old of await readdir(this.printDir))
      if (
        old.startsWith(`${decisionId}-${variant}-`) &&
        old !== `${jobId}.pdf` &&
        !old.endsWith('.tmp')
      )
        await rm(join(this.printDir, old), { force: true });
    return { file: `${jobId}.pdf` };
  }

  /**
   * Certificates as one PDF, signed with the organisation's key when the
   * server holds one (plain paper only: a pre-printed blank is signed by hand).
   */
  async renderEntries(
    entries: RegisterEntry[],
    variant: 'standard' | 'blank',
    look: PrintLook = { layout: DEFAULT_BLANK_LAYOUT, emblem: null },
    chunkDone: () => void = () => undefined,
  ): Promise<Buffer> {
    const pdf = await this.renderUnsigned(entries, variant, look, chunkDone);
    if (variant !== 'standard' || !look.signedBy) return pdf;
    const signed = await this.signer.sign(pdf, look.signedBy.code, {
      reason: 'Giấy khen điện tử',
      location: look.signedBy.placeName,
      signingTime: this.clock.now(),
    });
    return signed ?? pdf;
  }

  /** Renders certificates chunk by chunk (one browser document each) into one PDF. */
  private async renderUnsigned(
    entries: RegisterEntry[],
    variant: 'standard' | 'blank',
    look: PrintLook = { layout: DEFAULT_BLANK_LAYOUT, emblem: null },
    chunkDone: () => void = () => undefined,
  ): Promise<Buffer> {
    if (entries.length <= CHUNK) {
      const pdf = await this.renderer.render(await this.pages(entries, variant, look), {
        landscape: true,
      });
      chunkDone();
      return pdf;
    }
    // Two chunks at a time, one per pooled page, so the browser renders one while
    // the other's HTML (QR codes) is built; merged in order afterwards.
    const parts: Buffer[] = [];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i * CHUNK < entries.length; i = next++) {
        const html = await this.pages(entries.slice(i * CHUNK, (i + 1) * CHUNK), variant, look);
        parts[i] = await this.renderer.render(html, { landscape: true });
        chunkDone();
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

  /** One certificate: as corrected if it was; refused, naming the decision, if revoked. */
  async certificatePdf(
    actor: Actor,
    decisionId: string,
    itemId: string,
    variant: 'standard' | 'blank' = 'standard',
  ): Promise<Buffer> {
    const decision = await this.printable(actor, decisionId);
    const entry = await this.db.tx.getRepository(RegisterEntry).findOneBy({ decisionId, itemId });
    if (!entry) throw AppError.notFound('Giấy khen');
    const current = await this.standing(entry);
    if (!current) throw AppError.conflict(await this.revokedMessage(entry));
    return this.renderEntries([current], variant, await this.lookOf(decision.authorityId));
  }

  /**
   * What the public verification page shows of a certificate: only what it
   * prints, its status and, once revoked or corrected, the decision that did it.
   */
  async verify(token: string) {
    // One indexed lookup whatever the token, so unknown and revoked answer alike in time.
    const entry = await this.db.tx
      .getRepository(RegisterEntry)
      .findOneBy({ verifyToken: /^[A-Za-z0-9_-]{16,64}$/.test(token) ? token : '-' });
    if (!entry) return null;
    const by = entry.revokedByDecisionId
      ? await this.db.tx.getRepository(AwardDecision).findOneBy({ id: entry.revokedByDecisionId })
      : null;
    return {
      found: true,
      status: entry.status,
      statusLabel: CERTIFICATE_STATUS_LABELS[entry.status],
      awardeeName: entry.snapshot.awardeeName,
      awardFormName: entry.snapshot.awardFormName,
      decisionNumber: entry.snapshot.decisionNumber,
      decisionDate: entry.snapshot.decisionDate,
      authorityName: entry.snapshot.authorityName,
      registerNumber: entry.snapshot.registerNumber,
      correction: entry.snapshot.correction ?? null,
      supersededBy: by ? DecisionsService.reference(by) : null,
      // Whether the decision itself is signed, and whether each signature holds (checked now).
      signatures: ((await this.signedVersions?.signatures(entry.decisionId)) ?? []).map((s) => ({
        ...s,
        signedAtLabel: s.signedAt
          ? new Date(s.signedAt).toLocaleString('vi-VN', { timeZone: VIETNAM_TZ })
          : '',
      })),
    };
  }

  /**
   * A certificate's current status by its authority's code and register
   * number ("5/2026"), for the offline page's online check: only the status,
   * nothing the QR code does not already say; null when there is none.
   */
  async statusByRegister(authorityCode: string, registerNumber: string) {
    const m = /^(\d{1,7})\/(\d{4})$/.exec(registerNumber);
    if (!m) return null;
    const authority = await this.authorities.byCode(authorityCode);
    const entry =
      authority &&
      (await this.db.tx.getRepository(RegisterEntry).findOneBy({
        authorityId: authority.id,
        year: Number(m[2]),
        registerNumber: Number(m[1]),
      }));
    return entry && { status: entry.status, statusLabel: CERTIFICATE_STATUS_LABELS[entry.status] };
  }

  /** A test page for the print-on-blank layout: a millimetre grid and sample fields. */
  async layoutTestPdf(actor: Actor): Promise<Buffer> {
    const authority = await this.authorities.own(actor);
    const look = await this.lookOf(authority.id);
    const entry = { snapshot: sample(authority, 1) } as RegisterEntry;
    return this.renderer.render(await this.pages([entry], 'blank', look, true), {
      landscape: true,
    });
  }
}
