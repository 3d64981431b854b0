/**
 * A physical model of printed sheets, written for the tests and independent of
 * the planner: it only takes what a printer puts on paper (which page is drawn
 * in which cell of each printed side, and turned how), then does what a person
 * does — duplex-print with the given flip, stack, cut, fold — with rigid
 * panels, and reads the finished booklet leaf by leaf from the top of the pile.
 *
 * Coordinates: the table, x to the right, y away from the person (up), seen
 * from above. A sheet starts front side up with its printed top edge away.
 * Every fold is checked to keep every uncut hinge together (paper never tears),
 * and every page read must be upright for the reader.
 */
import type { Flip, ImpositionPlan, LayoutName } from '../../src/impose/plan-types.js';

type Matrix = [number, number, number, number, number, number]; // x' = a x + c y + e, y' = b x + d y + f

const CELL_WIDTH = 1;
const CELL_HEIGHT = 1.5; // pages are portrait

interface FaceContent {
  /** What the reader sees: an input page, 'blank' for a printed padding page, null for unprinted paper. */
  page: number | 'blank' | null;
  /** Content "right" and "up" directions in sheet coordinates before any fold. */
  right: [number, number];
  up: [number, number];
}

export interface Panel {
  id: string;
  sheet: number;
  col: number;
  row: number;
  /** Rect on the flat sheet, in sheet coordinates. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** The face that was on top when the sheet lay front side up, and the other one. */
  topFace: FaceContent;
  bottomFace: FaceContent;
  /** Where the flat sheet coordinates went: the folds applied so far. */
  transform: Matrix;
  /** True while the face printed as `topFace` looks up. */
  topFaceUp: boolean;
}

interface Hinge {
  a: string;
  b: string;
  from: [number, number];
  to: [number, number];
}

