/**
 * Public API of the imposition engine, for `pamphleteer impose` and the build:
 *
 *   const { bytes } = await imposePdf(pdfBytes, { layout: 'booklet', flip: 'short' });
 */
import { PDFDict, PDFDocument, PDFName, ParseSpeeds } from './pdf-lib.js';
import { ImposeError } from './impose-error.js';
import { DEFAULT_LAYOUT, layoutNamed } from './layouts/index.js';
import type { LayoutName } from './layouts/index.js';
import { checkPlanOptions, parseLength, parseSheet } from './options.js';
import { planCheckedImposition } from './plan.js';
import type { Flip, ImpositionPlan } from './plan-types.js';
import { readSourcePages } from './source.js';
import { SHEET_NAMES, landscape, oriented, paperSizePt } from '../util/lengths.js';
import type { SheetName, Size } from '../util/lengths.js';
import { writeImposition, type WriteResult } from './writer.js';

export { ImposeError } from './impose-error.js';
export type { ImposeErrorCode } from './impose-error.js';
export { LAYOUTS, LAYOUT_NAMES, DEFAULT_LAYOUT, layoutNamed } from './layouts/index.js';
export type { LayoutName, LayoutScheme } from './layouts/index.js';
export { FLIPS } from './plan-types.js';
export type {
  Edge,
  Flip,
  Guide,
  ImpositionPlan,
  PlanOptions,
  PlannedCell,
  PlannedSheet,
  PlannedSide,
} from './plan-types.js';
export { paddingNote, planImposition, readingOrder } from './plan.js';
export { parseLength, parseSheet } from './options.js';
export { sheetSidePreview } from './preview.js';
export type { PreviewOptions, SidePreview } from './preview.js';

/** A sheet's width and height in points, oriented as printed. */
export type SheetSize = Size;

export interface ImposeOptions {
  /** Default `booklet`. */
  layout?: LayoutName;
  /** A preset name, `<w>x<h><unit>`, or a size in points. Default: see {@link defaultSheet}. */
  sheet?: string | SheetSize;
  /** Duplex flip the sheets will be printed with. Default `short`. */
  flip?: Flip;
  /** Pages per signature, a multiple of 4 (a number, or its digits as the command line gives them). */
  signature?: number | string;
  /** Keep the last input page as the back cover, padding blanks before it. */
  cover?: boolean;
  /** Paper thickness: a length such as `0.1mm`, or points. Default 0. */
  creep?: string | number;
  /** Fold, cut and crop marks, in a margin around the page area. */
  marks?: boolean;
  /** Right-to-left binding. */
  rtl?: boolean;
  /** Push pages against the spine instead of centring them in their cells. */
  gutter?: boolean;
}

export interface ImposeResult {
  bytes: Uint8Array;
  /** Physical sheets of paper. */
  sheets: number;
  /** Sheet sides, i.e. pages of the output PDF. */
  sides: number;
  /** Pages of the input. */
  pages: number;
  plan: ImpositionPlan;
  /** The sheet used, in points, oriented as printed. */
  sheet: SheetSize;
  sheetName: string;
  /** How much the pages were shrunk to fit their cells (1: full size). */
  pageScale: number;
}

/**
 * The default sheet: the smallest preset that holds two pages side by side at
 * full size (half-letter → letter, A5 → A4). The same rule for every layout
 * keeps home-printer paper the default: quarter-letter pages make a `quarter`
 * on letter at full size, and half-letter pages make a `quarter` or `minizine`
 * on letter, scaled down, rather than ask for tabloid. Pages too big for any
 * preset go on letter, scaled down. `pageSize` is the first page as displayed
 * (TrimBox or CropBox, after /Rotate).
 */
export function defaultSheet(layout: LayoutName, pageSize: SheetSize): { name: SheetName; size: SheetSize } {
  const tolerance = 1; // points: rounding in page sizes must not push A5 off A4
  const area = (name: SheetName) => paperSizePt(name).width * paperSizePt(name).height;
  const byArea = [...SHEET_NAMES].sort((a, b) => area(a) - area(b));
  const holdsTwoUp = (name: SheetName) => {
    const sheet = landscape(paperSizePt(name));
    return 2 * pageSize.width <= sheet.width + tolerance && pageSize.height <= sheet.height + tolerance;
  };
  const name = byArea.find(holdsTwoUp) ?? 'letter';
  return { name, size: oriented(paperSizePt(name), layoutNamed(layout).orientation) };
}

