import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImposeError } from '../../src/impose/impose-error.js';
import { planImposition } from '../../src/impose/plan.js';
import type { Flip, ImpositionPlan, LayoutName, PlanOptions } from '../../src/impose/plan-types.js';
import { foldAsAPerson, printPlan } from './fold-sim.js';

/** The side of a sheet as a compact picture: "8|1" and turned pages marked with ↻. */
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

/**
 * Expected reading order written from how the sheets fold, not from the planner: pages, then blanks (before the last
 * page
 * with cover).
 */
function expectedReading(pageCount: number, padTo: number, cover: boolean): (number | 'blank')[] {
  const padded = Math.ceil(pageCount / padTo) * padTo;
  const pages: (number | 'blank')[] = Array.from({ length: pageCount }, (_, i) => i);
  const blanks: 'blank'[] = Array(padded - pageCount).fill('blank');
  return cover && pageCount >= 2 ? [...pages.slice(0, -1), ...blanks, pageCount - 1] : [...pages, ...blanks];
}

const layoutArb = fc.constantFrom<LayoutName>('booklet', 'quarter', 'minizine');
const flipArb = fc.constantFrom<Flip>('short', 'long');

const optionsArb = fc
  .record({
    layout: layoutArb,
    flip: flipArb,
    rtl: fc.boolean(),
    cover: fc.boolean(),
    signatureSheets: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    seed: fc.integer({ min: 1, max: 200 }),
  })
  .map(({ layout, seed, signatureSheets, ...rest }) => {
    const pageCount = layout === 'minizine' ? ((seed - 1) % 8) + 1 : seed;
    const options: PlanOptions = { layout, ...rest };
    if (layout !== 'minizine' && signatureSheets !== undefined) options.signature = signatureSheets * 4;
    return { pageCount, options };
  });

