import { CLASS, LINE_BREAK_ATTR, PAGED } from './contract.js';
import { failSafe } from './failure-policy.js';
import { breakParagraph } from './line-breaking.js';
import { correctSpacing, setLines, wrappedLinesOf } from './line-setting.js';
import { type Measure, NOTE_SELECTOR, measureParagraph, measurer } from './measuring.js';
import type { PagedHandlerClass, PagedLayout } from './paged.js';
import { resettable, unsetCopy, unsetFirstLine } from './unset-copies.js';

/**
 * A page the rules leave a line or more short fills again the way a compositor fills it: a
 * paragraph on the page is run a line long or short (TeX's \looseness), so the page break falls
 * elsewhere and the page ends at the foot. Widows, orphans, keep-with-next and no hyphen at a
 * recto's foot each move a page break up; without this the page would end short and its spread
 * uneven.
 *
 * After Paged.js and the page handlers have chosen the break (onBreakToken), for a page left short:
 * each paragraph wholly on the page (set by line-breaking.ts, no note in it), nearest the break
 * first, is re-set one line shorter or longer, cheapest setting first; the break is found again
 * and the page handlers run on it. The first setting that fills the page, with the same note calls
 * on it, stays. One that only brings the foot a line nearer stays while another paragraph is
 * tried (up to MAX_RESETS: a page a heading or a list item left 2 lines short). A page that
 * cannot be filled is left as it was; a page with notes is left alone (it ends on the common
 * baseline anyway, its notes at the foot).
 */

/** Elements the line setting adds to a paragraph (not the manuscript's own). */
const SETTING = `.${CLASS.lineSpacing}, .${CLASS.lineHyphen}, br[${LINE_BREAK_ATTR}]`;
/** Most paragraphs tried on one page, nearest the break first. */
const MAX_CANDIDATES = 3;
/** Most paragraphs re-set on one page (each a line longer or shorter). */
const MAX_RESETS = 3;
/**
 * The loosest setting accepted: the worst line's adjustment ratio (line-breaking.ts sets a
 * paragraph at ratio 1.1 where it can, at 1.6 or 2.5 where it must).
 */
const MAX_RATIO = 2.5;

/** One measurer per document (its width caches serve every page); its probe is put in only while in use. */
let shared: { body: HTMLElement; probe: HTMLElement; measure: Measure } | undefined;

/**
 * Runs `work` with the document's measurer, its probe in the body only meanwhile: a probe left in
 * the body is printed (an extra, empty sheet at the end of the PDF).
 */
function withMeasurer<T>(work: (m: Measure) => T): T | undefined {
  if (shared?.body !== document.body) {
    const canvas = document.createElement('canvas').getContext('2d');
    if (!canvas) return undefined;
    const probe = document.createElement('span');
    probe.style.cssText = 'position:absolute;visibility:hidden;white-space:pre;left:0;top:0;font-kerning:normal';
    shared = { body: document.body, probe, measure: measurer(canvas, probe) };
  }
  document.body.appendChild(shared.probe);
  try {
    return work(shared.measure);
  } finally {
    shared.probe.remove();
  }
}

/** The bottom of the page's text before the break (px), in the page's own column. */
function keptBottom(overflow: Range, rendered: Element, right: number): number {
  const range = document.createRange();
  range.setStart(rendered, 0);
  range.setEnd(overflow.startContainer, overflow.startOffset);
  let bottom = Number.NEGATIVE_INFINITY;
  for (const r of Array.from(range.getClientRects()))
    if (r.height > 0 && r.width > 0 && r.left < right && r.bottom > bottom) bottom = r.bottom;
  return bottom;
}

/** The note calls before the break, by reference. */
function callsBefore(overflow: Range, rendered: Element): string {
  return Array.from(rendered.querySelectorAll(`[${PAGED.footnoteCallAttr}]`))
    .filter((c) => overflow.comparePoint(c, 0) < 0)
    .map((c) => c.getAttribute(PAGED.footnoteCallAttr))
    .join(' ');
}

/** A fresh unset copy of `el`, with the attributes Paged.js gave it and its elements. */
function unsetCopyOf(el: HTMLElement): HTMLElement | undefined {
  const original = unsetCopy(el);
  if (!original) return undefined;
  const copy = original.cloneNode(true) as HTMLElement;
  const own = Array.from(el.querySelectorAll('*')).filter((e) => !e.matches(SETTING));
  const theirs = Array.from(copy.querySelectorAll('*'));
  if (own.length !== theirs.length || own.some((e, i) => e.tagName !== theirs[i].tagName)) return undefined;
  for (const [i, e] of own.entries()) for (const a of Array.from(e.attributes)) theirs[i].setAttribute(a.name, a.value);
  for (const a of Array.from(el.attributes)) copy.setAttribute(a.name, a.value);
  return copy;
}

/**
 * Re-sets the paragraph `el` (in place) `looseness` lines longer or shorter. Returns the new
 * element, or undefined with `el` left in place.
 */
function reset(el: HTMLElement, looseness: number, lang: string, m: Measure): HTMLElement | undefined {
  const copy = unsetCopyOf(el);
  if (!copy) return undefined;
  el.replaceWith(copy);
  const measured = measureParagraph(copy, lang, m, { firstLine: unsetFirstLine(el) });
  const lines = measured && breakParagraph(measured, looseness);
  if (measured && lines) {
    const p = { ...measured, lines, set: [] };
    setLines(p);
    correctSpacing([p]);
    if (wrappedLinesOf(copy).length === 0) return copy;
  }
  copy.replaceWith(el);
  return undefined;
}

