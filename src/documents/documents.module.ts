import { Global, Module } from '@nestjs/common';
import { PdfRenderer } from './pdf-renderer.service';
import { TemplatesService } from './templates.service';

/** Templates and the PDF renderer, shared by decisions, certificates and pages. */
@Global()
@Module({ providers: [TemplatesService, PdfRenderer], exports: [TemplatesService, PdfRenderer] })
export class DocumentsModule {}
