import type { Edge, Flip, Guide, Layout, PlannedCell, Face } from '../plan-types.js';

/** A cell before the shared planner fills in which input page the slot holds. */
export type SchemeCell = Omit<PlannedCell, 'page'>;

export interface SchemeSheet {
  sides: { face: Face; cells: SchemeCell[] }[];
}

/**
 * One layout, described the way PDF::Imposition describes its schemas: a
 * fixed grid, and where the slots of one signature go on each side. A scheme
 * only describes left-to-right binding and the duplex flip that needs no
 * turning (`naturalFlip`); the shared planner derives the rest (rtl mirrors
 * every side, the other flip turns every back 180°).
 */
export interface LayoutScheme {
  layout: Layout;
  grid: { cols: number; rows: number };
  orientation: 'landscape' | 'portrait';
  duplex: boolean;
  naturalFlip: Flip;
  /** Booklet pages are padded with blanks to a multiple of this. */
  padMultiple: number;
  /** Most input pages the layout holds, if limited. */
  maxPages?: number;
  allowsSignature: boolean;
  guides: Guide[];
  /** Sheets for the slots [firstSlot, firstSlot + slotCount); slotCount is a multiple of padMultiple. */
  imposeSignature(firstSlot: number, slotCount: number): SchemeSheet[];
}

/**
 * Front and back of one 2-up saddle-stitched sheet (left | right), for a back
 * printed by flipping around the vertical fold: front [last−2i | first+2i],
 * back [first+2i+1 | last−2i−1], in 0-based slots.
 */
export function saddleSheetSlots(firstSlot: number, slotCount: number, sheetInSignature: number) {
  const last = firstSlot + slotCount - 1;
  const i = sheetInSignature;
  return {
    front: [last - 2 * i, firstSlot + 2 * i] as const,
    back: [firstSlot + 2 * i + 1, last - 2 * i - 1] as const,
  };
}

/** In a 2-column booklet row, the left page is bound on its right edge and vice versa. */
export function spineEdgeOfColumn(col: number): Edge {
  return col % 2 === 0 ? 'right' : 'left';
}
