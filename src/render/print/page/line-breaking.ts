/**
 * Paragraph-wide line breaking for justified print text, run in the page before Paged.js
 * paginates. Chromium breaks lines greedily, one at a time; TeX chooses the breaks of a whole
 * paragraph at once (Knuth–Plass), which gives even spacing and fewer hyphens. Here every
 * justified paragraph is measured with the page's own fonts, broken with `knuthPlass`, and fixed
 * in the DOM: a `<br>` ends each line, a real hyphen (print-only, so the text layer reads a plain
 * hyphen and the EPUB page map does not count it) is set where a word is broken, and each line's
 * spaces get the word-spacing that fills the measure. Soft hyphens are removed from those
 * paragraphs; `settleSoftHyphens` does the same on laid-out pages for any other text, so the PDF's
 * text layer holds no U+00AD.
 */

export interface BreakLinesOptions {
  /** The book's language (BCP 47); elements may carry their own `lang`. */
  lang: string;
}

// ---- Knuth–Plass ("Breaking Paragraphs into Lines", 1981): pure, no DOM ----

export interface Box {
  type: 'box';
  width: number;
  /** Width added when this item sits on the first line (a `::first-line` letter-spacing). */
  firstLineExtra?: number;
}
export interface Glue {
  type: 'glue';
  width: number;
  stretch: number;
  shrink: number;
  /** False for a no-break space: it stretches but never ends a line. */
  breakable: boolean;
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
  /** Most hyphenated (flagged) lines allowed in a row. */
  maxHyphensInRow?: number;
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
  extra: number;
  glues: number;
  demerits: number;
  ratio: number;
  previous: BreakNode | null;
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

