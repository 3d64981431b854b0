import type { LayoutScheme, SchemeSheet, SchemeCell } from './scheme.js';
import { duplexPrintingHint, saddleSheetSlots, spineEdgeOfColumn } from './scheme.js';

/**
 * Quarter-size booklet: a portrait sheet holds two 2-up booklet sheets, one
 * above the other. After printing, the whole stack is cut across the middle
 * and the pile of top halves goes on the pile of bottom halves, so top halves
 * carry the outer booklet sheets: physical sheet j has booklet sheet j on top
 * and booklet sheet j + k below it (k = physical sheet count). With an odd
 * number of booklet sheets the last bottom half stays unused (slot null).
 */
export const quarterScheme: LayoutScheme<'quarter'> = {
  name: 'quarter',
  summary: '4 pages per side, cut and stacked',
  help: `quarter: four pages on each side of a portrait sheet (two rows of two), printed on both sides.
  1. Print double-sided with the flip you imposed for (--flip short: "flip on short edge", the default;
     --flip long: "flip on long edge").
  2. Keep the stack in printed order, sheet 1 on top, the side with page 1 facing up.
  3. Cut the whole stack across the middle (the short way), without turning or reordering anything.
     If the booklet has an odd number of half sheets, the last bottom half is blank: throw it away.
  4. Put the pile of top halves on top of the pile of bottom halves, both still face up.
  5. Fold that pile in half (left half under, or right half under with --rtl) and staple on the fold.
     With --signature, each group of sheets is one signature: cut, stack and fold each group on its own.`,
  printingHint: duplexPrintingHint,
  grid: { cols: 2, rows: 2 },
  orientation: 'portrait',
  duplex: true,
  // A portrait sheet flipped on its long edge turns around the vertical fold
  // of each half, so both halves' backs come out upright.
  naturalFlip: 'long',
  padMultiple: 4,
  allowsSignature: true,
  guides: [
    { kind: 'fold', from: [1, 0], to: [1, 2] },
    { kind: 'cut', from: [0, 1], to: [2, 1] },
  ],
  imposeSignature(firstSlot, slotCount) {
    const bookletSheets = slotCount / 4;
    const physicalSheets = Math.ceil(bookletSheets / 2);
    const sheets: SchemeSheet[] = [];
    for (let j = 0; j < physicalSheets; j++) {
      const front: SchemeCell[] = [];
      const back: SchemeCell[] = [];
      [j, j + physicalSheets].forEach((bookletSheet, row) => {
        const used = bookletSheet < bookletSheets;
        const slots = used ? saddleSheetSlots(firstSlot, slotCount, bookletSheet) : null;
        for (let col = 0; col < 2; col++) {
          const common = {
            col,
            row,
            rotation: 0 as const,
            spineEdge: spineEdgeOfColumn(col),
            sheetsOutside: used ? bookletSheet : 0,
          };
          front.push({ ...common, slot: slots ? slots.front[col] : null });
          back.push({ ...common, slot: slots ? slots.back[col] : null });
        }
      });
      sheets.push({
        sides: [
          { face: 'front', cells: front },
          { face: 'back', cells: back },
        ],
      });
    }
    return sheets;
  },
};
