import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../access/access.decorators';
import { QrKeysService } from '../authorities/qr-keys.service';
import { AppError } from '../common/errors/app-error';
import { OnlyThrottle } from '../common/http/throttles';
import { CertificatesService } from '../decisions/certificates.service';
import { ASSETS_VERSION } from './assets.controller';
import { WebPages } from './web-pages';

/**
 * The offline QR code's public side: the published keys, the page that checks
 * a code's signature in the browser (the keys embedded, so it works without a
 * network once loaded), and the online status it asks for when it can.
 */
@ApiExcludeController()
@Controller()
export class OfflineVerifyController {
  constructor(
    private readonly pages: WebPages,
    private readonly keys: QrKeysService,
    private readonly certificates: CertificatesService,
  ) {}

  @Get('.well-known/thidua-keys.json')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  async published() {
    return { keys: await this.keys.published() };
  }

  @Get('v')
  @Public()
  @OnlyThrottle('verify')
  @Header('Cache-Control', 'public, max-age=300')
  async page() {
    // JSON inside a non-executed script element: "<" escaped, so nothing in it can close the element.
    const keysJson = JSON.stringify({ keys: await this.keys.published() }).replace(/</g, '\\u003c');
    return this.pages.page(null, 'verify-offline', 'Xác minh Giấy khen', {
      keysJson,
      assets: `/assets/${ASSETS_VERSION}`,
    });
  }

  @Get('v/trang-thai')
  @Public()
  @OnlyThrottle('verify')
  @Header('Cache-Control', 'no-store')
  async status(@Query('a') authority: unknown, @Query('r') register: unknown) {
    const found =
      typeof authority === 'string' && typeof register === 'string'
        ? await this.certificates.statusByRegister(authority, register)
        : null;
    if (!found) throw AppError.notFound('Giấy khen');
    return found;
  }
}
