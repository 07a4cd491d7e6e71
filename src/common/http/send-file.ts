import { basename, dirname, resolve } from 'node:path';
import { StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/**
 * Sends a PDF kept on disk, as a browser or a printer client expects a large
 * download: its length, an ETag and Last-Modified to revalidate, and ranges
 * (resumed or partial downloads). Private: never kept by a shared cache.
 */
export async function sendPdfFile(
  res: FastifyReply,
  path: string,
  name: string,
  headers: Record<string, string> = {},
): Promise<void> {
  const file = resolve(path);
  // @fastify/static (registered by the app with `serve: false`) for the ranges and validators.
  await res
    .headers({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${name}.pdf"`,
      'Cache-Control': 'private, no-cache',
      ...headers,
    })
    .sendFile(basename(file), dirname(file), {
      cacheControl: false,
      contentType: false,
      // The files folder may sit under a dot folder (the default ./.data/files): not a dotfile served by mistake.
      dotfiles: 'allow',
    });
}

/** A PDF made in memory, shown in the browser (a preview, a minute, a record), never cached by a shared proxy. */
export function inlinePdf(pdf: Buffer, name: string): StreamableFile {
  return new StreamableFile(pdf, {
    type: 'application/pdf',
    length: pdf.length,
    disposition: `inline; filename="${name}.pdf"`,
  });
}
