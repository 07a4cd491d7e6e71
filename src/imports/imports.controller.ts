import { ApiFileBody } from '../common/http/api-file-body';
import {
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { Role } from '../access/roles';
import { AppError } from '../common/errors/app-error';
import { IMPORT_KINDS, ImportKind, ImportsService } from './imports.service';

/** Who imports an authority's records. */
export const IMPORTERS = [Role.Admin, Role.HomeAffairs];

/** An import's file: a spreadsheet of at most 10 MB, in memory while it is read. */
export const IMPORT_UPLOAD = FileInterceptor('file', {
  limits: { fileSize: 10 * 1024 * 1024, files: 1 },
});

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An import kind named in a route: units, people or awards; 400 naming `kind` otherwise. */
export function importKind(value: string): ImportKind {
  if (!Object.hasOwn(IMPORT_KINDS, value))
    throw AppError.invalidField(
      'kind',
      `Loại dữ liệu nhập là một trong: ${Object.keys(IMPORT_KINDS).join(', ')}.`,
      'isIn',
    );
  return value as ImportKind;
}

/** The uploaded file of an import, required. */
export function importFile(file: { buffer: Buffer } | undefined): Buffer {
  if (!file) throw AppError.invalidField('file', 'Hãy chọn tệp Excel (.xlsx) để nhập.', 'required');
  return file.buffer;
}

/** `dryRun` as the query gives it: true, false or absent (false). */
export function importDryRun(dryRun: string | undefined): boolean {
  if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false')
    throw AppError.invalidField('dryRun', 'dryRun là true hoặc false.', 'isBoolean');
  return dryRun === 'true';
}

/** An import kind's template as a download. */
export async function templateFile(
  imports: ImportsService,
  actor: Actor,
  kind: ImportKind,
): Promise<StreamableFile> {
  return new StreamableFile(await imports.template(actor, kind), {
    type: XLSX_TYPE,
    disposition: `attachment; filename="${IMPORT_KINDS[kind].file}.xlsx"`,
  });
}

const KIND_PARAM = { name: 'kind', enum: Object.keys(IMPORT_KINDS) };

@ApiTags('Nhập dữ liệu')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get(':kind/template')
  @Roles(...IMPORTERS)
  @ApiParam(KIND_PARAM)
  @ApiOperation({
    summary:
      'Tệp mẫu (XLSX) để nhập đơn vị (units), cá nhân (people) hoặc khen thưởng các năm trước (awards), kèm trang hướng dẫn',
  })
  template(@CurrentActor() actor: Actor, @Param('kind') kind: string) {
    return templateFile(this.imports, actor, importKind(kind));
  }

  @Post(':kind')
  @Roles(...IMPORTERS)
  @HttpCode(200)
  @UseInterceptors(IMPORT_UPLOAD)
  @ApiParam(KIND_PARAM)
  @ApiFileBody()
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'] })
  @ApiOperation({
    summary:
      'Nhập từ tệp mẫu: dryRun=true chỉ xem trước; có dòng lỗi thì không nhập dòng nào (400 nêu từng dòng, cột, lý do); bản ghi đã có được giữ nguyên, nhập lại cùng tệp không tạo thêm',
  })
  run(
    @CurrentActor() actor: Actor,
    @Param('kind') kind: string,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Query('dryRun') dryRun?: string,
  ) {
    return this.imports.run(actor, importKind(kind), importFile(file), importDryRun(dryRun));
  }
}
