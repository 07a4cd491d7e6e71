import { ListExportQueryDto } from '../documents/sheet-format.dto';
import { Body, Controller, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { inlinePdf, sendPdfFile } from '../common/http/send-file';
import {
  ApiHeader,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsOptional } from '../common/validation/optional';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { Role } from '../access/roles';
import { RecipientKind } from '../awards/award-form.entity';
import { RecordAwardDto } from '../awards/awards.dto';
import { IdParam } from '../common/validation/id-param';
import { AwardRecordService } from './award-record.service';
import { CertificatesService } from './certificates.service';
import {
  AwaitingQueryDto,
  CorrectDto,
  CreateDecisionDto,
  DecisionQueryDto,
  HouseholdQueryDto,
  IssueDto,
  RegisterExportQueryDto,
  RegisterQueryDto,
  RevokeDto,
  UpdateDecisionDto,
} from './decisions.dto';
import { DecisionsService } from './decisions.service';
import { sendDecisionList, sendRegister } from './register-export';

const SIGNERS = [Role.Chairman, Role.ViceChairman];
const DRAFTERS = [Role.HomeAffairs, Role.Chairman, Role.ViceChairman];
const READERS = [
  Role.HomeAffairs,
  Role.Chairman,
  Role.ViceChairman,
  Role.Admin,
  Role.CouncilMember,
];

/** Who reads a person's award record: staff, and a unit officer for the unit's people. */
const RECORD_READERS = [...READERS, Role.UnitOfficer];

class PrintQueryDto {
  @ApiPropertyOptional({
    enum: ['standard', 'blank'],
    default: 'standard',
    description: 'blank: chỉ in nội dung lên phôi Giấy khen in sẵn',
  })
  @IsOptional()
  @IsIn(['standard', 'blank'])
  variant: 'standard' | 'blank' = 'standard';
}

@ApiTags('Quyết định khen thưởng')
@Controller()
export class DecisionsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly certificates: CertificatesService,
    private readonly records: AwardRecordService,
  ) {}

  @Get('decisions')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Danh sách quyết định khen thưởng' })
  list(@CurrentActor() actor: Actor, @Query() query: DecisionQueryDto) {
    return this.decisions.list(actor, query);
  }

  @Get('decisions/awaiting-nominees')
  @Roles(...DRAFTERS)
  @ApiOperation({
    summary:
      'Các đối tượng chờ Chủ tịch quyết định, chưa thuộc dự thảo nào (lọc theo phong trào, đợt, hình thức, đơn vị)',
  })
  awaiting(@CurrentActor() actor: Actor, @Query() query: AwaitingQueryDto) {
    return this.decisions.awaiting(actor, query);
  }

  @Get('decisions/next-number')
  @Roles(...DRAFTERS)
  @ApiOperation({ summary: 'Số mà quyết định ban hành tiếp theo trong năm sẽ mang' })
  nextNumber(@CurrentActor() actor: Actor) {
    return this.decisions.nextNumber(actor);
  }

  @Get('register/export')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'Tải sổ khen thưởng (XLSX hoặc CSV) theo cùng điều kiện tìm kiếm; các cột cố định, được ghi nhật ký',
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  async exportRegister(
    @CurrentActor() actor: Actor,
    @Query() query: RegisterExportQueryDto,
    @Res() res: FastifyReply,
  ) {
    await sendRegister(this.decisions, actor, query, query.format ?? 'xlsx', res);
  }

  @Get('register')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Sổ khen thưởng: tìm theo tên (có hoặc không dấu), đơn vị, năm, hình thức',
  })
  register(@CurrentActor() actor: Actor, @Query() query: RegisterQueryDto) {
    return this.decisions.register(actor, query);
  }

  @Get('decisions/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Chi tiết quyết định, danh sách kèm theo và số vào sổ' })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.decisions.detail(actor, id);
  }

  @Post('decisions')
  @Roles(...DRAFTERS)
  @ApiOperation({
    summary: 'Dự thảo quyết định từ các đối tượng chờ quyết định (theo đối tượng, hồ sơ hoặc đợt)',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateDecisionDto) {
    return this.decisions.createDraft(actor, dto);
  }

  @Patch('decisions/:id')
  @Roles(...DRAFTERS)
  @ApiOperation({ summary: 'Sửa dự thảo (trích yếu, căn cứ, các điều, nơi nhận)' })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateDecisionDto) {
    return this.decisions.update(actor, id, dto);
  }

  @Post('decisions/:id/issue')
  @Roles(...SIGNERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Ký ban hành: cấp số, ngày, vào sổ khen thưởng; không sửa được nữa' })
  issue(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: IssueDto) {
    return this.decisions.issue(actor, id, dto.expectedNumber, dto.acknowledgeFundOverdraw);
  }

  @Post('decisions/:id/revoke')
  @Roles(...SIGNERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Ban hành quyết định thu hồi (toàn bộ hoặc một số dòng)' })
  revoke(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: RevokeDto) {
    return this.decisions.revoke(actor, id, dto);
  }

  @Post('decisions/:id/correct')
  @Roles(...SIGNERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Ban hành quyết định đính chính (toàn bộ hoặc một số dòng)' })
  correct(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: CorrectDto) {
    return this.decisions.correct(actor, id, dto);
  }

  @Get('decisions/:id/export')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Tải danh sách kèm quyết định (XLSX hoặc CSV), cả bản dự thảo' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  async exportList(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() query: ListExportQueryDto,
    @Res() res: FastifyReply,
  ) {
    await sendDecisionList(this.decisions, actor, id, query.format ?? 'xlsx', res);
  }

  @Get('decisions/:id/pdf')
  @Roles(...READERS)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Quyết định (PDF, A4 dọc) kèm danh sách' })
  async decisionPdf(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return inlinePdf(await this.certificates.decisionPdf(actor, id), 'quyet-dinh');
  }

  @Get('decisions/:id/certificates')
  @Roles(...READERS)
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'Toàn bộ Giấy khen của quyết định trong một tệp PDF (mỗi trang một giấy)',
  })
  @ApiHeader({
    name: 'X-Certificates-Left-Out',
    description: 'Số Giấy khen đã bị thu hồi nên không in',
  })
  async batch(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() query: PrintQueryDto,
    @Res() res: FastifyReply,
  ) {
    const { path, leftOut } = await this.certificates.batchFile(actor, id, query.variant);
    await sendPdfFile(res, path, 'giay-khen', { 'X-Certificates-Left-Out': String(leftOut) });
  }

  @Get('people/:id/awards')
  @Roles(...RECORD_READERS)
  @ApiOperation({
    summary:
      'Quá trình khen thưởng của một cá nhân: các khen thưởng của cấp này (kèm tình trạng Giấy khen) và do cấp khác quyết định, mới nhất trước',
  })
  async awardRecord(@CurrentActor() actor: Actor, @IdParam() id: string) {
    const { lines } = await this.records.of(actor, id);
    return lines;
  }

  @Get('people/:id/awards/pdf')
  @Roles(...RECORD_READERS)
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'Bản tổng hợp thành tích khen thưởng của cá nhân (PDF, cho hồ sơ cán bộ)',
  })
  async awardRecordPdf(@CurrentActor() actor: Actor, @IdParam() id: string) {
    const pdf = await this.records.pdf(actor, { kind: RecipientKind.Individual, personId: id });
    return inlinePdf(pdf, 'khen-thuong-ca-nhan');
  }

  @Post('people/:id/awards')
  @Roles(Role.HomeAffairs)
  @ApiOperation({
    summary:
      'Ghi nhận một khen thưởng do cấp khác quyết định cho cá nhân (không qua hồ sơ), ví dụ Bằng khen của Chủ tịch UBND tỉnh',
  })
  recordPersonAward(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() dto: RecordAwardDto,
  ) {
    return this.records.recordElsewhere(
      actor,
      { kind: RecipientKind.Individual, personId: id },
      dto,
    );
  }

  @Post('units/:id/awards')
  @Roles(Role.HomeAffairs)
  @ApiOperation({
    summary: 'Ghi nhận một khen thưởng do cấp khác quyết định cho tập thể (không qua hồ sơ)',
  })
  recordUnitAward(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() dto: RecordAwardDto,
  ) {
    return this.records.recordElsewhere(actor, { kind: RecipientKind.Collective, unitId: id }, dto);
  }

  @Get('units/:id/awards')
  @Roles(...RECORD_READERS)
  @ApiOperation({
    summary:
      'Quá trình khen thưởng của một tập thể (đơn vị), của cấp này và do cấp khác quyết định',
  })
  async unitAwardRecord(@CurrentActor() actor: Actor, @IdParam() id: string) {
    const { lines } = await this.records.ofUnit(actor, id);
    return lines;
  }

  @Get('units/:id/awards/pdf')
  @Roles(...RECORD_READERS)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Bản tổng hợp thành tích khen thưởng của tập thể (PDF)' })
  async unitAwardRecordPdf(@CurrentActor() actor: Actor, @IdParam() id: string) {
    const pdf = await this.records.pdf(actor, { kind: RecipientKind.Collective, unitId: id });
    return inlinePdf(pdf, 'khen-thuong-tap-the');
  }

  @Get('households/awards')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Quá trình khen thưởng của một hộ gia đình, theo tên hộ (có hoặc không dấu)',
  })
  async householdAwardRecord(@CurrentActor() actor: Actor, @Query() query: HouseholdQueryDto) {
    const { lines } = await this.records.ofHousehold(actor, query.name);
    return lines;
  }

  @Get('households/awards/pdf')
  @Roles(...READERS)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Bản tổng hợp thành tích khen thưởng của hộ gia đình (PDF)' })
  async householdAwardRecordPdf(@CurrentActor() actor: Actor, @Query() query: HouseholdQueryDto) {
    const pdf = await this.records.pdf(actor, { kind: RecipientKind.Household, name: query.name });
    return inlinePdf(pdf, 'khen-thuong-ho-gia-dinh');
  }

  @Post('decisions/:id/certificates/print')
  @Roles(...READERS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Bắt đầu in toàn bộ Giấy khen của quyết định, hoặc xem tiến độ nếu đang in (gọi lại để theo dõi); khi xong, tải tại "download"',
  })
  async print(@CurrentActor() actor: Actor, @IdParam() id: string, @Query() query: PrintQueryDto) {
    const job = await this.certificates.printJob(actor, id, query.variant);
    return {
      status: job.error ? 'failed' : job.finished ? 'finished' : 'running',
      done: job.done,
      total: job.chunks,
      leftOut: job.leftOut,
      error: job.error ?? null,
      download: job.finished
        ? `/api/decisions/${id}/certificates${query.variant === 'blank' ? '?variant=blank' : ''}`
        : null,
    };
  }

  @Get('decisions/:id/certificates/:itemId')
  @Roles(...READERS)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Một Giấy khen (PDF)' })
  async one(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('itemId') itemId: string,
    @Query() query: PrintQueryDto,
  ) {
    return inlinePdf(
      await this.certificates.certificatePdf(actor, id, itemId, query.variant),
      'giay-khen',
    );
  }

  @Get('certificate-layout/test')
  @Roles(Role.HomeAffairs, Role.Admin)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Trang in thử để căn chỉnh vị trí in trên phôi Giấy khen' })
  async layoutTest(@CurrentActor() actor: Actor) {
    return inlinePdf(await this.certificates.layoutTestPdf(actor), 'in-thu');
  }
}
