import {
  Body,
  Controller,
  Get,
  Query,
  Req,
  Res,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { Role } from '../access/roles';
import { AwardsService } from '../awards/awards.service';
import { RECIPIENT_KIND_LABELS, RecipientKind } from '../awards/award-form.entity';
import { AwardRecordService } from '../decisions/award-record.service';
import { AppError } from '../common/errors/app-error';
import { vietnameseMoney } from '../documents/templates.service';
import { inlinePdf, sendPdfFile } from '../common/http/send-file';
import { IdParam } from '../common/validation/id-param';
import { CERTIFICATE_STATUS_LABELS, CertificatesService } from '../decisions/certificates.service';
import { CertificateStatus, DecisionKind, DecisionStatus } from '../decisions/decision.entity';
import {
  AwaitingQueryDto,
  CorrectDto,
  DecisionQueryDto,
  HouseholdQueryDto,
  RegisterExportQueryDto,
  RegisterQueryDto,
  RevokeDto,
  UpdateDecisionDto,
} from '../decisions/decisions.dto';
import { DecisionsService } from '../decisions/decisions.service';
import { decisionNumberLabel } from '../decisions/labels';
import { sendDecisionList, sendRegister } from '../decisions/register-export';
import { MovementsService } from '../movements/movements.service';
import { UnitsService } from '../units/units.service';
import { formatDate, formatDateTime, option, pager } from './format';
import { FormPost, MultipartFormPost } from './web-form.decorators';
import { SigningService } from '../signing/signing.service';
import {
  SEALERS,
  SIGNED_UPLOAD,
  SIGNING_READERS,
  TOKEN_SIGNERS,
} from '../signing/signing.controller';
import type { UploadedFile as Upload } from '../files/files.service';
import { WebErrors } from './web-errors.filter';
import { asList, lines, WebForms } from './web-forms';
import { WebPages } from './web-pages';

const SIGNERS = [Role.Chairman, Role.ViceChairman];
const DRAFTERS = [Role.HomeAffairs, ...SIGNERS];
const READERS = [...DRAFTERS, Role.Admin, Role.CouncilMember];

const KIND_LABELS: Record<DecisionKind, string> = {
  [DecisionKind.Award]: 'Khen thưởng',
  [DecisionKind.Revocation]: 'Thu hồi',
  [DecisionKind.Correction]: 'Đính chính',
};

const DRAFT_MESSAGES: Record<string, string> = {
  title: 'Trích yếu từ 5 đến 500 ký tự.',
  legalBases: 'Mỗi dòng một căn cứ; cần ít nhất một căn cứ.',
  funding: 'Ghi nguồn kinh phí (từ 5 ký tự).',
  execution: 'Ghi điều khoản thi hành (từ 5 ký tự).',
  recipients: 'Mỗi dòng một nơi nhận; cần ít nhất một nơi nhận.',
};

/**
 * The chairman's desk and the decisions: nominees awaiting a decision
 * gathered into a draft, the draft edited and previewed as its PDF, issued
 * with a confirmation that names its number; issued decisions with their
 * certificates to print, revocation. The decisions services do the work.
 */
@ApiExcludeController()
@Controller('quyet-dinh')
@UseFilters(WebErrors)
export class DecisionPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly forms: WebForms,
    private readonly decisions: DecisionsService,
    private readonly certificates: CertificatesService,
    private readonly movements: MovementsService,
    private readonly units: UnitsService,
    private readonly awards: AwardsService,
    private readonly records: AwardRecordService,
    private readonly signing: SigningService,
  ) {}

  @Get()
  @Roles(...READERS)
  async list(
    @CurrentActor() actor: Actor,
    @Query() raw: Record<string, unknown>,
    @Req() req: FastifyRequest,
  ) {
    const { given, query } = await this.forms.query(DecisionQueryDto, raw, {
      year: 'Năm phải là số có bốn chữ số, ví dụ 2026.',
    });
    const page = await this.decisions.list(actor, query);
    return this.pages.page(
      actor,
      'decisions',
      'Quyết định khen thưởng',
      {
        canDraft: DRAFTERS.includes(actor.role),
        q: query.q ?? '',
        year: query.year ?? '',
        statuses: [
          { value: '', label: 'Tất cả', selected: !query.status },
          { value: 'draft', label: 'Dự thảo', selected: query.status === 'draft' },
          { value: 'issued', label: 'Đã ban hành', selected: query.status === 'issued' },
        ],
        total: page.total,
        rows: page.items.map((d) => ({
          id: d.id,
          title: d.title,
          kind: KIND_LABELS[d.kind],
          draft: d.status === DecisionStatus.Draft,
          number: d.number ? decisionNumberLabel(d.number) : 'Dự thảo',
          issuedOn: formatDate(d.issuedOn),
        })),
        pager: pager('/quyet-dinh', given, page),
      },
      this.forms.csrf(req),
    );
  }

  /** The award register: search by name (without diacritics too), unit, year, form. */
  @Get('so-khen-thuong')
  @Roles(...READERS)
  async register(
    @CurrentActor() actor: Actor,
    @Query() raw: Record<string, unknown>,
    @Req() req: FastifyRequest,
  ) {
    const { given, query } = await this.forms.query(RegisterQueryDto, raw, {
      year: 'Năm phải là số có bốn chữ số, ví dụ 2026.',
    });
    const [page, units, forms, movements] = await Promise.all([
      this.decisions.register(actor, query),
      this.units.visibleTo(actor),
      this.awards.list(actor),
      this.movements.visibleTo(actor),
    ]);
    return this.pages.page(
      actor,
      'register',
      'Sổ khen thưởng',
      {
        q: query.q ?? '',
        year: query.year ?? '',
        units: units.map((u) => option(u.id, u.name, query.unitId)),
        awardForms: forms.map((f) => option(f.id, f.name, query.awardFormId)),
        movements: movements.map((m) => option(m.id, m.title, query.movementId)),
        kinds: Object.values(RecipientKind).map((k) =>
          option(k, RECIPIENT_KIND_LABELS[k], query.kind),
        ),
        total: page.total,
        rows: page.items.map((e) => ({
          number: `${e.registerNumber}/${e.year}`,
          name: e.snapshot.awardeeName,
          unit: e.snapshot.unitName ?? '',
          form: e.snapshot.awardFormName,
          decision: `${e.snapshot.decisionNumber} ngày ${formatDate(e.snapshot.decisionDate)}`,
          decisionId: e.decisionId,
          itemId: e.itemId,
          status: CERTIFICATE_STATUS_LABELS[e.status],
          valid: e.status === CertificateStatus.Valid,
          // A household has no page of its own: its record is found by its name.
          householdRecord:
            e.snapshot.recipientKind === RecipientKind.Household
              ? `/quyet-dinh/so-khen-thuong/ho-gia-dinh?${new URLSearchParams({ name: e.snapshot.awardeeName })}`
              : null,
        })),
        pager: pager('/quyet-dinh/so-khen-thuong', given, page),
        // The same search, downloaded.
        download: new URLSearchParams(
          Object.entries({
            q: query.q,
            year: query.year,
            unitId: query.unitId,
            awardFormId: query.awardFormId,
            movementId: query.movementId,
            kind: query.kind,
          }).flatMap(([k, v]) =>
            v === undefined || v === '' ? [] : [[k, String(v)] as [string, string]],
          ),
        ).toString(),
      },
      this.forms.csrf(req),
    );
  }

  /** The register the search names, as XLSX or CSV (the same export as the API's). */
  @Get('so-khen-thuong/tai-ve')
  @Roles(...READERS)
  async exportRegister(
    @CurrentActor() actor: Actor,
    @Query() raw: Record<string, unknown>,
    @Res() res: FastifyReply,
  ) {
    const { query } = await this.forms.query(RegisterExportQueryDto, raw, {
      year: 'Năm phải là số có bốn chữ số, ví dụ 2026.',
      format: 'Định dạng tải về là xlsx hoặc csv.',
    });
    await sendRegister(this.decisions, actor, query, query.format ?? 'xlsx', res);
  }

  /** A household's award record as a PDF (the API's), from its name in the register. */
  @Get('so-khen-thuong/ho-gia-dinh')
  @Roles(...READERS)
  async householdRecord(@CurrentActor() actor: Actor, @Query() raw: Record<string, unknown>) {
    const { query } = await this.forms.query(HouseholdQueryDto, raw, {
      name: 'Cần tên hộ gia đình như trong sổ khen thưởng.',
    });
    const pdf = await this.records.pdf(actor, { kind: RecipientKind.Household, name: query.name });
    return inlinePdf(pdf, 'khen-thuong-ho-gia-dinh');
  }

  /** A decision's list (its annex) as XLSX or CSV, a draft's too (the API's export). */
  @Get(':id/danh-sach')
  @Roles(...READERS)
  async exportList(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() raw: Record<string, unknown>,
    @Res() res: FastifyReply,
  ) {
    await sendDecisionList(this.decisions, actor, id, await this.forms.sheetFormat(raw), res);
  }

  /** What awaits the chairman, from every dossier, to gather into a draft decision. */
  @Get('cho-quyet-dinh')
  @Roles(...DRAFTERS)
  async awaiting(
    @CurrentActor() actor: Actor,
    @Query() raw: Record<string, unknown>,
    @Req() req: FastifyRequest,
  ) {
    const { given, query } = await this.forms.query(AwaitingQueryDto, raw);
    const [page, units, movements, forms] = await Promise.all([
      this.decisions.awaiting(actor, query),
      this.units.visibleTo(actor),
      this.movements.visibleTo(actor),
      this.awards.list(actor),
    ]);
    return this.pages.page(
      actor,
      'awaiting',
      'Đối tượng chờ quyết định khen thưởng',
      {
        problem: typeof raw.loi === 'string' ? raw.loi : null,
        filters: {
          units: units.map((u) => option(u.id, u.name, query.unitId)),
          movements: movements.map((m) => option(m.id, m.title, query.movementId)),
          awardForms: forms.map((f) => option(f.id, f.name, query.awardFormId)),
        },
        total: page.total,
        rows: page.items.map((n) => ({
          id: n.id,
          name: n.displayName,
          kind: RECIPIENT_KIND_LABELS[n.kind],
          form: n.awardForm?.name ?? '',
          unit: n.dossier?.unit?.name ?? '',
          dossierId: n.dossierId,
          dossierTitle: n.dossier?.title ?? '',
        })),
        pager: pager('/quyet-dinh/cho-quyet-dinh', given, page),
      },
      this.forms.csrf(req),
    );
  }

  /** The nominees ticked become a draft decision, with the texts an office starts from. */
  @FormPost('du-thao', ...DRAFTERS)
  async draft(
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const nomineeIds = asList(body.nomineeIds);
    try {
      if (!nomineeIds.length)
        throw AppError.invalidField('nomineeIds', 'Hãy chọn ít nhất một đối tượng.');
      const decision = await this.decisions.createDraft(actor, { nomineeIds });
      res.header('Location', `/quyet-dinh/${decision.id}`);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      res.header(
        'Location',
        `/quyet-dinh/cho-quyet-dinh?${new URLSearchParams({ loi: error.message })}`,
      );
    }
    return '';
  }

  @Get(':id')
  @Roles(...READERS)
  async decision(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() req: FastifyRequest,
    @Query('loi') problem?: string,
  ) {
    return this.render(actor, id, this.forms.csrf(req), { problem });
  }

  private async render(
    actor: Actor,
    id: string,
    csrf: string,
    state: { problem?: string; values?: Record<string, unknown>; errors?: Record<string, string> },
  ) {
    const d = await this.decisions.detail(actor, id);
    const draft = d.status === DecisionStatus.Draft;
    const v = state.values ?? {};
    const text = (field: string, current: string | string[]) =>
      typeof v[field] === 'string'
        ? (v[field] as string)
        : Array.isArray(current)
          ? current.join('\n')
          : current;
    const printable = d.kind === DecisionKind.Award && !draft;
    return this.pages.page(
      actor,
      'decision',
      draft ? `Dự thảo: ${d.title}` : `Quyết định số ${d.numberLabel}`,
      {
        problem: state.problem ?? null,
        decision: {
          id: d.id,
          title: d.title,
          kind: KIND_LABELS[d.kind],
          draft,
          numberLabel: d.numberLabel,
          issuedOn: formatDate(d.issuedOn),
          signerName: d.signerName,
          total: vietnameseMoney(d.total),
        },
        items: d.items.map((i) => ({
          id: i.id,
          name: i.displayName,
          unit: i.unitName ?? '',
          form: i.awardFormName,
          amount: i.amount === null ? '' : vietnameseMoney(i.amount),
          registerNumber: i.register ? `${i.register.registerNumber}/${i.register.year}` : '',
          revoked: i.register?.status === 'revoked',
          corrected: i.register?.status === 'corrected',
          printable: printable && i.register?.status === 'valid',
          achievement: i.register?.snapshot.achievement ?? '',
        })),
        edit: draft &&
          DRAFTERS.includes(actor.role) && {
            title: text('title', d.title),
            legalBases: text('legalBases', d.legalBases),
            funding: text('funding', d.funding),
            execution: text('execution', d.execution),
            recipients: text('recipients', d.recipients),
            errors: state.errors ?? {},
          },
        // The signer confirms the number the decision will take.
        issue:
          draft && SIGNERS.includes(actor.role)
            ? {
                ...(await this.decisions.nextNumber(actor)),
                fund: await this.fundView(actor, id),
              }
            : null,
        printable,
        signing: await this.signingView(actor, id, draft),
        // Revoked certificates are not printed: the page says how many.
        leftOut: d.items.filter((i) => i.register?.status === 'revoked').length,
        revoke: printable && SIGNERS.includes(actor.role),
        supersededBy: d.supersededBy.map((s) => ({
          ...s,
          kind: KIND_LABELS[s.kind],
          issuedOn: formatDate(s.issuedOn),
        })),
        references: d.references && {
          ...d.references,
          kind: KIND_LABELS[d.references.kind],
          issuedOn: formatDate(d.references.issuedOn),
        },
      },
      csrf,
    );
  }

  /** An issued decision's signatures as the page shows them, and what the actor may do. */
  private async signingView(actor: Actor, id: string, draft: boolean) {
    if (draft || !SIGNING_READERS.includes(actor.role)) return null;
    const s = await this.signing.status(actor, id);
    return {
      signatures: s.signatures.map((x) => ({
        ...x,
        signedAt: x.signedAt ? formatDateTime(x.signedAt) : 'không rõ thời điểm',
        how: x.by === 'organisation' ? 'khóa của cơ quan' : 'thiết bị ký số',
      })),
      canUpload: TOKEN_SIGNERS.includes(actor.role),
      // The seal once: after the organisation's signature, nothing is left to seal.
      canSeal:
        SEALERS.includes(actor.role) &&
        s.organisationKey &&
        !s.signatures.some((x) => x.by === 'organisation'),
    };
  }

  /** The kept version to sign with a token (the API's signing/original). */
  @Get(':id/ban-de-ky')
  @Roles(...TOKEN_SIGNERS, Role.Admin)
  async toSign(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return inlinePdf(await this.signing.latest(actor, id), 'quyet-dinh-de-ky');
  }

  /** The file signed with a token, uploaded back (the API's signing/upload): checked, or refused with why. */
  @MultipartFormPost(':id/ky-so', ...TOKEN_SIGNERS)
  @UseInterceptors(SIGNED_UPLOAD)
  async uploadSigned(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @UploadedFile() file: Upload | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, `/quyet-dinh/${id}`, () =>
      this.signing.upload(actor, id, file?.buffer),
    );
    return '';
  }

  /** The organisation's signature added with the server's key (the API's signing/organisation). */
  @FormPost(':id/dong-dau-so', ...SEALERS)
  async seal(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, `/quyet-dinh/${id}`, () =>
      this.signing.signWithOrganisation(actor, id),
    );
    return '';
  }

  /** The draft's texts: a refusal comes back with what was typed and each error beside its field. */
  @FormPost(':id/sua', ...DRAFTERS)
  async update(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.forms.orAgain(
      res,
      async () => {
        const dto = await this.forms.valid(
          UpdateDecisionDto,
          {
            title: body.title,
            legalBases: lines(body.legalBases),
            funding: body.funding,
            execution: body.execution,
            recipients: lines(body.recipients),
          },
          DRAFT_MESSAGES,
        );
        await this.decisions.update(actor, id, dto);
        return `/quyet-dinh/${id}`;
      },
      (errors) =>
        this.render(actor, id, this.forms.csrf(req), {
          problem: 'Chưa lưu được dự thảo: hãy sửa các ô được ghi chú bên dưới.',
          values: body,
          errors,
        }),
      DRAFT_MESSAGES,
    );
  }

  /** The year's fund beside the draft's total, for the signing form (null without a fund). */
  private async fundView(actor: Actor, id: string) {
    const outlook = await this.decisions.fundOutlook(actor, id);
    return (
      outlook && {
        year: outlook.year,
        balance: vietnameseMoney(outlook.balance),
        total: vietnameseMoney(outlook.total),
        over: outlook.over ? vietnameseMoney(outlook.over) : null,
      }
    );
  }

  /** Issues the draft with the number the signer confirmed (refused if another decision took it). */
  @FormPost(':id/ban-hanh', ...SIGNERS)
  async issue(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, `/quyet-dinh/${id}`, async () => {
      const expected = Number(body.expectedNumber);
      await this.decisions.issue(
        actor,
        id,
        Number.isInteger(expected) ? expected : undefined,
        body.acknowledgeFundOverdraw === 'yes',
      );
    });
    return '';
  }

  /** Revokes the whole decision by a new, numbered revoking decision. */
  @FormPost(':id/thu-hoi', ...SIGNERS)
  async revoke(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    let created: { id: string } | undefined;
    await this.forms.back(res, `/quyet-dinh/${id}`, async () => {
      const dto = await this.forms.valid(
        RevokeDto,
        {
          reason: body.reason,
          itemIds: asList(body.itemIds).length ? asList(body.itemIds) : undefined,
        },
        { reason: 'Hãy ghi lý do thu hồi (từ 10 ký tự).' },
      );
      created = await this.decisions.revoke(actor, id, dto);
    });
    if (created) res.header('Location', `/quyet-dinh/${created.id}`);
    return '';
  }

  /**
   * Corrects certificates by a new, numbered decision: each line's name, unit
   * and achievement as edited on the page; only what changed is corrected.
   */
  @FormPost(':id/dinh-chinh', ...SIGNERS)
  async correct(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    let created: { id: string } | undefined;
    await this.forms.back(res, `/quyet-dinh/${id}`, async () => {
      const d = await this.decisions.detail(actor, id);
      const corrections = [];
      for (const item of d.items) {
        const was = item.register?.snapshot;
        if (!was || item.register?.status !== CertificateStatus.Valid) continue;
        const typed = (field: string) => {
          const v = body[`${field}_${item.id}`];
          return typeof v === 'string' ? v.trim() : undefined;
        };
        const line: Record<string, unknown> = {};
        const name = typed('name');
        const unit = typed('unit');
        const achievement = typed('achievement');
        if (name !== undefined && name !== was.awardeeName) line.awardeeName = name;
        if (unit !== undefined && unit !== (was.unitName ?? '')) line.unitName = unit || null;
        if (achievement !== undefined && achievement !== was.achievement)
          line.achievement = achievement;
        if (Object.keys(line).length) corrections.push({ itemId: item.id, ...line });
      }
      if (!corrections.length)
        throw AppError.invalidField(
          'corrections',
          'Chưa sửa nội dung nào: hãy sửa tên, đơn vị hoặc thành tích của dòng cần đính chính.',
        );
      const dto = await this.forms.valid(
        CorrectDto,
        { reason: body.reason, corrections },
        {
          reason: 'Hãy ghi lý do đính chính (từ 10 ký tự).',
          corrections: 'Tên từ 2 ký tự, đơn vị từ 2 ký tự (hoặc để trống), thành tích từ 10 ký tự.',
        },
      );
      created = await this.decisions.correct(actor, id, dto);
    });
    if (created) res.header('Location', `/quyet-dinh/${created.id}`);
    return '';
  }

  /** The decision as its PDF: a draft's preview (DỰ THẢO, no number) or the issued text. */
  @Get(':id/ban-in')
  @Roles(...READERS)
  async pdf(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    // The draft's page shows its preview in a frame of its own origin.
    res.header('X-Frame-Options', 'SAMEORIGIN');
    res.header('Content-Security-Policy', "frame-ancestors 'self'");
    return inlinePdf(await this.certificates.decisionPdf(actor, id), 'quyet-dinh');
  }

  /**
   * Printing all the certificates: the job starts (or is found again) and
   * the page shows its progress, polled by htmx (a link reloads it without
   * JavaScript); once finished, the file is ready to download. The user may
   * leave and come back: the same unchanged decision has one job and one file.
   */
  @Get(':id/in')
  @Roles(...READERS)
  async printPage(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() req: FastifyRequest,
    @Query('phoi') blank?: string,
  ) {
    const d = await this.decisions.detail(actor, id);
    return this.pages.page(
      actor,
      'print',
      `In Giấy khen: Quyết định số ${d.numberLabel ?? ''}`,
      {
        decision: { id, numberLabel: d.numberLabel, title: d.title },
        progress: await this.progress(actor, id, blank),
      },
      this.forms.csrf(req),
    );
  }

  @Get(':id/in/tien-do')
  @Roles(...READERS)
  async printProgress(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query('phoi') blank?: string,
  ) {
    return this.pages.fragment('print-progress-fragment', await this.progress(actor, id, blank));
  }

  private async progress(actor: Actor, id: string, blank: string | undefined) {
    const variant = blank === '1' ? 'blank' : 'standard';
    const job = await this.certificates.printJob(actor, id, variant);
    const query = variant === 'blank' ? '?phoi=1' : '';
    return {
      finished: job.finished,
      error: job.error ?? null,
      done: job.done,
      chunks: job.chunks,
      percent: Math.round((job.done / job.chunks) * 100),
      leftOut: job.leftOut,
      blank: variant === 'blank',
      poll: `/quyet-dinh/${id}/in/tien-do${query}`,
      again: `/quyet-dinh/${id}/in${query}`,
      download: `/quyet-dinh/${id}/giay-khen${query}`,
    };
  }

  /** All valid certificates of the decision as one PDF, a page each; revoked ones left out. */
  @Get(':id/giay-khen')
  @Roles(...READERS)
  async certificatesPdf(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query('phoi') blank: string | undefined,
    @Res() res: FastifyReply,
  ) {
    const { path, leftOut } = await this.certificates.batchFile(
      actor,
      id,
      blank === '1' ? 'blank' : 'standard',
    );
    await sendPdfFile(res, path, 'giay-khen', { 'X-Certificates-Left-Out': String(leftOut) });
  }

  @Get(':id/giay-khen/:itemId')
  @Roles(...READERS)
  async certificatePdf(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('itemId') itemId: string,
    @Query('phoi') blank: string | undefined,
  ) {
    return inlinePdf(
      await this.certificates.certificatePdf(
        actor,
        id,
        itemId,
        blank === '1' ? 'blank' : 'standard',
      ),
      'giay-khen',
    );
  }
}
