/**
 * The renderers the build runs, in one place: the print edition (Paged.js in a headless browser),
 * the EPUB, and the imposition of the print PDF into the zine. Each is loaded on first use, so
 * `check`, `--help` and an EPUB-only build never pay for loading puppeteer or pdf-lib.
 */
import type { Book } from '../book/book-types.js';
import type { Config } from '../config/schema.js';
import type { ImpositionPlan, SheetSize } from '../impose/index.js';
import type { EpubOptions, EpubPackage } from '../render/epub/index.js';
import type { BrowserOptions, PrintBrowser, PrintOptions, PrintPreview, PrintResult } from '../render/print/index.js';

export type { PrintBrowser, PrintResult };

const printModule = () => import('../render/print/index.js');
const imposeModule = () => import('../impose/index.js');

export async function launchBrowser(options?: BrowserOptions): Promise<PrintBrowser> {
  return (await printModule()).launchBrowser(options);
}

export async function renderPrint(book: Book, options: PrintOptions): Promise<PrintResult> {
  return (await printModule()).renderPrint(book, options);
}

export async function printPreview(book: Book, config: Pick<Config, 'print' | 'cover'>): Promise<PrintPreview> {
  return (await printModule()).printPreview(book, config.print, config.cover);
}

export async function renderEpub(book: Book, options?: EpubOptions): Promise<Uint8Array> {
  return (await import('../render/epub/index.js')).renderEpub(book, options);
}

/** The EPUB with its reading order (watch's preview lists and serves its documents). */
export async function renderEpubPackage(book: Book, options?: EpubOptions): Promise<EpubPackage> {
  return (await import('../render/epub/index.js')).renderEpubPackage(book, options);
}

export interface ImposedZine {
  pdf: Uint8Array;
  sheets: number;
  plan: ImpositionPlan;
  sheet: SheetSize;
}

/** The zine: the print PDF imposed with the config's zine settings (validated by the config schema). */
export async function imposeZine(pdf: Uint8Array, zine: Config['zine']): Promise<ImposedZine> {
  const { bytes, sheets, plan, sheet } = await (await imposeModule()).imposePdf(pdf, zine);
  return { pdf: bytes, sheets, plan, sheet };
}

/** Pictures of each sheet side of a zine, with page numbers and fold and cut lines. */
export async function zineSidePictures(zine: ImposedZine) {
  return (await imposeModule()).sheetSidePreview(zine.plan, { sheet: zine.sheet });
}
