import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { ApiExceptionFilter } from '../common/http/api-exception.filter';
import { HtmlErrorPage } from '../common/http/html-error-page';
import { DocumentsModule } from '../documents/documents.module';
import { DossiersModule } from '../dossiers/dossiers.module';
import { AssetsController } from './assets.controller';
import { WebErrorPage } from './web-error-page';
import { WebPages } from './web-pages';
import { WebController } from './web.controller';

/**
 * The web interface: server-rendered pages (templates/web) on the same
 * services as the API. Global only to give the error filter its HTML page.
 */
@Global()
@Module({
  imports: [AuthModule, AuthoritiesModule, DocumentsModule, DossiersModule],
  controllers: [WebController, AssetsController],
  providers: [WebPages, ApiExceptionFilter, { provide: HtmlErrorPage, useClass: WebErrorPage }],
  exports: [HtmlErrorPage],
})
export class WebModule {}
