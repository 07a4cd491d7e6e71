import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The subsets a Vietnamese document needs. */
const SUBSETS = ['latin', 'latin-ext', 'vietnamese'];
const FACES = ['400', '700', '400-italic', '700-italic'];

/**
 * @font-face rules for Tinos (metric-compatible with Times New Roman) from the
 * @fontsource/tinos package, each woff2 inlined as a data: URL with its
 * unicode-range. Pages made with setContent cannot load file: URLs, and a PDF
 * must never depend on the fonts a machine happens to have.
 */
export function tinosFontFaces(): string {
  const dir = dirname(require.resolve('@fontsource/tinos/package.json'));
  const rules: string[] = [];
  for (const face of FACES) {
    const css = readFileSync(join(dir, `${face}.css`), 'utf8');
    for (const block of css.split('/* ').slice(1)) {
      const name = block.slice(0, block.indexOf(' */'));
      if (
        !SUBSETS.some(
          (s) =>
            name ===
            `tinos-${s}-${face.includes('italic') ? face.replace('-italic', '') : face}-${face.includes('italic') ? 'italic' : 'normal'}`,
        )
      )
        continue;
      const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
      const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
      if (!file || !range) continue;
      const data = readFileSync(join(dir, 'files', file)).toString('base64');
      rules.push(
        `@font-face{font-family:'Tinos';font-style:${face.includes('italic') ? 'italic' : 'normal'};font-weight:${face.slice(0, 3)};` +
          `src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range};}`,
      );
    }
  }
  if (rules.length !== SUBSETS.length * FACES.length)
    throw new Error(`Expected ${SUBSETS.length * FACES.length} Tinos faces, found ${rules.length}`);
  return rules.join('\n');
}
