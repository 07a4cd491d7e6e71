import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { HttpStatus, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import puppeteer, { Browser, CDPSession, Page } from 'puppeteer';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { withFontFaces } from './fonts';

/** Flags for a headless Chromium on a closed government network. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/**
 * The PDF browser runs as one process: printing is 2 to 3 times quicker
 * without the print compositor's round trips between processes, and the
 * browser needs a third of the memory. It has one context and pages that
 * only print; a crash ends it all, and the next render starts it again.
 * (Browser tests use CHROMIUM_FLAGS: they need contexts of their own.)
 */
export const PDF_CHROMIUM_FLAGS = [...CHROMIUM_FLAGS, '--single-process', '--no-zygote'];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
export const INSTALL_ADVICE =
  'Cài Chromium (Debian/Ubuntu: sudo apt-get install -y chromium) hoặc đặt biến CHROMIUM_PATH trỏ tới trình duyệt.';

/** CHROMIUM_PATH, else the system Chromium; null when there is none. */
export function findChromium(configured?: string): string | null {
  if (configured) return existsSync(configured) ? configured : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * The Chromium shipped inside the @sparticuz/chromium npm package, extracted
 * on first use: the last resort, so a fresh machine prints without installing
 * a browser. Launched with our flags, not the package's serverless defaults.
 */
/** A whole document as its head (up to </head>) and its <body> element. */
export function splitDocument(html: string): { head: string; body: string } {
  const end = html.indexOf('</head>');
  const start = html.indexOf('<body', end);
  const close = html.lastIndexOf('</body>');
  if (end < 0 || start < 0 || close < start) return { head: html, body: '' };
  return { head: html.slice(0, end), body: html.slice(start, close + '</body>'.length) };
}

/** Runs in the page (source text: this project has no DOM types): swaps in a new body, then waits until its images are decoded and its fonts loaded. */
const REPLACE_BODY = `(body) => {
  const parsed = new DOMParser().parseFromString('<!doctype html><html>' + body + '</html>', 'text/html');
  document.body.replaceWith(document.adoptNode(parsed.body));
  return Promise.all([...Array.from(document.images, (img) => img.decode().catch(() => undefined)), document.fonts.ready]).then(() => undefined);
}`;

/** Runs in the page after setContent: waits until the fonts the document uses are loaded. */
const FONTS_READY = 'document.fonts.ready.then(() => undefined)';

/** At most one look at the browser's size in this many ms (see relieveIfLarge). */
const MEMORY_LOOK_MS = 200;

/**
 * How every document is printed (Page.printToPDF): the size and margins are
 * the template's @page. Untagged and without an outline: a tagged PDF (the
 * accessibility tree of every page) doubles the time and memory of a batch,
 * and a certificate's text reads the same without it. The PDF comes back in
 * the answer itself: puppeteer's page.pdf() streams it in chunks, a round
 * trip each, which for a one-page certificate cost more than the copy.
 */
const PRINT = {
  printBackground: true,
  preferCSSPageSize: true,
  marginTop: 0,
  marginBottom: 0,
  marginLeft: 0,
  marginRight: 0,
  generateTaggedPDF: false,
  generateDocumentOutline: false,
  transferMode: 'ReturnAsBase64',
} as const;

async function bundledChromium(): Promise<string | null> {
  try {
    const { default: chromium } = await import('@sparticuz/chromium');
    return await chromium.executablePath();
  } catch {
    return null;
  }
}

/** A page's JavaScript heap past which it is collected (see collectIfHeavy). */
const HEAP_LIMIT_MB = 32;
/** Renders between two looks at a page's heap (a look costs a millisecond or two). */
const HEAP_CHECK_EVERY = 8;

export interface PdfOptions {
  landscape?: boolean;
}

/**
 * Renders HTML to PDF in one warm browser shared by the app: at most
 * PDF_PAGES pages at once, PDF_QUEUE requests waiting (then 503 with
 * Retry-After), every network request blocked (templates carry their data
 * inline), a timeout per render, and a new browser after a crash.
 */
@Injectable()
export class PdfRenderer implements OnApplicationShutdown {
  private readonly logger = new Logger('PdfRenderer');
  /** Where the browser comes from, for the start-up log and the health of PDFs. */
  readonly source: 'configured' | 'system' | 'bundled' | 'none';
  private browser: Promise<Browser> | null = null;
  private closing = false;
  private readonly idle: Page[] = [];
  /** The <head> each pooled page last loaded. */
  private readonly heads = new WeakMap<Page, string>();
  /** Each pooled page's protocol session, for printing. */
  private readonly sessions = new WeakMap<Page, CDPSession>();
  /** Renders by each pooled page since its heap was last looked at. */
  private readonly sinceHeapCheck = new WeakMap<Page, number>();
  private busy = 0;
  /** When relieveIfLarge last read the browser's size (performance.now()). */
  private memoryLookedAt = -Infinity;
  private readonly waiting: (() => void)[] = [];
  /** Renders in flight, failed at once when the browser goes away under them. */
  private readonly inFlight = new Set<(error: Error) => void>();

  constructor(private readonly config: AppConfig) {
    const found = findChromium(config.CHROMIUM_PATH);
    if (found) {
      this.source = config.CHROMIUM_PATH ? 'configured' : 'system';
      this.logger.log(`PDFs are rendered with Chromium at ${found}`);
    } else if (config.CHROMIUM_PATH) {
      this.source = 'none';
      this.logger.warn(
        `CHROMIUM_PATH ${config.CHROMIUM_PATH} does not exist: PDFs are unavailable. ${INSTALL_ADVICE}`,
      );
    } else {
      this.source = 'bundled';
      this.logger.warn(
        `No system Chromium: PDFs use the one bundled in @sparticuz/chromium. ${INSTALL_ADVICE}`,
      );
    }
    this.found = found;
  }

  private readonly found: string | null;
  private extracted: Promise<string | null> | null = null;

  /** The browser to launch: found at start-up, or the bundled one, extracted once. */
  private executable(): Promise<string | null> {
    if (this.found) return Promise.resolve(this.found);
    if (this.source !== 'bundled') return Promise.resolve(null);
    return (this.extracted ??= bundledChromium());
  }

  private unavailable(message: string, retryAfterSeconds: number): AppError {
    return new AppError(HttpStatus.SERVICE_UNAVAILABLE, 'PDF_UNAVAILABLE', message, [], {
      retryAfterSeconds,
    });
  }

  private launch(executablePath: string): Promise<Browser> {
    if (!this.browser) {
      const launching = puppeteer.launch({
        executablePath,
        headless: true,
        args: PDF_CHROMIUM_FLAGS,
        // Over a pipe, Chromium ends when this process does, even after kill -9.
        pipe: true,
      });
      this.browser = launching;
      launching
        .then((browser) =>
          browser.on('disconnected', () => {
            if (!this.closing)
              this.logger.warn('Chromium exited; it is started again for the next PDF');
            if (this.browser === launching) this.browser = null;
            this.idle.length = 0;
            for (const fail of this.inFlight) fail(new Error('Chromium disconnected'));
          }),
        )
        .catch(() => {
          if (this.browser === launching) this.browser = null;
        });
    }
    return this.browser;
  }

  private async page(executablePath: string): Promise<Page> {
    const reused = this.idle.pop();
    if (reused && !reused.isClosed()) return reused;
    const page = await (await this.launch(executablePath)).newPage();
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:') || url === 'about:blank') void request.continue();
      else void request.abort('blockedbyclient');
    });
    page.setDefaultTimeout(this.config.PDF_TIMEOUT_MS);
    this.sessions.set(page, await page.createCDPSession());
    return page;
  }

  /**
   * Loads a whole document into a page, its fonts put into their slot, and
   * waits for them; the page then keeps `head` for the bodies that share it.
   */
  private async load(page: Page, html: string, head: string): Promise<void> {
    this.heads.delete(page);
    await page.setContent(await withFontFaces(html), { waitUntil: 'load' });
    await page.evaluate(FONTS_READY);
    this.heads.set(page, head);
  }

  /**
   * Runs a script in the page through its own protocol session and waits for
   * its promise: page.evaluate's bookkeeping (finding the frame's context,
   * wrapping the source) cost half a millisecond a certificate, a twentieth of
   * printing one.
   */
  private async run(page: Page, expression: string): Promise<void> {
    const { exceptionDetails } = await this.sessions
      .get(page)!
      .send('Runtime.evaluate', { expression, awaitPromise: true });
    if (exceptionDetails)
      throw new Error(
        `Script failed in the PDF page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
      );
  }

  /** Replaces the page's body, its head kept, and waits for its images and fonts. */
  private swapBody(page: Page, body: string): Promise<void> {
    return this.run(page, `(${REPLACE_BODY})(${JSON.stringify(body)})`);
  }

  /** Prints the page's document as it stands. */
  private async print(page: Page, landscape: boolean): Promise<Buffer> {
    const { data } = await this.sessions
      .get(page)!
      .send('Page.printToPDF', { ...PRINT, landscape });
    return Buffer.from(data, 'base64');
  }

  private async acquire(): Promise<void> {
    if (this.busy < this.config.PDF_PAGES) {
      this.busy++;
      return;
    }
    if (this.waiting.length >= this.config.PDF_QUEUE) {
      throw this.unavailable(
        'Hệ thống đang in quá nhiều tài liệu. Vui lòng thử lại sau ít phút.',
        30,
      );
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy--;
  }

  /**
   * Renders a document; once again if the browser was lost meanwhile (the
   * one-process browser has been seen to crash decoding the first image after
   * another document, and renders it once relaunched).
   */
  async render(html: string, options: PdfOptions = {}): Promise<Buffer> {
    const executablePath = await this.executable();
    if (!executablePath)
      throw this.unavailable(`Chưa cài trình duyệt để in PDF. ${INSTALL_ADVICE}`, 3600);
    try {
      return await this.renderOnce(executablePath, html, options);
    } catch (error) {
      if (!(error instanceof Error) || !/disconnected|crashed|Target closed/i.test(error.message))
        throw this.failed(error);
      this.logger.warn({ err: error }, 'Chromium was lost during a render: rendering again');
      return this.renderOnce(executablePath, html, options).catch((again) => {
        throw this.failed(again);
      });
    }
  }

  private failed(error: unknown): AppError {
    if (error instanceof AppError) return error;
    this.logger.error({ err: error }, 'PDF render failed');
    return this.unavailable('Không in được tài liệu lúc này. Vui lòng thử lại.', 10);
  }

  private async renderOnce(
    executablePath: string,
    html: string,
    options: PdfOptions,
  ): Promise<Buffer> {
    await this.acquire();
    let page: Page | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      page = await this.page(executablePath);
      const work = (async (p: Page) => {
        const { head, body } = splitDocument(html);
        if (this.heads.get(p) === head) {
          // The page already has this head (styles and the inlined fonts, most of the
          // document's size): replace the body only, and wait for its images.
          await this.swapBody(p, body);
        } else {
          await this.load(p, html, head);
        }
        return this.print(p, options.landscape ?? false);
      })(page);
      // Lost to a timeout or a crash, it must still not reject unhandled.
      work.catch(() => undefined);
      let lost: ((error: Error) => void) | undefined;
      const interrupted = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('render timeout')), this.config.PDF_TIMEOUT_MS);
        lost = reject;
        this.inFlight.add(reject);
      });
      const pdf = await Promise.race([work, interrupted]).finally(() =>
        this.inFlight.delete(lost!),
      );
      await this.collectIfHeavy(page);
      await this.relieveIfLarge(page);
      this.idle.push(page);
      page = undefined;
      return pdf;
    } finally {
      clearTimeout(timer);
      if (page) await page.close().catch(() => undefined);
      this.release();
    }
  }

  /**
   * A full garbage collection once a page's heap passes HEAP_LIMIT_MB: the
   * bodies a page swapped out are kept until Chromium feels pressed, so a
   * 2,000-certificate batch would grow the browser by hundreds of MB. A
   * collection costs about a render, hence only when the heap is heavy.
   */
  private async collectIfHeavy(page: Page): Promise<void> {
    const renders = (this.sinceHeapCheck.get(page) ?? 0) + 1;
    this.sinceHeapCheck.set(page, renders % HEAP_CHECK_EVERY);
    if (renders < HEAP_CHECK_EVERY) return;
    const { JSHeapUsedSize = 0 } = await page.metrics();
    if (JSHeapUsedSize < HEAP_LIMIT_MB * 1024 * 1024) return;
    const cdp = await page.createCDPSession();
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.detach();
  }

  /**
   * A memory pressure signal once the browser is larger than PDF_MEMORY_MB:
   * Chromium then frees its caches and returns freed memory to the system.
   * Without it, the browser grew by a tenth of a megabyte a certificate
   * (500 certificates 490 MB, 2,000 certificates 650 MB); with it after every
   * render, both stayed under 460 MB, but batches were a fifth slower (the
   * caches are filled again), hence only past the limit. Read from /proc (the
   * PDF browser is one process); elsewhere, never. Read at most every
   * MEMORY_LOOK_MS: a read after every single certificate cost half a
   * millisecond of its 15, and the browser grows by a tenth of a megabyte a
   * certificate, a chunk of a batch takes longer than that anyway.
   */
  private async relieveIfLarge(page: Page): Promise<void> {
    const now = performance.now();
    if (now - this.memoryLookedAt < MEMORY_LOOK_MS) return;
    this.memoryLookedAt = now;
    const pid = await this.browserPid();
    const statm = pid && (await readFile(`/proc/${pid}/statm`, 'utf8').catch(() => null));
    if (!statm) return;
    const residentMb = (Number(statm.split(' ')[1]) * 4096) / 1024 / 1024;
    if (residentMb < this.config.PDF_MEMORY_MB) return;
    await this.sessions
      .get(page)!
      .send('Memory.simulatePressureNotification', { level: 'moderate' });
  }

  /**
   * Off the request path, at start-up: launches the browser and loads a
   * document in a pooled page (its head: the styles and inlined fonts the
   * next renders share), then prints it once, and once more after swapping
   * its body as every later render does (the first swap in a new browser
   * took up to 150 ms), so that the first PDF a user asks for costs what
   * any other does. Failures are logged, never thrown: the first render then
   * starts the browser itself.
   */
  async warmUp(html: string): Promise<void> {
    const executablePath = await this.executable();
    if (!executablePath) return;
    await this.acquire();
    try {
      const page = await this.page(executablePath);
      const { head, body } = splitDocument(html);
      await this.load(page, html, head);
      await this.print(page, true);
      await this.swapBody(page, body);
      await this.print(page, true);
      this.idle.push(page);
    } catch (error) {
      this.logger.warn(`The browser could not be warmed up: ${(error as Error).message}`);
    } finally {
      this.release();
    }
  }

  /** Peak-memory probe for benchmarks: the browser's process id. */
  async browserPid(): Promise<number | undefined> {
    return this.browser ? (await this.browser).process()?.pid : undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close().catch(() => undefined);
  }
}
