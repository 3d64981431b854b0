import type { LayoutScheme, SchemeCell, SchemeSheet } from './scheme.js';
import { duplexPrintingHint, saddleSheetSlots, spineEdgeOfColumn } from './scheme.js';

/**
 * Step and repeat: a portrait sheet carries the same 2-up booklet sheet twice, one above the
 * other. One cut across the stack gives two identical piles, each folded into its own copy: two
 * copies for the paper and printing of one, and one cut for the whole run.
 */
export const repeatScheme: LayoutScheme<'repeat'> = {
  name: 'repeat',
  summary: 'two copies of a 2-up booklet per sheet, cut apart',
  help: `repeat: two copies of the booklet on each sheet, one above the other (portrait sheet), printed on both sides.
  1. Print double-sided with the flip you imposed for (--flip short: "flip on short edge", the default;
     --flip long: "flip on long edge").
  2. Keep the stack in printed order, sheet 1 on top, the side with page 1 facing up.
  3. Cut the whole stack across the middle (the short way): two identical piles, one copy each.
  4. Fold each pile in half (left half under, or right half under with --rtl) and staple on the fold.
     With --signature, fold and staple each group of <pages>/4 sheets on its own, then stack the groups.`,
  printingHint: (flip) => `${duplexPrintingHint(flip)}; cut the stack across the middle: two copies`,
  grid: { cols: 2, rows: 2 },
  orientation: 'portrait',
  duplex: true,
  // As quarter: a portrait sheet flipped on its long edge turns around each half's vertical fold.
  naturalFlip: 'long',
  padMultiple: 4,
  copies: 2,
  allowsSignature: true,
  guides: [
    { kind: 'fold', from: [1, 0], to: [1, 2] },
    { kind: 'cut', from: [0, 1], to: [2, 1] },
  ],
  imposeSignature(firstSlot, slotCount) {
    const sheets: SchemeSheet[] = [];
    for (let i = 0; i < slotCount / 4; i++) {
      const { front, back } = saddleSheetSlots(firstSlot, slotCount, i);
      const side = (slots: readonly number[]): SchemeCell[] =>
        [0, 1].flatMap((row) =>
          slots.map((slot, col) => ({
            slot,
            col,
            row,
            rotation: 0 as const,
            spineEdge: spineEdgeOfColumn(col),
            sheetsOutside: i,
          })),
        );
      sheets.push({
        sides: [
          { face: 'front', cells: side(front) },
          { face: 'back', cells: side(back) },
        ],
      });
    }
    return sheets;
  },
};
