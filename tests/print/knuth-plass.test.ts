import { describe, expect, it } from 'vitest';
import { FORCED, type Item, type Line, knuthPlass, raggedRight } from '../../src/render/print/page/knuth-plass.js';
import { seededRandom } from '../helpers/random.js';

// The pure breaker (page/knuth-plass.ts) against breaks worked out by hand and against an exhaustive
// search over every set of breaks, scored with the demerits of Knuth and Plass (1981).

// (Stretch and shrink exact in binary: a line exactly at a limit is judged alike by both sides.)
const space = (width = 4): Item => ({ type: 'glue', width, stretch: width / 2, shrink: width / 4, breakable: true });
const word = (width: number): Item => ({ type: 'box', width });
const hyphen = (cost = 50): Item => ({ type: 'penalty', width: 3, cost, flagged: true });
const end: Item[] = [
  { type: 'glue', width: 0, stretch: 1e5, shrink: 0, breakable: false },
  { type: 'penalty', width: 0, cost: -FORCED, flagged: false },
];

/** A paragraph of words (widths), with a hyphenation point after the first part of each [a, b] pair. */
function paragraph(words: (number | [number, number])[]): Item[] {
  const items: Item[] = [];
  words.forEach((w, i) => {
    if (i > 0) items.push(space());
    if (typeof w === 'number') items.push(word(w));
    else items.push(word(w[0]), hyphen(), word(w[1]));
  });
  return [...items, ...end];
}

interface Scoring {
  width: number;
  tolerance: number;
  linePenalty: number;
  doubleHyphen: number;
  finalHyphen: number;
  adjacent: number;
  maxInRow: number;
  /** Stretch at every line's end (a ragged-right paragraph's \rightskip). */
  endStretch?: number;
}
const DEFAULTS: Omit<Scoring, 'width' | 'tolerance'> = {
  linePenalty: 10,
  doubleHyphen: 10000,
  finalHyphen: 5000,
  adjacent: 10000,
  maxInRow: 2,
};

/** The legal breakpoints: penalties below FORCED, glue after a box. */
function breakpoints(items: Item[]): number[] {
  const found: number[] = [];
  items.forEach((it, b) => {
    if (it.type === 'penalty' && it.cost < FORCED) found.push(b);
    if (it.type === 'glue' && it.breakable && b > 0 && items[b - 1].type === 'box') found.push(b);
  });
  return found;
}

/** Total demerits of a set of breaks (the last is the paragraph's end), or null when a line is infeasible. */
function score(items: Item[], breaks: number[], s: Scoring): number | null {
  let total = 0;
  let start = 0;
  let previousFitness = 1;
  let run = 0;
  for (const [k, b] of breaks.entries()) {
    // A line starts after the break, past the glue and penalties that vanish with it.
    if (k > 0) while (start < items.length && items[start].type !== 'box' && start < b) start++;
    let width = 0;
    let stretch = s.endStretch ?? 0;
    let shrink = 0;
    for (let i = start; i < b; i++) {
      const it = items[i];
      if (it.type === 'box') width += it.width;
      if (it.type === 'glue') {
        width += it.width;
        stretch += it.stretch;
        shrink += it.shrink;
      }
    }
    const item = items[b];
    const penalty = item.type === 'penalty' ? item : null;
    if (penalty) width += penalty.width;
    const ratio =
      width < s.width
        ? stretch > 0
          ? (s.width - width) / stretch
          : Infinity
        : width > s.width
          ? shrink > 0
            ? (s.width - width) / shrink
            : -Infinity
          : 0;
    if (ratio < -1 || ratio > s.tolerance) return null;
    const flagged = !!penalty?.flagged;
    const forced = !!penalty && penalty.cost <= -FORCED;
    const nextRun = flagged ? run + 1 : 0;
    if (nextRun > s.maxInRow) return null;
    let d = (s.linePenalty + 100 * Math.abs(ratio) ** 3) ** 2;
    if (penalty && penalty.cost >= 0) d += penalty.cost ** 2;
    else if (penalty && !forced) d -= penalty.cost ** 2;
    if (flagged && run > 0) d += s.doubleHyphen;
    if (forced && run > 0) d += s.finalHyphen;
    const fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
    if (k > 0 && Math.abs(fitness - previousFitness) > 1) d += s.adjacent;
    total += d;
    previousFitness = fitness;
    run = nextRun;
    start = b + 1;
  }
  return total;
}

/** The least demerits over every set of breaks (exhaustive: small paragraphs only). */
function bestByExhaustiveSearch(items: Item[], s: Scoring): number | null {
  const candidates = breakpoints(items).filter((b) => b < items.length - 1);
  let best: number | null = null;
  for (let mask = 0; mask < 2 ** candidates.length; mask++) {
    const breaks = candidates.filter((_, i) => mask & (2 ** i));
    const total = score(items, [...breaks, items.length - 1], s);
    if (total !== null && (best === null || total < best)) best = total;
  }
  return best;
}

