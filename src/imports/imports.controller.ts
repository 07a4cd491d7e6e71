import {
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { Role } from '../access/roles';
import { AppError } from '../common/errors/app-error';
import { ImportsService } from './imports.service';

/** Who imports an authority's records. */
export const IMPORTERS = [Role.Admin, Role.HomeAffairs];

/** An import's file: a spreadsheet of at most 10 MB, in memory while it is read. */
export const IMPORT_UPLOAD = FileInterceptor('file', {
  limits: { fileSize: 10 * 1024 * 1024, files: 1 },
});

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('Nhập dữ liệu')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get('people/template')
  @Roles(...IMPORTERS)
  @ApiOperation({ summary: 'Tệp mẫu (XLSX) để nhập danh sách cá nhân, kèm mã các đơn vị' })
  async peopleTemplate(@CurrentActor() actor: Actor) {
    return new StreamableFile(await this.imports.peopleTemplate(actor), {
      type: XLSX_TYPE,
      disposition: 'attachment; filename="mau-nhap-ca-nhan.xlsx"',
    });
  }

  @Post('people')
  @Roles(...IMPORTERS)
  @HttpCode(200)
  @UseInterceptors(IMPORT_UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'] })
  @ApiOperation({
    summary:
      'Nhập cá nhân từ tệp mẫu: dryRun=true chỉ xem trước; có dòng lỗi thì không nhập dòng nào (400 nêu từng dòng, cột, lý do); nhập lại cùng tệp không tạo thêm',
  })
  people(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Query('dryRun') dryRun?: string,
  ) {
    if (!file)
      throw AppError.invalidField('file', 'Hãy chọn tệp Excel (.xlsx) để nhập.', 'required');
    if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false')
      throw AppError.invalidField('dryRun', 'dryRun là true hoặc false.', 'isBoolean');
    return this.imports.people(actor, file.buffer, dryRun === 'true');
  }

  @Get('units/template')
  @Roles(...IMPORTERS)
  @ApiOperation({ summary: 'Tệp mẫu (XLSX) để nhập danh sách đơn vị, kèm các loại đơn vị' })
  async unitsTemplate() {
    return new StreamableFile(await this.imports.unitsTemplate(), {
      type: XLSX_TYPE,
      disposition: 'attachment; filename="mau-nhap-don-vi.xlsx"',
    });
  }

  @Post('units')
  @Roles(...IMPORTERS)
  @HttpCode(200)
  @UseInterceptors(IMPORT_UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'] })
  @ApiOperation({
    summary:
      'Nhập đơn vị từ tệp mẫu (mã, tên, loại, mã cấp trên): dryRun=true chỉ xem trước; có dòng lỗi thì không nhập dòng nào; mã đã có được giữ nguyên',
  })
  units(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Query('dryRun') dryRun?: string,
  ) {
    return this.imports.units(actor, importFile(file), importDryRun(dryRun));
  }

  @Get('awards/template')
  @Roles(...IMPORTERS)
  @ApiOperation({ summary: 'Tệp mẫu (XLSX) để nhập khen thưởng các năm trước' })
  async awardsTemplate() {
    return new StreamableFile(await this.imports.awardsTemplate(), {
      type: XLSX_TYPE,
      disposition: 'attachment; filename="mau-nhap-khen-thuong.xlsx"',
    });
  }

  @Post('awards')
  @Roles(...IMPORTERS)
  @HttpCode(200)
  @UseInterceptors(IMPORT_UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'] })
  @ApiOperation({
    summary:
      'Nhập khen thưởng các năm trước (mỗi dòng một đối tượng: tên, đơn vị, hình thức, số và ngày quyết định): có dòng lỗi thì không nhập dòng nào; đã có thì giữ nguyên',
  })
  awards(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Query('dryRun') dryRun?: string,
  ) {
    return this.imports.awards(actor, importFile(file), importDryRun(dryRun));
  }
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
