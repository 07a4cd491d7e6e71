import {
  Body,
  Controller,
  Get,
  Param,
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
import { AppError } from '../common/errors/app-error';
import {
  IMPORT_UPLOAD,
  importFile,
  importKind,
  IMPORTERS,
  templateFile,
} from '../imports/imports.controller';
import { IMPORT_KINDS, ImportKind, ImportReport, ImportsService } from '../imports/imports.service';
import { MultipartFormPost } from './web-form.decorators';
import { WebErrors } from './web-errors.filter';
import { WebForms } from './web-forms';
import { WebPages } from './web-pages';

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
  page(@CurrentActor() actor: Actor, @Req() req: FastifyRequest) {
    return this.render(actor, this.forms.csrf(req), null, null);
  }

  /** The templates to fill (the API's), downloaded with the page's session. */
  @Get('mau/:kind')
  @Roles(...IMPORTERS)
  template(@CurrentActor() actor: Actor, @Param('kind') kind: string) {
    return templateFile(this.imports, actor, importKind(kind));
  }

  @MultipartFormPost('', ...IMPORTERS)
  @UseInterceptors(IMPORT_UPLOAD)
  async importPeople(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Body() body: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    // The page itself answers, preview or import (importing again changes nothing).
    res.status(200);
    const dryRun = body.action !== 'import';
    const kind = Object.hasOwn(IMPORT_KINDS, String(body.kind))
      ? (String(body.kind) as ImportKind)
      : 'people';
    try {
      const report = await this.imports.run(actor, kind, importFile(file), dryRun);
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
    kind: ImportKind = 'people',
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
