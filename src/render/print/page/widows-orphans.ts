import { CLASS, LINE_BREAK_ATTR, PAGED, TEXT_BLOCK_TAGS } from './contract.js';
import { failSafe } from './failure-policy.js';
import { breakBefore, withKeptPredecessors } from './keep-with-next.js';
import {
  breakAt,
  inNote,
  lineOf,
  lineStart,
  lineTolerance,
  linesOf,
  rectAt,
  sameLine,
  type PageFrame,
  type TextPosition,
} from './lines.js';
import type { PagedHandlerClass, PagedLayout } from './paged.js';

/**
 * Widows and orphans, which Paged.js 0.4.3 does not implement. When a page break falls inside a
 * paragraph:
 * - fewer than two of its lines left at the foot of the page (orphan): the paragraph moves whole
 *   to the next page, with the heading before it;
 * - one line alone at the head of the next page (widow): it gets a second line from this page;
 * - a break inside a word hyphenated at the line end ("spectacul|arize") moves before the word,
 *   so no word is split across pages (Paged.js would add a hyphen glyph of its own);
 * - no recto ends in a word hyphenated by the line breaking (line-breaking.ts): that line goes over
 *   (a verso may: the word ends on the facing page).
 */
const MIN_LINES = 2;
const BLOCK = new RegExp(`^(${TEXT_BLOCK_TAGS.join('|')})$`, 'i');

function blockOf(node: Node, rendered: Element): HTMLElement | null {
  let el: HTMLElement | null = node.nodeType === Node.ELEMENT_NODE ? (node as HTMLElement) : node.parentElement;
  while (el && el !== rendered) {
    if (BLOCK.test(el.tagName)) return el;
    el = el.parentElement;
  }
  return null;
}

/**
 * The break as a text position: a break between the nodes of a paragraph (at a <br>, before an <em>) starts at the
 * next text.
 */
function textPositionOf(overflow: Range): TextPosition | undefined {
  const start = overflow.startContainer;
  if (start.nodeType === Node.TEXT_NODE) return { node: start as Text, offset: overflow.startOffset };
  const next = start.childNodes[overflow.startOffset];
  if (!next) return undefined;
  if (next.nodeType === Node.TEXT_NODE) return { node: next as Text, offset: 0 };
  const walker = document.createTreeWalker(start, NodeFilter.SHOW_TEXT);
  walker.currentNode = next;
  const text = next.nodeType === Node.ELEMENT_NODE ? walker.nextNode() : null;
  return text && next.contains(text) ? { node: text as Text, offset: 0 } : undefined;
}

export function widowsAndOrphans(overflow: Range, rendered: Element, frame: PageFrame): Range | undefined {
  const start = overflow.startContainer;
  if (inNote(start)) return undefined;
  const block = blockOf(start, rendered);
  if (!block) return undefined;
  let position = textPositionOf(overflow);
  if (!position) return undefined;
  let moved = false;
  const data = position.node.data;
  if (position.offset > 0 && !/\s/.test(data[position.offset - 1])) {
    const space = data.slice(0, position.offset).search(/\s\S*$/);
    if (space >= 0) {
      position = { node: position.node, offset: space + 1 };
      moved = true;
    }
  }
  const tolerance = lineTolerance(block);
  const lines = linesOf(block, frame, tolerance);
  const rect = rectAt(position.node, position.offset);
  if (!rect || lines.length === 0) return undefined;
  const breakLine = lineOf(rect, frame);
  const before = lines.findIndex((l) => sameLine(l, breakLine, tolerance));
  if (before < 0) return undefined;
  const after = lines.length - before;
  if (before < MIN_LINES) return breakBefore(withKeptPredecessors(block, rendered), rendered);
  if (after < MIN_LINES && before - (MIN_LINES - after) >= MIN_LINES) {
    const earlier = lineStart(block, lines[lines.length - MIN_LINES], frame, tolerance);
    if (earlier) {
      position = earlier;
      moved = true;
    }
  }
  return moved ? breakAt(position, rendered) : undefined;
}

/**
 * No page ends in a hyphenated word. line-breaking.ts marks its line ends with
 * `br[data-line-break]` and its hyphens with `.line-hyphen`: a page whose last line ends in one
 * sends that line over too (the whole paragraph, if too few lines would be left).
 */
