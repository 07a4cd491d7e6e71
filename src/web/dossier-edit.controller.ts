import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Get,
  Query,
  Req,
  Res,
  StreamableFile,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { Role } from '../access/roles';
import { COMMENDATION_KIND_LABELS, CommendationKind } from '../awards/award-form.entity';
import { AppError } from '../common/errors/app-error';
import { IdParam } from '../common/validation/id-param';
import { AddNomineeDto, AttachDocumentDto, CreateDossierDto } from '../dossiers/dossiers.dto';
import { DossiersService } from '../dossiers/dossiers.service';
import { NomineeImportService } from '../dossiers/nominee-import.service';
import { IMPORT_UPLOAD, importFile, XLSX_TYPE } from '../imports/imports.controller';
import { FilesService, UploadedFile as Upload } from '../files/files.service';
import { MovementsService } from '../movements/movements.service';
import { draftFile } from '../drafts/drafts.controller';
import { DraftQueryDto } from '../drafts/drafts.dto';
import { DraftFormat, DraftsService } from '../drafts/drafts.service';
import { WebErrors } from './web-errors.filter';
import { WebForms } from './web-forms';
import { WebPages } from './web-pages';
import { DossierPage } from './dossier-page';
import { FormPost, MultipartFormPost } from './web-form.decorators';

const NOMINEE_MESSAGES: Record<string, string> = {
  kind: 'Hãy chọn loại đối tượng.',
  personId: 'Hãy chọn cá nhân trong đơn vị.',
  household: 'Hãy ghi tên hộ gia đình (từ 3 ký tự).',
  awardFormId: 'Hãy chọn hình thức khen thưởng.',
  achievementSummary: 'Hãy tóm tắt thành tích (từ 10 ký tự).',
};

const NEW_DOSSIER_MESSAGES: Record<string, string> = {
  title: 'Hãy đặt tên hồ sơ, từ 5 đến 300 ký tự.',
  commendationKind: 'Hãy chọn loại hình khen thưởng.',
  roundId: 'Hãy chọn một đợt xét đang mở, hoặc để trống với khen thưởng đột xuất.',
};

/**
 * The unit officer prepares a dossier in the browser: creates it, adds its
 * nominees and uploads its documents, with the same services as the API.
 * A refused form goes back to the dossier with the reason in Vietnamese.
 */
@ApiExcludeController()
@Controller()
@UseFilters(WebErrors)
export class DossierEditController {
  constructor(
    private readonly pages: WebPages,
    private readonly forms: WebForms,
    private readonly dossierPage: DossierPage,
    private readonly dossiers: DossiersService,
    private readonly files: FilesService,
    private readonly movements: MovementsService,
    private readonly nomineeImport: NomineeImportService,
    private readonly drafts: DraftsService,
  ) {}

  /** The dossier's cover note drafted (the API's), to print or to edit in Word. */
  @Get('ho-so/:id/to-trinh')
  @Roles(Role.UnitOfficer, Role.HomeAffairs)
  async coverNote(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() raw: Record<string, unknown>,
  ) {
    const format = await this.draftFormat(raw);
    return draftFile(await this.drafts.coverNote(actor, id, format));
  }

  /** A nominee's achievement report drafted (the API's). */
  @Get('ho-so/:id/doi-tuong/:nomineeId/bao-cao-thanh-tich')
  @Roles(Role.UnitOfficer, Role.HomeAffairs)
  async achievementReport(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('nomineeId') nomineeId: string,
    @Query() raw: Record<string, unknown>,
  ) {
    const format = await this.draftFormat(raw);
    return draftFile(await this.drafts.achievementReport(actor, id, nomineeId, format));
  }

  private async draftFormat(raw: Record<string, unknown>): Promise<DraftFormat> {
    const { query } = await this.forms.query(DraftQueryDto, raw, {
      format: 'Định dạng bản thảo là pdf hoặc docx.',
    });
    return query.format ?? DraftFormat.Pdf;
  }

  @Get('ho-so-moi')
  @Roles(Role.UnitOfficer)
  async newDossierPage(@CurrentActor() actor: Actor, @Req() req: FastifyRequest) {
    return this.newDossierForm(actor, req, {}, {});
  }

  private async newDossierForm(
    actor: Actor,
    req: FastifyRequest,
    values: Record<string, unknown>,
    errors: Record<string, string>,
  ) {
    const rounds = (await this.movements.launchedRounds(actor))
      .filter((r) => r.open)
      .map((r) => ({
        id: r.id,
        label: `${r.movementTitle} · ${r.name}`,
        selected: values.roundId === r.id,
      }));
    return this.pages.page(
      actor,
      'dossier-new',
      'Lập hồ sơ đề nghị khen thưởng',
      {
        errors,
        problem:
          errors.form ??
          (Object.keys(errors).length
            ? 'Chưa lập được hồ sơ: hãy sửa các ô được ghi chú bên dưới.'
            : null),
        title: typeof values.title === 'string' ? values.title : '',
        kinds: Object.values(CommendationKind).map((k) => ({
          value: k,
          label: COMMENDATION_KIND_LABELS[k],
          selected: (values.commendationKind ?? CommendationKind.Annual) === k,
        })),
        rounds,
        // Sent with the form: the same form sent twice makes one dossier.
        requestKey: typeof values.requestKey === 'string' ? values.requestKey : randomUUID(),
      },
      this.forms.csrf(req),
    );
  }

