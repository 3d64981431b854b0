/**
 * How to print, stack, cut and fold each layout: the text `pamphleteer impose
 * --help` prints and the README quotes. The fold simulation in
 * tests/impose/fold-sim.ts performs exactly these steps.
 */
import type { Flip, Layout } from './plan-types.js';

const BOOKLET_HELP = `booklet: two pages side by side on a landscape sheet, printed on both sides.
  1. Print double-sided with the flip you imposed for (--flip short: "flip on short edge", the default;
     --flip long: "flip on long edge"). Check with a 4-page test first: page 2 must be behind page 1.
  2. Stack the sheets in printed order, sheet 1 on top, the side with page 1 facing up.
  3. Fold the stack in half (left half under, or right half under with --rtl) and staple on the fold.
     With --signature, fold and staple each group of <pages>/4 sheets on its own, then stack the groups.`;

const MINIZINE_HELP = `minizine: eight pages on one side of one landscape sheet; print single-sided.
  1. Crease every fold between the panels (three across, one along the middle), then lay the sheet flat.
  2. Fold it in half the short way; from the folded edge, cut along the long middle crease to the
     next crease: this cuts the middle two panels apart from each other and nothing else. Unfold.
  3. Fold it the long way, the upright row (with page 1) outside, hold the two ends and push them
     toward each other: the cut opens into a diamond; keep pushing until the middle panels meet.
  4. Flatten into a booklet with page 1 on the front and page 8 on the back.`;

/** Quarter stacking: exported on its own so the README can quote it word for word. */
export const QUARTER_STACKING_HELP = `quarter: four pages on each side of a portrait sheet (two rows of two), printed on both sides.
  1. Print double-sided with the flip you imposed for (--flip short: "flip on short edge", the default;
     --flip long: "flip on long edge").
  2. Keep the stack in printed order, sheet 1 on top, the side with page 1 facing up.
  3. Cut the whole stack across the middle (the short way), without turning or reordering anything.
     If the booklet has an odd number of half sheets, the last bottom half is blank: throw it away.
  4. Put the pile of top halves on top of the pile of bottom halves, both still face up.
  5. Fold that pile in half (left half under, or right half under with --rtl) and staple on the fold.
     With --signature, each group of sheets is one signature: cut, stack and fold each group on its own.`;

export function describeLayout(layout: Layout): string {
  switch (layout) {
    case 'booklet':
      return BOOKLET_HELP;
    case 'minizine':
      return MINIZINE_HELP;
    case 'quarter':
      return QUARTER_STACKING_HELP;
  }
}

/** One line for progress output: how to print what was just written. */
export function printingHint(layout: Layout, flip: Flip): string {
  if (layout === 'minizine') return 'print single-sided, then fold and cut as `pamphleteer impose --help` shows';
  return `print double-sided, flip on ${flip} edge`;
}

export const IMPOSE_OPTIONS_HELP = `Options:
  --layout booklet|minizine|quarter   default booklet
  --sheet letter|legal|tabloid|a4|a3|<w>x<h><unit>
                                      units mm, cm, in, pt; default: the smallest preset that holds
                                      two pages side by side (half-letter → letter, A5 → A4)
  --flip short|long                   duplex flip the sheets are printed with; default short
  --signature <pages>                 multiple of 4: fold the booklet in signatures of that many pages
  --cover                             keep the last page as the back cover; blanks go before it
  --creep <length>                    paper thickness, e.g. 0.1mm: inner sheets move toward the spine
  --marks                             fold, cut and crop marks (pages shrink to leave them a margin)
  --rtl                               right-to-left binding
  --gutter                            push pages against the spine instead of centring them`;

export const IMPOSE_HELP = [IMPOSE_OPTIONS_HELP, '', 'How to print and fold:', BOOKLET_HELP, '', MINIZINE_HELP, '', QUARTER_STACKING_HELP].join('\n');
