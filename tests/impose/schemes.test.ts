/**
 * The print-shop schemes (repeat, cut-stack, sixteen): each plan is printed, cut and folded by the
 * simulation in fold-sim.ts, following the scheme's own help text, and must read 1…n upright.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutNamed } from '../../src/impose/layouts/index.js';
import { planImposition } from '../../src/impose/plan.js';
import type { Flip, ImpositionPlan, LayoutName } from '../../src/impose/plan-types.js';
import { foldAsAPerson, printPlan, type ReadPage } from './fold-sim.js';

/** The side of a sheet as a compact picture: "8|1", rows split by " / ", turned pages marked ↻. */
function sideText(plan: ImpositionPlan, sheet: number, face: 'front' | 'back'): string {
  const side = plan.sheets[sheet].sides.find((s) => s.face === face)!;
  const rows: string[] = [];
  for (let row = 0; row < plan.grid.rows; row++) {
    rows.push(
      side.cells
        .filter((c) => c.row === row)
        .sort((a, b) => a.col - b.col)
        .map((c) => (c.page === null ? '_' : String(c.page + 1)) + (c.rotation === 180 ? '↻' : ''))
        .join('|'),
    );
  }
  return rows.join(' / ');
}

/** Pages 0…n−1 then blanks up to a multiple of `padTo` (before the last page with cover). */
function expectedReading(pageCount: number, padTo: number, cover: boolean): (number | 'blank')[] {
  const padded = Math.ceil(pageCount / padTo) * padTo;
  const pages: (number | 'blank')[] = Array.from({ length: pageCount }, (_, i) => i);
  const blanks: 'blank'[] = Array(padded - pageCount).fill('blank');
  return cover && pageCount >= 2 ? [...pages.slice(0, -1), ...blanks, pageCount - 1] : [...pages, ...blanks];
}

const read = (plan: ImpositionPlan, flip: Flip = plan.flip, rtl = plan.rtl): ReadPage[] =>
  foldAsAPerson(printPlan(plan), { layout: plan.layout, flip, rtl, signature: plan.signature ?? undefined });

const optionsArb = (layout: LayoutName) =>
  fc.record({
    pageCount: fc.integer({ min: 1, max: 120 }),
    flip: fc.constantFrom<Flip>('short', 'long'),
    rtl: fc.boolean(),
    cover: fc.boolean(),
    signatureSheets: layoutNamed(layout).allowsSignature
      ? fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined })
      : fc.constant(undefined),
  });

describe.each<[LayoutName, number]>([
  ['repeat', 4],
  ['cut-stack', 4],
  ['sixteen', 16],
])('%s: cut and folded as its help says, 1–120 pages', (layout, padTo) => {
  it('reads pages 1…n upright, odd pages on rectos, padded with blanks', () => {
    fc.assert(
      fc.property(optionsArb(layout), ({ pageCount, flip, rtl, cover, signatureSheets }) => {
        const signature = signatureSheets === undefined ? undefined : signatureSheets * 4;
        const plan = planImposition(pageCount, { layout, flip, rtl, cover, signature });
        const pages = read(plan).map((r) => r.page);
        const one = expectedReading(pageCount, padTo, cover);
        // Step and repeat gives two whole copies; the others one.
        expect(pages).toEqual(layout === 'repeat' ? [...one, ...one] : one);
        for (const [i, r] of read(plan).entries()) expect(r.side).toBe(i % 2 === 0 ? 'recto' : 'verso');
        expect(plan.slots.filter((slot) => slot === null)).toHaveLength(one.length - pageCount);
      }),
      { numRuns: 150 },
    );
  });

  /** Whether the printed sheets, finished as a person would, read 1…32 (twice for repeat). */
  const readsInOrder = (plan: ImpositionPlan, flip: Flip = plan.flip, rtl = plan.rtl) => {
    const one = expectedReading(32, padTo, false);
    try {
      const pages = read(plan, flip, rtl).map((r) => r.page);
      return JSON.stringify(pages) === JSON.stringify(layout === 'repeat' ? [...one, ...one] : one);
    } catch {
      return false;
    }
  };

  it('the simulation rejects the sheets printed with the other flip, or finished as the other binding', () => {
    const plan = planImposition(32, { layout, flip: 'short' });
    expect(readsInOrder(plan)).toBe(true);
    expect(readsInOrder(plan, 'long')).toBe(false);
    expect(readsInOrder(plan, 'short', true)).toBe(false);
  });

  it('the simulation rejects two pages swapped, or one page turned, on one side', () => {
    const swapped = planImposition(32, { layout });
    const cells = swapped.sheets[1].sides[1].cells;
    [cells[0].page, cells[1].page] = [cells[1].page, cells[0].page];
    expect(readsInOrder(swapped)).toBe(false);
    const turned = planImposition(32, { layout });
    const cell = turned.sheets[0].sides[0].cells[1];
    cell.rotation = cell.rotation === 0 ? 180 : 0;
    expect(readsInOrder(turned)).toBe(false);
  });
});

