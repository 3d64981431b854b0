/**
 * Each check of an imposition option, written once, with its one-line message naming what is
 * allowed, and run once per call: `imposePdf` checks every option before it parses the PDF and
 * hands the planner what it checked; `planImposition`, called on its own, checks through
 * checkPlanOptions. The command's choices and the config schema only name what may be typed.
 */
import { ImposeError } from './impose-error.js';
import { LAYOUT_NAMES, findLayout } from './layouts/index.js';
import type { LayoutName, LayoutScheme } from './layouts/index.js';
import { FLIPS } from './plan-types.js';
import type { Flip, PlanOptions } from './plan-types.js';
import { PAPER_UNITS, SHEET_NAMES, lengthToPt, namedSizeToPt } from '../util/lengths.js';
import type { Size } from '../util/lengths.js';

export function checkLayout(name: string): LayoutScheme<LayoutName> {
  const layout = findLayout(name);
  if (!layout)
    throw new ImposeError('bad-option', `unknown layout "${name}": expected one of ${LAYOUT_NAMES.join(', ')}`);
  return layout;
}

export function checkFlip(flip: string): Flip {
  if (!(FLIPS as readonly string[]).includes(flip))
    throw new ImposeError('bad-option', `unknown flip "${flip}": expected ${FLIPS.join(' or ')}`);
  return flip as Flip;
}

/** Pages per signature: a number, or its digits as the command line gives them. */
export function checkSignature(value: number | string): number {
  const pages = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(pages) || pages < 4 || pages % 4 !== 0) {
    throw new ImposeError('bad-option', `invalid signature "${value}": expected a multiple of 4 pages, for example 16`);
  }
  return pages;
}

/**
 * Parses a length such as `0.1mm`, `2pt`, `.5in` into points. A unit is
 * required: a bare number is ambiguous for paper thickness.
 */
export function parseLength(text: string, what = 'length'): number {
  const pt = lengthToPt(text);
  if (pt === undefined) {
    throw new ImposeError(
      'bad-option',
      `invalid ${what} "${text}": expected a number with a unit (${PAPER_UNITS.join(', ')}), for example 0.1mm`,
    );
  }
  return pt;
}

/**
 * Parses a sheet: a preset name (letter, legal, tabloid, a4, a3) or
 * `<width>x<height><unit>` such as `8.5x11in` or `210x297mm`. The result is the
 * sheet as given; each layout turns it to the orientation it needs.
 */
export function parseSheet(text: string): Size {
  const size = namedSizeToPt(text, SHEET_NAMES);
  if (size && size.width > 0 && size.height > 0) return size;
  throw new ImposeError(
    'bad-option',
    `invalid sheet "${text}": expected one of ${SHEET_NAMES.join(', ')} or <width>x<height><unit> ` +
      `with unit ${PAPER_UNITS.join(', ')}, for example 8.5x11in`,
  );
}

/** The planner's options once checked: the layout's scheme, the flip, the signature it allows. */
export interface CheckedPlanOptions {
  scheme: LayoutScheme<LayoutName>;
  flip: Flip;
  signature?: number;
  cover: boolean;
  rtl: boolean;
}

/** The signature may come as the command line gives it (digits). */
export function checkPlanOptions(
  options: Omit<PlanOptions, 'signature'> & { signature?: number | string },
): CheckedPlanOptions {
  const scheme = checkLayout(options.layout);
  const flip = options.flip === undefined ? 'short' : checkFlip(options.flip);
  if (options.signature !== undefined && !scheme.allowsSignature)
    throw new ImposeError('bad-option', `--signature does not apply to --layout ${scheme.name}: it is a single sheet`);
  const signature = options.signature === undefined ? undefined : checkSignature(options.signature);
  return { scheme, flip, signature, cover: options.cover ?? false, rtl: options.rtl ?? false };
}
