import { Body, Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { Role } from '../access/roles';
import { UpdateAuthorityDto } from '../authorities/authorities.dto';
import { AuthoritiesService } from '../authorities/authorities.service';
import { CertificateLayout, DEFAULT_BLANK_LAYOUT } from '../authorities/certificate-layout';
import { CertificatesService } from '../decisions/certificates.service';
import { FormPost } from './web-form.decorators';
import { WebErrors } from './web-errors.filter';
import { inlinePdf, WebForms } from './web-forms';
import { WebPages } from './web-pages';

/** The fields of the pre-printed blank, as the office knows them. */
const FIELDS: { key: keyof CertificateLayout; label: string }[] = [
  { key: 'awardee', label: 'Tên người, tập thể được khen' },
  { key: 'unit', label: 'Đơn vị' },
  { key: 'achievement', label: 'Thành tích' },
  { key: 'decision', label: 'Số, ngày quyết định' },
  { key: 'register', label: 'Số vào sổ' },
  { key: 'date', label: 'Địa danh, ngày tháng' },
  { key: 'signer', label: 'Người ký' },
  { key: 'qr', label: 'Mã QR' },
];

const decimal = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value.trim().replace(',', '.')) : NaN;

/**
 * Calibrating the print on pre-printed blanks: the office enters, per field,
 * millimetre offsets from the blank's top-left corner, prints the test page,
 * adjusts and saves; the values are the authority's.
 */
@ApiExcludeController()
@Controller('quan-tri/phoi-giay-khen')
@UseFilters(WebErrors)
export class SettingsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly forms: WebForms,
    private readonly authorities: AuthoritiesService,
    private readonly certificates: CertificatesService,
  ) {}

  @Get()
  @Roles(Role.Admin, Role.HomeAffairs)
  async layout(
    @CurrentActor() actor: Actor,
    @Req() req: Request,
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

  @FormPost('', Role.Admin)
  async save(
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    let done = false;
    await this.forms.back(res, '/quan-tri/phoi-giay-khen', async () => {
      const certificateLayout = Object.fromEntries(
        FIELDS.map(({ key }) => {
          const third = key === 'qr' ? 'size' : 'fontPt';
          return [
            key,
            {
              x: decimal(body[`${key}_x`]),
              y: decimal(body[`${key}_y`]),
              [third]: decimal(body[`${key}_${third}`]),
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
    if (done) res.location('/quan-tri/phoi-giay-khen?luu=1');
    return '';
  }

  /** The test page on plain paper: a millimetre grid and every field where it will print. */
  @Get('in-thu')
  @Roles(Role.Admin, Role.HomeAffairs)
  async testPage(@CurrentActor() actor: Actor) {
    return inlinePdf(await this.certificates.layoutTestPdf(actor), 'in-thu-phoi-giay-khen');
  }
}
