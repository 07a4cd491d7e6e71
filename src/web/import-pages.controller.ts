import {
  Body,
  Controller,
  Get,
  Req,
  Res,
  StreamableFile,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { AppError } from '../common/errors/app-error';
import { IMPORT_UPLOAD, importFile, IMPORTERS, XLSX_TYPE } from '../imports/imports.controller';
import { ImportReport, ImportsService } from '../imports/imports.service';
import { MultipartFormPost } from './web-form.decorators';
import { WebErrors } from './web-errors.filter';
import { WebForms } from './web-forms';
import { WebPages } from './web-pages';

/** What the page imports: the form's choice, its label and what its records are called. */
const IMPORT_KINDS: Record<string, { label: string; what: string }> = {
  'don-vi': { label: 'Đơn vị', what: 'đơn vị' },
  'ca-nhan': { label: 'Cá nhân', what: 'người' },
  'khen-thuong': { label: 'Khen thưởng các năm trước', what: 'lượt khen thưởng' },
};

/**
 * Importing units, people and earlier awards from the templates, in the browser: the file is checked
 * and previewed (nothing written) or imported; the page says what was found,
 * row by row. With scripts on, the result replaces only its part of the page
 * (htmx), so the chosen file stays chosen for the import after the preview.
 */
@ApiExcludeController()
@Controller('quan-tri/nhap-du-lieu')
@UseFilters(WebErrors)
export class ImportPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly forms: WebForms,
    private readonly imports: ImportsService,
  ) {}

  @Get()
  @Roles(...IMPORTERS)
  page(@CurrentActor() actor: Actor, @Req() req: Request) {
    return this.render(actor, this.forms.csrf(req), null, null);
  }

  /** The templates to fill (the API's), downloaded with the page's session. */
  @Get('mau-ca-nhan.xlsx')
  @Roles(...IMPORTERS)
  async template(@CurrentActor() actor: Actor) {
    return new StreamableFile(await this.imports.peopleTemplate(actor), {
      type: XLSX_TYPE,
      disposition: 'attachment; filename="mau-nhap-ca-nhan.xlsx"',
    });
  }

  @Get('mau-khen-thuong.xlsx')
  @Roles(...IMPORTERS)
  async awardsTemplate() {
    return new StreamableFile(await this.imports.awardsTemplate(), {
      type: XLSX_TYPE,
      disposition: 'attachment; filename="mau-nhap-khen-thuong.xlsx"',
    });
  }

  @Get('mau-don-vi.xlsx')
  @Roles(...IMPORTERS)
  async unitsTemplate() {
    return new StreamableFile(await this.imports.unitsTemplate(), {
      type: XLSX_TYPE,
      disposition: 'attachment; filename="mau-nhap-don-vi.xlsx"',
    });
  }

  @MultipartFormPost('', ...IMPORTERS)
  @UseInterceptors(IMPORT_UPLOAD)
  async importPeople(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    // Multipart: the token is in the body the file interceptor has just parsed.
    this.forms.checkCsrf(req, body);
    // The page itself answers, preview or import (importing again changes nothing).
    res.status(200);
    const dryRun = body.action !== 'import';
    const kind = IMPORT_KINDS[String(body.kind)] ? String(body.kind) : 'ca-nhan';
    try {
      const buffer = importFile(file);
      const run = { 'don-vi': 'units', 'khen-thuong': 'awards', 'ca-nhan': 'people' } as const;
      const report = await this.imports[run[kind as keyof typeof run]](actor, buffer, dryRun);
      return this.render(actor, this.forms.csrf(req), report, null, kind);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 400) throw error;
      return this.render(actor, this.forms.csrf(req), null, error, kind);
    }
  }

  private render(
    actor: Actor,
    csrf: string,
    report: ImportReport | null,
    refused: AppError | null,
    kind = 'ca-nhan',
  ) {
    return this.pages.page(
      actor,
      'imports',
      'Nhập dữ liệu từ Excel',
      {
        kinds: Object.entries(IMPORT_KINDS).map(([value, k]) => ({
          value,
          label: k.label,
          selected: value === kind,
        })),
        what: IMPORT_KINDS[kind].what,
        report: report && {
          ...report,
          clean: report.errors.length === 0,
          more: Math.max(0, report.created - report.preview.length),
        },
        refused: refused && {
          message: refused.message,
          // One reason per bad row and column; a file-level problem is its message alone.
          rows: refused.details.filter((d) => d.field.startsWith('rows.')).map((d) => d.message),
        },
      },
      csrf,
    );
  }
}
