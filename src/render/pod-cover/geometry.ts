/**
 * The wraparound cover's geometry, in points: back, spine and front side by side, the bleed
 * around all of them. Pure: the page count and the paper in, every box out.
 */
export interface Rect {
  /** From the sheet's left edge. */
  x: number;
  /** From the sheet's top edge. */
  y: number;
  width: number;
  height: number;
}

export interface CoverGeometry {
  pages: number;
  ppi: number;
  bleed: number;
  /** The book's trim size: one cover panel. */
  trim: { width: number; height: number };
  /** pages / ppi inches. */
  spineWidth: number;
  /** The whole sheet, bleed included: the media box and the bleed box. */
  sheet: { width: number; height: number };
  back: Rect;
  spine: Rect;
  front: Rect;
  /** The trimmed cover (back + spine + front), in PDF coordinates (from the bottom left). */
  trimBox: { x: number; y: number; width: number; height: number };
  /** The clear area for the printer's barcode, on the back near the spine and the foot. */
  barcode: Rect;
  /** Whether the spine is wide enough to carry the title and the author. */
  spineText: boolean;
}

/** Narrower than a quarter of an inch, a spine's text would wander onto the covers (most printers' rule). */
export const MIN_SPINE_FOR_TEXT = 18;
/** The usual barcode box, 2 × 1.2 in, a quarter of an inch from the trim. */
const BARCODE = { width: 144, height: 86.4, inset: 18 };

export function coverGeometry(input: {
  pageWidth: number;
  pageHeight: number;
  pages: number;
  ppi: number;
  bleed: number;
}): CoverGeometry {
  const { pageWidth, pageHeight, pages, ppi, bleed } = input;
  const spineWidth = (pages / ppi) * 72;
  const sheet = { width: 2 * pageWidth + spineWidth + 2 * bleed, height: pageHeight + 2 * bleed };
  const back = { x: bleed, y: bleed, width: pageWidth, height: pageHeight };
  const spine = { x: bleed + pageWidth, y: bleed, width: spineWidth, height: pageHeight };
  const front = { x: bleed + pageWidth + spineWidth, y: bleed, width: pageWidth, height: pageHeight };
  const barcode = {
    x: back.x + back.width - BARCODE.inset - BARCODE.width,
    y: back.y + back.height - BARCODE.inset - BARCODE.height,
    width: BARCODE.width,
    height: BARCODE.height,
  };
  return {
    pages,
    ppi,
    bleed,
    trim: { width: pageWidth, height: pageHeight },
    spineWidth,
    sheet,
    back,
    spine,
    front,
    trimBox: { x: bleed, y: bleed, width: 2 * pageWidth + spineWidth, height: pageHeight },
    barcode,
    spineText: spineWidth >= MIN_SPINE_FOR_TEXT,
  };
}

/** A length in points as inches, for messages: "0.214in". */
export function inches(pt: number): string {
  return `${Math.round((pt / 72) * 1000) / 1000}in`;
}
