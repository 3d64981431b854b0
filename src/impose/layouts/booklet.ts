import type { LayoutScheme, SchemeSheet } from './scheme.js';
import { saddleSheetSlots, spineEdgeOfColumn } from './scheme.js';

/** 2-up saddle stitch: landscape sheet, two pages side by side, printed duplex. */
export const bookletScheme: LayoutScheme = {
  layout: 'booklet',
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
