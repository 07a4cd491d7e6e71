import { Global, Module } from '@nestjs/common';
import { OrganisationSigner } from './organisation-signer.service';
import { PdfRenderer } from './pdf-renderer.service';
import { TemplatesService } from './templates.service';

/** Templates, the PDF renderer and the organisation's signer, shared by decisions, certificates and pages. */
@Global()
@Module({
  providers: [TemplatesService, PdfRenderer, OrganisationSigner],
  exports: [TemplatesService, PdfRenderer, OrganisationSigner],
})
export class DocumentsModule {}