function looksLikePdf(bytes: Uint8Array): boolean {
  // The header may follow some junk, which readers tolerate within the first kilobyte.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

/**
 * Object streams compress the small objects: worth it (and needed to stay
 * within 1.2x the input's size) when the input had them, but saving without
 * them is ~30% faster, and an input without them is no smaller.
 */
function usesObjectStreams(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf('/ObjStm') !== -1;
}

/** The trailer's (or cross-reference stream's) /Encrypt entry. */
const ENCRYPT_ENTRY = /\/Encrypt\s*(?:\d+\s+\d+\s+R|<<)/;

async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  if (bytes.length === 0) throw new ImposeError('not-pdf', 'not a PDF: the file is empty');
  if (!looksLikePdf(bytes)) throw new ImposeError('not-pdf', 'not a PDF: the file does not start with %PDF-');
  // Checked before parsing: encrypted objects would only look like damage to the parser.
  if (ENCRYPT_ENTRY.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1'))) {
    throw new ImposeError(
      'encrypted-pdf',
      'encrypted PDF: decrypt it first, for example with `qpdf --decrypt in.pdf out.pdf`',
    );
  }
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      parseSpeed: ParseSpeeds.Fastest,
      // pdf-lib would otherwise patch over damaged objects and warn on the console.
      throwOnInvalidObject: true,
    });
  } catch (error) {
    const offset = /offset"?[=:](\d+)/.exec((error as Error).message)?.[1];
    const where = offset ? ` near byte ${offset}` : '';
    throw new ImposeError('broken-pdf', `broken PDF: it is damaged or truncated${where} and cannot be parsed`, {
      cause: error,
    });
  }
  if (!(doc.catalog instanceof PDFDict) || !doc.catalog.get(PDFName.of('Pages'))) {
    throw new ImposeError('broken-pdf', 'broken PDF: it has no document catalog or page tree (damaged or truncated)');
  }
  if (doc.isEncrypted) {
    throw new ImposeError(
      'encrypted-pdf',
      'encrypted PDF: decrypt it first, for example with `qpdf --decrypt in.pdf out.pdf`',
    );
  }
  return doc;
}

/** The sheet asked for, as given (not yet oriented), checked before the PDF is read. */
function givenSheet(option: ImposeOptions['sheet']): { name: string; size: SheetSize } | undefined {
  if (option === undefined) return undefined;
  if (typeof option === 'string') return { name: option.trim().toLowerCase(), size: parseSheet(option) };
  if (!(option.width > 0 && option.height > 0))
    throw new ImposeError('bad-option', `invalid sheet: width and height must be positive`);
  return { name: 'custom', size: option };
}

function resolveSheet(
  given: { name: string; size: SheetSize } | undefined,
  layout: LayoutName,
  firstPage: SheetSize,
): { name: string; size: SheetSize } {
  if (given === undefined) return defaultSheet(layout, firstPage);
  return { name: given.name, size: oriented(given.size, layoutNamed(layout).orientation) };
}

/** Imposes a PDF held in memory. Throws ImposeError (one-line message) for bad input or options. */
export async function imposePdf(input: Uint8Array, options: ImposeOptions = {}): Promise<ImposeResult> {
  const layout = options.layout ?? DEFAULT_LAYOUT;
  // Every option is checked once, here, before the PDF is parsed, so a mistyped flag is reported first.
  const planOptions = checkPlanOptions({
    layout,
    flip: options.flip,
    signature: options.signature,
    cover: options.cover,
    rtl: options.rtl,
  });
  const sheetAskedFor = givenSheet(options.sheet);
  const creep = typeof options.creep === 'string' ? parseLength(options.creep, 'creep') : (options.creep ?? 0);
  if (!(creep >= 0))
    throw new ImposeError('bad-option', `invalid creep "${options.creep}": expected a length of zero or more`);

  const doc = await loadPdf(input);
  const sources = readSourcePages(doc);
  const plan = planCheckedImposition(sources.length, planOptions);
  const sheet = resolveSheet(sheetAskedFor, layout, {
    width: sources[0].displayWidth,
    height: sources[0].displayHeight,
  });

  // Pages larger than their cell are shrunk; creep must not push them off the paper.
  const cell = { width: sheet.size.width / plan.grid.cols, height: sheet.size.height / plan.grid.rows };
  const page = { width: sources[0].displayWidth, height: sources[0].displayHeight };
  const pageScale = Math.min(1, cell.width / page.width, cell.height / page.height);
  const nested = Math.max(
    0,
    ...plan.sheets.flatMap((s) => s.sides.flatMap((side) => side.cells.map((c) => c.sheetsOutside))),
  );
  const maxShift = (page.width * pageScale) / 10;
  if (creep * nested > maxShift) {
    const mm = (pt: number) => `${Math.round((pt * 25.4 * 100) / 72) / 100}mm`;
    throw new ImposeError(
      'bad-option',
      `creep ${typeof options.creep === 'string' ? options.creep : mm(creep)} is too large: ` +
        `the innermost of ${nested + 1} nested sheets would move ${mm(creep * nested)} toward the spine, ` +
        `more than a tenth of the page width (${mm(maxShift)}); ` +
        `use 0 to ${mm(maxShift / nested)} (paper is about 0.1mm thick)`,
    );
  }

  let written: WriteResult;
  try {
    written = await writeImposition(doc, sources, plan, {
      sheet: sheet.size,
      marks: options.marks ?? false,
      gutter: options.gutter ?? false,
      creep,
      useObjectStreams: usesObjectStreams(input),
    });
  } catch (error) {
    if (error instanceof ImposeError) throw error;
    // pdf-lib parses leniently; damage it skipped shows up as missing objects here.
    throw new ImposeError('broken-pdf', `broken PDF: ${(error as Error).message}`, { cause: error });
  }
  return {
    bytes: written.bytes,
    sheets: plan.sheets.length,
    sides: written.sides,
    pages: sources.length,
    plan,
    sheet: sheet.size,
    sheetName: sheet.name,
    pageScale,
  };
}
