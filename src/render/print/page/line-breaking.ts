/**
 * Paragraph-wide line breaking for justified print text, run in the page before Paged.js
 * paginates. Chromium breaks lines greedily, one at a time; TeX chooses the breaks of a whole
 * paragraph at once (Knuth–Plass), which gives even spacing and fewer hyphens. Every justified
 * paragraph is measured with the page's own fonts (measuring.ts), broken (knuth-plass.ts) and its
 * lines set in the DOM (line-setting.ts). Soft hyphens are removed from those paragraphs;
 * soft-hyphens.ts does the same on laid-out pages for any other text, so the PDF's text layer
 * holds no U+00AD.
 */
import { PAGED, TEXT_BLOCKS } from './contract.js';
import { FORCED, type Item, type Line, type Penalty, knuthPlass, raggedRight } from './knuth-plass.js';
import {
  type MeasuredParagraph,
  NOTE_SELECTOR,
  RAGGED_BLOCKS,
  RTL_OR_CJK_LANG,
  SOFT_HYPHEN,
  firstLineStyles,
  measureParagraph,
  measurer,
  pageContentWidth,
} from './measuring.js';
import {
  NOTE_PLACE_ATTR,
  NOTES_AT_FOOT,
  type SetParagraph,
  correctSpacing,
  setLines,
  withNotesHidden,
  wrappedLinesOf,
} from './line-setting.js';
import { freezeTables } from './soft-hyphens.js';
import { forgetUnset, rememberUnset } from './unset-copies.js';

/**
 * How lines are judged: TeX's plain values, with a dear hyphen (measuring.ts's ITEM_SETTINGS).
 * Measured with bench/typeset.mjs against xelatex on the same text and page: these give fewer
 * hyphenated lines than xelatex with a 95th-percentile word space no wider than its.
 */
const TOLERANCES = {
  /** The first pass, without hyphenation: lines no looser than this ratio (TeX's \pretolerance 100). */
  pretolerance: 1,
  /**
   * Adjustment ratios tried in turn with hyphenation: the first that finds breaks wins
   * (TeX's \tolerance 200 is 1.26).
   */
  tolerances: [1.1, 1.6, 2.5, 5, Infinity],
  /**
   * A note's passes start tighter than the body's: lines up to 1.35 × the natural space before a word
   * is broken (not 1.5 ×), then hyphenation at that ratio first. With the body's ladder and its dear
   * hyphen, note lines reached 1.45 × (the essay's note-line word space, 95th percentile 1.42 against
   * xelatex's 1.38), for a few more hyphens in small type.
   */
  notes: { pretolerance: 0.7, tolerances: [0.7, 0.8, 1.1, 1.6, 2.5, 5, Infinity] },
  /**
   * A ragged-right line's end may stretch this many ems (ragged2e's \RaggedRight), at most a quarter
   * of a narrow measure: the breaks keep the line ends even, and hyphenate a narrow cell sooner.
   */
  raggedEms: 2,
  /** From this tolerance on, hyphens in a row are not limited and the last word may be broken. */
  hyphenLadders: 5,
};

/** Room (px) a ragged-right line keeps at the measure's end. */
const RAGGED_ROOM = 0.5;

export interface BreakLinesOptions {
  /** The book's language (BCP 47); elements may carry their own `lang`. */
  lang: string;
}

/**
 * Breaks every justified paragraph under `root` into lines, Knuth–Plass style, and fixes those
 * lines in the DOM. Call it once the fonts are loaded (`await document.fonts.ready`) and before
 * Paged.js reads the content. Text that is not justified, right-to-left, CJK or not hyphenated
 * is left as it is.
 */
export function breakLines(root: Element, options: BreakLinesOptions): void {
  forgetUnset();
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
  let notes: NotesAtFoot | null = null;
  try {
    const paragraphs: SetParagraph[] = [];
    const candidates = root.querySelectorAll<HTMLElement>(`${TEXT_BLOCKS}, ${RAGGED_BLOCKS}`);
    const firstLines = firstLineStyles(root);
    // Read phase: styles and widths for all paragraphs (one layout).
    for (const el of Array.from(candidates)) {
      const p = measureParagraph(el, options.lang, measure, { firstLine: firstLines.get(el) });
      if (p) paragraphs.push({ ...p, lines: [], set: [] });
    }
    // The notes, measured where they will print: at the page foot, the text block's width.
    notes = notesAtFoot(root, host.style.width, options.lang);
    for (const [note, lang] of notes.notes) {
      const first = measureParagraph(note, lang, measure, { inNote: true });
      if (!first) continue;
      paragraphs.push({ ...first, lines: [], set: [] });
      for (const more of first.nested) {
        const p = measureParagraph(more as HTMLElement, lang, measure, { inNote: true });
        if (p) paragraphs.push({ ...p, lines: [], set: [] });
      }
    }
    for (const p of paragraphs) {
      const lines = breakParagraph(p);
      if (lines) p.lines = lines;
    }
    // Write phase.
    const set = paragraphs.filter((p) => p.lines.length > 0);
    // A table sizes its columns by their longest lines: set lines would narrow them.
    freezeTables(set.filter((p) => p.ragged).map((p) => p.el));
    const originals = new Map(set.map((p) => [p, p.el.cloneNode(true) as HTMLElement]));
    for (const p of set) setLines(p);
    // Kept as they were, for a page that needs one re-set a line longer or shorter (looseness.ts).
    for (const p of set) if (!p.el.closest(NOTE_SELECTOR)) rememberUnset(p.el, originals.get(p)!, firstLines.get(p.el));
    // Both under one hiding of the notes: hiding and showing them again restyles the whole book.
    const wrapped = withNotesHidden(root, () => {
      correctSpacing(set);
      // A paragraph whose set lines the browser still wraps (a width the measuring got wrong) goes
      // back to the browser whole: uneven lines, never a line broken twice.
      return set.filter((p) => wrappedLinesOf(p.el, p.nested).length > 0);
    });
    for (const p of wrapped) p.el.replaceWith(originals.get(p)!);
  } finally {
    notes?.restore();
    probe.remove();
    host.style.width = savedWidth;
    if (!host.getAttribute('style')) host.removeAttribute('style');
  }
}

