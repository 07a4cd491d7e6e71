import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public, Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { Role } from '../access/roles';
import { inlinePdf } from '../common/http/send-file';
import { OnlyThrottle } from '../common/http/throttles';
import { PageQueryDto } from '../common/pagination';
import { IdParam } from '../common/validation/id-param';
import { CreateOpinionDto, CreatePublicationDto } from './publicity.dto';
import { PublicityService } from './publicity.service';

const READERS = [Role.HomeAffairs, Role.Admin, Role.Chairman, Role.ViceChairman];

/** Home Affairs publishes lists of nominees and reads the opinions sent on them. */
@ApiTags('Công khai')
@Controller('publications')
export class PublicationsController {
  constructor(private readonly publicity: PublicityService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Các danh sách đã công khai, mới nhất trước, với số ý kiến nhận được' })
  list(@CurrentActor() actor: Actor) {
    return this.publicity.list(actor);
  }

  @Post()
  @Roles(Role.HomeAffairs)
  @ApiOperation({
    summary:
      'Công khai danh sách đối tượng đang chờ quyết định khen thưởng (tên, đơn vị, hình thức, thành tích) trong một số ngày để lấy ý kiến',
  })
  publish(@CurrentActor() actor: Actor, @Body() dto: CreatePublicationDto) {
    return this.publicity.publish(actor, dto);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Một danh sách công khai và các ý kiến đã nhận' })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.publicity.get(actor, id);
  }

  @Post(':id/withdraw')
  @Roles(Role.HomeAffairs)
  @HttpCode(200)
  @ApiOperation({ summary: 'Gỡ danh sách trước hạn (ý kiến đã nhận được giữ lại)' })
  withdraw(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.publicity.withdraw(actor, id);
  }
}

/**
 * What anyone may read without signing in, the same for every visitor: an
 * authority's open lists and its issued decisions (when it publishes them),
 * and the opinion form's target. Rate-limited per address.
 */
@ApiTags('Công khai')
@Controller('public/:authority')
export class PublicController {
  constructor(private readonly publicity: PublicityService) {}

  @Get()
  @Public()
  @OnlyThrottle('verify')
  @Header('Cache-Control', 'public, max-age=60')
  @ApiOperation({ summary: 'Các danh sách đang công khai của cơ quan (không cần đăng nhập)' })
  home(@Param('authority') code: string) {
    return this.publicity.publicHome(code);
  }

  @Get('publications/:id')
  @Public()
  @OnlyThrottle('verify')
  @Header('Cache-Control', 'public, max-age=60')
  @ApiOperation({ summary: 'Một danh sách đang công khai: tên, đơn vị, hình thức, thành tích' })
  publication(@Param('authority') code: string, @IdParam() id: string) {
    return this.publicity.publicList(code, id);
  }

  @Post('publications/:id/opinions')
  @Public()
  @OnlyThrottle('opinion')
  @ApiOperation({
    summary:
      'Gửi ý kiến về danh sách công khai (không cần đăng nhập; chỉ chữ, không đường dẫn hay mã HTML; giới hạn số lần gửi mỗi giờ)',
  })
  opinion(
    @Param('authority') code: string,
    @IdParam() id: string,
    @Body() dto: CreateOpinionDto,
    @Req() req: FastifyRequest,
  ) {
    return this.publicity.sendOpinion(code, id, dto, String(req.id ?? ''));
  }

  @Get('decisions')
  @Public()
  @OnlyThrottle('verify')
  @Header('Cache-Control', 'public, max-age=60')
  @ApiOperation({
    summary: 'Các quyết định khen thưởng đã ban hành: số, ngày, trích yếu, số người được khen',
  })
  decisions(@Param('authority') code: string, @Query() query: PageQueryDto) {
    return this.publicity.publicDecisions(code, query);
  }

  @Get('decisions/:id/pdf')
  @Public()
  @OnlyThrottle('verify')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Tệp PDF của một quyết định đã ban hành' })
  async decisionPdf(@Param('authority') code: string, @IdParam() id: string) {
    return inlinePdf(await this.publicity.publicDecisionPdf(code, id), 'quyet-dinh');
  }
}
