import QRCode from 'qrcode';
import { loadConfig } from '../../src/config/app-config';
import { printedCertificate } from '../../src/decisions/certificates.service';
import { FONT_FACES_SLOT, withFontFaces } from '../../src/documents/fonts';
import { PdfRenderer } from '../../src/documents/pdf-renderer.service';
import { TemplatesService } from '../../src/documents/templates.service';
import { sampleCertificates } from '../bench/bench-support';
import { pdfFonts, pdfText } from '../support/pdf';

/**
 * The fonts a certificate embeds (issue 16's speed work): Vietnamese text in
 * four fonts, one per face, every one Tinos and embedded; a letter outside the
 * Vietnamese alphabet still printed in Tinos (the latin-ext file behind).
 */
describe('Certificate fonts', () => {
  const templates = new TemplatesService();
  const renderer = new PdfRenderer(loadConfig({ NODE_ENV: 'test' }));

  afterAll(() => renderer.onApplicationShutdown());

  async function certificate(awardeeName: string, by: PdfRenderer = renderer): Promise<Buffer> {
    const [entry] = sampleCertificates(1);
    const snapshot = { ...entry.snapshot, awardeeName };
    const qrSvg = await QRCode.toString(snapshot.verifyUrl, { type: 'svg', margin: 0 });
    return by.render(
      templates.render('certificate', {
        certificates: [{ snapshot, printed: printedCertificate(snapshot), qrSvg }],
      }),
      { landscape: true },
    );
  }

  it('prints Vietnamese in four embedded Tinos fonts, one per face', async () => {
    const pdf = await certificate('Nguyễn Thị Hường');
    const fonts = pdfFonts(pdf);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'Tinos-Bold',
      'Tinos-BoldItalic',
      'Tinos-Italic',
      'Tinos-Regular',
    ]);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Nguyễn Thị Hường');
    expect(text).toContain('Ủy ban nhân dân xã Hưng Đạo');
  });

  it('prints the same when the browser is told to free its memory after every render', async () => {
    // 128 MB: below any Chromium, so every render is followed by the pressure signal.
    const relieved = new PdfRenderer(loadConfig({ NODE_ENV: 'test', PDF_MEMORY_MB: '128' }));
    try {
      const names = ['Nguyễn Thị Hường', 'Trần Văn Đức', 'Lê Thị Ánh'];
      for (const name of names) {
        const [plain, freed] = [await certificate(name), await certificate(name, relieved)];
        expect(pdfText(freed)).toBe(pdfText(plain));
        expect(pdfFonts(freed).map((f) => f.name.slice(7))).toEqual(
          pdfFonts(plain).map((f) => f.name.slice(7)),
        );
      }
    } finally {
      await relieved.onApplicationShutdown();
    }
  });

  it('prints a letter outside the Vietnamese alphabet in Tinos too', async () => {
    const pdf = await certificate('Nguyễn Thị Šárka Łucja');
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(4);
    expect(fonts.every((f) => f.embedded && /\+Tinos-/.test(f.name))).toBe(true);
    expect(pdfText(pdf)).toContain('Nguyễn Thị Šárka Łucja');
  });

  it('leaves the fonts out of the rendered document: the renderer adds them to a page once', async () => {
    const [entry] = sampleCertificates(1);
    const qrSvg = await QRCode.toString(entry.snapshot.verifyUrl, { type: 'svg', margin: 0 });
    const html = templates.render('certificate', {
      certificates: [
        { snapshot: entry.snapshot, printed: printedCertificate(entry.snapshot), qrSvg },
      ],
    });
    expect(html).toContain(FONT_FACES_SLOT);
    expect(html).not.toContain('@font-face');
    expect(html.length).toBeLessThan(20_000);
    expect(await withFontFaces(html)).toMatch(/@font-face\{font-family:'Tinos'/);
  });
});
