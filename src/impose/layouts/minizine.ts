import type { Edge } from '../plan-types.js';
import type { LayoutScheme } from './scheme.js';

/**
 * The classic one-sheet, 8-page zine: 4 columns x 2 rows on one side of a
 * landscape sheet. Upright bottom row 6 7 8 1 under the turned top row 5 4 3 2
 * (pdfimpose's choice). Reading the folded zine follows the ring of panels
 * left by the centre cut, so 8|1 and 4|5 each meet across an outer fold.
 */
const BOTTOM_ROW_SLOTS = [5, 6, 7, 0];
const TOP_ROW_SLOTS = [4, 3, 2, 1];
// Spreads 8|1 and 2|3 hinge on the fold between columns 2 and 3; 6|7 and 4|5 on
// the fold between columns 0 and 1.
const SPINE_EDGE_BY_COLUMN: Edge[] = ['right', 'left', 'right', 'left'];

export const minizineScheme: LayoutScheme<'minizine'> = {
  name: 'minizine',
  summary: '8 pages on one side of one sheet',
  help: `minizine: eight pages on one side of one landscape sheet; print single-sided.
  1. Crease every fold between the panels (three across, one along the middle), then lay the sheet flat.
  2. Fold it in half the short way; from the folded edge, cut along the long middle crease to the
     next crease: this cuts the middle two panels apart from each other and nothing else. Unfold.
  3. Fold it the long way, the upright row (with page 1) outside, hold the two ends and push them
     toward each other: the cut opens into a diamond; keep pushing until the middle panels meet.
  4. Flatten into a booklet with page 1 on the front and page 8 on the back.`,
  printingHint: () => 'print single-sided, then fold and cut as `pamphleteer impose --help` shows',
  grid: { cols: 4, rows: 2 },
  orientation: 'landscape',
  duplex: false,
  naturalFlip: 'short',
  padMultiple: 8,
  maxPages: 8,
  allowsSignature: false,
  guides: [
    { kind: 'fold', from: [1, 0], to: [1, 2] },
    { kind: 'fold', from: [2, 0], to: [2, 2] },
    { kind: 'fold', from: [3, 0], to: [3, 2] },
    { kind: 'fold', from: [0, 1], to: [1, 1] },
    { kind: 'fold', from: [3, 1], to: [4, 1] },
    { kind: 'cut', from: [1, 1], to: [3, 1] },
  ],
  imposeSignature(firstSlot) {
    const cells = [
      ...TOP_ROW_SLOTS.map((slot, col) => ({ slot: firstSlot + slot, col, row: 0, rotation: 180 as const })),
      ...BOTTOM_ROW_SLOTS.map((slot, col) => ({ slot: firstSlot + slot, col, row: 1, rotation: 0 as const })),
    ].map((cell) => ({ ...cell, spineEdge: SPINE_EDGE_BY_COLUMN[cell.col], sheetsOutside: 0 }));
    return [{ sides: [{ face: 'front', cells }] }];
  },
};
