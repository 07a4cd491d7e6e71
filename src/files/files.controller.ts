import { ApiFileBody } from '../common/http/api-file-body';
import { Controller, Get, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { ALL_ROLES, Role } from '../access/roles';
import { IdParam } from '../common/validation/id-param';
import { FilesService, UploadedFile as Upload } from './files.service';

@ApiTags('Tệp minh chứng')
@Controller('files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Post()
  @Roles(Role.UnitOfficer, Role.HomeAffairs, Role.Coordinator, Role.Admin)
  @UseInterceptors(FileInterceptor('file'))
  @ApiFileBody()
  @ApiOperation({ summary: 'Tải lên tệp minh chứng (PDF, PNG, JPEG, DOCX, XLSX)' })
  upload(@CurrentActor() actor: Actor, @UploadedFile() file: Upload | undefined) {
    return this.files.upload(actor, file);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Tải về tệp minh chứng (chỉ người có quyền xem hồ sơ)' })
  download(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.files.download(actor, id);
  }
}
