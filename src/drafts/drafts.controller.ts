import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { Role } from '../access/roles';
import { IdParam } from '../common/validation/id-param';
import { DraftQueryDto } from './drafts.dto';
import { DOCX_TYPE, DraftFile, DraftFormat, DraftsService } from './drafts.service';

/** The unit prepares its dossier; Home Affairs may print the same drafts to help it. */
const DRAFT_READERS = [Role.UnitOfficer, Role.HomeAffairs];

/** A draft as a download: opened in the browser (PDF) or saved to edit (DOCX). */
export function draftFile(file: DraftFile): StreamableFile {
  const disposition = file.type === DOCX_TYPE ? 'attachment' : 'inline';
  return new StreamableFile(file.buffer, {
    type: file.type,
    length: file.buffer.length,
    disposition: `${disposition}; filename="${file.fileName}"`,
  });
}

@ApiTags('Hồ sơ đề nghị khen thưởng')
@Controller('dossiers')
export class DraftsController {
  constructor(private readonly drafts: DraftsService) {}

  @Get(':id/drafts/cover-note')
  @Roles(...DRAFT_READERS)
  @ApiProduces('application/pdf', DOCX_TYPE)
  @ApiOperation({
    summary:
      'Bản thảo tờ trình đề nghị khen thưởng của hồ sơ (thể thức Nghị định 30/2020), điền sẵn đơn vị, căn cứ, phong trào và danh sách đối tượng; PDF hoặc DOCX',
  })
  async coverNote(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() query: DraftQueryDto,
  ) {
    return draftFile(await this.drafts.coverNote(actor, id, query.format ?? DraftFormat.Pdf));
  }

  @Get(':id/nominees/:nomineeId/drafts/achievement-report')
  @Roles(...DRAFT_READERS)
  @ApiProduces('application/pdf', DOCX_TYPE)
  @ApiOperation({
    summary:
      'Bản thảo báo cáo thành tích của một đối tượng (mẫu cá nhân, tập thể hoặc hộ gia đình; mẫu tóm tắt khi khen theo chuyên đề, đột xuất), điền sẵn những gì hệ thống biết; PDF hoặc DOCX',
  })
  async achievementReport(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('nomineeId') nomineeId: string,
    @Query() query: DraftQueryDto,
  ) {
    const file = await this.drafts.achievementReport(
      actor,
      id,
      nomineeId,
      query.format ?? DraftFormat.Pdf,
    );
    return draftFile(file);
  }
}