export function avoidHyphenAtFoot(range: Range, rendered: Element): Range | undefined {
  const start = range.startContainer;
  const block = blockOf(start, rendered);
  if (!block) return undefined;
  // What of the block stays on this page: from its start to the break.
  const kept = document.createRange();
  kept.setStart(block, 0);
  kept.setEnd(start, range.startOffset);
  // The last line hyphen before the break, with no text between it and the break (the break may
  // fall before or after the line's <br>).
  const hyphen = Array.from(block.querySelectorAll(`.${CLASS.lineHyphen}`))
    .filter((h) => !inNote(h) && kept.isPointInRange(h, 0))
    .pop();
  if (!hyphen) return undefined;
  const between = document.createRange();
  between.setStartAfter(hyphen);
  between.setEnd(start, range.startOffset);
  const rest = between.cloneContents();
  for (const n of rest.querySelectorAll(`.${CLASS.note}`)) n.remove();
  if ((rest.textContent ?? '').trim()) return undefined;
  // The line breaks before the hyphenated line. Moving it over must not leave another hyphenated
  // line at the foot: go back past every line that ends in a hyphen too.
  const brs = Array.from(block.querySelectorAll(`br[${LINE_BREAK_ATTR}]`)).filter(
    (br) => !inNote(br) && hyphen.compareDocumentPosition(br) & Node.DOCUMENT_POSITION_PRECEDING,
  );
  const endsInHyphen = (br: Element) =>
    br.previousSibling instanceof Element && br.previousSibling.classList.contains(CLASS.lineHyphen);
  let last = brs.length - 1;
  while (last >= 0 && endsInHyphen(brs[last])) last--;
  // `last + 1` lines are left on this page.
  if (last + 1 < MIN_LINES) return breakBefore(withKeptPredecessors(block, rendered), rendered);
  // Right after the line's <br>, between nodes: a break at the start of a text node would get a
  // stray hyphen from Paged.js (its hyphenateAtBreak reads the emptied node's last letter as a letter).
  const moved = document.createRange();
  moved.setStartAfter(brs[last]);
  moved.setEndAfter(rendered.lastChild!);
  return moved;
}

/**
 * A note left in the running text on this page: Paged.js moves a note to the page foot when its
 * place in the text is on the page as the note is rendered; a note that was past the foot then,
 * and came onto the page as the note area shrank, stays in the text, where a page break would cut
 * it. The first such note before the break, if any.
 */
export function noteLeftInText(breakRange: Range, rendered: Element, bounds: DOMRect): Element | undefined {
  for (const note of Array.from(rendered.querySelectorAll('[data-note="footnote"]'))) {
    if (note.closest('.pagedjs_footnote_area')) continue;
    const rect = Array.from(note.getClientRects()).find((r) => r.width > 0 || r.height > 0);
    // (Off the page's own column, to either side: in an overflow column.)
    if (!rect || rect.left >= bounds.right || rect.right <= bounds.left) continue;
    // Before the break: the note's start lies before the break's start.
    if (breakRange.comparePoint(note, 0) < 0) return note;
  }
  return undefined;
}

/**
 * A note call on this page, before the break, whose note is not in this page's note area: Paged.js
 * sent the note on (no room for it, or its call was past the foot when the note was rendered and
 * came back onto the page as the note area shrank). The call's line goes over with its note, as in
 * TeX, rather than leave the note a page after its call.
 */
export function callWithoutNote(breakRange: Range, rendered: Element, bounds: DOMRect): Element | undefined {
  const inner = rendered.closest('.pagedjs_area')?.querySelector('.pagedjs_footnote_inner_content');
  for (const call of Array.from(rendered.querySelectorAll('[data-footnote-call]'))) {
    const rect = call.getBoundingClientRect();
    if (rect.left >= bounds.right || rect.right <= bounds.left || breakRange.comparePoint(call, 0) >= 0) continue;
    const ref = call.getAttribute('data-footnote-call') ?? '';
    if (!inner?.querySelector(`[data-ref="${CSS.escape(ref)}"]`)) return call;
  }
  return undefined;
}

/** A page break before the line that holds `el` (widows and orphans kept), if there is one. */
function breakBeforeLineOf(el: Element, rendered: Element, frame: PageFrame): Range | undefined {
  const block = blockOf(el, rendered);
  const rect = el.getBoundingClientRect();
  if (!block) return undefined;
  const start = lineStart(block, lineOf(rect, frame), frame, lineTolerance(block));
  // The call on the block's first line (or no word start found): the whole block goes over.
  if (!start) return breakBefore(withKeptPredecessors(block, rendered), rendered);
  const range = breakAt(start, rendered);
  return widowsAndOrphans(range, rendered, frame) ?? range;
}

const adjustBreak = failSafe('widow/orphan adjustment', (overflow: Range, rendered: Element, frame: PageFrame) => {
  const adjusted = widowsAndOrphans(overflow, rendered, frame);
  // (A hyphen at a verso's foot is the tradition's: the word's end is in sight, on the recto.)
  const recto = !!rendered.closest(`.${PAGED.rightPage}`);
  let chosen = (recto ? avoidHyphenAtFoot(adjusted ?? overflow, rendered) : undefined) ?? adjusted;
  const call = callWithoutNote(chosen ?? overflow, rendered, frame.bounds);
  if (call) chosen = breakBeforeLineOf(call, rendered, frame) ?? chosen;
  // A note still in the text goes to the next page whole, where Paged.js moves it to the foot.
  const note = noteLeftInText(chosen ?? overflow, rendered, frame.bounds);
  if (!note) return chosen;
  const range = document.createRange();
  range.setStartBefore(note);
  range.setEndAfter(rendered.lastChild!);
  return range;
});

export function widowsOrphansHandler(Paged: { Handler: PagedHandlerClass }): PagedHandlerClass {
  return class WidowsOrphans extends Paged.Handler {
    onOverflow(
      overflow: Range | undefined,
      rendered: Element,
      bounds: DOMRect,
      layout: PagedLayout,
    ): Range | undefined {
      if (!overflow) return undefined;
      return adjustBreak(overflow, rendered, { bounds, gap: layout?.gap ?? 0 });
    }
  };
}
