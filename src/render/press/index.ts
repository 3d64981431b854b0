/**
 * The press-ready PDF (output "press"): the print edition, laid out with the press bleed and crop
 * marks, converted by Ghostscript into a PDF/X in gray or CMYK with its OutputIntent; then the page
 * boxes are set and the result is checked (fonts embedded, no RGB left) before it may be written.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Book } from '../../book/book-types.js';
import type { Config } from '../../config/schema.js';
import { cssLengthToPt } from '../../util/lengths.js';
import { UserError } from '../../util/user-error.js';
import { pdfLib } from '../../util/pdf-lib-bundle.js';
import { convertPdf } from './ghostscript.js';
import { PDFX_VERSION } from './flavours.js';
import { imageConversionNotice, rasterAssets } from './images.js';
import { fontsForbiddingEmbedding } from './font-licence.js';

export { convertPdf, findGhostscript, GHOSTSCRIPT_INSTALL_HINT } from './ghostscript.js';
export { imageColour, imageConversionNotice } from './images.js';

/** A font the project's styles load whose licence forbids embedding stops the press output. */
export async function checkFontLicences(root: string): Promise<void> {
  const locked = await fontsForbiddingEmbedding(root);
  if (locked.length === 0) return;
  throw new UserError(
    `press: ${locked.join(', ')} may not be embedded (its licence, OS/2 fsType "restricted"), and a PDF/X ` +
      'needs every font embedded: Chromium would draw it as outlines, which print shops reject. ' +
      'Use a font whose licence allows embedding (every bundled font does).',
  );
}

export interface PressResult {
  pdf: Uint8Array;
  pages: number;
  /** Said with the step's result: images converted. */
  notices: string[];
}

/** The print settings the press-ready PDF is laid out with: the print edition's, with the press bleed and marks. */
export function pressPrintConfig(config: Config): Config['print'] {
  return { ...config.print, bleed: config.press.bleed, cropMarks: config.press.cropMarks };
}

/** Whether the press PDF needs a layout of its own, or the print edition's will do. */
export function pressNeedsOwnLayout(config: Config): boolean {
  const own = pressPrintConfig(config);
  const bleed = (value: string | undefined) => (value === undefined ? 0 : cssLengthToPt(value));
  return bleed(own.bleed) !== bleed(config.print.bleed) || own.cropMarks !== config.print.cropMarks;
}

/**
 * `trim` is the book's page size: Paged.js centres each page in its bleed (and crop-mark area), so
 * the trim box is that size in the middle of the sheet.
 */
export async function makePressPdf(
  book: Book,
  printPdf: Uint8Array,
  trim: { widthPt: number; heightPt: number },
  config: Config,
): Promise<PressResult> {
  const { press } = config;
  const { PDFDocument } = pdfLib();
  const source = await PDFDocument.load(printPdf, { updateMetadata: false });
  const trimBoxes = source.getPages().map((page) => {
    const media = page.getMediaBox();
    return {
      x: media.x + (media.width - trim.widthPt) / 2,
      y: media.y + (media.height - trim.heightPt) / 2,
      width: trim.widthPt,
      height: trim.heightPt,
    };
  });
  const images = rasterAssets(book.assets).map((asset) => ({
    name: path.relative(book.root, asset.path).split(path.sep).join('/'),
    bytes: fs.readFileSync(asset.path),
  }));
  const notices = [imageConversionNotice(images, press.color)].filter((n): n is string => !!n);

  const { pdf: converted } = await convertPdf(printPdf, {
    color: press.color,
    pdfx: press.pdfx,
    title: book.metadata.title,
    what: 'the press-ready PDF',
  });
  const doc = await PDFDocument.load(converted, { updateMetadata: false });
  const pages = doc.getPages();
  if (pages.length !== trimBoxes.length)
    throw new UserError(`Ghostscript made ${pages.length} pages of the ${trimBoxes.length} of the press-ready PDF.`, 2);
  const bleed = cssLengthToPt(press.bleed);
  pages.forEach((page, i) => {
    const trim = trimBoxes[i];
    const media = page.getMediaBox();
    page.setTrimBox(trim.x, trim.y, trim.width, trim.height);
    const x = Math.max(media.x, trim.x - bleed);
    const y = Math.max(media.y, trim.y - bleed);
    const right = Math.min(media.x + media.width, trim.x + trim.width + bleed);
    const top = Math.min(media.y + media.height, trim.y + trim.height + bleed);
    page.setBleedBox(x, y, right - x, top - y);
  });
  checkPress(doc, PDFX_VERSION[press.pdfx]);
  // PDF 1.3 (what PDF/X-1a:2001 and X-3:2002 are built on) has no object streams; pdf-lib always
  // writes a 1.7 header, put back to the 1.3 Ghostscript wrote (same length, nothing moves).
  const pdf = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  pdf.set(Buffer.from('%PDF-1.3', 'latin1'), 0);
  return { pdf, pages: pages.length, notices };
}

/**
 * What a print shop's preflight rejects, looked for in the converted file: a font not embedded
 * (its licence forbids it, and Ghostscript then leaves it out), or RGB left anywhere.
 */
function checkPress(doc: import('pdf-lib').PDFDocument, flavour: string): void {
  const { PDFDict, PDFName, PDFRawStream } = pdfLib();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFRawStream ? object.dict : object instanceof PDFDict ? object : undefined;
    if (!dict) continue;
    if (dict.get(PDFName.of('Type')) === PDFName.of('FontDescriptor')) {
      const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((key) => dict.has(PDFName.of(key)));
      if (!embedded) {
        const name = String(dict.get(PDFName.of('FontName')) ?? 'a font').replace(/^\/(\w{6}\+)?/, '');
        throw new UserError(
          `press: the font ${name} could not be embedded (its licence may forbid it), and ${flavour} needs ` +
            'every font embedded: use a font that allows embedding in styles/print.css.',
        );
      }
    }
    const colourSpace = dict.get(PDFName.of('ColorSpace'));
    if (colourSpace === PDFName.of('DeviceRGB'))
      throw new UserError(`press: RGB colour is left after the conversion to ${flavour}; please report this.`, 2);
  }
}