  // Prefix sums: sum[i] covers items 0..i-1.
  const n = items.length;
  const sumW = new Float64Array(n + 1);
  const sumY = new Float64Array(n + 1);
  const sumZ = new Float64Array(n + 1);
  const sumE = new Float64Array(n + 1);
  const sumG = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const it = items[i];
    sumW[i + 1] = sumW[i] + (it.type === 'penalty' ? 0 : it.width);
    sumY[i + 1] = sumY[i] + (it.type === 'glue' ? it.stretch : 0);
    sumZ[i + 1] = sumZ[i] + (it.type === 'glue' ? it.shrink : 0);
    sumE[i + 1] = sumE[i] + (it.type === 'box' ? (it.firstLineExtra ?? 0) : 0);
    sumG[i + 1] = sumG[i] + (it.type === 'glue' ? 1 : 0);
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
      extra: 0,
      glues: 0,
      demerits: 0,
      ratio: 0,
      previous: null,
    },
  ];

  /** The sums after a break at `b`: the glue and penalties that follow a break vanish with it. */
  function afterBreak(b: number): { width: number; stretch: number; shrink: number; extra: number; glues: number } {
    let i = b + 1;
    while (i < n && items[i].type !== 'box' && !(items[i].type === 'penalty' && (items[i] as Penalty).cost <= -FORCED))
      i++;
    return { width: sumW[i], stretch: sumY[i], shrink: sumZ[i], extra: sumE[i], glues: sumG[i] };
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

    // Best candidate per fitness class and hyphen run: [fitness * (maxInRow + 1) + run].
    const best: (BreakNode | null)[] = [];
    // The nodes kept stay in their order (ties go to the first), compacted in place.
    let kept = 0;
    let after: ReturnType<typeof afterBreak> | null = null;
    for (let j = 0, count = active.length; j < count; j++) {
      const a = active[j];
      const lineWidth = options.lineWidth(a.line);
      let width = sumW[b] - a.width + (penalty ? penalty.width : 0);
      if (a.line === 0) width += sumE[b] - a.extra;
      let ratio: number;
      if (width < lineWidth) {
        const stretch = sumY[b] - a.stretch;
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

      const key = fitness * (maxInRow + 1) + run;
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
          extra: after.extra,
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
  if (!last) return null;

  const lines: Line[] = [];
  for (let node: BreakNode | null = last; node?.previous; node = node.previous) {
    const start = node.previous;
    const end = node.position;
    const penalty = items[end].type === 'penalty' ? (items[end] as Penalty) : null;
    let width = sumW[end] - start.width + (penalty ? penalty.width : 0);
    if (start.line === 0) width += sumE[end] - start.extra;
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

// ---- The page: measuring, breaking, fixing lines in the DOM ----

/**
 * How lines are judged: TeX's plain values, with a dear hyphen (books hyphenate sparingly).
 * Measured with bench/typeset.mjs against xelatex on the same text and page: these give fewer
 * hyphenated lines than xelatex with a 95th-percentile word space no wider than its.
 */
const SETTINGS = {
  /** The first pass, without hyphenation: lines no looser than this ratio (TeX's \pretolerance 100). */
  pretolerance: 1,
  /**
   * Adjustment ratios tried in turn with hyphenation: the first that finds breaks wins
   * (TeX's \tolerance 200 is 1.26).
   */
  tolerances: [1.1, 1.6, 2.5, 5, Infinity],
  /** A hyphen is taken only where the paragraph cannot be set within the tolerance without one. */
  hyphenPenalty: 1000,
  explicitHyphenPenalty: 50,
  /** Space stretch and shrink, as a share of the space's width (TeX's for a book face: 1/2, 1/3). */
  stretch: 0.5,
  shrink: 1 / 3,
};

/** The attribute html.ts gives print-only text (the EPUB page map skips it). */
const PRINT_ONLY_ATTR = 'data-print-only';
/** Lines are set this much (px) short of the measure, so rounding never makes the browser wrap one. */
const SLACK = 0.2;
/** Paged.js footnotes: float out of the line, leaving only their call. */
const NOTE_SELECTOR = '.footnote';
const SOFT_HYPHEN = '\u00AD';
/** Scripts broken by other rules than spaces and hyphens (or set right to left): left to the browser. */
const OTHER_SCRIPT_NAMES =
  'Arabic Hebrew Syriac Thaana Nko Han Hiragana Katakana Hangul Thai Lao Khmer Myanmar Tibetan';
const OTHER_SCRIPTS = new RegExp(
  `[${OTHER_SCRIPT_NAMES.split(' ')
    .map((name) => `\\p{Script=${name}}`)
    .join('')}]`,
  'u',
);
const RTL_OR_CJK_LANG = /^(ar|he|iw|fa|ur|yi|ps|sd|ug|dv|syr|ja|zh|ko|th|lo|km|my|bo)$/i;

interface Source {
  /** For glue: the whitespace run; for a penalty: the soft hyphen or the character it follows. */
  node: Text;
  start: number;
  end: number;
}

interface Paragraph {
  el: HTMLElement;
  items: Item[];
  /** DOM place of each item that can end a line (glue and penalties), by item index. */
  sources: Map<number, Source>;
  /** Width of the footnote calls on each line, filled when the lines are known. */
  /** The canvas width of each note call, in order (in the model, hidden when measuring the layout). */
  calls: number[];
  lines: Line[];
  widths: [number, number];
  /** For each line: the word-spacing spans, the `<br>` ending it, the spacing set. */
  set: { spans: HTMLElement[]; br: HTMLBRElement | null; spacing: number; glues: number; callWidth: number }[];
}

/**
 * Breaks every justified paragraph under `root` into lines, Knuth–Plass style, and fixes those
 * lines in the DOM. Call it once the fonts are loaded (`await document.fonts.ready`) and before
 * Paged.js reads the content. Text that is not justified, right-to-left, CJK or not hyphenated
 * is left as it is.
 */
export function breakLines(root: Element, options: BreakLinesOptions): void {
  // Soft hyphens come from the pipeline's hyphenation: without any, the book is not hyphenated
  // (unsupported language or print.hyphenate off) and the browser's own breaking is kept.
  if (!root.textContent?.includes(SOFT_HYPHEN)) return;
  if (RTL_OR_CJK_LANG.test(options.lang.split('-')[0])) return;
  const host = root as HTMLElement;
  const savedWidth = host.style.width;
  host.style.width = `${pageContentWidth(host)}px`;
  const canvas = document.createElement('canvas').getContext('2d');
  if (!canvas) return;
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:pre;left:0;top:0;font-kerning:normal';
  document.body.appendChild(probe);
  const measure = measurer(canvas, probe);
  try {
    const paragraphs: Paragraph[] = [];
    const candidates = root.querySelectorAll<HTMLElement>('p, li, dd, dt, figcaption, blockquote');
    // Read phase: styles and widths for all paragraphs (one layout).
    for (const el of Array.from(candidates)) {
      const p = prepare(el, options.lang, measure);
      if (p) paragraphs.push(p);
    }
    for (const p of paragraphs) {
      const lines = breakParagraph(p);
      if (lines) p.lines = lines;
    }
    // Write phase.
    const set = paragraphs.filter((p) => p.lines.length > 0);
    const originals = new Map(set.map((p) => [p, p.el.cloneNode(true) as HTMLElement]));
    for (const p of set) applyLines(p);
    // Both under one hiding of the notes: hiding and showing them again restyles the whole book.
    const wrapped = withNotesHidden(root, () => {
      correctSpacing(set);
      // A paragraph whose set lines the browser still wraps (a width the measuring got wrong) goes
      // back to the browser whole: uneven lines, never a line broken twice.
      return set.filter((p) => wrappedLinesOf(p.el).length > 0);
    });
    for (const p of wrapped) p.el.replaceWith(originals.get(p)!);
  } finally {
    probe.remove();
    host.style.width = savedWidth;
    if (!host.getAttribute('style')) host.removeAttribute('style');
  }
}

/** The width of the page's text block, from the document's `@page` size and margins. */
function pageContentWidth(fallback: HTMLElement): number {
  let size = '';
  let left = '';
  let right = '';
  for (const sheet of Array.from(document.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue;
    }
    for (const rule of Array.from(rules)) {
      if (!(rule instanceof CSSPageRule) || rule.selectorText !== '') continue;
      size = rule.style.getPropertyValue('size') || size;
      left = rule.style.getPropertyValue('margin-left') || left;
      right = rule.style.getPropertyValue('margin-right') || right;
    }
  }
  const width = size.trim().split(/\s+/)[0];
  if (!width || !/\d/.test(width)) return fallback.getBoundingClientRect().width;
  const probe = document.createElement('div');
  const probeWidth = `calc(${width} - ${left || '0px'} - ${right || '0px'})`;
  probe.style.cssText = `position:absolute;visibility:hidden;width:${probeWidth}`;
  document.body.appendChild(probe);
  const result = probe.getBoundingClientRect().width;
  probe.remove();
  return result > 0 ? result : fallback.getBoundingClientRect().width;
}

/** What decides a text's width, read once per element (reading a live computed style is slow). */
interface Face {
  font: string;
  spacing: string;
  transform: string;
  /** Numeric variants and feature settings: a canvas cannot apply them, so digits are measured in the DOM. */
  variantNumeric: string;
  featureSettings: string;
  key: string;
}
type Measure = (face: Face, text: string) => number;

function faceOf(style: CSSStyleDeclaration): Face {
  const caps =
    style.fontVariantCaps === 'small-caps' || style.fontVariantCaps === 'all-small-caps' ? 'small-caps ' : '';
  const font = `${style.fontStyle} ${caps}${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const spacing = style.letterSpacing === 'normal' ? '0px' : style.letterSpacing;
  const transform = style.textTransform;
  const variantNumeric = style.fontVariantNumeric;
  const featureSettings = style.fontFeatureSettings;
  return {
    font,
    spacing,
    transform,
    variantNumeric,
    featureSettings,
    key: `${font}|${spacing}|${transform}|${variantNumeric}|${featureSettings}|`,
  };
}

/** Text widths from a canvas with the element's font, cached by font and text (words repeat). */
function measurer(ctx: CanvasRenderingContext2D, probe: HTMLElement): Measure {
  // One map per face, keyed by the text alone: a face's key is long, and joining it to every word
  // cost more than measuring.
  const caches = new Map<string, Map<string, number>>();
  let currentFont = '';
  return (face, text) => {
    let cache = caches.get(face.key);
    if (!cache) {
      cache = new Map();
      caches.set(face.key, cache);
    }
    const key = text;
    let width = cache.get(key);
    if (
      width === undefined &&
      /\d/.test(text) &&
      (face.variantNumeric !== 'normal' || face.featureSettings !== 'normal')
    ) {
      // Old-style or proportional figures change digits' widths, and a canvas has no such setting:
      // measured in the DOM (digits are rare, so this stays cheap).
      probe.style.font = face.font;
      probe.style.letterSpacing = face.spacing;
      probe.style.textTransform = face.transform;
      probe.style.fontVariantNumeric = face.variantNumeric;
      probe.style.fontFeatureSettings = face.featureSettings;
      probe.textContent = text;
      width = probe.getBoundingClientRect().width;
      cache.set(key, width);
    }
    if (width === undefined) {
      const transformed =
        face.transform === 'uppercase'
          ? text.toUpperCase()
          : face.transform === 'lowercase'
            ? text.toLowerCase()
            : text;
      if (face.key !== currentFont) {
        ctx.font = face.font;
        ctx.fontKerning = 'normal';
        ctx.letterSpacing = face.spacing;
        currentFont = face.key;
      }
      width = ctx.measureText(transformed).width;
      cache.set(key, width);
    }
    return width;
  };
}

const INLINE_DISPLAY = /^(inline|contents)$/;
/** The characters a word is split at (see `prepare`): soft hyphen, no-break space, hyphens, dashes. */
const WORD_SPLITTERS = /[\u00AD\u00A0\u2010\u2013\u2014-]/;

/** Items of one justified paragraph, or null when it must be left to the browser. */
function prepare(el: HTMLElement, lang: string, measure: Measure): Paragraph | null {
  if (el.closest(`${NOTE_SELECTOR}, pre, [dir="rtl"], h1, h2, h3, h4, h5, h6`)) return null;
  const style = getComputedStyle(el);
  if (style.textAlign !== 'justify' || style.direction === 'rtl' || style.whiteSpace !== 'normal') return null;
  const elLang = el.closest('[lang]')?.getAttribute('lang') ?? lang;
  if (RTL_OR_CJK_LANG.test(elLang.split('-')[0])) return null;
  const text = el.textContent ?? '';
  if (!text.trim() || OTHER_SCRIPTS.test(text)) return null;
  const contentWidth = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  if (!(contentWidth > 0)) return null;
  const indent = parseFloat(style.textIndent) || 0;

  // A `::first-line` letter-spacing is not counted: Paged.js's output does not apply it (its
  // polisher rewrites the selector), so the measuring layout must not either (see correctSpacing).
  const extraPerChar = 0;

  const items: Item[] = [];
  const calls: number[] = [];
  const sources = new Map<number, Source>();
  const faces = new Map<Element, Face>();
  const styleOf = (e: Element) => {
    let f = faces.get(e);
    if (!f) {
      f = faceOf(getComputedStyle(e));
      faces.set(e, f);
    }
    return f;
  };
  let ok = true;
  const lastIsGlue = () => items.length > 0 && items[items.length - 1].type === 'glue';
  const addBox = (width: number, chars: number) => {
    items.push({ type: 'box', width, firstLineExtra: extraPerChar ? extraPerChar * chars : 0 });
  };

  const walk = (node: Node) => {
    if (!ok) return;
    if (node.nodeType === Node.TEXT_NODE) {
      const t = node as Text;
      const s = styleOf(t.parentElement!);
      const data = t.data;
      const space = measure(s, ' ');
      const spaceGlue = (breakable: boolean): Item => ({
        type: 'glue',
        width: space,
        stretch: space * SETTINGS.stretch,
        shrink: space * SETTINGS.shrink,
        breakable,
      });
      for (const m of data.matchAll(/[ \t\n\r\f]+|[^ \t\n\r\f]+/g)) {
        const token = m[0];
        const at = m.index!;
        if (/^[ \t\n\r\f]/.test(token)) {
          // Collapsed with a preceding space (across elements): one glue.
          if (lastIsGlue()) continue;
          items.push(spaceGlue(true));
          sources.set(items.length - 1, { node: t, start: at, end: at + token.length });
          continue;
        }
        // A word: pieces between soft hyphens, explicit hyphens and no-break spaces.
        let offset = at;
        // (Most words hold none of the characters split at: no regex split for them.)
        const parts = WORD_SPLITTERS.test(token)
          ? token.split(/(\u00AD|\u00A0|(?<=[\p{L}\p{N}])[-\u2010](?=\p{L})|[\u2013\u2014](?=\S))/u)
          : [token];
        for (const part of parts) {
          if (!part) continue;
          if (part === SOFT_HYPHEN) {
            items.push({ type: 'penalty', width: measure(s, '-'), cost: SETTINGS.hyphenPenalty, flagged: true });
            sources.set(items.length - 1, { node: t, start: offset, end: offset + 1 });
          } else if (part === '\u00A0') {
            items.push(spaceGlue(false));
          } else if (/^[-\u2010\u2013\u2014]$/.test(part)) {
            addBox(measure(s, part), 1);
            items.push({
              type: 'penalty',
              width: 0,
              cost: part === '-' || part === '\u2010' ? SETTINGS.explicitHyphenPenalty : 0,
              flagged: part === '-' || part === '\u2010',
            });
            sources.set(items.length - 1, { node: t, start: offset + 1, end: offset + 1 });
          } else {
            addBox(measure(s, part), part.length);
          }
          offset += part.length;
        }
      }
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const e = node as HTMLElement;
    if (e.matches(NOTE_SELECTOR)) {
      // The note floats to the page foot; its call stays: the number at the call's size.
      const number = e.getAttribute('data-n') ?? '0';
      const width = measureCall(measure, getComputedStyle(e.parentElement!), number);
      items.push({ type: 'box', width });
      calls.push(width);
      return;
    }
    if (e.tagName === 'BR') {
      items.push({ type: 'glue', width: 0, stretch: 1e5, shrink: 0, breakable: false });
      items.push({ type: 'penalty', width: 0, cost: -FORCED, flagged: false });
      return;
    }
    const s = getComputedStyle(e);
    if (
      !INLINE_DISPLAY.test(s.display) ||
      s.whiteSpace !== 'normal' ||
      s.float !== 'none' ||
      s.position === 'absolute'
    ) {
      ok = false;
      return;
    }
    for (const child of Array.from(e.childNodes)) walk(child);
  };
  for (const child of Array.from(el.childNodes)) walk(child);
  if (!ok || items.length === 0) return null;

  // Trailing spaces go; the paragraph ends with TeX's \parfillskip and a forced break.
  while (items.length && items[items.length - 1].type !== 'box') {
    items.pop();
    sources.delete(items.length);
  }
  // No hyphen in the paragraph's last word.
  for (let i = items.length - 1; i >= 0 && items[i].type !== 'glue'; i--) {
    const it = items[i];
    if (it.type === 'penalty' && it.flagged) it.cost = FORCED;
  }
  items.push({ type: 'glue', width: 0, stretch: 1e5, shrink: 0, breakable: false });
  items.push({ type: 'penalty', width: 0, cost: -FORCED, flagged: false });
  return { el, items, sources, calls, lines: [], widths: [contentWidth - indent, contentWidth], set: [] };
}

/** A note call: the number at 0.62 of the text's size, as print.css sets `::footnote-call`. */
function measureCall(measure: Measure, s: CSSStyleDeclaration, number: string): number {
  const size = parseFloat(s.fontSize) * 0.62;
  const font = `normal 400 ${size}px ${s.fontFamily}`;
  return (
    measure(
      {
        font,
        spacing: '0px',
        transform: 'none',
        variantNumeric: 'normal',
        featureSettings: 'normal',
        key: `${font}|0px|none|normal|normal|`,
      },
      number,
    ) +
    size * 0.05
  );
}

function breakParagraph(p: Paragraph): Line[] | null {
  // TeX's first pass: no word broken by hyphenation, if every line stays within the first
  // tolerance (\pretolerance). A book hyphenates only where spacing needs it.
  const unhyphenated = p.items.map(
    (it): Item => (it.type === 'penalty' && it.flagged && it.width > 0 ? { ...it, cost: FORCED } : it),
  );
  const first = knuthPlass(unhyphenated, {
    tolerance: SETTINGS.pretolerance,
    lineWidth: (i) => (i === 0 ? p.widths[0] : p.widths[1]),
  });
  if (first) return first;
  for (const tolerance of SETTINGS.tolerances) {
    const lines = knuthPlass(p.items, { tolerance, lineWidth: (i) => (i === 0 ? p.widths[0] : p.widths[1]) });
    if (lines) return lines;
  }
  return null;
}

/** Fixes the chosen lines in the DOM: `<br>`, real hyphens, per-line word spacing; drops soft hyphens. */
function applyLines(p: Paragraph): void {
  const brs: (HTMLBRElement | null)[] = [];
  // From the last break to the first, so earlier text offsets stay valid.
  for (let k = p.lines.length - 2; k >= 0; k--) {
    const line = p.lines[k];
    const item = p.items[line.end];
    const source = p.sources.get(line.end);
    if (!source) {
      brs[k] = null; // a forced break from the manuscript's own <br>
      continue;
    }
    const br = document.createElement('br');
    br.setAttribute('data-line-break', '');
    const { node } = source;
    if (item.type === 'glue') {
      const rest = node.splitText(source.end);
      node.parentNode!.insertBefore(br, rest);
    } else if (item.type === 'penalty' && item.width > 0) {
      // A soft hyphen chosen as the break: a real, print-only hyphen in its place.
      const rest = node.splitText(source.start);
      rest.deleteData(0, 1);
      const hyphen = document.createElement('span');
      hyphen.setAttribute(PRINT_ONLY_ATTR, '');
      hyphen.className = 'line-hyphen';
      hyphen.textContent = '-';
      node.parentNode!.insertBefore(hyphen, rest);
      node.parentNode!.insertBefore(br, rest);
    } else {
      const rest = node.splitText(source.start);
      node.parentNode!.insertBefore(br, rest);
    }
    brs[k] = br;
  }
  brs[p.lines.length - 1] = null;

  // Word spacing per line: the whole adjustment shared by the line's spaces.
  p.set = p.lines.map((line, k) => {
    const last = k === p.lines.length - 1;
    const glues = last ? line.glues - 1 : line.glues;
    const target = (k === 0 ? p.widths[0] : p.widths[1]) - SLACK;
    let spacing = 0;
    if (glues > 0 && (!last || line.width > target)) spacing = (target - line.width) / glues;
    return { spans: [], br: brs[k], spacing, glues, callWidth: 0 };
  });
  let lineIndex = 0;
  const texts: Text[] = [];
  let callIndex = 0;
  const walker = document.createTreeWalker(p.el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
    acceptNode: (n) => {
      if (n.nodeType !== 1 || !(n as Element).matches(NOTE_SELECTOR)) return NodeFilter.FILTER_ACCEPT;
      const line = p.set[Math.min(lineIndex, p.set.length - 1)];
      line.callWidth += p.calls[callIndex++] ?? 0;
      return NodeFilter.FILTER_REJECT;
    },
  });
  const lineOf = new Map<Text, number>();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === 1) {
      if ((n as Element).tagName === 'BR') lineIndex++;
      continue;
    }
    texts.push(n as Text);
    lineOf.set(n as Text, lineIndex);
  }
  for (const t of texts) {
    if (t.data.includes(SOFT_HYPHEN)) t.data = t.data.replaceAll(SOFT_HYPHEN, '');
    if (t.data === '') {
      t.remove();
      continue;
    }
    // (A line-end hyphen is an element already.)
    if (t.parentElement?.classList.contains('line-hyphen')) continue;
    // Every text node gets its own element: Paged.js finds an element by its data-ref but a text
    // node by its content (the first sibling text that includes it), so a page break before
    // a bare text node could restart the paragraph or skip text.
    const k = Math.min(lineOf.get(t)!, p.set.length - 1);
    const span = document.createElement('span');
    span.className = 'line-spacing';
    if (p.set[k].spacing !== 0) span.style.wordSpacing = `${p.set[k].spacing.toFixed(3)}px`;
    t.parentNode!.insertBefore(span, t);
    span.appendChild(t);
    p.set[k].spans.push(span);
  }
  // The lines are fixed: the browser must not wrap them again (a rounding error would add a line).
  // (no white-space: nowrap: Paged.js loses its place in such paragraphs; lines end 0.2px short instead)
}

/** Runs `read` with the notes hidden (they float out of the line in print) and no `::first-line` letter-spacing. */
function withNotesHidden<T>(root: Element, read: () => T): T {
  const style = document.createElement('style');
  style.textContent =
    `.line-breaking-measure ${NOTE_SELECTOR} { display: none !important; } ` +
    '.line-breaking-measure *::first-line { letter-spacing: inherit !important; }';
  document.head.appendChild(style);
  root.classList.add('line-breaking-measure');
  try {
    return read();
  } finally {
    root.classList.remove('line-breaking-measure');
    if (!root.getAttribute('class')) root.removeAttribute('class');
    style.remove();
  }
}

/**
 * Measures the lines as laid out (notes hidden: they float out) and shares any difference between
 * the canvas's widths and the layout's among the line's spaces, so every line meets the margin.
 * Call inside `withNotesHidden`. Every line is read before any is written: one layout.
 */
function correctSpacing(paragraphs: Paragraph[]): void {
  const updates: [Paragraph['set'][number], number][] = [];
  for (const p of paragraphs) {
    const box = p.el.getBoundingClientRect();
    const cs = getComputedStyle(p.el);
    const right = box.left + p.el.clientLeft + parseFloat(cs.paddingLeft) + p.widths[1];
    for (const [k, line] of p.set.entries()) {
      if (!line.br || line.glues <= 0 || k === p.set.length - 1) continue;
      const end = lineEnd(line.br, p.el);
      if (end === null) continue;
      // The calls' width is in the canvas model but the notes are hidden now.
      const diff = right - SLACK - end - line.callWidth;
      if (Math.abs(diff) > 0.01) updates.push([line, diff]);
    }
  }
  for (const [line, diff] of updates) {
    line.spacing += diff / line.glues;
    for (const span of line.spans) span.style.wordSpacing = `${line.spacing.toFixed(3)}px`;
  }
}

/** The right edge of the last visible character before a line's `<br>`. */
function lineEnd(br: HTMLBRElement, container: Element): number | null {
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  walker.currentNode = br;
  const range = document.createRange();
  for (let n = walker.previousNode(); n; n = walker.previousNode()) {
    const t = n as Text;
    if (t.parentElement?.closest(NOTE_SELECTOR)) continue;
    const m = /\S(?=\s*$)/.exec(t.data);
    if (!m) continue;
    range.setStart(t, m.index);
    range.setEnd(t, m.index + 1);
    const rects = range.getClientRects();
    if (rects.length === 0) return null;
    return rects[rects.length - 1].right;
  }
  return null;
}

/**
 * On a laid-out page: every soft hyphen left in the text (notes, text that is not justified)
 * becomes a real hyphen where the line broke at it, and disappears elsewhere. The lines stay as
 * they are (a hyphen allows the same break, and unused break points were not chosen), and the
 * PDF's text layer gets no U+00AD.
 */
export function settleSoftHyphens(page: Element): void {
  const walker = document.createTreeWalker(page, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode())
    if ((n as Text).data.includes(SOFT_HYPHEN)) nodes.push(n as Text);
  if (nodes.length === 0) return;
  // Read: where each soft hyphen ends a line. Chromium draws a hyphen for it there, so its own range
  // has a box with a width; an unused one has none. (The characters around a used soft hyphen are
  // no guide: Chromium reports the drawn hyphen as part of the next character's box too.)
  const range = document.createRange();
  const used: number[][] = nodes.map((t) => {
    const breaks: number[] = [];
    for (let i = t.data.indexOf(SOFT_HYPHEN); i >= 0; i = t.data.indexOf(SOFT_HYPHEN, i + 1)) {
      range.setStart(t, i);
      range.setEnd(t, i + 1);
      if (Array.from(range.getClientRects()).some((r) => r.width > 0.5)) breaks.push(i);
    }
    return breaks;
  });
  // The blocks written to, with their layout before: a block whose lines move is put back as it was
  // (a soft hyphen left in the text layer is better than a word pushed out of a clipped note area).
  const blocks = new Map<Element, { html: string; layout: string }>();
  for (const t of nodes) {
    const block =
      t.parentElement?.closest('p, li, dd, dt, figcaption, blockquote, h1, h2, h3, h4, h5, h6, td, th, .footnote') ??
      t.parentElement;
    if (block && !blocks.has(block)) blocks.set(block, { html: block.innerHTML, layout: layoutOf(block) });
  }
  // Write.
  nodes.forEach((t, j) => {
    const breaks = used[j];
    for (let b = breaks.length - 1; b >= 0; b--) {
      const rest = t.splitText(breaks[b]);
      rest.deleteData(0, 1);
      const hyphen = document.createElement('span');
      hyphen.setAttribute(PRINT_ONLY_ATTR, '');
      hyphen.className = 'line-hyphen';
      hyphen.textContent = '-';
      // A hair narrower than the hyphen drawn for the soft hyphen (kerning across the element may
      // differ): the line must not grow, or a justified line would lose its last word.
      hyphen.style.marginRight = '-0.08em';
      t.parentNode!.insertBefore(hyphen, rest);
      // Chromium does not always break after a hyphen-minus (its line breaker judges the letters
      // around it): <wbr> keeps the break where the soft hyphen had it.
      t.parentNode!.insertBefore(document.createElement('wbr'), rest);
      if (rest.data.includes(SOFT_HYPHEN)) rest.data = rest.data.replaceAll(SOFT_HYPHEN, '');
    }
    if (t.data.includes(SOFT_HYPHEN)) t.data = t.data.replaceAll(SOFT_HYPHEN, '');
  });
  let kept = 0;
  for (const [block, before] of blocks) {
    if (layoutOf(block) === before.layout) continue;
    // Removing a soft hyphen may join a ligature or a kerning pair and widen a justified line by a
    // fraction of a pixel, enough to send its last word down. Slightly narrower spaces before
    // justification (which stretches them back to the measure) keep every line as it was.
    const el = block as HTMLElement;
    const saved = el.style.wordSpacing;
    let settled = false;
    for (const change of [-0.15, -0.3, -0.6, -1, 0.1, 0.2, -1.5]) {
      el.style.wordSpacing = `${change}px`;
      if (layoutOf(block) === before.layout) {
        settled = true;
        break;
      }
    }
    if (settled) continue;
    el.style.wordSpacing = saved;
    block.innerHTML = before.html;
    kept++;
  }
  if (kept)
    console.warn(`pamphleteer: soft hyphens kept in ${kept} of ${blocks.size} block(s) whose lines would have moved`);
}

/**
 * The line each word of a block sits on (its first character's top), in order: a word runs across
 * nodes. Spacing may change (removing a soft hyphen lets a ligature or kerning form), lines must not.
 */
function layoutOf(block: Element): string {
  const parts: string[] = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let afterSpace = true;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    if (t.parentElement?.closest(`[${PRINT_ONLY_ATTR}]`)) continue;
    for (let i = 0; i < t.data.length; i++) {
      const space = /\s/.test(t.data[i]);
      if (!space && afterSpace) {
        range.setStart(t, i);
        range.setEnd(t, i + 1);
        const r = range.getClientRects()[0];
        parts.push(r ? `${Math.round(r.top)}` : '-');
      }
      afterSpace = space;
    }
  }
  return parts.join(' ');
}

/**
 * On laid-out pages: the lines set by `breakLines` that the browser wrapped again (a line's text
 * spread over two line boxes), by their text. Empty when every line sits as it was set.
 */
export function rewrappedLines(pages: Element): string[] {
  const found: string[] = [];
  for (const el of Array.from(pages.querySelectorAll<HTMLElement>('p, li, dd, dt, figcaption, blockquote'))) {
    if (el.querySelector(':scope br[data-line-break], :scope .line-spacing')) found.push(...wrappedLinesOf(el));
  }
  return found;
}

/** The lines of `el` (text between `<br>`s, notes left out) laid out over more than one line box. */
function wrappedLinesOf(el: HTMLElement): string[] {
  const found: string[] = [];
  const range = document.createRange();
  const tolerance = (parseFloat(getComputedStyle(el).lineHeight) || 12) / 2;
  let tops: number[] = [];
  let text = '';
  const flush = () => {
    if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) >= tolerance) found.push(text.trim());
    tops = [];
    text = '';
  };
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
    acceptNode: (n) =>
      n.nodeType === Node.ELEMENT_NODE && (n as Element).matches(NOTE_SELECTOR)
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === Node.ELEMENT_NODE) {
      if ((n as Element).tagName === 'BR') flush();
      continue;
    }
    const t = n as Text;
    range.selectNodeContents(t);
    for (const r of Array.from(range.getClientRects())) if (r.width > 0 && r.height > 0) tops.push(r.top);
    text += t.data;
  }
  flush();
  return found;
}
