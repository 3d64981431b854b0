import type { Page } from 'puppeteer-core';
import type { PageStart } from '../../book/blocks.js';
import type { Book } from '../../book/book-types.js';
import type { Config } from '../../config/schema.js';
import { labelsFor } from '../../templates/labels.js';
import { sourceDateEpoch } from '../../util/source-date.js';
import { assemblePrintHtml } from './html.js';
import { PAGED } from './page/contract.js';
import type { FinishOptions, LayoutOptions, LineBreaking } from './page/entry.js';
import { pageGeometry } from './page-setup.js';
import { servedFontUrl } from './fonts.js';
import { stableNoteIds } from './pagedjs.js';
import { pageScript } from './page-script.js';
import { ORIGIN, pagedJs, releasePreparedPage, takePreparedPage } from './prepared-page.js';
import { postProcessPdf, preparePostProcessing, type OutlineEntry } from './pdf.js';
import { PRINTED_TEXT_NAMES, assertEveryWordPrinted, bookTextSources, collectPrintedText } from './word-check.js';
import type { PrintBrowser } from './browser.js';

export { launchBrowser, type BrowserOptions, type PrintBrowser } from './browser.js';
export { requestDecision, type RequestDecision } from './prepared-page.js';

export interface PrintOptions {
  /** The browser, or its launch still under way (the HTML is assembled meanwhile). */
  browser: PrintBrowser | Promise<PrintBrowser>;
  print: Config['print'];
  /** Let the page load http(s) resources (config browser.allowRemote). */
  allowRemote?: boolean;
  onProgress?: (pagesLaidOut: number) => void;
  /** Unix seconds for the PDF's dates (reproducible builds); default: SOURCE_DATE_EPOCH, else now. */
  sourceDateEpoch?: number;
  /** Front and back covers (config `cover`); none when absent. */
  cover?: Config['cover'];
  /**
   * Style rules after all others that change colours only, never the layout (a riso drum shows
   * some parts and hides the rest). Such a rendering skips the every-word check: its words are the
   * print edition's, checked there, and the hidden ones belong on another drum.
   */
  colourOnlyCss?: string;
}

export interface PrintResult {
  pdf: Uint8Array;
  pages: number;
  /**
   * Where each page holding chapter text begins in Book terms (front matter, endnote, blank and back pages are not
   * listed).
   */
  pageStarts: PageStart[];
  /** The laid-out HTML, for --html: only filled when `print.html` is true (empty otherwise). */
  html: string;
  /** The trim size of a page. */
  pageSize: { widthPt: number; heightPt: number };
}

/**
 * The HTML of the print edition before layout: self-contained (fonts and styles inline), with a
 * `<base>` at the project folder so relative image paths load when it is opened as a file. Add
 * Paged.js's polyfill to preview it (watch), or give it to pagedjs-cli (bench).
 */
export function printHtml(book: Book, print: Config['print']): string {
  return assemblePrintHtml(book, print);
}

/**
 * The print edition as the live preview lays it out in the person's own browser: the same page
 * (covers included), the same scripts (Paged.js and our handlers) and the same layout and finish
 * steps renderPrint runs, so the preview has the PDF's pages and page breaks.
 */
export interface PrintPreview {
  html: string;
  /** Paged.js, then our handlers (page-script.ts), to load in this order. */
  scripts: [pagedJs: string, handlers: string];
  layout: LayoutOptions;
  finish: FinishOptions;
}

export async function printPreview(book: Book, print: Config['print'], cover?: Config['cover']): Promise<PrintPreview> {
  return {
    html: assemblePrintHtml(book, print, { cover }),
    scripts: [pagedJs(), await pageScript()],
    layout: layoutOptions(print),
    finish: finishOptions(print),
  };
}

/** How the page is laid out: Knuth–Plass line breaking unless print.lineBreaking (or PAMPHLETEER_LINE_BREAKING) says "browser". */
function layoutOptions(print: Config['print']): LayoutOptions {
  return { lineBreaking: lineBreakingOverride() ?? print.lineBreaking };
}

/** What is done once the pages are laid out: padding, the page map, soft hyphens. */
function finishOptions(print: Config['print']): FinishOptions {
  return {
    padTo: print.padToMultipleOf4 ? 4 : 1,
    lineBreaking: layoutOptions(print).lineBreaking,
  };
}

/**
 * Lays the Book out with Paged.js 0.4.3 in the caller's browser and returns the PDF (nothing is
 * written to disk). The book is written into a page prepared with Paged.js and our handlers; the
 * page goes back to its browser for the next book once this one is done, or is closed when anything
 * failed, so a broken layout never reaches another book.
 */
