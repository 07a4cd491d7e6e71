import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../access/access.decorators';
import { projectRoot } from '../documents/project-root';

/** Browser assets, from npm packages and templates/web, read once; no CDN, no build step. */
const FILES: Record<string, { type: string; body: Buffer }> = {
  'htmx.min.js': {
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(require.resolve('htmx.org/dist/htmx.min.js')),
  },
  // The CBOR decoder of the offline QR check (cbor-x's build without eval, for the page's CSP).
  'cbor.min.js': {
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(
      join(dirname(require.resolve('cbor-x/package.json')), 'dist', 'index-no-eval.min.js'),
    ),
  },
  'verify-offline.js': {
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(join(projectRoot(), 'templates', 'web', 'verify-offline.js')),
  },
  'app.js': {
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(join(projectRoot(), 'templates', 'web', 'app.js')),
  },
  'app.css': {
    type: 'text/css; charset=utf-8',
    body: readFileSync(join(projectRoot(), 'templates', 'web', 'app.css')),
  },
};

/** In every asset URL: a new content gets a new URL, so browsers may keep each for a year. */
export const ASSETS_VERSION = createHash('sha256')
  .update(
    Object.values(FILES)
      .map((f) => f.body)
      .reduce((a, b) => Buffer.concat([a, b])),
  )
  .digest('hex')
  .slice(0, 12);

@ApiExcludeController()
@Controller('assets')
export class AssetsController {
  @Get(':version/:file')
  @Public()
  @Header('Cache-Control', 'public, max-age=31536000, immutable')
  asset(@Param('version') version: string, @Param('file') file: string, @Res() res: FastifyReply) {
    const asset = Object.hasOwn(FILES, file) ? FILES[file] : undefined;
    if (!asset || version !== ASSETS_VERSION) throw new NotFoundException();
    res.type(asset.type).send(asset.body);
  }
}
