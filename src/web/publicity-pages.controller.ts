import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public, Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { Role } from '../access/roles';
import { AuthoritiesService } from '../authorities/authorities.service';
import { inlinePdf } from '../common/http/send-file';
import { OnlyThrottle } from '../common/http/throttles';
import { PageQueryDto } from '../common/pagination';
import { IdParam } from '../common/validation/id-param';
import { MovementsService } from '../movements/movements.service';
import { CreateOpinionDto, CreatePublicationDto } from '../publicity/publicity.dto';
import { PublicityService } from '../publicity/publicity.service';
import { formatDate, formatDateTime, pager } from './format';
import { FormPost } from './web-form.decorators';
import { WebErrors } from './web-errors.filter';
import { WebForms } from './web-forms';
import { WebPages } from './web-pages';

const READERS = [Role.HomeAffairs, Role.Admin];

const OPINION_MESSAGES: Record<string, string> = {
  content:
    'Hãy viết ý kiến từ 10 đến 2.000 ký tự, chỉ bằng chữ: không chứa đường dẫn (link) hay mã HTML.',
  senderName: 'Họ tên không quá 120 ký tự, không chứa đường dẫn hay mã HTML.',
  contact: 'Liên hệ chỉ gồm số điện thoại hoặc địa chỉ thư điện tử.',
  entry: 'Hãy chọn một đối tượng trong danh sách, hoặc để "Cả danh sách".',
};

/**
 * Publicity (công khai) in the browser: Home Affairs publishes the list of
 * nominees awaiting a decision and reads the opinions; anyone, signed in or
 * not, reads the open lists and the issued decisions of an authority that
 * publishes them and sends an opinion (the same page for every visitor).
 */
