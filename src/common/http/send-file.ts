import { resolve } from 'node:path';
import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';

/**
 * Sends a PDF kept on disk, as a browser or a printer client expects a large
 * download: its length, an ETag and Last-Modified to revalidate, and ranges
 * (resumed or partial downloads). Private: never kept by a shared cache.
 */
export function sendPdfFile(
  res: Response,
  path: string,
  name: string,
  headers: Record<string, string> = {},
): Promise<void> {
  return new Promise((done, fail) =>
    res.sendFile(
      resolve(path),
      {
        cacheControl: false,
        // The files folder may sit under a dot folder (the default ./.data/files): not a dotfile served by mistake.
        dotfiles: 'allow',
        headers: {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `inline; filename="${name}.pdf"`,
          'Cache-Control': 'private, no-cache',
          ...headers,
        },
      },
      (error) => (error && !res.headersSent ? fail(error) : done()),
    ),
  );
}

/** A PDF made in memory, shown in the browser (a preview, a minute, a record), never cached by a shared proxy. */
export function inlinePdf(pdf: Buffer, name: string): StreamableFile {
  return new StreamableFile(pdf, {
    type: 'application/pdf',
    length: pdf.length,
    disposition: `inline; filename="${name}.pdf"`,
  });
}
