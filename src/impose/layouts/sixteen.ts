import type { Edge } from '../plan-types.js';
import type { LayoutScheme, SchemeCell, SchemeSheet } from './scheme.js';
import { duplexPrintingHint } from './scheme.js';

/**
 * The 16-page signature of a print shop (an octavo): four columns by two rows on each side of a
 * large landscape sheet, folded three times and trimmed at the head and the fore-edge. The top row
 * is turned, since the second fold brings it head to head with the bottom row. Slots below are
 * 0-based positions within the signature, row by row from the top left of each printed side: the
 * front carries 5 12 9 8 over 4 13 16 1, the back 7 10 11 6 over 2 15 14 3.
 */
const FRONT_SLOTS = [
  [4, 11, 8, 7],
  [3, 12, 15, 0],
];
const BACK_SLOTS = [
  [6, 9, 10, 5],
  [1, 14, 13, 2],
];
// The third fold, the spine, runs between columns 2 and 3 of the front; the first fold brings
// columns 0 and 1 behind them (and the back is the front's mirror image).
const SPINE_EDGE_BY_COLUMN: Edge[] = ['right', 'left', 'right', 'left'];

export const sixteenScheme: LayoutScheme<'sixteen'> = {
  name: 'sixteen',
  summary: '16-page signatures, 8 pages a side, folded three times',
  help: `sixteen: 16-page signatures, eight pages on each side of a large landscape sheet, printed on both sides.
  1. Print double-sided with the flip you imposed for (--flip short: "flip on short edge", the default;
     --flip long: "flip on long edge"), on a sheet four pages wide and two high (--sheet).
  2. Take each sheet on its own, the side with page 1 facing up (page 1 is at the bottom right).
  3. Fold the left half under the right half.
  4. Fold the top half (the upside-down pages) under the bottom half.
  5. Fold the left half under the right half again: page 1 is on top, the last fold is the spine.
  6. Stack the folded signatures in printed order, the first on top; sew or glue at the spine,
     then trim the head and the fore-edge to open the folds (a print shop does this on its guillotine).
     Right-to-left (--rtl): the same, folding the right half under the left each time.`,
  printingHint: (flip) => `${duplexPrintingHint(flip)}; fold each sheet three times, then trim the head and fore-edge`,
  grid: { cols: 4, rows: 2 },
  orientation: 'landscape',
  duplex: true,
  // Flipped on its short edge, a landscape sheet turns around the first (vertical) fold.
  naturalFlip: 'short',
  padMultiple: 16,
  allowsSignature: false,
  guides: [
    { kind: 'fold', from: [1, 0], to: [1, 2] },
    { kind: 'fold', from: [2, 0], to: [2, 2] },
    { kind: 'fold', from: [3, 0], to: [3, 2] },
    { kind: 'fold', from: [0, 1], to: [4, 1] },
  ],
  imposeSignature(firstSlot, slotCount) {
    const sheets: SchemeSheet[] = [];
    for (let first = firstSlot; first < firstSlot + slotCount; first += 16) {
      const side = (slots: number[][]): SchemeCell[] =>
        slots.flatMap((rowSlots, row) =>
          rowSlots.map((slot, col) => ({
            slot: first + slot,
            col,
            row,
            rotation: row === 0 ? (180 as const) : (0 as const),
            spineEdge: SPINE_EDGE_BY_COLUMN[col],
            sheetsOutside: 0,
          })),
        );
      sheets.push({
        sides: [
          { face: 'front', cells: side(FRONT_SLOTS) },
          { face: 'back', cells: side(BACK_SLOTS) },
        ],
      });
    }
    return sheets;
  },
};
