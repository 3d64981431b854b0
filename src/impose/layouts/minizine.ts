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

export const minizineScheme: LayoutScheme = {
  layout: 'minizine',
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
