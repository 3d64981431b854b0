/**
 * Test PDFs made with pdf-lib: every page shows its own number in big type
 * ("P7") with an embedded, subset TrueType font, so read-back tools can find
 * where each page landed and pdffonts can list the font.
 */
import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { PDFDocument, PDFName, degrees, rgb } from 'pdf-lib';

export const FONT_PATH = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
export const HALF_LETTER = { width: 396, height: 612 };

export interface NumberedPdfOptions {
  size?: { width: number; height: number };
  /** Per-page size override (1-based page number → size). */
  sizeOf?: (pageNumber: number) => { width: number; height: number };
  /** Inset of a TrimBox on every page, in points. */
  trimInset?: number;
  /** /Rotate of every page. */
  rotate?: number;
  /** Lines of body text per page (to make files realistic). */
  bodyLines?: number;
}

export async function makeNumberedPdf(pageCount: number, options: NumberedPdfOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(FONT_PATH), { subset: true });
  for (let n = 1; n <= pageCount; n++) {
    const { width, height } = options.sizeOf?.(n) ?? options.size ?? HALF_LETTER;
    const page = doc.addPage([width, height]);
    const label = `P${n}`;
    const size = Math.min(width, height) / 4;
    const textWidth = font.widthOfTextAtSize(label, size);
    page.drawText(label, { x: (width - textWidth) / 2, y: height / 2 - size / 3, size, font, color: rgb(0, 0, 0) });
    for (let line = 0; line < (options.bodyLines ?? 0); line++) {
      page.drawText(`Line ${line + 1} of page ${n}: the quick brown fox jumps over the lazy dog.`, {
        x: 36,
        y: height - 48 - line * 12,
        size: 9,
        font,
      });
    }
    if (options.trimInset) {
      const i = options.trimInset;
      page.node.set(PDFName.of('TrimBox'), doc.context.obj([i, i, width - i, height - i]));
    }
    if (options.rotate) page.setRotation(degrees(options.rotate));
  }
  return doc.save();
}
