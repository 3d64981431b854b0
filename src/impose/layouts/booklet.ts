import type { LayoutScheme, SchemeSheet } from './scheme.js';
import { duplexPrintingHint, saddleSheetSlots, spineEdgeOfColumn } from './scheme.js';

/** 2-up saddle stitch: landscape sheet, two pages side by side, printed duplex. */
export const bookletScheme: LayoutScheme<'booklet'> = {
  name: 'booklet',
  summary: '2-up saddle stitch',
  help: `booklet: two pages side by side on a landscape sheet, printed on both sides.
  1. Print double-sided with the flip you imposed for (--flip short: "flip on short edge", the default;
     --flip long: "flip on long edge"). Check with a 4-page test first: page 2 must be behind page 1.
  2. Stack the sheets in printed order, sheet 1 on top, the side with page 1 facing up.
  3. Fold the stack in half (left half under, or right half under with --rtl) and staple on the fold.
     With --signature, fold and staple each group of <pages>/4 sheets on its own, then stack the groups.`,
  printingHint: duplexPrintingHint,
  grid: { cols: 2, rows: 1 },
  orientation: 'landscape',
  duplex: true,
  // Flipping a landscape sheet on its short edge turns it around the vertical
  // fold, which is exactly how a reader turns the leaf.
  naturalFlip: 'short',
  padMultiple: 4,
  allowsSignature: true,
  guides: [{ kind: 'fold', from: [1, 0], to: [1, 1] }],
  imposeSignature(firstSlot, slotCount) {
    const sheets: SchemeSheet[] = [];
    for (let i = 0; i < slotCount / 4; i++) {
      const { front, back } = saddleSheetSlots(firstSlot, slotCount, i);
      const row = (slots: readonly number[]) =>
        slots.map((slot, col) => ({
          slot,
          col,
          row: 0,
          rotation: 0 as const,
          spineEdge: spineEdgeOfColumn(col),
          sheetsOutside: i,
        }));
      sheets.push({
        sides: [
          { face: 'front', cells: row(front) },
          { face: 'back', cells: row(back) },
        ],
      });
    }
    return sheets;
  },
};
