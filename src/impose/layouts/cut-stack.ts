import type { LayoutScheme, SchemeSheet } from './scheme.js';
import { duplexPrintingHint } from './scheme.js';

/**
 * Cut and stack: two pages side by side on a landscape sheet, printed on both sides, for a book
 * of single leaves (stapled at the side, glued or ring bound) rather than folded sheets. Sheet s of
 * S carries leaf s in its left half and leaf S + s in its right half, so one cut down the middle of
 * the stack and the right pile put under the left pile give the leaves in reading order. Leaf k
 * carries slots 2k (front) and 2k + 1 (back); each leaf is bound at its left edge.
 */
export const cutStackScheme: LayoutScheme<'cut-stack'> = {
  name: 'cut-stack',
  summary: '2-up, the stack cut once and piled: single leaves for side stitching',
  help: `cut-stack: two pages side by side on a landscape sheet, printed on both sides; cut once, no fold.
  1. Print double-sided with the flip you imposed for (--flip short: "flip on short edge", the default;
     --flip long: "flip on long edge").
  2. Keep the stack in printed order, sheet 1 on top, the side with page 1 facing up.
  3. Cut the whole stack down the middle (the long way), without turning or reordering anything.
  4. Put the right pile under the left pile (the left pile under the right one with --rtl), both still
     face up: the leaves are in reading order, page 1 on top.
  5. Bind the left edge (the right edge with --rtl): staple from the front, glue, or punch for a ring.`,
  printingHint: (flip) => `${duplexPrintingHint(flip)}; cut the stack down the middle and pile the halves`,
  grid: { cols: 2, rows: 1 },
  orientation: 'landscape',
  duplex: true,
  // Flipped on its short edge, a landscape sheet turns around the vertical cut: each leaf's back
  // lands behind its front.
  naturalFlip: 'short',
  padMultiple: 4,
  allowsSignature: false,
  guides: [{ kind: 'cut', from: [1, 0], to: [1, 1] }],
  imposeSignature(firstSlot, slotCount) {
    const sheetCount = slotCount / 4;
    const sheets: SchemeSheet[] = [];
    for (let s = 0; s < sheetCount; s++) {
      const leaves = [s, sheetCount + s];
      const cell = (leaf: number, col: number, face: 0 | 1) => ({
        slot: firstSlot + 2 * leaf + face,
        col,
        row: 0,
        rotation: 0 as const,
        // A leaf's front is bound at its left edge, its back (seen from behind) at its right.
        spineEdge: face === 0 ? ('left' as const) : ('right' as const),
        sheetsOutside: 0,
      });
      sheets.push({
        sides: [
          { face: 'front', cells: [cell(leaves[0], 0, 0), cell(leaves[1], 1, 0)] },
          // Turned over around the vertical cut, the back's left half lies behind the front's right half.
          { face: 'back', cells: [cell(leaves[1], 0, 1), cell(leaves[0], 1, 1)] },
        ],
      });
    }
    return sheets;
  },
};
