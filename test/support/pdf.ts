import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Runs a poppler tool on a PDF held in memory. */
function withPdf<T>(pdf: Buffer, fn: (path: string, dir: string) => T): T {
  try {
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'poppler-utils is not installed (pdftotext, pdffonts, pdftoppm): sudo apt-get install -y poppler-utils',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'thidua-pdf-'));
  try {
    const path = join(dir, 'doc.pdf');
    writeFileSync(path, pdf);
    return fn(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How many raster images each page holds (pdfimages -list), by page number. */
export function pdfImages(pdf: Buffer): number[] {
  const out = withPdf(pdf, (p) => execFileSync('pdfimages', ['-list', p], { encoding: 'utf8' }));
  const pages = Array.from({ length: pdfPages(pdf) }, () => 0);
  for (const line of out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())) {
    // page num type …: a soft mask (an image's transparency) is not an image of its own.
    const [page, , type] = line.trim().split(/\s+/);
    if (type === 'image') pages[Number(page) - 1]++;
  }
  return pages;
}

export const pdfText = (pdf: Buffer): string =>
  withPdf(pdf, (p) => execFileSync('pdftotext', ['-layout', p, '-'], { encoding: 'utf8' }));

export function pdfPages(pdf: Buffer): number {
  const info = withPdf(pdf, (p) => execFileSync('pdfinfo', [p], { encoding: 'utf8' }));
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

/** The fonts of a PDF as pdffonts lists them: name and whether embedded. */
export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  const out = withPdf(pdf, (p) => execFileSync('pdffonts', [p], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      // name type [encoding] emb sub uni object ID: "emb" is the 5th column from the end.
      return { name: cols[0], embedded: cols[cols.length - 5] === 'yes' };
    });
}

/** The QR code on a page, rasterised at 110 dpi: enough for the printed code, and fast for jsQR. */
export function pdfQr(pdf: Buffer, page = 1, dpi = 110): string | null {
  return withPdf(pdf, (p, dir) => {
    execFileSync('pdftoppm', [
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-png',
      p,
      join(dir, 'page'),
    ]);
    const file = readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'))!;
    const png = PNG.sync.read(readFileSync(join(dir, file)));
    return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
  });
}

/**
 * poppler's pdfsig report of a PDF's signatures, checked against the NSS
 * database `nssDir` (see trustingNss). Its exit status is not the verdict:
 * the report is.
 */
export function pdfSignatures(pdf: Buffer, nssDir: string): string {
  return withPdf(pdf, (p) => {
    const run = spawnSync('pdfsig', ['-nssdir', `sql:${nssDir}`, p], { encoding: 'utf8' });
    return `${run.stdout}${run.stderr}`;
  });
}

/** A fresh NSS database trusting only the given CA (PEM file): what pdfsig checks chains against. */
export function trustingNss(caPem: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-nss-'));
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  execFileSync('certutil', [
    '-A',
    '-d',
    `sql:${dir}`,
    '-n',
    'test-ca',
    '-t',
    'CT,C,C',
    '-i',
    caPem,
  ]);
  return dir;
}
