/**
 * Knuth–Plass ("Breaking Paragraphs into Lines", 1981): the optimal breaks of a paragraph given as
 * boxes, glue and penalties. Pure, no DOM: line-breaking.ts measures the page's text into items
 * and sets the lines it returns.
 */

export interface Box {
  type: 'box';
  width: number;
  /** Width added when the item sits on the paragraph's first line (set in another face). */
  firstLineExtra?: number;
}
export interface Glue {
  type: 'glue';
  width: number;
  stretch: number;
  shrink: number;
  /** False for a no-break space: it stretches but never ends a line. */
  breakable: boolean;
  /** Width added when the item sits on the paragraph's first line (set in another face). */
  firstLineExtra?: number;
}
export interface Penalty {
  type: 'penalty';
  /** Width added at the line end when the paragraph breaks here (a hyphen). */
  width: number;
  /** Cost of breaking here; ≤ -FORCED forces a break, ≥ FORCED forbids one. */
  cost: number;
  /** Hyphen-like: two flagged breaks in a row cost `doubleHyphenDemerits`. */
  flagged: boolean;
}
export type Item = Box | Glue | Penalty;

/** A penalty at or below -FORCED forces a break; at or above FORCED forbids one. */
export const FORCED = 10000;

export interface BreakOptions {
  /** The width of line `index` (0-based). Only the first line may differ from the others. */
  lineWidth: (index: number) => number;
  /** Largest adjustment ratio accepted (stretch used ÷ stretch available). */
  tolerance: number;
  linePenalty?: number;
  doubleHyphenDemerits?: number;
  finalHyphenDemerits?: number;
  adjacentFitnessDemerits?: number;
  /** Most hyphenated (flagged) lines allowed in a row (Infinity: no limit, only their demerits). */
  maxHyphensInRow?: number;
  /** No hyphen at the end of the first line (a first line set in capitals). */
  firstLineUnhyphenated?: boolean;
  /**
   * Stretch every line has at its end besides its glue (TeX's \rightskip): with glue that neither
   * stretches nor shrinks (raggedRight), the lines are set ragged-right and the breaks chosen so the
   * gaps at their ends are even.
   */
  lineEndStretch?: number;
  /**
   * TeX's \looseness: the best breaks with this many lines more (or fewer, if negative) than the
   * optimum's, or null when the tolerance allows no such setting.
   */
  looseness?: number;
}

export interface Line {
  /** Index of the item the line ends at (a glue, a penalty or the final penalty). */
  end: number;
  /** Adjustment ratio: > 0 stretched, < 0 shrunk, 0 natural. */
  ratio: number;
  /** Natural width of the line (with the hyphen when it ends at a penalty). */
  width: number;
  /** Number of glues inside the line (the spaces that take the adjustment). */
  glues: number;
  /** True when the line ends at a flagged penalty (a hyphen). */
  hyphenated: boolean;
}

interface BreakNode {
  position: number;
  line: number;
  fitness: number;
  hyphensInRow: number;
  width: number;
  stretch: number;
  shrink: number;
  glues: number;
  demerits: number;
  ratio: number;
  previous: BreakNode | null;
}

/**
 * The items of a ragged-right paragraph: word spaces at their natural width, neither stretching nor
 * shrinking (the paragraph's fill and forced breaks keep theirs). Break them with `lineEndStretch`.
 */
export function raggedRight(items: Item[]): Item[] {
  return items.map((it) => (it.type === 'glue' && it.width > 0 ? { ...it, stretch: 0, shrink: 0 } : it));
}

/**
 * The optimal breaks of a paragraph, or null when no set of breaks keeps every line within the
 * tolerance (the caller may try again with a larger one). The items must end with a forced break.
 */