  @FormPost('ho-so-moi', Role.UnitOfficer)
  async createDossier(
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const input = {
      title: body.title,
      commendationKind: body.commendationKind,
      roundId: body.roundId || undefined,
      requestKey: body.requestKey || undefined,
    };
    return this.forms.orAgain(
      res,
      async () => {
        const dto = await this.forms.valid(CreateDossierDto, input, NEW_DOSSIER_MESSAGES);
        return `/ho-so/${(await this.dossiers.create(actor, dto)).id}`;
      },
      (errors) => this.newDossierForm(actor, req, body, errors),
      NEW_DOSSIER_MESSAGES,
    );
  }

  @FormPost('ho-so/:id/doi-tuong', Role.UnitOfficer)
  async addNominee(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const kind = body.kind;
    const input = {
      kind,
      awardFormId: body.awardFormId,
      achievementSummary: body.achievementSummary,
      ...(kind === 'individual' ? { personId: body.personId } : {}),
      ...(kind === 'collective' ? { collectiveUnitId: actor.unitId } : {}),
      ...(kind === 'household' ? { household: body.household } : {}),
    };
    try {
      const dto = await this.forms.valid(AddNomineeDto, input, NOMINEE_MESSAGES);
      await this.dossiers.addNominee(actor, id, dto);
      res.header('Location', `/ho-so/${id}`);
      return '';
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
      // Back with what was typed, each error beside its field.
      const errors = this.forms.fieldErrors(error, NOMINEE_MESSAGES);
      res.status(200);
      return this.dossierPage.render(actor, id, this.forms.csrf(req), {
        problem: 'Chưa thêm được đối tượng: hãy sửa các ô được ghi chú bên dưới.',
        nomineeForm: { values: body, errors },
      });
    }
  }

  @FormPost('ho-so/:id/doi-tuong/:nomineeId/xoa', Role.UnitOfficer)
  async removeNominee(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('nomineeId') nomineeId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, `/ho-so/${id}`, () =>
      this.dossiers.removeNominee(actor, id, nomineeId),
    );
    return '';
  }

  /** A document of the dossier: the file checked and stored as any evidence, then attached. */
  /** The nominees template (the API's), for the dossier page's link. */
  @Get('ho-so/:id/mau-doi-tuong')
  @Roles(Role.UnitOfficer)
  async nomineeTemplate(@CurrentActor() actor: Actor, @IdParam() id: string) {
    await this.dossiers.detail(actor, id);
    return new StreamableFile(await this.nomineeImport.template(actor), {
      type: XLSX_TYPE,
      disposition: 'attachment; filename="mau-nhap-doi-tuong.xlsx"',
    });
  }

  /** The unit's nominees from the template (the API's import): all rows or none, each bad row named. */
  @MultipartFormPost('ho-so/:id/nhap-doi-tuong', Role.UnitOfficer)
  @UseInterceptors(IMPORT_UPLOAD)
  async importNominees(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, `/ho-so/${id}`, async () => {
      try {
        await this.nomineeImport.run(actor, id, importFile(file), false);
      } catch (error) {
        // The page shows one line: the count, then the first rows refused and why.
        if (error instanceof AppError && error.details.length)
          throw AppError.badRequest(
            `${error.message} ${error.details
              .slice(0, 5)
              .map((d) => d.message)
              .join(' ')}${error.details.length > 5 ? ' …' : ''}`,
          );
        throw error;
      }
    });
    return '';
  }

  @MultipartFormPost('ho-so/:id/tai-lieu', Role.UnitOfficer)
  @UseInterceptors(FileInterceptor('file'))
  async attach(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @UploadedFile() file: Upload | undefined,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    // A file already uploaded by an earlier try of this form (see below) is reused.
    const kept = typeof body.fileId === 'string' && body.fileId ? body.fileId : undefined;
    let storedId: string | undefined;
    try {
      const dto = await this.forms.valid(
        AttachDocumentDto,
        {
          kind: body.kind,
          fileId: kept ?? '00000000-0000-4000-8000-000000000000',
          nomineeId: body.nomineeId || undefined,
        },
        {
          kind: 'Hãy chọn loại tài liệu.',
          fileId: 'Tệp đã tải lên không còn dùng được: hãy chọn lại tệp.',
          nomineeId: 'Hãy chọn đối tượng của báo cáo thành tích.',
        },
      );
      storedId = kept ?? (await this.files.upload(actor, file)).id;
      await this.dossiers.attachDocument(actor, id, { ...dto, fileId: storedId });
      res.header('Location', `/ho-so/${id}`);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
      // Never lose a file already uploaded because another field was wrong: the page keeps it.
      res.header(
        'Location',
        `/ho-so/${id}?${new URLSearchParams({ loi: error.message, ...(storedId ? { tep: storedId } : {}) })}`,
      );
    }
    return '';
  }
}