export async function renderPrint(book: Book, options: PrintOptions): Promise<PrintResult> {
  const { print } = options;
  const geometry = pageGeometry(print);
  const remote = options.allowRemote ? ' https: http:' : '';
  // Manuscript HTML never runs: no script source is allowed at all. Paged.js and our handlers were
  // loaded before the book's document (and its policy) was written into the page.
  const csp =
    `default-src 'none'; script-src 'none'; style-src 'unsafe-inline' ${ORIGIN}${remote}; ` +
    `font-src data: ${ORIGIN}${remote}; img-src data: ${ORIGIN}${remote}`;
  const timing = phaseTimer(!!process.env.PAMPHLETEER_DEBUG?.includes('timing'));
  // The page is prepared (a tab, Paged.js and our handlers loaded and compiled) while the HTML is
  // assembled here: when the browser is up already, once its scripts are on their way to it. A
  // browser still starting is not waited for: the HTML is assembled meanwhile (it blocks this
  // thread, so the page is prepared after it).
  let scriptsSent!: () => void;
  const sent = new Promise<void>((resolve) => (scriptsSent = resolve));
  const taking = takePreparedPage(options.browser, csp, scriptsSent);
  taking.then(scriptsSent, scriptsSent);
  if (await isSettled(options.browser)) await sent;
  timing('scripts sent');
  let html: string;
  try {
    html = assemblePrintHtml(book, print, {
      baseHref: `${ORIGIN}/`,
      csp,
      cover: options.cover,
      fontUrl: servedFontUrl(ORIGIN),
      extraCss: options.colourOnlyCss,
    });
  } catch (err) {
    // The page being prepared is untouched: the next book takes it.
    taking.then((prepared) => releasePreparedPage(prepared.browser, csp, prepared)).catch(() => undefined);
    throw err;
  }
  timing('html');
  const browser = await options.browser;
  const prepared = await taking;
  timing('prepared page');
  const { page } = prepared;
  prepared.job = { root: book.root, allowRemote: !!options.allowRemote, onProgress: options.onProgress };
  try {
    const result = await layOutAndPrint(book, options, page, html, geometry, timing);
    releasePreparedPage(browser, csp, prepared);
    return result;
  } catch (err) {
    prepared.job = undefined;
    await page.close().catch(() => undefined);
    throw err;
  }
}

async function layOutAndPrint(
  book: Book,
  options: PrintOptions,
  page: Page,
  html: string,
  geometry: ReturnType<typeof pageGeometry>,
  timing: (phase: string) => void,
): Promise<PrintResult> {
  const { print } = options;
  // document.open: a new document in the same window, which keeps Paged.js and our handlers.
  await page.setContent(html, { waitUntil: 'load' });
  timing('content');
  // Knuth–Plass line breaking on the source DOM (page/line-breaking.ts) unless print.lineBreaking
  // is "browser". PAMPHLETEER_LINE_BREAKING overrides the config, for debugging.
  const layoutOpts = layoutOptions(print);
  const { lineBreaking } = layoutOpts;
  const layingOut = page.evaluate((options) => window.pamphleteer!.layout(options), layoutOpts);
  // The PDF library loads on this thread while the page is laid out in the browser's.
  preparePostProcessing();
  const textSources = bookTextSources(book);
  const laidOut = await layingOut;
  timing('layout');
  options.onProgress?.(laidOut);

  const layout = await page.evaluate((finish) => window.pamphleteer!.finish(finish), finishOptions(print));
  timing('finish');
  if (lineBreaking === 'knuth-plass' && process.env.PAMPHLETEER_DEBUG?.includes('lines')) {
    for (const line of await page.evaluate(() => window.pamphleteer!.rewrappedLines()))
      console.error(`[line wrapped again] ${line}`);
  }
  // Every word of the Book visible on a page, or no PDF (see word-check.ts).
  const printed = await page.evaluate(
    collectPrintedText,
    Object.fromEntries(book.notes.map((n) => [n.id, n.number])),
    PRINTED_TEXT_NAMES,
  );
  if (options.colourOnlyCss === undefined) assertEveryWordPrinted(textSources, printed);
  timing('word check');
  const trimBox = geometry.bleed ? await trimBoxOf(page) : undefined;
  await page.evaluate(stableNoteIds);
  // Serializing the laid-out DOM costs time on long books: only when --html asks for it.
  const laidOutHtml = print.html ? await page.content() : '';
  timing('laid-out html');
  const rawPdf = await printToPdf(page);
  timing('printToPDF');

  const pdf = await postProcessPdf({
    pdf: rawPdf,
    metadata: book.metadata,
    outline: outlineOf(book, layout),
    trimBox,
    date: epochDate(options.sourceDateEpoch ?? sourceDateEpoch()),
  });
  timing('pdf-lib');
  return {
    pdf,
    pages: layout.pages,
    pageStarts: layout.pageStarts.map((s) => {
      const cut = s.block.lastIndexOf('/');
      return {
        page: s.page,
        chapterId: s.block.slice(0, cut),
        block: Number(s.block.slice(cut + 1)),
        offset: s.offset,
      };
    }),
    html: laidOutHtml,
    pageSize: { widthPt: geometry.widthPt, heightPt: geometry.heightPt },
  };
}

