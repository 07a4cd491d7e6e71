import { OnlyThrottle } from '../common/http/throttles';
import {
  ArgumentsHost,
  Catch,
  Controller,
  ExceptionFilter,
  Get,
  Header,
  Param,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HTML, SitePages } from '../common/http/site-pages';
import { Public } from '../access/access.decorators';
import { ApiExceptionFilter } from '../common/http/api-exception.filter';
import { AppConfig } from '../config/app-config';
import { TemplatesService } from '../documents/templates.service';
import { CertificatesService } from './certificates.service';

/** The verification page in the site's layout (the web module's look). */
const verifyPage = (templates: TemplatesService, site: SitePages, view: object) =>
  site.public('Xác minh Giấy khen', templates.render('verify', view));

type VerifyRequest = FastifyRequest<{ Querystring: { format?: unknown } }>;

const wantsJson = (req: VerifyRequest) =>
  req.query.format === 'json' || (req.headers.accept ?? '').includes('application/json');

/**
 * Past the rate limit a browser gets a page saying so, in Vietnamese; a
 * program gets the usual JSON error (from the global filter).
 */
@Catch(ThrottlerException)
class VerifyLimitPage implements ExceptionFilter {
  private readonly api: ApiExceptionFilter;

  constructor(
    private readonly templates: TemplatesService,
    private readonly site: SitePages,
    config: AppConfig,
  ) {
    this.api = new ApiExceptionFilter(config);
  }

  catch(exception: ThrottlerException, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<VerifyRequest>();
    if (wantsJson(req)) return this.api.catch(exception, host);
    const res = host.switchToHttp().getResponse<FastifyReply>();
    const named = Object.entries(res.getHeaders()).find(([k]) => k.startsWith('retry-after-'));
    res
      .status(429)
      .header('Retry-After', String(Number(named?.[1]) || 60))
      .type(HTML)
      .send(verifyPage(this.templates, this.site, { found: false, limited: true }));
  }
}

/**
 * The public page a certificate's QR code opens. It shows only what the
 * certificate itself prints: no other personal data.
 */
@ApiTags('Xác minh Giấy khen')
@Controller('verify')
export class VerificationController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly templates: TemplatesService,
    private readonly site: SitePages,
  ) {}

  @Get(':token')
  @Public()
  @OnlyThrottle('verify')
  @UseFilters(VerifyLimitPage)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Xác minh Giấy khen theo mã QR (trang HTML, hoặc JSON với Accept: application/json)',
  })
  async verify(
    @Param('token') token: string,
    @Query('format') _format: string | undefined,
    @Req() req: VerifyRequest,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const view = await this.certificates.verify(token);
    const json = wantsJson(req);
    res.status(view ? 200 : 404);
    if (json) {
      res.send(
        view ?? {
          statusCode: 404,
          error: 'NOT_FOUND',
          message: 'Không tìm thấy giấy khen với mã xác minh này.',
          details: [],
          requestId: String((req as { id?: unknown }).id ?? ''),
        },
      );
    } else {
      res
        .type(HTML)
        .send(verifyPage(this.templates, this.site, view ?? { found: false, limited: false }));
    }
  }
}
