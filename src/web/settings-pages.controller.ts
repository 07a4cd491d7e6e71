import {
  Body,
  Controller,
  Get,
  Param,
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
import { UpdateAuthorityDto } from '../authorities/authorities.dto';
import {
  AuthoritiesService,
  AuthorityImage,
  EMBLEM_MAX_BYTES,
} from '../authorities/authorities.service';
import { QrKeysService } from '../authorities/qr-keys.service';
import { AddTrustedCaDto } from '../signing/signing.dto';
import { SigningService } from '../signing/signing.service';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import { CertificateLayout, DEFAULT_BLANK_LAYOUT } from '../authorities/certificate-layout';
import type { Authority } from '../authorities/authority.entity';
import { CertificatesService } from '../decisions/certificates.service';
import { FormPost, MultipartFormPost } from './web-form.decorators';
import { RECIPIENT_KIND_LABELS } from '../awards/award-form.entity';
import { CreateBaseSalaryDto, UpdateAwardFormDto } from '../awards/awards.dto';
import { AwardsService } from '../awards/awards.service';
import { CreateHolidayDto } from '../calendar/calendar.dto';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { IdParam } from '../common/validation/id-param';
import { vietnameseMoney } from '../documents/templates.service';
import { multipleOn } from '../law/money';
import { formatDate } from './format';
import { WebErrors } from './web-errors.filter';
import { WebForms } from './web-forms';
import { inlinePdf } from '../common/http/send-file';
import { WebPages } from './web-pages';

/** The fields of the pre-printed blank, as the office knows them. */
const FIELDS: { key: keyof CertificateLayout; label: string }[] = [
  { key: 'awardee', label: 'Tên người, tập thể được khen' },
  { key: 'unit', label: 'Đơn vị' },
  { key: 'achievement', label: 'Thành tích' },
  { key: 'decision', label: 'Số, ngày quyết định' },
  { key: 'register', label: 'Số vào sổ khen thưởng' },
  { key: 'date', label: 'Địa danh, ngày tháng' },
  { key: 'signer', label: 'Người ký' },
  { key: 'qr', label: 'Mã QR' },
];

/** The authority's names its documents print, as the settings page names them. */
const AUTHORITY_FIELDS = [
  { key: 'name', label: 'Tên cơ quan' },
  { key: 'issuingBody', label: 'Tên cơ quan ban hành (in hoa, trên văn bản)' },
  { key: 'placeName', label: 'Địa danh (dòng ngày tháng)' },
  { key: 'chairmanTitle', label: 'Thẩm quyền ban hành (in hoa, trên quyết định)' },
  { key: 'proposerTitle', label: 'Người đề nghị ("Xét đề nghị của …" trên quyết định)' },
  { key: 'executors', label: 'Các cơ quan thi hành (Điều 3 của quyết định)' },
] as const;

const TITLE_FIELDS = [
  { key: 'chairman', label: 'Chủ tịch ký' },
  { key: 'onBehalf', label: 'Ký thay (KT.)' },
  { key: 'viceChairman', label: 'Phó Chủ tịch ký thay' },
  { key: 'collective', label: 'Thay mặt tập thể (TM.)' },
] as const;

const LEVEL_LABELS: Record<string, string> = {
  province: 'Cấp tỉnh',
  district: 'Cấp huyện (trước ngày 01/07/2025)',
  commune: 'Cấp xã',
};

/** "Cấp xã · hoạt động từ 01/07/2025", "… · đã thôi hoạt động sau 30/06/2025, kế thừa: thinh-an". */
function lifeOf(a: Authority): string {
  const parts = [LEVEL_LABELS[a.level] ?? a.level];
  if (a.validFrom) parts.push(`hoạt động từ ${formatDate(a.validFrom)}`);
  if (a.validTo) parts.push(`thôi hoạt động sau ${formatDate(a.validTo)}`);
  if (a.successorCode) parts.push(`cơ quan kế thừa: ${a.successorCode}`);
  if (!a.validTo) parts.push('đang hoạt động');
  return parts.join(' · ');
}

/** A number as an office types it: "0,3" or "0.3"; NaN when it is not one. */
const decimalOf = (value: unknown): number =>
  typeof value === 'string' && /^\s*\d+([.,]\d+)?\s*$/.test(value)
    ? Number(value.trim().replace(',', '.'))
    : NaN;

/**
 * The authority's settings: the names and titles its documents print, the
 * base salary history, the holidays, the award forms' multiples and vote
 * rules; and calibrating the print on pre-printed blanks: the office enters, per field,
 * millimetre offsets from the blank's top-left corner, prints the test page,
 * adjusts and saves; the values are the authority's.
 */
/** The settings' images: the route's name, the service's, and how the page speaks of each. */
const IMAGE_SETTINGS: {
  route: string;
  kind: AuthorityImage;
  title: string;
  hint: string;
  none: string;
}[] = [
  {
    route: 'quoc-huy',
    kind: 'emblem',
    title: 'Quốc huy trên Giấy khen',
    hint: 'In ở góc trên Giấy khen in trên giấy trắng.',
    none: 'Chưa có ảnh: Giấy khen in không có Quốc huy.',
  },
  {
    route: 'chu-ky',
    kind: 'signature',
    title: 'Ảnh chữ ký của người ký',
    hint: 'In giữa chức danh và họ tên trên Giấy khen máy chủ ký số bằng khóa của cơ quan.',
    none: 'Chưa có ảnh chữ ký.',
  },
  {
    route: 'con-dau',
    kind: 'seal',
    title: 'Ảnh con dấu của cơ quan',
    hint: 'In trùm lên khoảng một phần ba bên trái chữ ký (Nghị định 30/2020, Phụ lục I).',
    none: 'Chưa có ảnh con dấu.',
  },
];

function imageOf(route: string): AuthorityImage {
  const found = IMAGE_SETTINGS.find((i) => i.route === route);
  if (!found) throw AppError.notFound('Ảnh');
  return found.kind;
}

@ApiExcludeController()
@Controller('quan-tri')
@UseFilters(WebErrors)
export class SettingsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly forms: WebForms,
    private readonly authorities: AuthoritiesService,
    private readonly certificates: CertificatesService,
    private readonly awards: AwardsService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly signing: SigningService,
    private readonly qrKeys: QrKeysService,
  ) {}

  @Get('phoi-giay-khen')
  @Roles(Role.Admin, Role.HomeAffairs)
  async layout(
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Query('luu') saved?: string,
    @Query('loi') problem?: string,
  ) {
    const authority = await this.authorities.own(actor);
    const layout: CertificateLayout = {
      ...DEFAULT_BLANK_LAYOUT,
      ...(authority.certificateLayout ?? {}),
    };
    const mm = (n: number) => String(n).replace('.', ',');
    return this.pages.page(
      actor,
      'blank-layout',
      'Căn chỉnh in trên phôi Giấy khen',
      {
        saved: saved ? 'Đã lưu vị trí in. Hãy in lại trang thử để kiểm tra.' : null,
        problem: problem ?? null,
        canSave: actor.role === Role.Admin,
        version: authority.version,
        fields: FIELDS.map(({ key, label }) => {
          const p = layout[key] as { x: number; y: number; fontPt?: number; size?: number };
          return {
            key,
            label,
            x: mm(p.x),
            y: mm(p.y),
            third: key === 'qr' ? 'size' : 'fontPt',
            thirdLabel: key === 'qr' ? 'Cạnh (mm)' : 'Cỡ chữ (pt)',
            thirdValue: mm(key === 'qr' ? p.size! : p.fontPt!),
          };
        }),
      },
      this.forms.csrf(req),
    );
  }

  @FormPost('phoi-giay-khen', Role.Admin)
  async save(
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    let done = false;
    await this.forms.back(res, '/quan-tri/phoi-giay-khen', async () => {
      const certificateLayout = Object.fromEntries(
        FIELDS.map(({ key }) => {
          const third = key === 'qr' ? 'size' : 'fontPt';
          return [
            key,
            {
              x: decimalOf(body[`${key}_x`]),
              y: decimalOf(body[`${key}_y`]),
              [third]: decimalOf(body[`${key}_${third}`]),
            },
          ];
        }),
      );
      const dto = await this.forms.valid(
        UpdateAuthorityDto,
        { certificateLayout, version: Number(body.version) || undefined },
        {
          certificateLayout:
            'Mỗi vị trí là số mm (ngang 0-297, dọc 0-210, một chữ số thập phân); cỡ chữ 6-60 pt; cạnh mã QR 10-60 mm.',
        },
      );
      await this.authorities.update(actor, dto);
      done = true;
    });
    if (done) res.header('Location', '/quan-tri/phoi-giay-khen?luu=1');
    return '';
  }

  /** The test page on plain paper: a millimetre grid and every field where it will print. */
  @Get('phoi-giay-khen/in-thu')
  @Roles(Role.Admin, Role.HomeAffairs)
  async testPage(@CurrentActor() actor: Actor) {
    return inlinePdf(await this.certificates.layoutTestPdf(actor), 'in-thu-phoi-giay-khen');
  }

  @Get('thiet-lap')
  @Roles(Role.Admin, Role.HomeAffairs)
  async settings(
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Query('loi') problem?: string,
  ) {
    const year = Number(this.clock.today().slice(0, 4));
    const [salaries, holidays, forms, authority] = await Promise.all([
      this.awards.listBaseSalaries(actor),
      this.calendar.list(actor, year),
      this.awards.list(actor),
      this.authorities.own(actor),
    ]);
    return this.pages.page(
      actor,
      'settings',
      'Thiết lập của cơ quan',
      {
        problem: problem ?? null,
        canEdit: actor.role === Role.Admin,
        // Signed documents: the CA roots trusted for signatures, the offline QR codes.
        signing: {
          cas: (await this.signing.listCas(actor)).map((c) => ({
            ...c,
            validTo: formatDate(c.validTo),
          })),
          qr: this.qrKeys.enabled,
        },
        year,
        authority: {
          version: authority.version,
          code: authority.code,
          publishNominees: authority.publishNominees,
          publishDecisions: authority.publishDecisions,
          fields: AUTHORITY_FIELDS.map(({ key, label }) => ({
            key,
            label,
            value: authority[key],
          })),
          titles: TITLE_FIELDS.map(({ key, label }) => ({
            key,
            label,
            value: authority.signingTitles[key],
          })),
          life: lifeOf(authority),
          rounding: [1, 100, 1000].map((n) => ({
            value: n,
            label: `${vietnameseMoney(n)} đồng`,
            selected: n === authority.moneyRoundTo,
          })),
          images: await Promise.all(
            IMAGE_SETTINGS.map(async (i) => ({
              ...i,
              image: await this.authorities.imageOf(authority.id, i.kind),
            })),
          ),
          imageMaxKb: EMBLEM_MAX_BYTES / 1024,
          provincialTexts: authority.provincialTexts.map((t, index) => ({
            index,
            basis: t.basis,
            when: `từ ${formatDate(t.from)}${t.to ? ` đến ${formatDate(t.to)}` : ''}`,
          })),
          validFrom: authority.validFrom ?? '',
          validTo: authority.validTo ?? '',
          successorCode: authority.successorCode ?? '',
        },
        salaries: salaries.map((b) => ({
          amount: vietnameseMoney(b.amount),
          from: formatDate(b.effectiveFrom),
        })),
        holidays: holidays.map((h) => ({ id: h.id, date: formatDate(h.date), name: h.name })),
        forms: forms.map((f) => ({
          id: f.id,
          version: f.version,
          voteRequired: f.voteRequired,
          quorum: f.voteQuorum === null ? '' : String(Math.round(f.voteQuorum * 1000) / 10),
          approval: f.voteApproval === null ? '' : String(Math.round(f.voteApproval * 1000) / 10),
          code: f.code,
          name: f.name,
          multiplier: String(f.moneyMultiplier).replace('.', ','),
          // What the law sets for this title on today's date, per subject kind, with the article.
          law: f.recipientKinds
            .map((k) => ({ k, m: multipleOn(f.lawTitle, k, this.clock.today()) }))
            .filter((x) => x.m)
            .map(
              ({ k, m }) =>
                `${RECIPIENT_KIND_LABELS[k]}: ${String(m!.multiple).replace('.', ',')} (${m!.citation})`,
            )
            .join('; '),
          quota: f.quotaPerUnit ?? '',
          quotaCitation: f.quotaCitation ?? '',
          vote: f.voteRequired
            ? `Hội đồng biểu quyết: ${Math.round((f.voteQuorum ?? 0) * 100)}% có mặt, ${Math.round((f.voteApproval ?? 0) * 100)}% đồng ý`
            : 'Không cần biểu quyết',
          active: f.active,
        })),
      },
      this.forms.csrf(req),
    );
  }

  /** The names and titles the authority's documents print: issuing body, place, signers. */
  @FormPost('thiet-lap/co-quan', Role.Admin)
  async updateAuthority(
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, '/quan-tri/thiet-lap', async () => {
      const dto = await this.forms.valid(
        UpdateAuthorityDto,
        {
          ...Object.fromEntries(AUTHORITY_FIELDS.map(({ key }) => [key, body[key]])),
          signingTitles: Object.fromEntries(TITLE_FIELDS.map(({ key }) => [key, body[key]])),
          moneyRoundTo: Number(body.moneyRoundTo) || body.moneyRoundTo,
          // An unticked box is not sent: switched off.
          publishNominees: body.publishNominees === 'true',
          publishDecisions: body.publishDecisions === 'true',
          // An empty date or code: none (open-ended, no successor).
          ...Object.fromEntries(
            (['validFrom', 'validTo', 'successorCode'] as const).map((key) => [
              key,
              typeof body[key] === 'string' && body[key] ? String(body[key]).trim() : null,
            ]),
          ),
          version: Number(body.version) || undefined,
        },
        {
          signingTitles: 'Mỗi dòng chức danh ký từ 1 đến 100 ký tự.',
          name: 'Tên cơ quan từ 2 đến 200 ký tự.',
          placeName: 'Địa danh từ 2 đến 100 ký tự.',
          issuingBody: 'Tên cơ quan ban hành từ 2 đến 200 ký tự.',
          chairmanTitle: 'Chức danh người đứng đầu từ 2 đến 200 ký tự.',
          proposerTitle: 'Người đề nghị từ 2 đến 200 ký tự.',
          executors: 'Các cơ quan thi hành từ 2 đến 500 ký tự.',
          moneyRoundTo: 'Làm tròn tiền thưởng đến 1, 100 hoặc 1.000 đồng.',
          validFrom: 'Ngày bắt đầu hoạt động không hợp lệ.',
          validTo: 'Ngày cuối cùng hoạt động không hợp lệ.',
        },
      );
      await this.authorities.update(actor, dto);
    });
    return '';
  }

  /**
   * An image of the authority's settings: the national emblem printed on the
   * Giấy khen, the signature and the seal printed where the server signs; a
   * PNG or JPEG, checked as the API checks it.
   */
  @MultipartFormPost('thiet-lap/anh/:kind', Role.Admin)
  @UseInterceptors(
    FileInterceptor('file', { limits: { fileSize: EMBLEM_MAX_BYTES * 4, files: 1 } }),
  )
  async setImage(
    @CurrentActor() actor: Actor,
    @Param('kind') kind: string,
    @UploadedFile() file: { buffer: Buffer; size: number } | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const image = imageOf(kind);
    await this.forms.back(res, '/quan-tri/thiet-lap', async () => {
      if (!file) throw AppError.invalidField('file', 'Hãy chọn tệp ảnh.', 'required');
      await this.authorities.setImage(actor, image, file);
    });
    return '';
  }

  @FormPost('thiet-lap/anh/:kind/xoa', Role.Admin)
  async removeImage(
    @CurrentActor() actor: Actor,
    @Param('kind') kind: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const image = imageOf(kind);
    await this.forms.back(res, '/quan-tri/thiet-lap', () =>
      this.authorities.setImage(actor, image, null),
    );
    return '';
  }

  /** A CA root trusted for signatures, pasted as PEM (the API's trusted-cas). */
  @FormPost('thiet-lap/ca', Role.Admin)
  async addCa(
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, '/quan-tri/thiet-lap', async () => {
      const dto = await this.forms.valid(
        AddTrustedCaDto,
        { pem: body.pem },
        {
          pem: 'Hãy dán chứng thư số của tổ chức chứng thực dạng PEM (-----BEGIN CERTIFICATE-----).',
        },
      );
      await this.signing.addCa(actor, dto.pem);
    });
    return '';
  }

  @FormPost('thiet-lap/ca/:id/xoa', Role.Admin)
  async removeCa(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, '/quan-tri/thiet-lap', () => this.signing.removeCa(actor, id));
    return '';
  }

  /** A new key for the offline QR codes (the API's qr-keys/rotate). */
  @FormPost('thiet-lap/khoa-qr', Role.Admin)
  async rotateQrKey(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: FastifyReply) {
    await this.forms.back(res, '/quan-tri/thiet-lap', () => this.qrKeys.rotate(actor));
    return '';
  }

  /** Adds a text of the province (the provincial pack) that decisions cite while it is in force. */
  @FormPost('thiet-lap/van-ban-tinh', Role.Admin)
  async addProvincialText(
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, '/quan-tri/thiet-lap', async () => {
      const authority = await this.authorities.own(actor);
      const text = { basis: body.basis, from: body.from, to: body.to || null };
      const dto = await this.forms.valid(
        UpdateAuthorityDto,
        {
          provincialTexts: [...authority.provincialTexts, text],
          version: Number(body.version) || undefined,
        },
        {
          provincialTexts:
            'Văn bản của tỉnh: nội dung từ 10 đến 500 ký tự, ngày có hiệu lực là một ngày.',
        },
      );
      await this.authorities.update(actor, dto);
    });
    return '';
  }

  /** Removes a text of the province (by its place in the list, with the version shown). */
  @FormPost('thiet-lap/van-ban-tinh/:index/xoa', Role.Admin)
  async removeProvincialText(
    @CurrentActor() actor: Actor,
    @Param('index') place: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, '/quan-tri/thiet-lap', async () => {
      const authority = await this.authorities.own(actor);
      const index = /^\d{1,2}$/.test(place) ? Number(place) : -1;
      if (!authority.provincialTexts[index])
        throw AppError.invalidField('index', 'Không có văn bản này trong danh sách.', 'unknown');
      await this.authorities.update(actor, {
        provincialTexts: authority.provincialTexts.filter((_, i) => i !== index),
        version: Number(body.version) || undefined,
      });
    });
    return '';
  }

  /** An award form's money multiple and vote rule (shares typed as percentages), or its use. */
  @FormPost('thiet-lap/hinh-thuc/:id', Role.Admin)
  async updateAwardForm(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, '/quan-tri/thiet-lap', async () => {
      const share = (v: unknown) => {
        const n = decimalOf(v);
        return Number.isNaN(n) ? n : Math.round(n * 10) / 1000;
      };
      const voteRequired = body.voteRequired === 'true';
      const dto = await this.forms.valid(
        UpdateAwardFormDto,
        {
          moneyMultiplier: decimalOf(body.moneyMultiplier),
          voteRequired,
          ...(voteRequired
            ? { voteQuorum: share(body.voteQuorum), voteApproval: share(body.voteApproval) }
            : {}),
          active: body.active === 'true',
          // An empty quota: none (the law sets none by default).
          quotaPerUnit: body.quotaPerUnit ? Number(body.quotaPerUnit) || body.quotaPerUnit : null,
          quotaCitation:
            typeof body.quotaCitation === 'string' && body.quotaCitation.trim()
              ? body.quotaCitation.trim()
              : null,
          version: Number(body.version) || undefined,
        },
        {
          quotaPerUnit: 'Chỉ tiêu là một số nguyên từ 1 trở lên, hoặc để trống.',
          quotaCitation: 'Văn bản quy định chỉ tiêu từ 5 đến 300 ký tự.',
          moneyMultiplier: 'Hệ số tiền thưởng là một số, ví dụ 0,3.',
          voteQuorum: 'Tỷ lệ có mặt là phần trăm từ 0 đến 100.',
          voteApproval: 'Tỷ lệ đồng ý là phần trăm từ 0 đến 100.',
        },
      );
      await this.awards.update(actor, id, dto);
    });
    return '';
  }

  @FormPost('thiet-lap/luong-co-so', Role.Admin)
  async addBaseSalary(
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, '/quan-tri/thiet-lap', async () => {
      const amount =
        typeof body.amount === 'string' ? Number(body.amount.replace(/[.\s]/g, '')) : NaN;
      const dto = await this.forms.valid(
        CreateBaseSalaryDto,
        { amount, effectiveFrom: body.effectiveFrom },
        {
          amount: 'Mức lương cơ sở là số đồng, ví dụ 2.340.000.',
          effectiveFrom: 'Hãy chọn ngày áp dụng.',
        },
      );
      await this.awards.addBaseSalary(actor, dto);
    });
    return '';
  }

  @FormPost('thiet-lap/ngay-nghi', Role.Admin)
  async addHoliday(
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, '/quan-tri/thiet-lap', async () => {
      const dto = await this.forms.valid(
        CreateHolidayDto,
        { date: body.date, name: body.name },
        { date: 'Hãy chọn ngày nghỉ.', name: 'Hãy ghi tên ngày nghỉ (từ 2 ký tự).' },
      );
      await this.calendar.add(actor, dto.date, dto.name);
    });
    return '';
  }

  @FormPost('thiet-lap/ngay-nghi/:id/xoa', Role.Admin)
  async removeHoliday(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, '/quan-tri/thiet-lap', () => this.calendar.remove(actor, id));
    return '';
  }
}