export interface Model {
  panels: Map<string, Panel>;
  /** Panel ids, top of the pile first. Panels at different places just keep a consistent order. */
  layers: string[];
  hinges: Hinge[];
  width: number;
  height: number;
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function apply(m: Matrix, [x, y]: [number, number]): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}
function applyLinear(m: Matrix, [x, y]: [number, number]): [number, number] {
  return [m[0] * x + m[2] * y, m[1] * x + m[3] * y];
}
function compose(outer: Matrix, inner: Matrix): Matrix {
  const [a, b, c, d, e, f] = inner;
  const [A, B, C, D, E, F] = outer;
  return [A * a + C * b, B * a + D * b, A * c + C * d, B * c + D * d, A * e + C * f + E, B * e + D * f + F];
}
function reflection(axis: 'x' | 'y', at: number): Matrix {
  return axis === 'x' ? [-1, 0, 0, 1, 2 * at, 0] : [1, 0, 0, -1, 0, 2 * at];
}
const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/** The current rect of a panel on the table. */
export function currentRect(panel: Panel) {
  const p = apply(panel.transform, [panel.x0, panel.y0]);
  const q = apply(panel.transform, [panel.x1, panel.y1]);
  return { x0: Math.min(p[0], q[0]), x1: Math.max(p[0], q[0]), y0: Math.min(p[1], q[1]), y1: Math.max(p[1], q[1]) };
}
function center(panel: Panel): [number, number] {
  const r = currentRect(panel);
  return [(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2];
}

/**
 * Lays out printed sheets as panels. `printedSheets[s]` lists what the printer
 * put on each side of sheet s: `front` and optionally `back`, as cells in the
 * printed side's own grid (row 0 at the printed top). The back is mapped onto
 * the paper by the duplex flip: a flip on an edge turns the sheet around the
 * axis parallel to that edge.
 */
export interface PrintedCell {
  page: number | null; // null: the printer printed a blank page here
  col: number;
  row: number;
  rotation: 0 | 180;
}
export interface PrintedSheet {
  front: PrintedCell[];
  back?: PrintedCell[];
}

export function printSheets(printed: PrintedSheet[], cols: number, rows: number, flip: Flip): Model {
  const width = cols * CELL_WIDTH;
  const height = rows * CELL_HEIGHT;
  const landscape = width > height;
  // Turning over around a vertical axis mirrors x; around a horizontal one mirrors y.
  const backMirrorsX = (flip === 'short') === landscape;
  const panels = new Map<string, Panel>();
  const layers: string[] = [];
  const hinges: Hinge[] = [];
  const cellRect = (col: number, row: number) => ({
    x0: col * CELL_WIDTH,
    x1: (col + 1) * CELL_WIDTH,
    y0: height - (row + 1) * CELL_HEIGHT,
    y1: height - row * CELL_HEIGHT,
  });
  const turned = (rotation: 0 | 180, v: [number, number]): [number, number] => (rotation === 180 ? [-v[0], -v[1]] : v);

  printed.forEach((sheet, s) => {
    for (let row = 0; row < rows; row++) {
      for (let col = 0; col < cols; col++) {
        const id = `s${s}r${row}c${col}`;
        const frontCell = sheet.front.find((c) => c.col === col && c.row === row);
        const topFace: FaceContent = frontCell
          ? {
              page: frontCell.page ?? 'blank',
              right: turned(frontCell.rotation, [1, 0]),
              up: turned(frontCell.rotation, [0, 1]),
            }
          : { page: null, right: [1, 0], up: [0, 1] };
        // Which back cell lies under this panel, and how its content sits on the paper.
        const backCol = backMirrorsX ? cols - 1 - col : col;
        const backRow = backMirrorsX ? row : rows - 1 - row;
        const backCell = sheet.back?.find((c) => c.col === backCol && c.row === backRow);
        const mirror = (v: [number, number]): [number, number] => (backMirrorsX ? [-v[0], v[1]] : [v[0], -v[1]]);
        const bottomFace: FaceContent = backCell
          ? {
              page: backCell.page ?? 'blank',
              right: mirror(turned(backCell.rotation, [1, 0])),
              up: mirror(turned(backCell.rotation, [0, 1])),
            }
          : { page: null, right: [1, 0], up: [0, 1] };
        panels.set(id, {
          id,
          sheet: s,
          col,
          row,
          ...cellRect(col, row),
          topFace,
          bottomFace,
          transform: IDENTITY,
          topFaceUp: true,
        });
        layers.push(id);
        if (col > 0)
          hinges.push({
            a: `s${s}r${row}c${col - 1}`,
            b: id,
            from: [col, cellRect(col, row).y0],
            to: [col, cellRect(col, row).y1],
          });
        if (row > 0) {
          const y = cellRect(col, row).y1;
          hinges.push({
            a: `s${s}r${row - 1}c${col}`,
            b: id,
            from: [col * CELL_WIDTH, y],
            to: [(col + 1) * CELL_WIDTH, y],
          });
        }
      }
    }
  });
  return { panels, layers, hinges, width, height };
}

/** Builds the printed sheets from a plan: only what ends up on paper. */
export function printPlan(plan: ImpositionPlan): PrintedSheet[] {
  return plan.sheets.map((sheet) => {
    const side = (face: 'front' | 'back') =>
      sheet.sides
        .find((s) => s.face === face)
        ?.cells.map(({ page, col, row, rotation }) => ({ page, col, row, rotation }));
    return { front: side('front') ?? [], back: side('back') };
  });
}

function checkHinges(model: Model, step: string) {
  for (const hinge of model.hinges) {
    const a = model.panels.get(hinge.a);
    const b = model.panels.get(hinge.b);
    if (!a || !b) continue;
    const [pa, qa] = [apply(a.transform, hinge.from), apply(a.transform, hinge.to)];
    const [pb, qb] = [apply(b.transform, hinge.from), apply(b.transform, hinge.to)];
    if (!(near(pa[0], pb[0]) && near(pa[1], pb[1]) && near(qa[0], qb[0]) && near(qa[1], qb[1]))) {
      throw new Error(`paper torn at ${step}: hinge ${hinge.a}–${hinge.b}`);
    }
  }
}

function reflectPanels(model: Model, ids: string[], axis: 'x' | 'y', at: number) {
  for (const id of ids) {
    const panel = model.panels.get(id)!;
    panel.transform = compose(reflection(axis, at), panel.transform);
    panel.topFaceUp = !panel.topFaceUp;
  }
}

/** Folds every layer on one side of a line over to the other side, going under (or over) the rest. */
export function foldAll(
  model: Model,
  axis: 'x' | 'y',
  at: number,
  movingSide: 'below' | 'above',
  goes: 'under' | 'over',
) {
  const moving = model.layers.filter((id) => {
    const c = center(model.panels.get(id)!)[axis === 'x' ? 0 : 1];
    return movingSide === 'below' ? c < at : c > at;
  });
  const staying = model.layers.filter((id) => !moving.includes(id));
  reflectPanels(model, moving, axis, at);
  // Turning a pile over reverses it.
  const turnedOver = [...moving].reverse();
  model.layers = goes === 'under' ? [...staying, ...turnedOver] : [...turnedOver, ...staying];
  checkHinges(model, `fold ${axis}=${at}`);
}

/**
 * Folds flaps (parts freed by a cut) around one line at the same time, each
 * into the pile right next to the panel it hangs from: the way the two layers
 * of a slit mini-zine open in opposite directions when its ends are pushed together.
 */
export function foldFlaps(
  model: Model,
  axis: 'x' | 'y',
  at: number,
  flaps: { ids: string[]; anchor: string; where: 'above' | 'below' }[],
) {
  for (const { ids, anchor, where } of flaps) {
    const flap = model.layers.filter((id) => ids.includes(id));
    reflectPanels(model, flap, axis, at);
    const rest = model.layers.filter((id) => !ids.includes(id));
    const index = rest.indexOf(anchor) + (where === 'below' ? 1 : 0);
    rest.splice(index, 0, ...flap.reverse());
    model.layers = rest;
  }
  checkHinges(model, `flaps around ${axis}=${at}`);
}

/** Cuts through every layer along a segment: hinges lying on it are gone. */
export function cut(model: Model, axis: 'x' | 'y', at: number, from: number, to: number) {
  model.hinges = model.hinges.filter((hinge) => {
    const panel = model.panels.get(hinge.a)!;
    const p = apply(panel.transform, hinge.from);
    const q = apply(panel.transform, hinge.to);
    const [k, other] = axis === 'y' ? [1, 0] : [0, 1];
    const onLine = near(p[k], at) && near(q[k], at);
    const inside = Math.min(p[other], q[other]) >= from - 1e-9 && Math.max(p[other], q[other]) <= to + 1e-9;
    return !(onLine && inside);
  });
}

/** Lifts a set of panels (a pile) and puts it down, shifted, on top of everything. */
export function movePileOnTop(model: Model, ids: string[], dx: number, dy: number) {
  const pile = model.layers.filter((id) => ids.includes(id));
  for (const id of pile) {
    const panel = model.panels.get(id)!;
    panel.transform = compose([1, 0, 0, 1, dx, dy], panel.transform);
  }
  model.layers = [...pile, ...model.layers.filter((id) => !ids.includes(id))];
}

/** Lifts a pile and slides it under everything else, shifted. */
export function movePileUnder(model: Model, ids: string[], dx: number, dy: number) {
  movePileOnTop(model, ids, dx, dy);
  const pile = model.layers.filter((id) => ids.includes(id));
  model.layers = [...model.layers.filter((id) => !ids.includes(id)), ...pile];
}

/** The panels a filter keeps, as a pile of their own (a pile cut apart from the rest and taken away). */
export function takePile(model: Model, keep: (panel: Panel) => boolean): Model {
  const panels = new Map([...model.panels].filter(([, panel]) => keep(panel)));
  return {
    panels,
    layers: model.layers.filter((id) => panels.has(id)),
    hinges: model.hinges.filter((hinge) => panels.has(hinge.a) && panels.has(hinge.b)),
    width: model.width,
    height: model.height,
  };
}

export function discard(model: Model, ids: string[]) {
  for (const id of ids) model.panels.delete(id);
  model.layers = model.layers.filter((id) => !ids.includes(id));
}

export interface ReadPage {
  page: number | 'blank';
  /** 'recto' is seen from above, 'verso' after turning the leaf over. */
  side: 'recto' | 'verso';
}

/**
 * Reads the folded pile: every panel must lie on the same spot; top to bottom,
 * each panel shows its upward face, then (after the reader turns the leaf
 * around the spine) its downward face. Unprinted paper is skipped, but only in
 * back-to-back pairs (a single-sided leaf). Every page must read upright.
 */
export function readBooklet(model: Model): ReadPage[] {
  const pile = model.layers.map((id) => model.panels.get(id)!);
  const r0 = currentRect(pile[0]);
  for (const panel of pile) {
    const r = currentRect(panel);
    if (!(near(r.x0, r0.x0) && near(r.x1, r0.x1) && near(r.y0, r0.y0) && near(r.y1, r0.y1))) {
      throw new Error(`panel ${panel.id} is not in the pile`);
    }
  }
  const faces: { face: FaceContent; side: 'recto' | 'verso'; panel: Panel }[] = [];
  for (const panel of pile) {
    const [up, down] = panel.topFaceUp ? [panel.topFace, panel.bottomFace] : [panel.bottomFace, panel.topFace];
    faces.push({ face: up, side: 'recto', panel }, { face: down, side: 'verso', panel });
  }
  const read: ReadPage[] = [];
  for (let i = 0; i < faces.length; i++) {
    const { face, side, panel } = faces[i];
    if (face.page === null) {
      const next = faces[i + 1];
      if (side !== 'verso' || !next || next.face.page !== null)
        throw new Error(`unprinted face of ${panel.id} faces a printed page`);
      i++;
      continue;
    }
    const right = applyLinear(panel.transform, face.right);
    const up = applyLinear(panel.transform, face.up);
    // Turning a leaf around the (vertical) spine mirrors x for the reader.
    const readerRight: [number, number] = side === 'verso' ? [-right[0], right[1]] : right;
    if (!(near(readerRight[0], 1) && near(readerRight[1], 0) && near(up[0], 0) && near(up[1], 1))) {
      throw new Error(`page ${face.page} (${side} of ${panel.id}) is not upright: right=${readerRight} up=${up}`);
    }
    read.push({ page: face.page, side });
  }
  return read;
}

/** Whether a panel hangs from a hinge on the given edge of the pile. */
export function hingedOnEdge(model: Model, panelId: string, edge: 'left' | 'right'): boolean {
  const panel = model.panels.get(panelId)!;
  const rect = currentRect(panel);
  const x = edge === 'left' ? rect.x0 : rect.x1;
  return model.hinges.some((hinge) => {
    if (hinge.a !== panelId && hinge.b !== panelId) return false;
    if (!model.panels.has(hinge.a) || !model.panels.has(hinge.b)) return false;
    const p = apply(panel.transform, hinge.from);
    const q = apply(panel.transform, hinge.to);
    return near(p[0], x) && near(q[0], x);
  });
}

export { CELL_WIDTH, CELL_HEIGHT };

export interface PersonInstructions {
  layout: LayoutName;
  flip: Flip;
  rtl: boolean;
  /** Pages per signature as given on the command line, if any. */
  signature?: number;
}

const GRIDS: Record<LayoutName, { cols: number; rows: number }> = {
  booklet: { cols: 2, rows: 1 },
  minizine: { cols: 4, rows: 2 },
  quarter: { cols: 2, rows: 2 },
  repeat: { cols: 2, rows: 2 },
  'cut-stack': { cols: 2, rows: 1 },
  sixteen: { cols: 4, rows: 2 },
};

/** Every leaf of a folded pile must hang from the spine. */
function checkSpine(model: Model, spine: 'left' | 'right') {
  for (const id of model.layers) {
    if (!hingedOnEdge(model, id, spine)) throw new Error(`leaf ${id} does not hang from the ${spine} spine`);
  }
}

/**
 * repeat: cut the stack across the middle; each pile (top halves, bottom halves) is folded in half
 * on its own. Returns the first copy's pages, then the second copy's.
 */
function foldRepeat(printed: PrintedSheet[], { flip, rtl, signature }: PersonInstructions): ReadPage[] {
  const sheetsPerSignature = signature ? signature / 4 : printed.length;
  const copies: ReadPage[][] = [[], []];
  for (let first = 0; first < printed.length; first += sheetsPerSignature) {
    const model = printSheets(printed.slice(first, first + sheetsPerSignature), 2, 2, flip);
    const mid = model.height / 2;
    cut(model, 'y', mid, 0, model.width);
    [(p: Panel) => center(p)[1] > mid, (p: Panel) => center(p)[1] < mid].forEach((inHalf, copy) => {
      const pile = takePile(model, inHalf);
      foldAll(pile, 'x', pile.width / 2, rtl ? 'above' : 'below', 'under');
      copies[copy].push(...readBooklet(pile));
      checkSpine(pile, rtl ? 'right' : 'left');
    });
  }
  return [...copies[0], ...copies[1]];
}

/**
 * cut-stack: cut the whole stack down the middle, put the right pile under the left one (the left
 * under the right with rtl) and read the loose leaves, turning each over around its bound edge.
 */
function cutAndStack(printed: PrintedSheet[], { flip, rtl }: PersonInstructions): ReadPage[] {
  const model = printSheets(printed, 2, 1, flip);
  const mid = model.width / 2;
  cut(model, 'x', mid, 0, model.height);
  if (model.hinges.length > 0) throw new Error('the cut left leaves joined');
  const awayFromSpine = [...model.panels.values()].filter((p) => (rtl ? center(p)[0] < mid : center(p)[0] > mid));
  movePileUnder(
    model,
    awayFromSpine.map((p) => p.id),
    rtl ? mid : -mid,
    0,
  );
  return readBooklet(model);
}

/**
 * sixteen: each sheet folded on its own: the half away from the spine under, the top half under,
 * then again the half away from the spine under; the head and fore-edge folds are trimmed open.
 * The folded signatures are stacked, the first on top.
 */
function foldSixteens(printed: PrintedSheet[], { flip, rtl }: PersonInstructions): ReadPage[] {
  const read: ReadPage[] = [];
  for (const sheet of printed) {
    const model = printSheets([sheet], 4, 2, flip);
    const x = (v: number) => (rtl ? model.width - v : v);
    const away = rtl ? 'above' : 'below';
    foldAll(model, 'x', x(2), away, 'under');
    foldAll(model, 'y', model.height / 2, 'above', 'under');
    foldAll(model, 'x', x(3), away, 'under');
    cut(model, 'y', model.height / 2, 0, model.width);
    cut(model, 'x', x(4), 0, model.height);
    read.push(...readBooklet(model));
    checkSpine(model, rtl ? 'right' : 'left');
  }
  return read;
}

/**
 * What a person does with the printed stack, by layout, following the printed
 * instructions (not the planner): returns the pages read from the finished
 * booklet, front cover first.
 */
export function foldAsAPerson(printed: PrintedSheet[], instructions: PersonInstructions): ReadPage[] {
  const { layout, flip, rtl } = instructions;
  const grid = GRIDS[layout];
  // The binding edge: the half away from it is kept in place, the other half folds under.
  const spine = rtl ? 'right' : 'left';
  const foldHalfUnder = (model: Model) => foldAll(model, 'x', model.width / 2, rtl ? 'above' : 'below', 'under');

  if (layout === 'repeat') return foldRepeat(printed, instructions);
  if (layout === 'cut-stack') return cutAndStack(printed, instructions);
  if (layout === 'sixteen') return foldSixteens(printed, instructions);

  if (layout === 'minizine') {
    if (printed.length !== 1) throw new Error('a minizine is one sheet');
    const model = printSheets(printed, grid.cols, grid.rows, flip);
    // Columns counted from the binding side's opposite end, so rtl is the mirror image.
    const col = (c: number) => (rtl ? 3 - c : c);
    const x = (v: number) => (rtl ? model.width - v : v);
    const id = (row: 'top' | 'bottom', c: number) => `s0r${row === 'top' ? 0 : 1}c${col(c)}`;
    const mid = model.height / 2;
    // 1. Fold in half the long way, the turned row going behind.
    foldAll(model, 'y', mid, 'above', 'under');
    // 2. Cut along that fold through the middle two panels.
    cut(model, 'y', mid, CELL_WIDTH, 3 * CELL_WIDTH);
    // 3. Fold the three columns away from the cover behind the cover column.
    foldAll(model, 'x', x(3), rtl ? 'above' : 'below', 'under');
    // 4. Push the freed middle flaps into the slit: the turned row's panels tuck
    //    under the page they hang from, the upright row's over theirs.
    foldFlaps(model, 'x', x(4), [
      { ids: [id('top', 1), id('top', 0)], anchor: id('top', 2), where: 'below' },
      { ids: [id('bottom', 1), id('bottom', 0)], anchor: id('bottom', 2), where: 'above' },
    ]);
    // 5. Close the last leaf the same way.
    foldFlaps(model, 'x', x(3), [
      { ids: [id('top', 0)], anchor: id('top', 1), where: 'below' },
      { ids: [id('bottom', 0)], anchor: id('bottom', 1), where: 'above' },
    ]);
    const read = readBooklet(model);
    if (!hingedOnEdge(model, model.layers[0], spine)) throw new Error('the cover does not hang from the spine');
    return read;
  }

  // Sheets of one signature are folded together; folded signatures are stacked, first on top.
  const sheetsPerSignature = (() => {
    if (!instructions.signature) return printed.length;
    const halves = instructions.signature / 4;
    return layout === 'quarter' ? Math.ceil(halves / 2) : halves;
  })();
  const read: ReadPage[] = [];
  for (let first = 0; first < printed.length; first += sheetsPerSignature) {
    const model = printSheets(printed.slice(first, first + sheetsPerSignature), grid.cols, grid.rows, flip);
    if (layout === 'quarter') {
      const mid = model.height / 2;
      // Cut the whole stack across the middle.
      cut(model, 'y', mid, 0, model.width);
      // A half sheet with nothing printed on it is thrown away.
      const halves = new Map<string, Panel[]>();
      for (const panel of model.panels.values()) {
        const key = `${panel.sheet}:${panel.row}`;
        halves.set(key, [...(halves.get(key) ?? []), panel]);
      }
      for (const half of halves.values()) {
        const printedSomething = half.some(
          (p) => typeof p.topFace.page === 'number' || typeof p.bottomFace.page === 'number',
        );
        if (!printedSomething)
          discard(
            model,
            half.map((p) => p.id),
          );
      }
      // Put the pile of top halves on the pile of bottom halves.
      const topHalves = [...model.panels.values()].filter((p) => center(p)[1] > mid).map((p) => p.id);
      movePileOnTop(model, topHalves, 0, -mid);
    }
    foldHalfUnder(model);
    read.push(...readBooklet(model));
    for (const id of model.layers) {
      if (!hingedOnEdge(model, id, spine)) throw new Error(`leaf ${id} does not hang from the ${spine} spine`);
    }
  }
  return read;
}
