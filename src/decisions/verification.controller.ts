import { Controller, Get, Header, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators';
import { TemplatesService } from '../documents/templates.service';
import { CertificateStatus, RegisterEntry } from './decision.entity';

const STATUS_LABELS: Record<CertificateStatus, string> = {
  [CertificateStatus.Valid]: 'Giấy khen hợp lệ',
  [CertificateStatus.Revoked]: 'Giấy khen đã bị thu hồi',
  [CertificateStatus.Corrected]: 'Giấy khen đã được đính chính',
};

/**
 * The public page a certificate's QR code opens. It shows only what the
 * certificate itself prints: no other personal data.
 */
@ApiTags('Xác minh Giấy khen')
@Controller('verify')
export class VerificationController {
  constructor(
    private readonly dataSource: DataSource,
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
    // One indexed lookup whatever the token, so unknown and revoked answer alike in time.
    const entry = /^[A-Za-z0-9_-]{16,64}$/.test(token)
      ? await this.dataSource.getRepository(RegisterEntry).findOneBy({ verifyToken: token })
      : await this.dataSource.getRepository(RegisterEntry).findOneBy({ verifyToken: '-' });
    const json = format === 'json' || (req.headers.accept ?? '').includes('application/json');
    const view = entry && {
      found: true,
      status: entry.status,
      statusLabel: STATUS_LABELS[entry.status],
      awardeeName: entry.snapshot.awardeeName,
      awardFormName: entry.snapshot.awardFormName,
      decisionNumber: entry.snapshot.decisionNumber,
      decisionDate: entry.snapshot.decisionDate,
      authorityName: entry.snapshot.authorityName,
      registerNumber: entry.snapshot.registerNumber,
    };
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