export function knuthPlass(items: Item[], options: BreakOptions): Line[] | null {
  const linePenalty = options.linePenalty ?? 10;
  const doubleHyphen = options.doubleHyphenDemerits ?? 10000;
  const finalHyphen = options.finalHyphenDemerits ?? 5000;
  const adjacent = options.adjacentFitnessDemerits ?? 10000;
  const maxInRow = options.maxHyphensInRow ?? 2;
  const endStretch = options.lineEndStretch ?? 0;
  // Nodes are kept per fitness class and run of hyphens; without a limit, every run past the first
  // costs the same from here on, so one key serves them all.
  const runKeys = Number.isFinite(maxInRow) ? maxInRow + 1 : 2;
  const looseness = options.looseness ?? 0;
  // With a looseness, candidates are kept per line count too (TeX's line classes).
  const classes = 4 * runKeys;

  // Prefix sums: sum[i] covers items 0..i-1.
  const n = items.length;
  const sumW = new Float64Array(n + 1);
  const sumY = new Float64Array(n + 1);
  const sumZ = new Float64Array(n + 1);
  const sumG = new Int32Array(n + 1);
  // The first line's extra width: every first line starts at the paragraph's start.
  const sumE = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const it = items[i];
    sumW[i + 1] = sumW[i] + (it.type === 'penalty' ? 0 : it.width);
    sumY[i + 1] = sumY[i] + (it.type === 'glue' ? it.stretch : 0);
    sumZ[i + 1] = sumZ[i] + (it.type === 'glue' ? it.shrink : 0);
    sumG[i + 1] = sumG[i] + (it.type === 'glue' ? 1 : 0);
    sumE[i + 1] = sumE[i] + (it.type === 'penalty' ? 0 : (it.firstLineExtra ?? 0));
  }

  const active: BreakNode[] = [
    {
      position: -1,
      line: 0,
      fitness: 1,
      hyphensInRow: 0,
      width: 0,
      stretch: 0,
      shrink: 0,
      glues: 0,
      demerits: 0,
      ratio: 0,
      previous: null,
    },
  ];

  /** The sums after a break at `b`: the glue and penalties that follow a break vanish with it. */
  function afterBreak(b: number): { width: number; stretch: number; shrink: number; glues: number } {
    let i = b + 1;
    while (i < n && items[i].type !== 'box' && !(items[i].type === 'penalty' && (items[i] as Penalty).cost <= -FORCED))
      i++;
    return { width: sumW[i], stretch: sumY[i], shrink: sumZ[i], glues: sumG[i] };
  }

  for (let b = 0; b < n; b++) {
    const item = items[b];
    let isBreak = false;
    if (item.type === 'penalty') isBreak = item.cost < FORCED;
    else if (item.type === 'glue') isBreak = item.breakable && b > 0 && items[b - 1].type === 'box';
    if (!isBreak) continue;
    const penalty = item.type === 'penalty' ? item : null;
    const forced = !!penalty && penalty.cost <= -FORCED;
    const flagged = !!penalty && penalty.flagged;

    // Best candidate per fitness class and hyphen run: [fitness * runKeys + run].
    const best: (BreakNode | null)[] = [];
    // The nodes kept stay in their order (ties go to the first), compacted in place.
    let kept = 0;
    let after: ReturnType<typeof afterBreak> | null = null;
    for (let j = 0, count = active.length; j < count; j++) {
      const a = active[j];
      const lineWidth = options.lineWidth(a.line);
      const width = sumW[b] - a.width + (penalty ? penalty.width : 0) + (a.line === 0 ? sumE[b] : 0);
      let ratio: number;
      if (width < lineWidth) {
        const stretch = sumY[b] - a.stretch + endStretch;
        ratio = stretch > 0 ? (lineWidth - width) / stretch : Infinity;
      } else if (width > lineWidth) {
        const shrink = sumZ[b] - a.shrink;
        ratio = shrink > 0 ? (lineWidth - width) / shrink : -Infinity;
      } else ratio = 0;

      // A line that cannot shrink enough stays too long for every later break: drop the node.
      if (ratio < -1 || forced) {
        // still consider it below when forced and feasible
      } else active[kept++] = a;
      if (ratio < -1 || ratio > options.tolerance) continue;
      if (flagged && a.line === 0 && options.firstLineUnhyphenated) continue;
      const run = flagged ? a.hyphensInRow + 1 : 0;
      if (run > maxInRow) continue;

      const badness = 100 * Math.abs(ratio) ** 3;
      let demerits = (linePenalty + badness) ** 2;
      if (penalty && penalty.cost >= 0) demerits += penalty.cost ** 2;
      else if (penalty && penalty.cost > -FORCED) demerits -= penalty.cost ** 2;
      if (flagged && a.hyphensInRow > 0) demerits += doubleHyphen;
      if (forced && a.hyphensInRow > 0) demerits += finalHyphen;
      const fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
      if (a.previous && Math.abs(fitness - a.fitness) > 1) demerits += adjacent;
      demerits += a.demerits;

      const key = fitness * runKeys + Math.min(run, runKeys - 1) + (looseness ? classes * (a.line + 1) : 0);
      const current = best[key];
      if (!current || demerits < current.demerits) {
        after ??= afterBreak(b);
        best[key] = {
          position: b,
          line: a.line + 1,
          fitness,
          hyphensInRow: run,
          width: after.width,
          stretch: after.stretch,
          shrink: after.shrink,
          glues: after.glues,
          demerits,
          ratio,
          previous: a,
        };
      }
    }
    active.length = kept;
    for (const node of best) if (node) active.push(node);
    if (active.length === 0) return null;
  }

  // The last item is a forced break: the best node ending there closes the paragraph.
  let last: BreakNode | null = null;
  for (const a of active) if (a.position === n - 1 && (!last || a.demerits < last.demerits)) last = a;
  if (last && looseness) {
    const target = last.line + looseness;
    last = null;
    for (const a of active)
      if (a.position === n - 1 && a.line === target && (!last || a.demerits < last.demerits)) last = a;
  }
  if (!last) return null;

  const lines: Line[] = [];
  for (let node: BreakNode | null = last; node?.previous; node = node.previous) {
    const start = node.previous;
    const end = node.position;
    const penalty = items[end].type === 'penalty' ? (items[end] as Penalty) : null;
    const width = sumW[end] - start.width + (penalty ? penalty.width : 0) + (start.line === 0 ? sumE[end] : 0);
    // Glues inside the line: those before the break item (a glue break is not inside its line).
    const glues = sumG[end] - start.glues;
    lines.push({
      end,
      ratio: node.ratio,
      width,
      glues,
      hyphenated: !!penalty && penalty.flagged && penalty.cost > -FORCED,
    });
  }
  return lines.reverse();
}