/** A setting of one paragraph tried, with its cost (the worst line's adjustment ratio). */
interface Trial {
  el: HTMLElement;
  looseness: number;
  cost: number;
}

/** The settings one line longer and shorter of each candidate paragraph, cheapest first. */
function trialsFor(candidates: HTMLElement[], lang: string, m: Measure): Trial[] {
  const trials: Trial[] = [];
  for (const el of candidates) {
    const copy = unsetCopyOf(el);
    if (!copy) continue;
    el.replaceWith(copy);
    const measured = measureParagraph(copy, lang, m, { firstLine: unsetFirstLine(el) });
    copy.replaceWith(el);
    if (!measured) continue;
    for (const looseness of [-1, 1]) {
      const lines = breakParagraph(measured, looseness);
      if (lines) trials.push({ el, looseness, cost: Math.max(...lines.slice(0, -1).map((l) => Math.abs(l.ratio)), 0) });
    }
  }
  return trials.sort((a, b) => a.cost - b.cost);
}

export function fillShortPage(
  token: { node?: Node } | undefined,
  overflow: Range | undefined,
  rendered: Element,
  layout: PagedLayout,
  m: Measure,
): unknown {
  if (!token?.node || !overflow || !layout.findOverflow || !layout.createBreakToken) return undefined;
  const content = rendered.closest<HTMLElement>(`.${PAGED.pageContent}`);
  if (!content) return undefined;
  // A page with notes ends on the common baseline anyway (flush-bottom.ts sets its notes at the
  // foot): only a page of text alone can leave its spread uneven. (Re-setting costs layouts.)
  if (content.parentElement?.querySelector(`.${PAGED.footnoteInner} > *`)) return undefined;
  const box = content.getBoundingClientRect();
  const line = parseFloat(getComputedStyle(content).lineHeight) || 16;
  const shortOf = (o: Range) => box.bottom - keptBottom(o, rendered, box.right);
  if (shortOf(overflow) < line * 0.95) return undefined;
  const lang = document.documentElement.lang || 'en';
  const calls = callsBefore(overflow, rendered);
  const candidates = resettable(rendered)
    .filter(
      (el) =>
        overflow.comparePoint(el, el.childNodes.length) < 0 &&
        !el.hasAttribute(PAGED.splitFromAttr) &&
        !el.querySelector(`[${PAGED.footnoteCallAttr}], ${NOTE_SELECTOR}`),
    )
    .reverse()
    .slice(0, MAX_CANDIDATES);
  const source = token.node.getRootNode();
  // A paragraph taken out and put back moves the range's boundary in its parent: kept here.
  const { startContainer, startOffset, endContainer, endOffset } = overflow;
  const restore = () => {
    overflow.setStart(startContainer, startOffset);
    overflow.setEnd(endContainer, endOffset);
  };
  /** The break the page handlers choose once the page's text moved. */
  const breakNow = (): Range | undefined => {
    let next = layout.findOverflow?.(rendered);
    if (next)
      for (const o of layout.hooks?.onOverflow?.triggerSync(next, rendered, layout.bounds, layout) ?? [])
        if (o) next = o;
    return next && callsBefore(next, rendered) === calls ? next : undefined;
  };
  // Paragraphs re-set so far (each brought the foot nearer), undone if the page is not filled.
  const kept: { el: HTMLElement; set: HTMLElement }[] = [];
  let short = shortOf(overflow);
  let left = candidates;
  for (let round = 0; round < MAX_RESETS && left.length > 0; round++) {
    const trials = trialsFor(left, lang, m).filter((t) => t.cost <= MAX_RATIO);
    restore();
    let nearer: { el: HTMLElement; set: HTMLElement; short: number } | undefined;
    for (const trial of trials) {
      const set = reset(trial.el, trial.looseness, lang, m);
      if (!set) continue;
      const next = breakNow();
      const now = next ? shortOf(next) : Number.POSITIVE_INFINITY;
      const newToken = next && now < line * 0.95 ? layout.createBreakToken(next, rendered, source) : undefined;
      if (next && newToken) {
        // Paged.js removes what follows its own range: moved to the new break.
        overflow.setStart(next.startContainer, next.startOffset);
        overflow.setEnd(next.endContainer, next.endOffset);
        return newToken;
      }
      if (now < short - line / 2) {
        nearer = { el: trial.el, set, short: now };
        break;
      }
      set.replaceWith(trial.el);
      restore();
    }
    if (!nearer) break;
    kept.push(nearer);
    short = nearer.short;
    left = left.filter((el) => el !== nearer.el);
  }
  for (const { el, set } of kept.reverse()) set.replaceWith(el);
  restore();
  return undefined;
}

const guardedFill = failSafe(
  'looseness',
  (token: { node?: Node } | undefined, overflow: Range | undefined, rendered: Element, layout: PagedLayout) =>
    withMeasurer((m) => fillShortPage(token, overflow, rendered, layout, m)),
);

export function loosenessHandler(Paged: { Handler: PagedHandlerClass }): PagedHandlerClass {
  return class Looseness extends Paged.Handler {
    onBreakToken(
      token: { node?: Node } | undefined,
      overflow: Range | undefined,
      rendered: Element,
      layout: PagedLayout,
    ) {
      return guardedFill(token, overflow, rendered, layout);
    }
  };
}