@ApiExcludeController()
@Controller()
@UseFilters(WebErrors)
export class PublicityPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly forms: WebForms,
    private readonly publicity: PublicityService,
    private readonly movements: MovementsService,
    private readonly authorities: AuthoritiesService,
  ) {}

  @Get('quan-tri/cong-khai')
  @Roles(...READERS)
  async list(
    @CurrentActor() actor: Actor,
    @Query('loi') problem: unknown,
    @Req() req: FastifyRequest,
  ) {
    const [publications, launched] = await Promise.all([
      this.publicity.list(actor),
      this.movements.launchedRounds(actor),
    ]);
    const rounds = launched.map((r) => ({ id: r.id, label: `${r.movementTitle}: ${r.name}` }));
    return this.pages.page(
      actor,
      'publicity',
      'Công khai danh sách khen thưởng',
      {
        problem: typeof problem === 'string' && problem ? problem : null,
        canPublish: actor.role === Role.HomeAffairs,
        rounds,
        publications: publications.map((p) => ({
          ...p,
          startsOn: formatDate(p.startsOn),
          endsOn: formatDate(p.endsOn),
        })),
      },
      this.forms.csrf(req),
    );
  }

  @FormPost('quan-tri/cong-khai', Role.HomeAffairs)
  async publish(
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    let created: string | null = null;
    await this.forms.back(res, '/quan-tri/cong-khai', async () => {
      const dto = await this.forms.valid(
        CreatePublicationDto,
        {
          title: body.title,
          days: body.days,
          startsOn: body.startsOn || undefined,
          roundId: body.roundId || undefined,
        },
        {
          title: 'Hãy đặt tiêu đề từ 5 đến 300 ký tự.',
          days: 'Số ngày công khai từ 1 đến 30.',
          startsOn: 'Ngày bắt đầu không hợp lệ.',
          roundId: 'Hãy chọn một đợt xét, hoặc để "Tất cả".',
        },
      );
      created = (await this.publicity.publish(actor, dto)).id;
    });
    if (created) res.header('Location', `/quan-tri/cong-khai/${created}`);
    return '';
  }

  @Get('quan-tri/cong-khai/:id')
  @Roles(...READERS)
  async detail(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query('loi') problem: unknown,
    @Req() req: FastifyRequest,
  ) {
    const p = await this.publicity.get(actor, id);
    const authority = await this.authorities.own(actor);
    return this.pages.page(
      actor,
      'publication',
      p.title,
      {
        problem: typeof problem === 'string' && problem ? problem : null,
        id: p.id,
        title: p.title,
        statusLabel: p.statusLabel,
        period: `${formatDate(p.startsOn)} – ${formatDate(p.endsOn)}`,
        open: p.open,
        publicUrl: `/cong-khai/${authority.code}/danh-sach/${p.id}`,
        canWithdraw: actor.role === Role.HomeAffairs && !p.withdrawnAt,
        entries: p.entries.map((e, i) => ({ ...e, number: i + 1 })),
        opinions: p.opinions.map((o) => ({
          ...o,
          at: formatDateTime(o.createdAt),
          about: o.entryIndex === null ? 'Cả danh sách' : p.entries[o.entryIndex]?.name,
        })),
      },
      this.forms.csrf(req),
    );
  }

  @FormPost('quan-tri/cong-khai/:id/go', Role.HomeAffairs)
  async withdraw(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, `/quan-tri/cong-khai/${id}`, () =>
      this.publicity.withdraw(actor, id),
    );
    return '';
  }

  // The public pages: no sign-in, the same answer for every visitor, rate-limited per address.

  @Get('cong-khai/:authority')
  @Public()
  @OnlyThrottle('verify')
  @Header('Cache-Control', 'public, max-age=60')
  async publicHome(@Param('authority') code: string) {
    const home = await this.publicity.publicHome(code);
    return this.pages.page(null, 'public-home', `Công khai: ${home.authority.name}`, {
      ...home,
      publications: home.publications.map((p) => ({
        ...p,
        startsOn: formatDate(p.startsOn),
        endsOn: formatDate(p.endsOn),
      })),
    });
  }

  @Get('cong-khai/:authority/danh-sach/:id')
  @Public()
  @OnlyThrottle('verify')
  @Header('Cache-Control', 'public, max-age=60')
  async publicList(
    @Param('authority') code: string,
    @IdParam() id: string,
    @Query('da-gui') sent: unknown,
  ) {
    return this.listPage(code, id, { sent: sent === '1' });
  }

  @Post('cong-khai/:authority/danh-sach/:id')
  @Public()
  @HttpCode(303)
  @OnlyThrottle('opinion')
  async opinion(
    @Param('authority') code: string,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const typed = Object.fromEntries(
      ['content', 'senderName', 'contact', 'entry'].map((k) => [
        k,
        typeof body[k] === 'string' ? (body[k] as string) : '',
      ]),
    );
    return this.forms.orAgain(
      res,
      async () => {
        const dto = await this.forms.valid(
          CreateOpinionDto,
          {
            content: typed.content,
            senderName: typed.senderName || undefined,
            contact: typed.contact || undefined,
            entry: typed.entry || undefined,
          },
          OPINION_MESSAGES,
        );
        await this.publicity.sendOpinion(code, id, dto, String(req.id ?? ''));
        return `/cong-khai/${encodeURIComponent(code)}/danh-sach/${id}?da-gui=1#y-kien`;
      },
      (errors) => this.listPage(code, id, { typed, errors }),
      OPINION_MESSAGES,
    );
  }

  private async listPage(
    code: string,
    id: string,
    state: {
      sent?: boolean;
      typed?: Record<string, string>;
      errors?: Record<string, string>;
    },
  ) {
    const list = await this.publicity.publicList(code, id);
    const typed = state.typed ?? { content: '', senderName: '', contact: '', entry: '' };
    return this.pages.page(null, 'public-list', list.title, {
      ...list,
      startsOn: formatDate(list.startsOn),
      endsOn: formatDate(list.endsOn),
      sent: state.sent ?? false,
      typed,
      errors: state.errors ?? {},
      choices: list.entries.map((e) => ({
        value: String(e.number),
        label: `${e.number}. ${e.name}`,
        selected: typed.entry === String(e.number),
      })),
    });
  }

  @Get('cong-khai/:authority/quyet-dinh')
  @Public()
  @OnlyThrottle('verify')
  @Header('Cache-Control', 'public, max-age=60')
  async publicDecisions(@Param('authority') code: string, @Query() raw: Record<string, unknown>) {
    const { given, query } = await this.forms.query(PageQueryDto, raw);
    const { authority, page } = await this.publicity.publicDecisions(code, query);
    return this.pages.page(null, 'public-decisions', `Quyết định khen thưởng: ${authority.name}`, {
      authority,
      total: page.total,
      rows: page.items.map((d) => ({ ...d, issuedOn: formatDate(d.issuedOn) })),
      pager: pager(`/cong-khai/${encodeURIComponent(code)}/quyet-dinh`, given, page),
    });
  }

  @Get('cong-khai/:authority/quyet-dinh/:id')
  @Public()
  @OnlyThrottle('verify')
  async publicDecisionPdf(@Param('authority') code: string, @IdParam() id: string) {
    return inlinePdf(await this.publicity.publicDecisionPdf(code, id), 'quyet-dinh');
  }
}
