/**
 * Where things go on a sheet side, in points (PDF coordinates, y up). Pure
 * functions shared by the writer; the planner says which cell, this says where.
 */
import type { Edge, Guide, ImpositionPlan, PlannedCell } from './plan-types.js';
import type { Size as SheetSize } from '../util/lengths.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Affine matrix [a b c d e f] as in the PDF `cm` operator. */
export type Matrix = [number, number, number, number, number, number];

export interface SheetLayout {
  sheet: SheetSize;
  /** The area the grid divides: the sheet, less a margin that holds the marks. */
  area: Rect;
  cellWidth: number;
  cellHeight: number;
}

/** With --marks the grid is inset so marks print outside the page area. */
export const MARK_MARGIN = 18;

export function sheetLayout(plan: ImpositionPlan, sheet: SheetSize, marks: boolean): SheetLayout {
  const margin = marks ? MARK_MARGIN : 0;
  const area = { x: margin, y: margin, width: sheet.width - 2 * margin, height: sheet.height - 2 * margin };
  return { sheet, area, cellWidth: area.width / plan.grid.cols, cellHeight: area.height / plan.grid.rows };
}

export function cellRect(layout: SheetLayout, cell: Pick<PlannedCell, 'col' | 'row'>): Rect {
  return {
    x: layout.area.x + cell.col * layout.cellWidth,
    // Rows count from the top; PDF y counts from the bottom.
    y: layout.area.y + layout.area.height - (cell.row + 1) * layout.cellHeight,
    width: layout.cellWidth,
    height: layout.cellHeight,
  };
}

/** A grid point of a guide (x right, y down, in cells) as a sheet point. */
export function gridPoint(layout: SheetLayout, [gx, gy]: [number, number]): [number, number] {
  return [layout.area.x + gx * layout.cellWidth, layout.area.y + layout.area.height - gy * layout.cellHeight];
}

export interface PagePlacementInput {
  /** Box in page space that must fit the cell, and its clockwise display turn. */
  fitBox: { left: number; bottom: number; right: number; top: number };
  rotate: number;
  displayWidth: number;
  displayHeight: number;
}

export interface PlacementOptions {
  /** Push pages against the spine instead of centring them. */
  gutter: boolean;
  /** Paper thickness in points: each sheet outside moves a page this much toward the spine. */
  creep: number;
}

export interface Placement {
  /** Where the fit box lands on the sheet. */
  rect: Rect;
  /** Page space → sheet space. */
  matrix: Matrix;
  /** How far creep moved the page toward the spine, in points. */
  creepShift: number;
}

const TOWARD: Record<Edge, [number, number]> = { left: [-1, 0], right: [1, 0], top: [0, 1], bottom: [0, -1] };

export function placePage(
  cell: PlannedCell,
  box: Rect,
  page: PagePlacementInput,
  options: PlacementOptions,
): Placement {
  const scale = Math.min(box.width / page.displayWidth, box.height / page.displayHeight);
  const width = page.displayWidth * scale;
  const height = page.displayHeight * scale;
  let x = box.x + (box.width - width) / 2;
  let y = box.y + (box.height - height) / 2;
  const [dx, dy] = TOWARD[cell.spineEdge];
  if (options.gutter) {
    x += (dx * (box.width - width)) / 2;
    y += (dy * (box.height - height)) / 2;
  }
  const creepShift = cell.sheetsOutside * options.creep;
  x += dx * creepShift;
  y += dy * creepShift;
  const rect = { x, y, width, height };

  // Counter-clockwise turn from page space to sheet space: the cell's turn
  // less the page's clockwise /Rotate.
  const theta = ((((cell.rotation - page.rotate) % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  const cos = theta === 0 ? 1 : theta === 180 ? -1 : 0;
  const sin = theta === 90 ? 1 : theta === 270 ? -1 : 0;
  const boxCenterX = (page.fitBox.left + page.fitBox.right) / 2;
  const boxCenterY = (page.fitBox.bottom + page.fitBox.top) / 2;
  const rectCenterX = x + width / 2;
  const rectCenterY = y + height / 2;
  const matrix: Matrix = [
    scale * cos,
    scale * sin,
    -scale * sin,
    scale * cos,
    rectCenterX - scale * (cos * boxCenterX - sin * boxCenterY),
    rectCenterY - scale * (sin * boxCenterX + cos * boxCenterY),
  ];
  return { rect, matrix, creepShift };
}

export function guideSegment(layout: SheetLayout, guide: Guide): { from: [number, number]; to: [number, number] } {
  return { from: gridPoint(layout, guide.from), to: gridPoint(layout, guide.to) };
}