/** The page's origin, for tests and callers that build URLs into the page. */
export const PRINT_PAGE_ORIGIN = ORIGIN;

/** Whether a value (or the promise of one) has settled, after the microtasks already queued. */
async function isSettled(value: unknown): Promise<boolean> {
  const pending = {};
  return (
    (await Promise.race([
      Promise.resolve(value).then(
        () => true,
        () => true,
      ),
      pending,
    ])) !== pending
  );
}

/**
 * The PDF of the laid-out page: tagged (a structure tree for screen readers and reflow), with
 * bookmarks from the headings where Paged.js laid them out; size from CSS @page only. No timeout:
 * a long book on a loaded machine takes what it takes, and Ctrl-C still stops it.
 */
export async function printToPdf(page: Page, { tagged = true } = {}): Promise<Uint8Array> {
  return page.pdf({
    printBackground: true,
    preferCSSPageSize: true,
    margin: { top: 0, bottom: 0, left: 0, right: 0 },
    tagged,
    outline: tagged,
    timeout: 0,
  });
}

async function trimBoxOf(page: Page): Promise<{ x: number; y: number; width: number; height: number } | undefined> {
  return page.evaluate((paged) => {
    const sheet = document.querySelector(`.${paged.page}`);
    const box = sheet?.querySelector(`.${paged.pagebox}`);
    if (!sheet || !box) return undefined;
    const outer = sheet.getBoundingClientRect();
    const inner = box.getBoundingClientRect();
    const pt = (px: number) => px * 0.75;
    // PDF y runs upwards from the bottom of the media box. The sheet's bottom edge says nothing
    // (Paged.js's print styles make a page 100% of the window high), but the bleed is the same on
    // every side: the trim box sits as far from the bottom as from the top.
    return {
      x: pt(inner.left - outer.left),
      y: pt(inner.top - outer.top),
      width: pt(inner.width),
      height: pt(inner.height),
    };
  }, PAGED);
}

/** Bookmarks: the text's opening, then every section heading (h3 under its h2), notes and about. */
function outlineOf(
  book: Book,
  layout: {
    pageStarts: { page: number }[];
    headings: { id: string; text: string; level: number; page: number; top: number }[];
  },
): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  const firstText = layout.pageStarts[0]?.page;
  if (firstText && book.chapters[0] && !book.chapters[0].title)
    entries.push({ title: book.metadata.title, page: firstText, topPt: 0 });
  const known = new Set(book.headings.map((h) => h.id));
  const labels = labelsFor(book.metadata.lang, book.metadata.labels);
  const extra: Record<string, string> = { 'notes-heading': labels.notes, 'about-the-author': labels.aboutTheAuthor };
  let parent: OutlineEntry | undefined;
  for (const h of layout.headings) {
    if (!known.has(h.id) && !(h.id in extra)) continue;
    const entry: OutlineEntry = { title: h.text || extra[h.id], page: h.page, topPt: Math.max(0, h.top * 0.75 - 6) };
    if (h.level >= 3 && parent) {
      parent.children ??= [];
      parent.children.push(entry);
    } else {
      entries.push(entry);
      parent = h.level === 2 ? entry : undefined;
    }
  }
  return entries;
}

/** PAMPHLETEER_LINE_BREAKING=knuth-plass|browser: a debugging override of print.lineBreaking. */
function lineBreakingOverride(): LineBreaking | undefined {
  const value = process.env.PAMPHLETEER_LINE_BREAKING;
  return value === 'knuth-plass' || value === 'browser' ? value : undefined;
}

/** Logs the time since the previous call (PAMPHLETEER_DEBUG=timing). */
function phaseTimer(enabled: boolean): (phase: string) => void {
  let last = performance.now();
  return (phase) => {
    if (!enabled) return;
    const now = performance.now();
    console.error(`[print timing] ${phase}: ${Math.round(now - last)} ms (at ${Math.round(now)})`);
    last = now;
  };
}

function epochDate(epoch: number | undefined): Date | undefined {
  return epoch === undefined ? undefined : new Date(epoch * 1000);
}
