import { ApiFileBody } from '../common/http/api-file-body';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { sendDossiers } from './dossier-export';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { ALL_ROLES, Role } from '../access/roles';
import { IdParam } from '../common/validation/id-param';
import { DossierWorkflowService } from './dossier-workflow.service';
import {
  AttestDto,
  AddNomineeDto,
  AppraiseDto,
  AttachDocumentDto,
  CreateDossierDto,
  DossierExportQueryDto,
  DossierQueryDto,
  ForwardDto,
  HigherDecisionDto,
  RefuseNomineeDto,
  SupplementDto,
  ManyDossiersDto,
  TransitionDto,
} from './dossiers.dto';
import { DossiersService } from './dossiers.service';
import { NOMINEE_MOVES } from './nominee-outcomes';
import { NomineeImportService } from './nominee-import.service';
import { IMPORT_UPLOAD, importDryRun, importFile, XLSX_TYPE } from '../imports/imports.controller';
import { DossierAction, WORKFLOW } from './workflow';

/** The roles of a step come from the workflow map, so route and rule cannot disagree. */
const Step = (action: DossierAction) => Roles(...WORKFLOW[action].roles);

@ApiTags('Hồ sơ đề nghị khen thưởng')
@Controller('dossiers')
export class DossiersController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly workflow: DossierWorkflowService,
    private readonly nomineeImport: NomineeImportService,
  ) {}

  @Get()
  @Roles(
    Role.UnitOfficer,
    Role.HomeAffairs,
    Role.CouncilMember,
    Role.Chairman,
    Role.ViceChairman,
    Role.Admin,
  )
  @ApiOperation({ summary: 'Hàng đợi hồ sơ: lọc, sắp xếp, phân trang, số lượng theo trạng thái' })
  queue(@CurrentActor() actor: Actor, @Query() query: DossierQueryDto) {
    return this.dossiers.queue(actor, query);
  }

  @Get('export')
  @Roles(
    Role.UnitOfficer,
    Role.HomeAffairs,
    Role.CouncilMember,
    Role.Chairman,
    Role.ViceChairman,
    Role.Admin,
  )
  @ApiOperation({
    summary:
      'Tải danh sách hồ sơ (XLSX hoặc CSV) theo cùng bộ lọc của hàng đợi; cán bộ đơn vị chỉ có hồ sơ của đơn vị mình',
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  async export(
    @CurrentActor() actor: Actor,
    @Query() query: DossierExportQueryDto,
    @Res() res: FastifyReply,
  ) {
    await sendDossiers(this.dossiers, actor, query as DossierQueryDto, query.format ?? 'xlsx', res);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Chi tiết hồ sơ: đối tượng, tài liệu, lịch sử, thao tác được phép' })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.dossiers.detail(actor, id);
  }

  @Get(':id/history')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Lịch sử xử lý hồ sơ' })
  history(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.dossiers.history(actor, id);
  }

  @Post()
  @Roles(Role.UnitOfficer)
  @ApiOperation({ summary: 'Lập hồ sơ đề nghị khen thưởng (đang soạn)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateDossierDto) {
    return this.dossiers.create(actor, dto);
  }

  @Post(':id/nominees')
  @Roles(Role.UnitOfficer)
  @ApiOperation({ summary: 'Thêm đối tượng đề nghị (cá nhân, tập thể, hộ gia đình)' })
  addNominee(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: AddNomineeDto) {
    return this.dossiers.addNominee(actor, id, dto);
  }

  @Get(':id/nominees/template')
  @Roles(Role.UnitOfficer)
  @ApiProduces(XLSX_TYPE)
  @ApiOperation({
    summary:
      'Tệp mẫu (XLSX) để nhập đối tượng đề nghị vào hồ sơ, kèm trang hướng dẫn các hình thức khen thưởng',
  })
  async nomineeTemplate(@CurrentActor() actor: Actor, @IdParam() id: string) {
    await this.dossiers.detail(actor, id);
    return new StreamableFile(await this.nomineeImport.template(actor), {
      type: XLSX_TYPE,
      disposition: 'attachment; filename="mau-nhap-doi-tuong.xlsx"',
    });
  }

  @Post(':id/nominees/import')
  @Roles(Role.UnitOfficer)
  @HttpCode(200)
  @UseInterceptors(IMPORT_UPLOAD)
  @ApiFileBody()
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'] })
  @ApiOperation({
    summary:
      'Nhập đối tượng đề nghị từ tệp mẫu vào hồ sơ đang soạn: kiểm tra từng dòng; có dòng lỗi thì không thêm đối tượng nào; dryRun=true để xem trước',
  })
  importNominees(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Query('dryRun') dryRun?: string,
  ) {
    return this.nomineeImport.run(actor, id, importFile(file), importDryRun(dryRun));
  }

  @Delete(':id/nominees/:nomineeId')
  @Roles(Role.UnitOfficer)
  @HttpCode(204)
  @ApiOperation({ summary: 'Bỏ đối tượng khỏi hồ sơ' })
  removeNominee(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('nomineeId') nomineeId: string,
  ) {
    return this.dossiers.removeNominee(actor, id, nomineeId);
  }

  @Post(':id/documents')
  @Roles(Role.UnitOfficer)
  @ApiOperation({
    summary: 'Đính kèm tài liệu (tờ trình, biên bản họp xét, báo cáo thành tích, minh chứng)',
  })
  attach(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: AttachDocumentDto) {
    return this.dossiers.attachDocument(actor, id, dto);
  }

  @Delete(':id/documents/:documentId')
  @Roles(Role.UnitOfficer)
  @HttpCode(204)
  @ApiOperation({ summary: 'Gỡ tài liệu' })
  detach(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('documentId') documentId: string,
  ) {
    return this.dossiers.detachDocument(actor, id, documentId);
  }

  @Post(':id/nominees/:nomineeId/refuse')
  @Roles(...NOMINEE_MOVES.refuse.roles!)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Chủ tịch không khen thưởng một đối tượng đang chờ quyết định (nêu lý do)',
  })
  refuseNominee(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('nomineeId') nomineeId: string,
    @Body() dto: RefuseNomineeDto,
  ) {
    return this.workflow.refuseNominee(actor, id, nomineeId, dto.reason);
  }

  @Post(':id/nominees/:nomineeId/attest')
  @Roles(Role.HomeAffairs)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Xác nhận một điều kiện cần người thẩm định đánh giá (ATTEST), kèm lý do, khi đang thẩm định',
  })
  attest(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('nomineeId') nomineeId: string,
    @Body() dto: AttestDto,
  ) {
    return this.dossiers.attest(actor, id, nomineeId, dto.rule, dto.reason);
  }

  @Post(':id/nominees/:nomineeId/forward')
  @Roles(...NOMINEE_MOVES.forward.roles!)
  @HttpCode(200)
  @ApiOperation({ summary: 'Trình cấp trên một đối tượng đề nghị hình thức của cấp trên' })
  forward(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('nomineeId') nomineeId: string,
    @Body() dto: ForwardDto,
  ) {
    return this.dossiers.forward(actor, id, nomineeId, dto.reference, dto.forwardedOn);
  }

  @Post(':id/nominees/:nomineeId/higher-decision')
  @Roles(...NOMINEE_MOVES.higher_award.roles!)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Ghi nhận quyết định của cấp trên cho đối tượng đã trình (có hoặc không khen thưởng); khen thưởng thì vào sổ khen thưởng do cấp khác quyết định, đơn vị được thông báo',
  })
  recordHigherDecision(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('nomineeId') nomineeId: string,
    @Body() dto: HigherDecisionDto,
  ) {
    return this.dossiers.recordHigherDecision(actor, id, nomineeId, dto);
  }

  @Post(':id/submit')
  @Step('submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Gửi hồ sơ đến Phòng Nội vụ' })
  submit(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: TransitionDto) {
    return this.workflow.transition(actor, id, 'submit', dto);
  }

  @Post(':id/discard')
  @Step('discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hủy hồ sơ đang soạn (chưa gửi; Phòng Nội vụ không thấy hồ sơ này)' })
  discard(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: TransitionDto) {
    return this.workflow.transition(actor, id, 'discard', dto);
  }

  @Post(':id/withdraw')
  @Step('withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rút hồ sơ đã gửi (trước khi Phòng Nội vụ nhận thẩm định)' })
  withdraw(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: TransitionDto) {
    return this.workflow.transition(actor, id, 'withdraw', dto);
  }

  @Post('take')
  @Step('take')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Nhận thẩm định nhiều hồ sơ cùng lúc: mỗi hồ sơ một bước riêng; trả về các hồ sơ đã nhận và các hồ sơ không nhận được kèm lý do',
  })
  takeMany(@CurrentActor() actor: Actor, @Body() dto: ManyDossiersDto) {
    return this.workflow.transitionEach(actor, dto.dossierIds, 'take');
  }

  @Post(':id/take')
  @Step('take')
  @HttpCode(200)
  @ApiOperation({ summary: 'Nhận thẩm định hồ sơ' })
  take(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: TransitionDto) {
    return this.workflow.transition(actor, id, 'take', dto);
  }

  @Post(':id/request-supplement')
  @Step('request_supplement')
  @HttpCode(200)
  @ApiOperation({ summary: 'Yêu cầu đơn vị bổ sung (thời hạn thẩm định tạm dừng)' })
  requestSupplement(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() dto: SupplementDto,
  ) {
    return this.workflow.transition(actor, id, 'request_supplement', dto);
  }

  @Post(':id/resubmit')
  @Step('resubmit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Gửi lại hồ sơ sau khi bổ sung' })
  resubmit(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: TransitionDto) {
    return this.workflow.transition(actor, id, 'resubmit', dto);
  }

  @Post(':id/reject')
  @Step('reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Trả hồ sơ, không đề nghị khen thưởng' })
  reject(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: TransitionDto) {
    return this.workflow.transition(actor, id, 'reject', dto);
  }

  @Post(':id/appraise')
  @Step('appraise')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hoàn thành thẩm định với kết quả từng đối tượng' })
  appraise(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: AppraiseDto) {
    return this.workflow.transition(actor, id, 'appraise', dto);
  }

  @Post('send-to-council')
  @Step('send_to_council')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Trình Hội đồng bỏ phiếu nhiều hồ sơ cùng lúc: mỗi hồ sơ một bước riêng; trả về các hồ sơ đã trình và các hồ sơ không trình được kèm lý do',
  })
  sendManyToCouncil(@CurrentActor() actor: Actor, @Body() dto: ManyDossiersDto) {
    return this.workflow.transitionEach(actor, dto.dossierIds, 'send_to_council');
  }

  @Post(':id/send-to-council')
  @Step('send_to_council')
  @HttpCode(200)
  @ApiOperation({ summary: 'Trình Hội đồng bỏ phiếu (mở phiên bỏ phiếu)' })
  sendToCouncil(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: TransitionDto) {
    return this.workflow.transition(actor, id, 'send_to_council', dto);
  }

  @Post(':id/close-vote')
  @Step('close_vote')
  @HttpCode(200)
  @ApiOperation({ summary: 'Kết thúc phiên bỏ phiếu, lập biên bản' })
  closeVote(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: TransitionDto) {
    return this.workflow.transition(actor, id, 'close_vote', dto);
  }

  @Post('send-to-chairman')
  @Step('send_to_chairman')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Trình Chủ tịch quyết định nhiều hồ sơ cùng lúc: mỗi hồ sơ một bước riêng; trả về các hồ sơ đã trình và các hồ sơ không trình được kèm lý do',
  })
  sendManyToChairman(@CurrentActor() actor: Actor, @Body() dto: ManyDossiersDto) {
    return this.workflow.transitionEach(actor, dto.dossierIds, 'send_to_chairman');
  }

  @Post(':id/send-to-chairman')
  @Step('send_to_chairman')
  @HttpCode(200)
  @ApiOperation({ summary: 'Trình Chủ tịch quyết định' })
  sendToChairman(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: TransitionDto) {
    return this.workflow.transition(actor, id, 'send_to_chairman', dto);
  }

  @Post(':id/close-forwarded')
  @Step('close_forwarded')
  @HttpCode(200)
  @ApiOperation({ summary: 'Kết thúc hồ sơ đã trình cấp trên toàn bộ' })
  closeForwarded(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: TransitionDto) {
    return this.workflow.transition(actor, id, 'close_forwarded', dto);
  }

  @Post(':id/close-refused')
  @Step('close_refused')
  @HttpCode(200)
  @ApiOperation({ summary: 'Kết thúc hồ sơ khi không đối tượng nào được khen thưởng' })
  closeRefused(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: TransitionDto) {
    return this.workflow.transition(actor, id, 'close_refused', dto);
  }

  @Post(':id/refuse')
  @Step('refuse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Chủ tịch không đồng ý khen thưởng' })
  refuse(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: TransitionDto) {
    return this.workflow.transition(actor, id, 'refuse', dto);
  }
}
