/**
 * The pure imposition planner: page count and options in, sheets → sides →
 * cells out. No I/O and no geometry in points; the writer and the preview
 * both draw exactly what this returns.
 */
import { ImposeError } from './impose-error.js';
import type { LayoutName, LayoutScheme } from './layouts/index.js';
import type { SchemeCell } from './layouts/scheme.js';
import { checkPlanOptions, type CheckedPlanOptions } from './options.js';
import type { Edge, ImpositionPlan, PlanOptions, PlannedCell, PlannedSheet } from './plan-types.js';

/**
 * Reading order of the folded booklet: input pages then padding blanks, or
 * with `cover` the blanks just before the last page so it stays the back cover.
 */
export function readingOrder(pageCount: number, padMultiple: number, cover: boolean): (number | null)[] {
  const padded = Math.ceil(pageCount / padMultiple) * padMultiple;
  const blanks: null[] = Array(padded - pageCount).fill(null);
  const pages = Array.from({ length: pageCount }, (_, i) => i);
  if (cover && pageCount >= 2) return [...pages.slice(0, -1), ...blanks, pageCount - 1];
  return [...pages, ...blanks];
}

/** Splits the reading order into signatures of `signature` slots; the last may be shorter. */
function signatureRanges(slotCount: number, signature: number | null): { first: number; count: number }[] {
  const size = signature ?? slotCount;
  const ranges = [];
  for (let first = 0; first < slotCount; first += size)
    ranges.push({ first, count: Math.min(size, slotCount - first) });
  return ranges;
}

const MIRRORED_EDGE: Record<Edge, Edge> = { left: 'right', right: 'left', top: 'top', bottom: 'bottom' };
const TURNED_EDGE: Record<Edge, Edge> = { left: 'right', right: 'left', top: 'bottom', bottom: 'top' };

/** Right-to-left binding is the left-to-right sheet seen in a mirror (pages stay upright). */
function mirrorLeftRight(cell: SchemeCell, cols: number): SchemeCell {
  return { ...cell, col: cols - 1 - cell.col, spineEdge: MIRRORED_EDGE[cell.spineEdge] };
}

/** The other duplex flip lands the back upside down, so the back is printed turned 180°. */
function turnHalf(cell: SchemeCell, cols: number, rows: number): SchemeCell {
  return {
    ...cell,
    col: cols - 1 - cell.col,
    row: rows - 1 - cell.row,
    rotation: cell.rotation === 0 ? 180 : 0,
    spineEdge: TURNED_EDGE[cell.spineEdge],
  };
}

/** The page count, checked for the layout: something to impose, no more than the layout holds. */
function checkPageCount(pageCount: number, scheme: LayoutScheme<LayoutName>): void {
  if (!Number.isInteger(pageCount) || pageCount < 1) {
    throw new ImposeError('empty-pdf', `nothing to impose: the document has ${pageCount} pages`);
  }
  if (scheme.maxPages !== undefined && pageCount > scheme.maxPages) {
    throw new ImposeError(
      'too-many-pages',
      `${scheme.name} holds at most ${scheme.maxPages} pages but the document has ${pageCount}; ` +
        'use the booklet layout for longer pamphlets (--layout booklet, or zine.layout in pamphleteer.config.json)',
    );
  }
}

/** The blank pages the plan adds to reach the layout's multiple: said with the result, as a person may not expect them. */
export function paddingNote(plan: ImpositionPlan): string {
  const blanks = plan.slots.filter((slot) => slot === null).length;
  return blanks === 0 ? '' : ` + ${blanks} blank${blanks === 1 ? '' : 's'}`;
}

export function planImposition(pageCount: number, options: PlanOptions): ImpositionPlan {
  return planCheckedImposition(pageCount, checkPlanOptions(options));
}

/** The plan for options already checked (imposePdf checks them before it reads the PDF). */
export function planCheckedImposition(pageCount: number, options: CheckedPlanOptions): ImpositionPlan {
  const { scheme, flip, rtl, cover } = options;
  checkPageCount(pageCount, scheme);
  const signature =
    options.signature !== undefined && options.signature < Math.ceil(pageCount / 4) * 4 ? options.signature : null;
  const { cols, rows } = scheme.grid;
  const slots = readingOrder(pageCount, scheme.padMultiple, cover);

  const sheets: PlannedSheet[] = [];
  signatureRanges(slots.length, signature).forEach((range, signatureIndex) => {
    for (const schemeSheet of scheme.imposeSignature(range.first, range.count)) {
      const sides = schemeSheet.sides.map((side) => {
        const cells = side.cells.map((original): PlannedCell => {
          let cell = rtl ? mirrorLeftRight(original, cols) : original;
          if (side.face === 'back' && flip !== scheme.naturalFlip) cell = turnHalf(cell, cols, rows);
          return { ...cell, page: cell.slot === null ? null : slots[cell.slot] };
        });
        cells.sort((a, b) => a.row - b.row || a.col - b.col);
        return { face: side.face, cells };
      });
      sheets.push({ index: sheets.length, signature: signatureIndex, sides });
    }
  });

  const guides = rtl
    ? scheme.guides.map((guide) => ({
        ...guide,
        from: [cols - guide.from[0], guide.from[1]] as [number, number],
        to: [cols - guide.to[0], guide.to[1]] as [number, number],
      }))
    : scheme.guides;

  return {
    layout: scheme.name,
    flip,
    rtl,
    cover,
    signature,
    inputPages: pageCount,
    slots,
    grid: { cols, rows },
    orientation: scheme.orientation,
    duplex: scheme.duplex,
    sheets,
    guides,
  };
}
