// TeX's \looseness in the Knuth–Plass breaker (src/render/print/page/knuth-plass.ts): the best
// breaks with a line more or fewer than the optimum's, or none when the tolerance allows none.
import { describe, expect, it } from 'vitest';
import { FORCED, type Item, knuthPlass } from '../../src/render/print/page/knuth-plass.js';

/** Words of the given widths, spaces of width 3 (stretch 2, shrink 1), ending the paragraph. */
function paragraph(widths: number[]): Item[] {
  const items: Item[] = [];
  widths.forEach((w, i) => {
    if (i > 0) items.push({ type: 'glue', width: 3, stretch: 2, shrink: 1, breakable: true });
    items.push({ type: 'box', width: w });
  });
  items.push({ type: 'glue', width: 0, stretch: 1000, shrink: 0, breakable: false });
  items.push({ type: 'penalty', width: 0, cost: -FORCED, flagged: false });
  return items;
}

describe('Knuth–Plass looseness', () => {
  const items = paragraph(Array.from({ length: 40 }, (_, i) => 10 + ((i * 7) % 13)));
  const lineWidth = () => 100;

  it('gives the optimum with looseness 0, a line more with +1 and a line fewer with -1 when it can', () => {
    const best = knuthPlass(items, { lineWidth, tolerance: 10 })!;
    expect(knuthPlass(items, { lineWidth, tolerance: 10, looseness: 0 })).toEqual(best);
    const longer = knuthPlass(items, { lineWidth, tolerance: 10, looseness: 1 })!;
    expect(longer.length).toBe(best.length + 1);
    const shorter = knuthPlass(items, { lineWidth, tolerance: 10, looseness: -1 });
    if (shorter) expect(shorter.length).toBe(best.length - 1);
    // Every line of a looser setting still within the tolerance, none shrunk past its limit.
    for (const line of longer) expect(line.ratio).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...longer.slice(0, -1).map((l) => l.ratio))).toBeLessThanOrEqual(10);
  });

  it('returns null when no setting of that many lines keeps within the tolerance', () => {
    const best = knuthPlass(items, { lineWidth, tolerance: 1.5 })!;
    expect(best).not.toBeNull();
    // Ten lines more than the optimum would stretch every line far past 1.5.
    expect(knuthPlass(items, { lineWidth, tolerance: 1.5, looseness: 10 })).toBeNull();
  });

  it('ends each line of the looser setting at a break the paragraph offers, in order', () => {
    const longer = knuthPlass(items, { lineWidth, tolerance: 10, looseness: 1 })!;
    const ends = longer.map((l) => l.end);
    expect([...ends].sort((a, b) => a - b)).toEqual(ends);
    expect(ends[ends.length - 1]).toBe(items.length - 1);
    for (const end of ends.slice(0, -1)) expect(items[end].type).toBe('glue');
  });
});
