import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { FONT_FACES_SLOT } from './fonts';
import { projectRoot } from './project-root';

/** "ngày 15 tháng 12 năm 2025"; days below 10 and months below 3 take a leading 0 (Nghị định 30/2020). */
export function vietnameseLongDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const day = d < 10 ? `0${d}` : `${d}`;
  const month = m < 3 ? `0${m}` : `${m}`;
  return `ngày ${day} tháng ${month} năm ${y}`;
}

/** 1500000 → "1.500.000" (Vietnamese thousands separator). */
export function vietnameseMoney(amount: number): string {
  return Math.round(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/**
 * The handlebars templates of templates/ (certificates, decisions, pages),
 * compiled once at start-up in strict mode, so a missing field fails loudly
 * instead of printing an empty line. Partials are the files starting with _.
 */
@Injectable()
export class TemplatesService {
  private readonly hbs = Handlebars.create();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();
  /** A digest of every template's source: what is rendered from them changes with it. */
  readonly version: string;

  constructor() {
    this.hbs.registerHelper('longDate', (iso: string) => vietnameseLongDate(iso));
    this.hbs.registerHelper('shortDate', (iso: string) => {
      const [y, m, d] = iso.slice(0, 10).split('-');
      return `${d}/${m}/${y}`;
    });
    this.hbs.registerHelper('money', (n: number) => vietnameseMoney(n));
    this.hbs.registerHelper('inc', (n: number) => n + 1);
    this.hbs.registerHelper('roman', (n: number) => ROMAN[n] ?? String(n + 1));
    this.hbs.registerHelper('upper', (s: string) => s.toLocaleUpperCase('vi'));
    this.hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    this.hbs.registerHelper('mm', (n: number) => `${n}mm`);
    // The last argument is handlebars' options object.
    this.hbs.registerHelper('concat', (...parts: unknown[]) => parts.slice(0, -1).join(''));
    this.hbs.registerHelper('times', (n: number, options: Handlebars.HelperOptions) =>
      Array.from({ length: n }, (_, i) => options.fn(i)).join(''),
    );
    // templates/x.hbs is "x", templates/web/x.hbs "web/x"; a partial _y is "y" or "web/y".
    const dir = join(projectRoot(), 'templates');
    const digest = createHash('sha256');
    for (const file of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
      if (!file.endsWith('.hbs')) continue;
      const source = readFileSync(join(dir, file), 'utf8');
      digest.update(file).update(source);
      const path = file
        .replace(/\.hbs$/, '')
        .split(sep)
        .join('/');
      const base = path.split('/').pop()!;
      const folder = path.slice(0, path.length - base.length);
      if (base.startsWith('_')) this.hbs.registerPartial(folder + base.slice(1), source);
      else this.compiled.set(path, this.hbs.compile(source, { strict: true }));
    }
    this.version = digest.digest('hex').slice(0, 16);
  }

  /**
   * Renders a template; every value is HTML-escaped unless the template uses
   * {{{ }}}. A printed document's fonts are left to the PDF renderer (their slot).
   */
  render(name: string, data: object): string {
    const template = this.compiled.get(name);
    if (!template) throw new Error(`No template ${name}.hbs`);
    return template({ ...data, fontFaces: FONT_FACES_SLOT });
  }
}
