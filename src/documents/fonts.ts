import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import subsetFont from 'subset-font';

/** The four faces a document uses, as @fontsource names them and the full font's file. */
const FACES = [
  { style: 'normal', weight: '400', file: '400Regular/Tinos_400Regular.ttf' },
  { style: 'normal', weight: '700', file: '700Bold/Tinos_700Bold.ttf' },
  { style: 'italic', weight: '400', file: '400Regular_Italic/Tinos_400Regular_Italic.ttf' },
  { style: 'italic', weight: '700', file: '700Bold_Italic/Tinos_700Bold_Italic.ttf' },
] as const;

/** The @fontsource subsets a Vietnamese text is printed with (their unicode-ranges). */
const CORE_SUBSETS = ['latin', 'vietnamese'];

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** A face's @fontsource stylesheet. */
function fontsourceCss(face: (typeof FACES)[number]): string {
  const dir = packageDir('@fontsource/tinos');
  return readFileSync(
    join(dir, `${face.weight}${face.style === 'italic' ? '-italic' : ''}.css`),
    'utf8',
  );
}

/** One @fontsource block's woff2 file and unicode-range, for a subset and face. */
function fontsourceBlock(
  css: string,
  subset: string,
  face: (typeof FACES)[number],
): { file: string; range: string } {
  const dir = packageDir('@fontsource/tinos');
  const name = `tinos-${subset}-${face.weight}-${face.style}`;
  const block = css.split('/* ').find((b) => b.startsWith(`${name} */`));
  const file = block && /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
  const range = block && /unicode-range:\s*([^;]+);/.exec(block)?.[1];
  if (!file || !range) throw new Error(`@fontsource/tinos has no ${name}`);
  return { file: join(dir, 'files', file), range };
}

/** "U+0000-00FF,U+0131" → every code point of the ranges, as text. */
function rangeText(ranges: string[]): string {
  const points: number[] = [];
  for (const part of ranges.join(',').split(',')) {
    const [from, to = from] = part.trim().replace(/^U\+/, '').split('-');
    for (let c = parseInt(from, 16); c <= parseInt(to, 16); c++) points.push(c);
  }
  return String.fromCodePoint(...points.filter((c) => c >= 0x20));
}

const fontFace = (face: (typeof FACES)[number], src: string, range: string) =>
  `@font-face{font-family:'Tinos';font-style:${face.style};font-weight:${face.weight};src:${src};unicode-range:${range};}`;

/**
 * @font-face rules for Tinos (metric-compatible with Times New Roman), inlined
 * as data: URLs: pages made with setContent cannot load file: URLs, and a PDF
 * must never depend on the fonts a machine happens to have.
 *
 * A face's Vietnamese letters are spread over three of @fontsource's subsets
 * (latin, latin-ext, vietnamese), and Chromium embeds and subsets each file a
 * document touches: twelve fonts for a certificate, two thirds of the time
 * of printing one. So each face is cut, once per process, from the full font
 * (@expo-google-fonts/tinos, the Google Fonts files) to the union of the
 * latin and vietnamese ranges (subset-font, HarfBuzz): four fonts a document.
 * @fontsource's latin-ext file stays declared before it, so the rarer letters
 * of that range (a foreign name's) still print in Tinos.
 *
 * The cut drops the TrueType hinting (instructions for screens' pixel grids):
 * a PDF is drawn at any scale by the viewer, Chromium lays text out without
 * it, and printing embeds the font again for every document: without the
 * hinting a certificate prints 3 to 4 ms quicker and 14 KB smaller, and
 * poppler draws it pixel for pixel the same at 72, 96, 150 and 300 dpi.
 */
export function tinosFontFaces(): Promise<string> {
  return (faces ??= cutFaces());
}
let faces: Promise<string> | undefined;

/**
 * What a document's head holds where the fonts go (templates' {{{fontFaces}}}):
 * the PDF renderer puts the @font-face rules there when it loads a head into a
 * page. The rules are 0.8 million characters; carried in every rendered
 * document, a single certificate's HTML cost 5 ms to build and split, a
 * sixth of the time of printing it.
 */
export const FONT_FACES_SLOT = '/* Tinos: the PDF renderer puts the fonts here */';

/** A document with the fonts in its slot. */
export async function withFontFaces(html: string): Promise<string> {
  const rules = await tinosFontFaces();
  return html.replace(FONT_FACES_SLOT, () => rules);
}

async function cutFaces(): Promise<string> {
  const full = packageDir('@expo-google-fonts/tinos');
  const rules: string[] = [];
  for (const face of FACES) {
    const css = fontsourceCss(face);
    const fallback = fontsourceBlock(css, 'latin-ext', face);
    rules.push(
      fontFace(
        face,
        `url(data:font/woff2;base64,${readFileSync(fallback.file).toString('base64')}) format('woff2')`,
        fallback.range,
      ),
    );
    const ranges = CORE_SUBSETS.map((subset) => fontsourceBlock(css, subset, face).range);
    const core = await subsetFont(readFileSync(join(full, face.file)), rangeText(ranges), {
      targetFormat: 'truetype',
      noHinting: true,
    });
    rules.push(
      fontFace(
        face,
        `url(data:font/ttf;base64,${core.toString('base64')}) format('truetype')`,
        ranges.join(','),
      ),
    );
  }
  return rules.join('\n');
}