/** A small deterministic generator (mulberry32), so a failure names its seed. */

const ends = (lines: Line[] | null) => lines?.map((l) => l.end);

describe('knuthPlass', () => {
  it('takes the breaks worked out by hand', () => {
    // Words 30 30 30 | 45 45 | 40 on a 100 measure, spaces 4 (stretch 2, shrink 1).
    // "30 30 30" = 98, ratio 0.5 (2 of 4 stretch): (10 + 12.5)² = 506.25; "45 45" = 94, ratio 3:
    // (10 + 2700)² = 7344100, plus 10000 for a very loose line after a decent one; "40" ends the
    // paragraph, 100, plus 10000 for a decent line after a very loose one: 7364706.25. Any other
    // set fails: "30 30" = 64 needs ratio 18 (over the tolerance 10), "30 30 30 45" = 147 cannot
    // shrink to 100, "45" alone has no space to stretch.
    const items = paragraph([30, 30, 30, 45, 45, 40]);
    const lines = knuthPlass(items, { tolerance: 10, lineWidth: () => 100 })!;
    expect(ends(lines)).toEqual([5, 9, items.length - 1]);
    expect(lines[0].ratio).toBeCloseTo(0.5);
    expect(lines[1].ratio).toBeCloseTo(3);
    expect(lines[0].glues).toBe(2);
    expect(score(items, ends(lines)!, { width: 100, tolerance: 10, ...DEFAULTS })).toBeCloseTo(7364706.25);
  });

  it('prefers an even paragraph to a greedy first line', () => {
    // Greedy fills the first line as far as it goes; the optimum weighs both lines.
    const items = paragraph([20, 20, 20, 32, 45, 47, 10]);
    const lines = knuthPlass(items, { tolerance: 10, lineWidth: () => 100 })!;
    const greedy = [7, 13];
    const optimum = ends(lines)!.slice(0, -1);
    const s = { width: 100, tolerance: 10, ...DEFAULTS };
    expect(score(items, [...optimum, items.length - 1], s)).toBeLessThanOrEqual(
      score(items, [...greedy, items.length - 1], s) ?? Infinity,
    );
    expect(score(items, ends(lines)!, s)).toBeCloseTo(bestByExhaustiveSearch(items, s)!);
  });

  it('finds the least demerits of every set of breaks (exhaustive search on 300 generated paragraphs)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = seededRandom(seed);
      const count = 4 + Math.floor(rnd() * 7);
      const words: (number | [number, number])[] = [];
      for (let i = 0; i < count; i++) {
        const w = 8 + Math.floor(rnd() * 50);
        words.push(rnd() < 0.3 ? [Math.ceil(w / 2), Math.floor(w / 2) + 2] : w);
      }
      const items = paragraph(words);
      const width = 70 + Math.floor(rnd() * 60);
      const tolerance = [1, 2, 5, 10][Math.floor(rnd() * 4)];
      const s = { width, tolerance, ...DEFAULTS };
      const lines = knuthPlass(items, { tolerance, lineWidth: () => width });
      const best = bestByExhaustiveSearch(items, s);
      if (best === null) {
        expect(lines, `seed ${seed}`).toBeNull();
        continue;
      }
      expect(lines, `seed ${seed}`).not.toBeNull();
      expect(score(items, ends(lines)!, s), `seed ${seed}`).toBeCloseTo(best, 3);
      // Knuth–Plass's own guarantees: every line within the tolerance, never shrunk past its shrink.
      for (const line of lines!.slice(0, -1)) {
        expect(line.ratio).toBeGreaterThanOrEqual(-1);
        expect(line.ratio).toBeLessThanOrEqual(tolerance);
      }
    }
  });

  it('keeps the classic properties: no three hyphens in a row, and a looser tolerance never costs more', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const rnd = seededRandom(1000 + seed);
      const words: (number | [number, number])[] = [];
      for (let i = 0; i < 30; i++) words.push(rnd() < 0.5 ? [10 + Math.floor(rnd() * 20), 12] : 10 + rnd() * 40);
      const items = paragraph(words);
      const tight = knuthPlass(items, { tolerance: 2, lineWidth: () => 150 });
      const loose = knuthPlass(items, { tolerance: 5, lineWidth: () => 150 });
      if (!loose) continue;
      let run = 0;
      for (const line of loose) {
        run = line.hyphenated ? run + 1 : 0;
        expect(run).toBeLessThanOrEqual(2);
      }
      if (tight) {
        const s = (t: number) => ({ width: 150, tolerance: t, ...DEFAULTS });
        expect(score(items, ends(loose)!, s(5))!).toBeLessThanOrEqual(score(items, ends(tight)!, s(5))! + 1e-6);
      }
    }
  });

  it('hyphenates no first line when asked (a first line in capitals)', () => {
    // On 110: "40 40 14-" (101, ratio 2.25) is the best first line; without the hyphen, "40 40" (84,
    // ratio 13) and the hyphenated word whole on the second line.
    const items = paragraph([40, 40, [14, 30], 30, 30, 20]);
    const free = knuthPlass(items, { tolerance: 20, lineWidth: () => 110 })!;
    const kept = knuthPlass(items, { tolerance: 20, lineWidth: () => 110, firstLineUnhyphenated: true })!;
    expect(ends(free)).toEqual([5, 11, 14]);
    expect(free[0].hyphenated).toBe(true);
    expect(ends(kept)).toEqual([3, 11, 14]);
    expect(kept.some((l) => l.hyphenated)).toBe(false);
  });

  it('sets a first line of its own width (an indent)', () => {
    const items = paragraph([30, 30, 30, 30, 30, 30]);
    const lines = knuthPlass(items, { tolerance: 10, lineWidth: (i) => (i === 0 ? 70 : 100) })!;
    // Two words fit the indented first line (64 of 70), three the others (98 of 100).
    expect(ends(lines)).toEqual([3, 9, items.length - 1]);
  });

  it('finds the least demerits with hyphens in a row unlimited (exhaustive search on 200 paragraphs)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rnd = seededRandom(9000 + seed);
      const words: (number | [number, number])[] = [];
      for (let i = 0; i < 4 + Math.floor(rnd() * 6); i++) words.push([10 + Math.floor(rnd() * 30), 12]);
      const items = paragraph(words);
      const width = 40 + Math.floor(rnd() * 40);
      const s = { width, tolerance: Infinity, ...DEFAULTS, maxInRow: Infinity };
      const lines = knuthPlass(items, { tolerance: Infinity, lineWidth: () => width, maxHyphensInRow: Infinity });
      const best = bestByExhaustiveSearch(items, s);
      if (best === null) {
        expect(lines, `seed ${seed}`).toBeNull();
        continue;
      }
      expect(score(items, ends(lines)!, s), `seed ${seed}`).toBeCloseTo(best, 3);
    }
  });

  it('sets ragged-right with the least demerits of every set of breaks (exhaustive search on 300 paragraphs)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = seededRandom(5000 + seed);
      const count = 4 + Math.floor(rnd() * 7);
      const words: (number | [number, number])[] = [];
      for (let i = 0; i < count; i++) {
        const w = 8 + Math.floor(rnd() * 40);
        words.push(rnd() < 0.3 ? [Math.ceil(w / 2), Math.floor(w / 2) + 2] : w);
      }
      const items = raggedRight(paragraph(words));
      const width = 50 + Math.floor(rnd() * 60);
      const endStretch = [8, 16, 24][Math.floor(rnd() * 3)];
      const tolerance = [1, 2, 5, Infinity][Math.floor(rnd() * 4)];
      const s = { width, tolerance, endStretch, ...DEFAULTS };
      const lines = knuthPlass(items, { tolerance, lineWidth: () => width, lineEndStretch: endStretch });
      const best = bestByExhaustiveSearch(items, s);
      if (best === null) {
        expect(lines, `seed ${seed}`).toBeNull();
        continue;
      }
      expect(lines, `seed ${seed}`).not.toBeNull();
      expect(score(items, ends(lines)!, s), `seed ${seed}`).toBeCloseTo(best, 3);
      // Ragged-right: no line is wider than the measure (spaces never shrink) and each line's gap at
      // its end is its ratio of the end stretch.
      for (const line of lines!) expect(line.width).toBeLessThanOrEqual(width + 1e-9);
      for (const line of lines!.slice(0, -1)) expect(line.ratio).toBeCloseTo((width - line.width) / endStretch, 6);
    }
  });

  it('keeps word spaces at their width in a ragged-right paragraph, and evens the line ends', () => {
    // On 100, spaces 4: greedy's "30 30 30" (98) / "60" leaves 2 and 40 at the line ends; "30 30" (64)
    // / "30 60" (94) leaves 36 and 6, the smaller sum of cubes. Ragged breaking takes the even ends.
    const items = raggedRight(paragraph([30, 30, 30, 60, 60]));
    expect(items.filter((it) => it.type === 'glue' && it.width > 0 && (it.stretch || it.shrink))).toEqual([]);
    const lines = knuthPlass(items, { tolerance: Infinity, lineWidth: () => 100, lineEndStretch: 24 })!;
    expect(lines.map((l) => l.width)).toEqual([64, 94, 60]);
  });
});