describe('worked examples', () => {
  it('repeat: the same 2-up sheet above and below', () => {
    const plan = planImposition(8, { layout: 'repeat', flip: 'long' });
    expect(plan.sheets.map((_, i) => [sideText(plan, i, 'front'), sideText(plan, i, 'back')])).toEqual([
      ['8|1 / 8|1', '2|7 / 2|7'],
      ['6|3 / 6|3', '4|5 / 4|5'],
    ]);
    expect(planImposition(8, { layout: 'repeat' }).sheets[0].sides[1].cells.every((c) => c.rotation === 180)).toBe(
      true,
    );
  });

  it('cut-stack: sheet s holds leaf s on the left, leaf S+s on the right', () => {
    const plan = planImposition(12, { layout: 'cut-stack' });
    expect(plan.sheets.map((_, i) => [sideText(plan, i, 'front'), sideText(plan, i, 'back')])).toEqual([
      ['1|7', '8|2'],
      ['3|9', '10|4'],
      ['5|11', '12|6'],
    ]);
    // Nothing is nested: creep moves nothing.
    expect(plan.sheets.flatMap((s) => s.sides.flatMap((side) => side.cells)).every((c) => c.sheetsOutside === 0)).toBe(
      true,
    );
  });

  it('sixteen: 5 12 9 8 turned over 4 13 16 1; back 7 10 11 6 turned over 2 15 14 3', () => {
    const plan = planImposition(16, { layout: 'sixteen' });
    expect(sideText(plan, 0, 'front')).toBe('5↻|12↻|9↻|8↻ / 4|13|16|1');
    expect(sideText(plan, 0, 'back')).toBe('7↻|10↻|11↻|6↻ / 2|15|14|3');
    const two = planImposition(20, { layout: 'sixteen' });
    expect(two.sheets).toHaveLength(2);
    expect(sideText(two, 1, 'front')).toBe('_↻|_↻|_↻|_↻ / 20|_|_|17');
  });

  it('pads as booklet does: blanks at the end, or before the back cover', () => {
    expect(planImposition(13, { layout: 'sixteen' }).slots.slice(12)).toEqual([12, null, null, null]);
    expect(planImposition(13, { layout: 'sixteen', cover: true }).slots.slice(11)).toEqual([11, null, null, null, 12]);
    expect(planImposition(5, { layout: 'cut-stack' }).slots).toEqual([0, 1, 2, 3, 4, null, null, null]);
  });

  it('refuses --signature where the scheme fixes it', () => {
    expect(() => planImposition(32, { layout: 'sixteen', signature: 8 })).toThrow(/--signature/);
    expect(() => planImposition(32, { layout: 'cut-stack', signature: 8 })).toThrow(/--signature/);
  });
});