describe('planImposition: properties over every layout, 1–200 pages', () => {
  it('every input page appears exactly once, blanks only as padding', () => {
    fc.assert(
      fc.property(optionsArb, ({ pageCount, options }) => {
        const plan = planImposition(pageCount, options);
        const cells = plan.sheets.flatMap((s) => s.sides.flatMap((side) => side.cells));
        const drawn = cells.filter((c) => c.page !== null).map((c) => c.page!);
        expect([...drawn].sort((a, b) => a - b)).toEqual(Array.from({ length: pageCount }, (_, i) => i));
        const padTo = options.layout === 'minizine' ? 8 : 4;
        const padding = Math.ceil(pageCount / padTo) * padTo - pageCount;
        const blanksInBooklet = cells.filter((c) => c.page === null && c.slot !== null).length;
        expect(blanksInBooklet).toBe(padding);
        // Cells outside the booklet only ever come as a whole unused quarter half.
        const unused = cells.filter((c) => c.slot === null);
        expect(unused.length % 4).toBe(0);
        if (options.layout !== 'quarter') expect(unused).toHaveLength(0);
      }),
      { numRuns: 400 },
    );
  });

  it('folding the printed sheets as a person would reads pages 1…n in order, upright', () => {
    fc.assert(
      fc.property(optionsArb, ({ pageCount, options }) => {
        const plan = planImposition(pageCount, options);
        const read = foldAsAPerson(printPlan(plan), {
          layout: options.layout,
          flip: options.flip!,
          rtl: options.rtl!,
          signature: options.signature,
        });
        expect(read.map((r) => r.page)).toEqual(
          expectedReading(pageCount, options.layout === 'minizine' ? 8 : 4, options.cover!),
        );
        // Odd pages are rectos: page 1 is the cover seen from above.
        for (const [i, r] of read.entries()) expect(r.side).toBe(i % 2 === 0 ? 'recto' : 'verso');
      }),
      { numRuns: 600 },
    );
  });

  it('the fold simulation catches a wrong plan (it is not a tautology)', () => {
    const plan = planImposition(8, { layout: 'booklet' });
    const wrongFlip = () => foldAsAPerson(printPlan(plan), { layout: 'booklet', flip: 'long', rtl: false });
    expect(wrongFlip).toThrow(/not upright/);
    const rtlRead = () => foldAsAPerson(printPlan(plan), { layout: 'booklet', flip: 'short', rtl: true });
    expect(() => {
      const read = rtlRead();
      expect(read.map((r) => r.page)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    }).toThrow();
    // The public "4 3 2 1 over 5 6 7 8" mini-zine puts 1 and 8 back to back: the simulation rejects it.
    const bad = planImposition(8, { layout: 'minizine' });
    const front = bad.sheets[0].sides[0].cells;
    const badOrder = [
      [3, 2, 1, 0],
      [4, 5, 6, 7],
    ];
    for (const cell of front) cell.page = badOrder[cell.row][cell.col];
    expect(() => {
      const read = foldAsAPerson(printPlan(bad), { layout: 'minizine', flip: 'short', rtl: false });
      expect(read.map((r) => r.page)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    }).toThrow();
  });
});

describe('the fold simulation catches plausible planner bugs', () => {
  const readsInOrder = (plan: ImpositionPlan, flip: Flip = plan.flip, rtl = plan.rtl) => {
    try {
      const read = foldAsAPerson(printPlan(plan), {
        layout: plan.layout,
        flip,
        rtl,
        signature: plan.signature ?? undefined,
      });
      return read.map((r) => r.page).join(',') === plan.slots.map((p) => (p === null ? 'blank' : p)).join(',');
    } catch {
      return false;
    }
  };
  const mutations: [string, () => ImpositionPlan][] = [
    [
      'quarter halves in the wrong order',
      () => {
        const plan = planImposition(16, { layout: 'quarter' });
        for (const side of plan.sheets[0].sides) for (const cell of side.cells) cell.row = 1 - cell.row;
        return plan;
      },
    ],
    [
      'one page not turned',
      () => {
        const plan = planImposition(8, { layout: 'minizine' });
        plan.sheets[0].sides[0].cells[0].rotation = 0;
        return plan;
      },
    ],
    [
      'rtl not mirrored',
      () => {
        const plan = planImposition(8, { layout: 'minizine' });
        return { ...plan, rtl: true };
      },
    ],
    [
      'booklet sheets in reverse order',
      () => {
        const plan = planImposition(12, { layout: 'booklet' });
        return { ...plan, sheets: [...plan.sheets].reverse() };
      },
    ],
    ['back side not turned for flip long', () => planImposition(8, { layout: 'quarter', flip: 'short' })],
  ];
  it.each(mutations)('%s', (name, mutated) => {
    const plan = mutated();
    const flip = name.startsWith('back side') ? 'long' : plan.flip;
    expect(readsInOrder(plan, flip)).toBe(false);
  });
  it('and accepts the real plans', () => {
    expect(readsInOrder(planImposition(16, { layout: 'quarter' }))).toBe(true);
    expect(readsInOrder(planImposition(8, { layout: 'minizine', rtl: true }))).toBe(true);
  });
});

describe('planImposition: worked examples', () => {
  it('8-page booklet, flip short: 8|1, 2|7, 6|3, 4|5', () => {
    const plan = planImposition(8, { layout: 'booklet', flip: 'short' });
    expect(plan.sheets.map((_, i) => [sideText(plan, i, 'front'), sideText(plan, i, 'back')])).toEqual([
      ['8|1', '2|7'],
      ['6|3', '4|5'],
    ]);
  });

  it('sheet i front [n−2i | 2i+1], back [2i+2 | n−2i−1] (short) and (n−2i−1 | 2i+2) turned (long)', () => {
    for (const n of [4, 8, 12, 40]) {
      const short = planImposition(n, { layout: 'booklet', flip: 'short' });
      const long = planImposition(n, { layout: 'booklet', flip: 'long' });
      for (let i = 0; i < n / 4; i++) {
        expect(sideText(short, i, 'front')).toBe(`${n - 2 * i}|${2 * i + 1}`);
        expect(sideText(short, i, 'back')).toBe(`${2 * i + 2}|${n - 2 * i - 1}`);
        expect(sideText(long, i, 'front')).toBe(`${n - 2 * i}|${2 * i + 1}`);
        expect(sideText(long, i, 'back')).toBe(`${n - 2 * i - 1}↻|${2 * i + 2}↻`);
      }
    }
  });

  it('pads to a multiple of 4 with blanks at the end, or before the back cover with --cover', () => {
    expect(sideText(planImposition(6, { layout: 'booklet' }), 0, 'front')).toBe('_|1');
    expect(sideText(planImposition(6, { layout: 'booklet' }), 1, 'back')).toBe('4|5');
    const cover = planImposition(6, { layout: 'booklet', cover: true });
    expect(sideText(cover, 0, 'front')).toBe('6|1');
    expect(sideText(cover, 0, 'back')).toBe('2|_');
    expect(sideText(cover, 1, 'front')).toBe('_|3');
  });

  it('rtl mirrors every side', () => {
    const plan = planImposition(8, { layout: 'booklet', rtl: true });
    expect(sideText(plan, 0, 'front')).toBe('1|8');
    expect(sideText(plan, 0, 'back')).toBe('7|2');
  });

  it('signatures are imposed one after another', () => {
    const plan = planImposition(16, { layout: 'booklet', signature: 8 });
    expect(plan.sheets.map((s) => s.signature)).toEqual([0, 0, 1, 1]);
    expect(sideText(plan, 0, 'front')).toBe('8|1');
    expect(sideText(plan, 2, 'front')).toBe('16|9');
    expect(sideText(plan, 3, 'back')).toBe('12|13');
  });

  it('minizine: upright 6 7 8 1 under turned 5 4 3 2', () => {
    const plan = planImposition(8, { layout: 'minizine' });
    expect(plan.sheets).toHaveLength(1);
    expect(plan.sheets[0].sides).toHaveLength(1);
    expect(sideText(plan, 0, 'front')).toBe('5↻|4↻|3↻|2↻ / 6|7|8|1');
  });

  it('minizine: 1 and 8, and 4 and 5, meet across an outer fold', () => {
    for (const rtl of [false, true]) {
      const cells = planImposition(8, { layout: 'minizine', rtl }).sheets[0].sides[0].cells;
      const at = (page: number) => cells.find((c) => c.page === page - 1)!;
      for (const [a, b] of [
        [1, 8],
        [4, 5],
      ]) {
        // Side by side in the same row (the sheet is cut only between the rows, in the middle).
        expect(at(a).row).toBe(at(b).row);
        expect(Math.abs(at(a).col - at(b).col)).toBe(1);
        // And the fold between them is a spine edge of both.
        const leftCell = at(a).col < at(b).col ? at(a) : at(b);
        expect(leftCell.spineEdge).toBe('right');
      }
    }
  });

  it('minizine pads short documents and refuses long ones, suggesting booklet', () => {
    expect(sideText(planImposition(5, { layout: 'minizine' }), 0, 'front')).toBe('5↻|4↻|3↻|2↻ / _|_|_|1');
    expect(() => planImposition(9, { layout: 'minizine' })).toThrow(ImposeError);
    expect(() => planImposition(9, { layout: 'minizine' })).toThrow(/at most 8 pages.*--layout booklet/);
  });

  it('quarter: booklet sheet j on the top half, j + k on the bottom half', () => {
    const plan = planImposition(16, { layout: 'quarter', flip: 'long' });
    expect(plan.sheets).toHaveLength(2);
    expect(sideText(plan, 0, 'front')).toBe('16|1 / 12|5');
    expect(sideText(plan, 0, 'back')).toBe('2|15 / 6|11');
    expect(sideText(plan, 1, 'front')).toBe('14|3 / 10|7');
    const short = planImposition(16, { layout: 'quarter', flip: 'short' });
    expect(sideText(short, 0, 'back')).toBe('11↻|6↻ / 15↻|2↻');
  });

  it('rejects bad options with one-line ImposeErrors', () => {
    expect(() => planImposition(0, { layout: 'booklet' })).toThrow(ImposeError);
    expect(() => planImposition(8, { layout: 'booklet', signature: 6 })).toThrow(/multiple of 4/);
    expect(() => planImposition(8, { layout: 'minizine', signature: 8 })).toThrow(/--signature/);
    expect(() => planImposition(8, { layout: 'zine' as LayoutName })).toThrow(/unknown layout/);
  });
});
