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

/** The print-on-demand wraparound cover, from the print edition's page count and trim size. */
export async function renderPodCover(
  book: Book,
  options: import('../render/pod-cover/index.js').PodCoverOptions,
): Promise<import('../render/pod-cover/index.js').PodCoverResult> {
  return (await import('../render/pod-cover/index.js')).renderPodCover(book, options);
}

export interface PressOutput {
  pdf: Uint8Array;
  pages: number;
  notices: string[];
}

/**
 * The press-ready PDF: the print edition (laid out again when the press bleed or marks differ from
 * the print edition's) converted to PDF/X by Ghostscript.
 */
export async function renderPress(
  book: Book,
  config: Config,
  print: PrintResult,
  layout: (print: Config['print']) => Promise<PrintResult>,
): Promise<PressOutput> {
  const press = await import('../render/press/index.js');
  // Ghostscript and the fonts' licences are looked at first: either stops the build before a second layout.
  press.findGhostscript();
  await press.checkFontLicences(book.root);
  const source = press.pressNeedsOwnLayout(config) ? await layout(press.pressPrintConfig(config)) : print;
  return press.makePressPdf(book, source.pdf, source.pageSize, config);
}

export interface RisoOutput {
  drums: { ink: import('../render/riso/index.js').RisoInk; pdf: Uint8Array }[];
  preview: Uint8Array;
}

/**
 * Riso separations: the print edition laid out once per drum with that drum's colours, each the
 * same number of pages as the print edition (else they would not register), made gray and marked,
 * imposed like the zine when asked, and overprinted for the preview.
 */
export async function renderRiso(
  book: Book,
  config: Config,
  print: PrintResult,
  layout: (colourOnlyCss: string) => Promise<PrintResult>,
  impose: (pdf: Uint8Array) => Promise<Uint8Array>,
): Promise<RisoOutput> {
  const riso = await import('../render/riso/index.js');
  const { findGhostscript } = await import('../render/press/index.js');
  findGhostscript();
  const roles = riso.drumRoles(config.riso);
  const drums: RisoOutput['drums'] = [];
  for (const [i, role] of roles.entries()) {
    const ink = config.riso.inks[i];
    const laidOut = await layout(riso.drumCss(role, config.riso));
    if (laidOut.pages !== print.pages)
      throw new Error(`the ${ink} drum has ${laidOut.pages} pages, the print edition ${print.pages}`);
    let pdf = await riso.grayDrum(laidOut.pdf, ink, book.metadata.title);
    if (config.riso.impose) pdf = await impose(pdf);
    drums.push({ ink, pdf });
  }
  return { drums, preview: await riso.overprintPreview(drums) };
}
