import { Controller, Get, Header, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { Request, Response } from 'express';
import { Public } from '../auth/access.decorators';
import { TemplatesService } from '../documents/templates.service';
import { CertificatesService } from './certificates.service';

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
  ) {}

  @Get(':token')
  @Public()
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ login: true })
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Xác minh Giấy khen theo mã QR (trang HTML, hoặc JSON với Accept: application/json)',
  })
  async verify(
    @Param('token') token: string,
    @Query('format') format: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const view = await this.certificates.verify(token);
    const json = format === 'json' || (req.headers.accept ?? '').includes('application/json');
    res.status(view ? 200 : 404);
    if (json) {
      res.json(
        view ?? {
          statusCode: 404,
          error: 'NOT_FOUND',
          message: 'Không tìm thấy giấy khen với mã xác minh này.',
          details: [],
          requestId: String((req as { id?: unknown }).id ?? ''),
        },
      );
    } else {
      res.type('html').send(this.templates.render('verify', view ?? { found: false }));
    }
  }
}
