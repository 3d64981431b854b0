/**
 * Setting the lines the breaking chose in the DOM: a `<br>` ends each line, a real hyphen
 * (print-only, so the text layer reads a plain hyphen and the EPUB page map does not count it) is
 * set where a word is broken, and each line's spaces get the word-spacing that fills the measure.
 */
import { CLASS, LINE_BREAK_ATTR, LINES_SET_ATTR, PRINT_ONLY_ATTR, TEXT_BLOCKS } from './contract.js';
import type { Line } from './knuth-plass.js';
import { type MeasuredParagraph, NOTE_SELECTOR, SOFT_HYPHEN } from './measuring.js';

/** A note in the text (or the place it was taken from while its own lines are set): its call. */
export const NOTE_PLACE_ATTR = 'data-note-place';
const NOTE_CALL = `${NOTE_SELECTOR}, [${NOTE_PLACE_ATTR}]`;

/** The notes set where they will print, at the page foot's width (see line-breaking.ts). */
export const NOTES_AT_FOOT = 'line-breaking-notes';

/** Lines are set this much (px) short of the measure, so rounding never makes the browser wrap one. */
const SLACK = 0.2;

/** One set line: the word-spacing spans, the `<br>` ending it, the spacing set. */
export interface SetLine {
  spans: HTMLElement[];
  br: HTMLBRElement | null;
  spacing: number;
  glues: number;
  callWidth: number;
}

export interface SetParagraph extends MeasuredParagraph {
  lines: Line[];
  set: SetLine[];
}

/** Fixes the chosen lines in the DOM: `<br>`, real hyphens, per-line word spacing; drops soft hyphens. */
export function setLines(p: SetParagraph): void {
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
    br.setAttribute(LINE_BREAK_ATTR, '');
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
      // (On a first line in its own face, the hyphen is in that face too.)
      hyphen.className = k === 0 && p.firstLine ? `${CLASS.lineHyphen} ${CLASS.firstLine}` : CLASS.lineHyphen;
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

  p.el.setAttribute(LINES_SET_ATTR, '');
  // Word spacing per line: the whole adjustment shared by the line's spaces.
  p.set = p.lines.map((line, k) => {
    const last = k === p.lines.length - 1;
    const glues = last ? line.glues - 1 : line.glues;
    const target = (k === 0 ? p.widths[0] : p.widths[1]) - SLACK;
    let spacing = 0;
    if (glues > 0 && ((!last && !p.ragged) || line.width > target)) spacing = (target - line.width) / glues;
    return { spans: [], br: brs[k], spacing, glues, callWidth: 0 };
  });
  let lineIndex = 0;
  const texts: Text[] = [];
  let callIndex = 0;
  const walker = document.createTreeWalker(p.el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
    acceptNode: (n) => {
      if (n.nodeType === 1 && p.nested.includes(n as Element)) return NodeFilter.FILTER_REJECT;
      if (n.nodeType !== 1 || !(n as Element).matches(NOTE_CALL)) return NodeFilter.FILTER_ACCEPT;
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
    if (t.parentElement?.classList.contains(CLASS.lineHyphen)) continue;
    // Every text node gets its own element: Paged.js finds an element by its data-ref but a text
    // node by its content (the first sibling text that includes it), so a page break before
    // a bare text node could restart the paragraph or skip text.
    const k = Math.min(lineOf.get(t)!, p.set.length - 1);
    const span = document.createElement('span');
    span.className = k === 0 && p.firstLine ? `${CLASS.lineSpacing} ${CLASS.firstLine}` : CLASS.lineSpacing;
    if (p.set[k].spacing !== 0) span.style.wordSpacing = `${p.set[k].spacing.toFixed(3)}px`;
    t.parentNode!.insertBefore(span, t);
    span.appendChild(t);
    p.set[k].spans.push(span);
  }
  // The lines are fixed: the browser must not wrap them again (a rounding error would add a line).
  // (no white-space: nowrap: Paged.js loses its place in such paragraphs; lines end 0.2px short instead)
}

/** Runs `read` with the notes hidden (they float out of the line in print). */
export function withNotesHidden<T>(root: Element, read: () => T): T {
  const style = document.createElement('style');
  style.textContent = `.line-breaking-measure ${NOTE_SELECTOR}:not(.${NOTES_AT_FOOT} > *) { display: none !important; }`;
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
export function correctSpacing(paragraphs: SetParagraph[]): void {
  const updates: [SetLine, number][] = [];
  for (const p of paragraphs) {
    // (A ragged line keeps its natural spacing: its end may fall anywhere short of the margin.)
    if (p.ragged) continue;
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
    const note = t.parentElement?.closest(NOTE_SELECTOR);
    // (A note's own paragraphs are set too: only a note inside the line is left out.)
    if (note && container.contains(note)) continue;
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
 * On laid-out pages: the lines set by `breakLines` that the browser wrapped again (a line's text
 * spread over two line boxes), by their text. Empty when every line sits as it was set.
 */
export function rewrappedLines(pages: Element): string[] {
  const found: string[] = [];
  for (const el of Array.from(pages.querySelectorAll<HTMLElement>(TEXT_BLOCKS))) {
    if (el.querySelector(`:scope br[${LINE_BREAK_ATTR}], :scope .${CLASS.lineSpacing}`))
      found.push(...wrappedLinesOf(el));
  }
  return found;
}

/** The lines of `el` (text between `<br>`s, notes left out) laid out over more than one line box. */
export function wrappedLinesOf(el: HTMLElement, nested: Element[] = []): string[] {
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
      n.nodeType === Node.ELEMENT_NODE && ((n as Element).matches(NOTE_CALL) || nested.includes(n as Element))
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