interface NotesAtFoot {
  /** Each note, with the language it is written in. */
  notes: [HTMLElement, string][];
  /** Puts every note back in its place in the text. */
  restore(): void;
}

/**
 * The notes under `root`, taken out of the text into a block as wide as the text block and styled
 * as Paged.js's note area (`.pagedjs_footnote_inner_content`), so they are measured and set as they
 * will print. Each leaves a placeholder behind, which the paragraph's line setting counts as its call.
 */
function notesAtFoot(root: Element, width: string, lang: string): NotesAtFoot {
  // (Not a note in right-to-left text: set by the browser, where it is.)
  const found = Array.from(root.querySelectorAll<HTMLElement>(NOTE_SELECTOR)).filter(
    (note) => note.closest('[dir]')?.getAttribute('dir') !== 'rtl',
  );
  // Read: each note's language, from where it is called.
  const langs = found.map((note) => note.parentElement?.closest('[lang]')?.getAttribute('lang') ?? lang);
  const foot = document.createElement('div');
  foot.className = `${PAGED.footnoteInner} ${NOTES_AT_FOOT}`;
  foot.style.cssText = `position:absolute;left:0;top:0;visibility:hidden;width:${width}`;
  const places = found.map((note) => {
    const place = document.createElement('span');
    place.setAttribute(NOTE_PLACE_ATTR, '');
    note.replaceWith(place);
    foot.appendChild(note);
    return place;
  });
  document.body.appendChild(foot);
  return {
    notes: found.map((note, i) => [note, langs[i]]),
    restore() {
      // By position, both ways: a note whose lines went back to the browser is a copy of the one taken
      // out, and so is a paragraph, with copies of its placeholders (the ones made here left the page).
      const taken = Array.from(foot.children);
      const current = Array.from(root.querySelectorAll(`[${NOTE_PLACE_ATTR}]`));
      const targets = current.length === places.length ? current : places;
      for (const [i, place] of targets.entries()) place.replaceWith(taken[i]);
      foot.remove();
    },
  };
}

/** The paragraph's breaks: first without hyphenation, then with it at growing tolerances. */
export function breakParagraph(p: MeasuredParagraph, looseness = 0): Line[] | null {
  const items = p.ragged ? raggedRight(p.items) : p.items;
  const lineEndStretch = p.ragged ? Math.min(TOLERANCES.raggedEms * p.fontSize, p.widths[1] / 4) : 0;
  // (A ragged line is not corrected to the measure afterwards: a hair of room against the canvas's rounding.)
  const short = p.ragged ? RAGGED_ROOM : 0;
  const lineWidth = (i: number) => (i === 0 ? p.widths[0] : p.widths[1]) - short;
  // TeX's first pass: no word broken by hyphenation, if every line stays within the first
  // tolerance (\pretolerance). A book hyphenates only where spacing needs it.
  const { pretolerance, tolerances } = p.inNote ? TOLERANCES.notes : TOLERANCES;
  const unhyphenated = items.map(
    (it): Item => (it.type === 'penalty' && it.flagged && it.width > 0 ? { ...it, cost: FORCED } : it),
  );
  const first = knuthPlass(unhyphenated, {
    tolerance: pretolerance,
    lineWidth,
    lineEndStretch,
    looseness,
  });
  if (first) return first;
  // The last passes, where no breaks keep the lines decent (long words on a narrow measure), may break
  // the last word too (its hyphen costs TeX's \finalhyphendemerits) rather than leave a gap of spaces.
  const lastResort = items.slice();
  for (const [i, cost] of p.lastWordBreaks) lastResort[i] = { ...(items[i] as Penalty), cost };
  for (const tolerance of tolerances) {
    const emergency = tolerance >= TOLERANCES.hyphenLadders;
    const lines = knuthPlass(emergency ? lastResort : items, {
      tolerance,
      lineWidth,
      lineEndStretch,
      // (A word broken at the end of a line of capitals reads badly: "CON-".)
      firstLineUnhyphenated: p.firstLine,
      // Where no breaks keep the lines decent (long words on a narrow measure), a third hyphen in a
      // row costs demerits rather than being refused: a ladder beats a gap of several spaces.
      ...(emergency ? { maxHyphensInRow: Infinity } : {}),
      looseness,
    });
    if (lines) return lines;
  }
  return null;
}
