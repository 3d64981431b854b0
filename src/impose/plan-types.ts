/**
 * Types shared by the pure planner, the layout schemes, the PDF writer and the
 * preview. Coordinates are grid coordinates of a sheet side AS PRINTED (the
 * way the PDF page shows it): `col` counts from the left, `row` from the top.
 */
import type { LayoutName } from './layouts/index.js';

export type { LayoutName } from './layouts/index.js';

export const FLIPS = ['short', 'long'] as const;
/** Which sheet edge the duplex printer turns the paper over. */
export type Flip = (typeof FLIPS)[number];

export type Edge = 'left' | 'right' | 'top' | 'bottom';
export type Rotation = 0 | 180;
export type Face = 'front' | 'back';

export interface PlanOptions {
  layout: LayoutName;
  /** Default `short`. Ignored by `minizine`, which prints on one side only. */
  flip?: Flip;
  /** Pages per signature, a multiple of 4 (`booklet` and `quarter`). */
  signature?: number;
  /** Keep the last input page as the back cover; padding blanks go before it. */
  cover?: boolean;
  /** Right-to-left binding: every side is mirrored left to right. */
  rtl?: boolean;
}

export interface PlannedCell {
  /** 0-based index of the input page drawn here; null draws nothing (a blank page). */
  page: number | null;
  /**
   * 0-based position of this cell in the folded booklet's reading order
   * (slot 0 is the front cover). null marks a cell that is not part of the
   * booklet at all: the unused half of the last `quarter` sheet, to be discarded.
   */
  slot: number | null;
  col: number;
  row: number;
  /** Turn of the page inside its cell, so it reads upright once folded. */
  rotation: Rotation;
  /** The cell edge (in printed-side coordinates) that ends up at the binding fold. */
  spineEdge: Edge;
  /** Sheets wrapped around this one in its signature: drives creep compensation. */
  sheetsOutside: number;
}

export interface PlannedSide {
  face: Face;
  cells: PlannedCell[];
}

export interface PlannedSheet {
  /** 0-based index of the sheet in the output, which is the printing order. */
  index: number;
  /** 0-based signature this sheet belongs to. */
  signature: number;
  sides: PlannedSide[];
}

/** A fold or cut line on a printed side, in grid units: x in [0, cols], y in [0, rows], y down. */
export interface Guide {
  kind: 'fold' | 'cut';
  from: [number, number];
  to: [number, number];
}

export interface ImpositionPlan {
  layout: LayoutName;
  flip: Flip;
  rtl: boolean;
  cover: boolean;
  /** Pages per signature, or null when the whole booklet is one signature. */
  signature: number | null;
  inputPages: number;
  /** Reading order of the folded booklet: slot → 0-based input page, null for padding blanks. */
  slots: (number | null)[];
  grid: { cols: number; rows: number };
  /** Orientation of the sheet the grid is laid on (cells are portrait pages). */
  orientation: 'landscape' | 'portrait';
  duplex: boolean;
  sheets: PlannedSheet[];
  guides: Guide[];
}
