import path from 'node:path';
import type { Config } from './schema.js';
import { layoutNamed } from '../impose/layouts/index.js';
import type { LayoutName } from '../impose/layouts/index.js';
import {
  CSS_UNITS,
  HALF_OF_PAPER,
  PAGE_SIZE_NAMES,
  POINTS_PER_UNIT,
  SHEET_NAMES,
  lengthToPt,
  namedSizeToPt,
  oriented,
} from '../util/lengths.js';
import type { Size } from '../util/lengths.js';
import type { UnplacedProblem } from '../util/validate.js';
import { isInside } from '../util/project-path.js';

/**
 * Values the schema accepts as text but no book can be made of: a page of 1 mm, margins wider
 * than the page, a font of 0 pt, an output folder outside the project. Each problem names its
 * key and the allowed range. Kept apart from the schema so the published JSON Schema stays plain.
 */
const LIMITS = {
  pageSideMm: [50, 500],
  fontSizePt: [5, 48],
  bleedMm: [0, 10],
  creepMm: [0, 1],
  /** The text block keeps at least this share of the page in each direction. */
  textShare: 0.5,
  /** Pages imposed smaller than this share of their size are an error, not a warning. */
  minZineScale: 0.5,
} as const;

const PT_PER_MM = POINTS_PER_UNIT.mm;

/** A length such as "12mm" in points (the schema has already checked the form). */
function toPt(length: string): number {
  return lengthToPt(length, CSS_UNITS) ?? NaN;
}

const mm = (pt: number) => `${Math.round((pt / PT_PER_MM) * 10) / 10} mm`;

function pageSizePt(print: Pick<Config['print'], 'pageSize' | 'paper'>): Size {
  return namedSizeToPt(print.pageSize ?? HALF_OF_PAPER[print.paper], PAGE_SIZE_NAMES) ?? { width: NaN, height: NaN };
}

function sheetSizePt(sheet: string): Size | undefined {
  return namedSizeToPt(sheet, SHEET_NAMES);
}

/**
 * How much the pages shrink to fit the grid of a layout on a sheet, turned as the layout prints it (1 = full size;
 * never more).
 */
function zineScale(page: Size, sheet: Size, layoutName: LayoutName): number {
  const { grid, orientation } = layoutNamed(layoutName);
  const { width, height } = oriented(sheet, orientation);
  return Math.min(1, width / grid.cols / page.width, height / grid.rows / page.height);
}

export function configLimitProblems(config: Config, root: string): UnplacedProblem[] {
  const problems: UnplacedProblem[] = [];
  const { print, zine } = config;
  const page = pageSizePt(print);
  const [minSide, maxSide] = LIMITS.pageSideMm;
  if (
    !(
      page.width >= minSide * PT_PER_MM &&
      page.width <= maxSide * PT_PER_MM &&
      page.height >= minSide * PT_PER_MM &&
      page.height <= maxSide * PT_PER_MM
    )
  ) {
    problems.push({
      path: ['print', 'pageSize'],
      message:
        `"print.pageSize" ${print.pageSize} is ${mm(page.width)} × ${mm(page.height)}; ` +
        `each side must be between ${minSide} and ${maxSide} mm.`,
    });
    return problems; // the other checks measure against the page
  }
  const font = toPt(print.fontSize);
  const [minFont, maxFont] = LIMITS.fontSizePt;
  if (!(font >= minFont && font <= maxFont)) {
    problems.push({
      path: ['print', 'fontSize'],
      message: `"print.fontSize" ${print.fontSize} is out of range: use ${minFont}pt to ${maxFont}pt.`,
    });
  }
  const m = print.margins;
  const vertical = (m.top ? toPt(m.top) : page.height * 0.075) + (m.bottom ? toPt(m.bottom) : page.height * 0.09);
  const horizontal = (m.inside ? toPt(m.inside) : page.width * 0.12) + (m.outside ? toPt(m.outside) : page.width * 0.1);
  const share = LIMITS.textShare;
  if (vertical > page.height * (1 - share)) {
    problems.push({
      path: ['print', 'margins', m.top ? 'top' : 'bottom'],
      message:
        `"print.margins" top + bottom is ${mm(vertical)}, ` +
        `too much for a page ${mm(page.height)} high: ` +
        `together at most ${mm(page.height * (1 - share))}, so the text keeps half the page.`,
    });
  }
  if (horizontal > page.width * (1 - share)) {
    problems.push({
      path: ['print', 'margins', m.inside ? 'inside' : 'outside'],
      message:
        `"print.margins" inside + outside is ${mm(horizontal)}, ` +
        `too much for a page ${mm(page.width)} wide: ` +
        `together at most ${mm(page.width * (1 - share))}, so the text keeps half the page.`,
    });
  }
  if (print.bleed !== undefined && toPt(print.bleed) > LIMITS.bleedMm[1] * PT_PER_MM) {
    problems.push({
      path: ['print', 'bleed'],
      message:
        `"print.bleed" ${print.bleed} is out of range: ` +
        `use 0 to ${LIMITS.bleedMm[1]} mm (print shops ask for 3 mm).`,
    });
  }
  if (zine.creep !== undefined && toPt(zine.creep) > LIMITS.creepMm[1] * PT_PER_MM) {
    problems.push({
      path: ['zine', 'creep'],
      message:
        `"zine.creep" ${zine.creep} is out of range: it is the paper's thickness, ` +
        `0 to ${LIMITS.creepMm[1]} mm (office paper is about 0.1 mm).`,
    });
  }
  if (zine.sheet !== undefined && config.outputs.includes('zine')) {
    const sheet = sheetSizePt(zine.sheet);
    const scale = sheet ? zineScale(page, sheet, zine.layout) : 1;
    if (scale < LIMITS.minZineScale) {
      const { grid } = layoutNamed(zine.layout);
      problems.push({
        path: ['zine', 'sheet'],
        message:
          `"zine.sheet" ${zine.sheet} is too small for ${grid.cols * grid.rows} pages ` +
          `of ${mm(page.width)} × ${mm(page.height)} (${zine.layout}): ` +
          `they would print at ${Math.round(scale * 100)} %; ` +
          `the sheet must hold them at ${LIMITS.minZineScale * 100} % or more.`,
      });
    }
  }
  const out = config.outDir;
  const resolved = path.resolve(root, out);
  if (path.isAbsolute(out) || resolved === path.resolve(root) || !isInside(root, resolved)) {
    problems.push({
      path: ['outDir'],
      message:
        `"outDir" ${JSON.stringify(out)} must be a folder inside the project, ` +
        `such as "dist" (to write elsewhere, use \`build -o <folder>\`).`,
    });
  }
  return problems;
}
