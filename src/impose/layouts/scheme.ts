import type { Edge, Face, Flip, Guide, PlannedCell } from '../plan-types.js';

/** A cell before the shared planner fills in which input page the slot holds. */
export type SchemeCell = Omit<PlannedCell, 'page'>;

export interface SchemeSheet {
  sides: { face: Face; cells: SchemeCell[] }[];
}

/**
 * One layout, self-described the way each PDF::Imposition schema is: its name, how a person
 * prints and folds it, a fixed grid, and where the slots of one signature go on each side. A
 * scheme only describes left-to-right binding and the duplex flip that needs no turning
 * (`naturalFlip`); the shared planner derives the rest (rtl mirrors every side, the other flip
 * turns every back 180°).
 */
export interface LayoutScheme<Name extends string = string> {
  /** What `--layout` and `zine.layout` call it. */
  name: Name;
  /** Half a line for the config's description: what the sheets carry. */
  summary: string;
  /**
   * How to print, stack, cut and fold it: printed by `pamphleteer impose --help` and quoted word
   * for word in the README. The fold simulation in tests/impose/fold-sim.ts performs these steps.
   */
  help: string;
  /** One line for progress output: how to print what was just written. */
  printingHint(flip: Flip): string;
  grid: { cols: number; rows: number };
  orientation: 'landscape' | 'portrait';
  duplex: boolean;
  naturalFlip: Flip;
  /** Booklet pages are padded with blanks to a multiple of this. */
  padMultiple: number;
  /** Copies of the booklet each sheet carries (step and repeat); default 1. */
  copies?: number;
  /** Most input pages the layout holds, if limited. */
  maxPages?: number;
  allowsSignature: boolean;
  guides: Guide[];
  /** Sheets for the slots [firstSlot, firstSlot + slotCount); slotCount is a multiple of padMultiple. */
  imposeSignature(firstSlot: number, slotCount: number): SchemeSheet[];
}

/** The printing hint of a layout printed on both sides. */
export function duplexPrintingHint(flip: Flip): string {
  return `print double-sided, flip on ${flip} edge`;
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
