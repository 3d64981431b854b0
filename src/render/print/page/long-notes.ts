import { LINE_BREAK_ATTR, TEXT_BLOCKS } from './contract.js';
import { failSafe } from './failure-policy.js';
import { inNote, lineTolerance, type PageFrame } from './lines.js';
import type { PagedHandlerClass, PagedLayout, PagedPage } from './paged.js';
import { callWithoutNote, noteLeftInText } from './widows-orphans.js';

/**
 * Long notes split the way a book's do. Paged.js 0.4.3 gives a note that does not fit everything
 * below its call, so a call early on a page leaves two or three lines of text above a page of
 * note; a note longer than a page takes the whole next page. This handler caps the note area so
 * the running text keeps at least a third of the page and five lines: the note's first part sits
 * under its call, and Paged.js carries the rest to the next page foot,
 * where the same cap applies again, page after page. Where Paged.js cut the note inside a word,
 * the whole word goes to the continuation, so no word is split across pages.
 */
export const MIN_TEXT_LINES = 5;
export const MIN_TEXT_SHARE = 1 / 3;

function verticalExtras(el: Element): number {
  const s = getComputedStyle(el);
  const px = (v: string) => parseFloat(v) || 0;
  return (
    px(s.marginTop) +
    px(s.marginBottom) +
    px(s.paddingTop) +
    px(s.paddingBottom) +
    px(s.borderTopWidth) +
    px(s.borderBottomWidth)
  );
}

/** Sets the note area's height (and its inner box's, against which Paged.js finds the note's overflow). */
function setNoteAreaHeight(area: HTMLElement, noteContent: HTMLElement, inner: HTMLElement, height: number): void {
  area.style.setProperty('--pagedjs-footnotes-height', `${height}px`);
  // A taller inner box would be clipped at the top: the note's first lines silently lost.
  inner.style.height = `${Math.max(0, height - verticalExtras(noteContent))}px`;
}

/** The note calls on this page whose notes sit in this page's note area. */
function callsOf(content: HTMLElement, inner: HTMLElement): Element[] {
  return Array.from(content.querySelectorAll('[data-footnote-call]')).filter((call) => {
    const ref = call.getAttribute('data-footnote-call') ?? '';
    return inner.querySelector(`[data-ref="${CSS.escape(ref)}"]`) !== null;
  });
}

/** Lines a note keeps on each side of a page break (TeX's split insertions, with the two-line rule). */
export const MIN_NOTE_LINES = 2;

/**
 * The least height of the page's note area: its box's margins, borders and padding, every note but
 * the last whole, and the last note's first lines (all of it, if shorter). Below it Paged.js keeps
 * no line of the last note: it moves the note to the next page and sets the area to what is left,
 * which may be taller than the running text was laid out for, so the text's last lines (with the
 * call) would fall off the page unprinted.
 */
export function minNoteAreaHeight(noteContent: HTMLElement, inner: HTMLElement): number {
  let height = verticalExtras(noteContent);
  const notes = Array.from(inner.children).filter((n) => n.getAttribute('data-note') === 'footnote');
  notes.forEach((note, i) => {
    // A note's fragments (one per column of the note area) add up to its whole height.
    const whole = Array.from(note.getClientRects()).reduce((sum, r) => sum + r.height, 0);
    const style = getComputedStyle(note);
    if (i < notes.length - 1)
      height += whole + (parseFloat(style.marginTop) || 0) + (parseFloat(style.marginBottom) || 0);
    else height += Math.min(whole, MIN_NOTE_LINES * (parseFloat(style.lineHeight) || 12));
  });
  return Math.ceil(height);
}

/**
 * Shrinks the page's note area to what the running text leaves; Paged.js then splits the note.
 * Every call whose note is in the area keeps its line on the page: Paged.js 0.4.3 may size the
 * area so that the call's own line no longer fits, which pushes call and note to the next page and
 * strands the text above on a page of blank space. The area never shrinks below its least height
 * (minNoteAreaHeight): where a call's line does not fit beside its note's first lines, the line
 * goes to the next page with its note (TeX's rule), instead of the note leaving without it.
 */
export function capNoteArea(area: HTMLElement): void {
  const content = area.querySelector<HTMLElement>('.pagedjs_page_content');
  const noteContent = area.querySelector<HTMLElement>('.pagedjs_footnote_content');
  const inner = noteContent?.querySelector<HTMLElement>('.pagedjs_footnote_inner_content');
  if (!content || !noteContent || !inner) return;
  let height = parseFloat(area.style.getPropertyValue('--pagedjs-footnotes-height')) || 0;
  if (height <= 0) return;
  const least = minNoteAreaHeight(noteContent, inner);
  const box = area.getBoundingClientRect();
  const lineHeight = parseFloat(getComputedStyle(content).lineHeight) || 16;
  // Lines of running text are counted from the first paragraph (an opening title is not text).
  const first = content.querySelector('p[data-block], li[data-block], pre[data-block], td[data-block]');
  // (Its first box: a paragraph running on past the page has more boxes in the columns beyond.)
  const firstBox = first?.getClientRects()[0];
  const firstTop = firstBox ? Math.max(0, firstBox.top - box.top) : 0;
  const keep = Math.max(firstTop + MIN_TEXT_LINES * lineHeight, box.height * MIN_TEXT_SHARE);
  const max = Math.max(least, Math.floor(box.height - keep));
  if (height > max) {
    height = max;
    setNoteAreaHeight(area, noteContent, inner, height);
  }
  const calls = callsOf(content, inner);
  const step = Math.max(2, lineHeight / 2);
  for (let guard = 0; guard < 80 && height > least; guard++) {
    const contentBox = content.getBoundingClientRect();
    const fits = calls.every((call) => {
      const rect = call.getBoundingClientRect();
      return rect.left < contentBox.right && rect.bottom <= contentBox.bottom;
    });
    if (fits) break;
    height = Math.max(least, height - step);
    setNoteAreaHeight(area, noteContent, inner, height);
  }
}

function lastText(el: Element): Text | undefined {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let last: Text | undefined;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).data.length) last = n as Text;
  return last;
}

function firstText(el: Element): Text | undefined {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).data.length) return n as Text;
  return undefined;
}

/**
 * Where the word that holds position `at` of `text` starts, by the language's word boundaries
 * (Intl.Segmenter: in Chinese or Japanese a word is a character or two, not a run without spaces);
 * `at` itself when a word boundary falls there.
 */
export function wordStartBefore(text: string, at: number, lang: string): number {
  const segments = new Intl.Segmenter(lang || undefined, { granularity: 'word' }).segment(text);
  const segment = segments.containing(Math.max(0, at - 1));
  if (!segment || segment.index + segment.segment.length <= at) return at;
  return segment.index;
}

/**
 * A note continued on this page from the previous one: when the cut fell inside a word, the
 * word's first part moves from the previous page's note to the start of this continuation.
 */
export function rejoinSplitWord(continuation: Element, previousPage: Element | null): void {
  const ref = continuation.getAttribute('data-split-from');
  if (!ref || !previousPage) return;
  const before = previousPage.querySelector(`.pagedjs_footnote_area [data-ref="${CSS.escape(ref)}"]`);
  if (!before) return;
  const tail = lastText(before);
  const head = firstText(continuation);
  if (!tail || !head) return;
  const tailData = tail.data.replace(/[\u00AD\u2011]+$/, '');
  if (/\s$/.test(tailData) || tailData === '' || /^\s/.test(head.data)) return;
  const lang = continuation.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
  const cut = wordStartBefore(tailData + head.data, tailData.length, lang);
  if (cut >= tailData.length || (cut <= 0 && tail === firstText(before))) return;
  head.data = tailData.slice(cut) + head.data;
  tail.data = tailData.slice(0, cut);
}

/**
 * The page's note area, about to be split by Paged.js (which keeps every note line that starts
 * above the area's foot, then grows the area to hold them all): the area shrinks so its foot falls
 * on a line's top. Otherwise the last kept line, overhanging the foot, grows the area after the
 * running text was laid out and pushes its last lines off the page, unprinted.
 */
export function alignNoteCut(pageElement: Element): void {
  const area = pageElement.querySelector<HTMLElement>('.pagedjs_area');
  const noteContent = area?.querySelector<HTMLElement>('.pagedjs_footnote_content');
  const inner = noteContent?.querySelector<HTMLElement>('.pagedjs_footnote_inner_content');
  if (!area || !noteContent || !inner) return;
  const height = parseFloat(area.style.getPropertyValue('--pagedjs-footnotes-height')) || 0;
  if (height <= 0) return;
  const box = noteContent.getBoundingClientRect();
  const bottom = box.bottom - (parseFloat(getComputedStyle(noteContent).paddingBottom) || 0);
  // The first line that starts above the foot and ends below it, and how far the kept lines reach.
  let overhang: number | undefined;
  let reach = 0;
  const range = document.createRange();
  const walker = document.createTreeWalker(inner, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!(n as Text).data.trim()) continue;
    range.selectNodeContents(n);
    for (const r of Array.from(range.getClientRects())) {
      if (r.width <= 0 || r.top >= bottom || r.left >= box.right) continue;
      reach = Math.max(reach, r.bottom);
      if (r.bottom > bottom + 0.5) overhang = Math.min(overhang ?? Infinity, r.top);
    }
  }
  if (overhang === undefined) return;
  // Only where the growth would push running text off the page: otherwise Paged.js's split stands.
  const content = area.querySelector<HTMLElement>('.pagedjs_page_content');
  // (Paged.js sets the area to its kept lines' height plus the note box's margins, borders, padding.)
  const growth = reach - inner.getBoundingClientRect().top + verticalExtras(noteContent) - height;
  // (Glyph boxes sit inside their line boxes: half a line of slack covers the difference.)
  if (!content) return;
  const slack = (parseFloat(getComputedStyle(content).lineHeight) || 16) / 2;
  if (textBottom(content) + growth + slack <= content.getBoundingClientRect().bottom) return;
  // The foot goes into the overhanging line, not above it: the note area's inner box is set in
  // columns, so that line and the rest move to the next column (the continuation) and every line
  // above it stays. A foot a hair above the line before would send that line over too, and with
  // it, by the note's orphans rule, a two-line first part: the whole note, off its call's page.
  const noteLine = parseFloat(getComputedStyle(inner.lastElementChild ?? inner).lineHeight) || 12;
  const into = Math.min(noteLine / 2, (bottom - overhang) / 2);
  // (Never below the box's own extras: with no line kept, Paged.js sets the area to them.)
  const cut = Math.max(verticalExtras(noteContent), height - (bottom - overhang) + into);
  if (cut >= height) return;
  // (Once: with the inner box's height set, the columns decide where the note is cut.)
  setNoteAreaHeight(area, noteContent, inner, cut);
}

/** The bottom of the lowest line of running text on the page itself (not in overflow columns). */
function textBottom(content: HTMLElement): number {
  const box = content.getBoundingClientRect();
  const range = document.createRange();
  let lowest = box.top;
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!(n as Text).data.trim()) continue;
    range.selectNodeContents(n);
    for (const r of Array.from(range.getClientRects()))
      if (r.width > 0 && r.left < box.right) lowest = Math.max(lowest, r.bottom);
  }
  return lowest;
}

/**
 * True when running text on the page itself (not in overflow columns) lies below `top`, after
 * `from` in reading order (text before it is on its line or above). Stops at the first text in an
 * overflow column: what follows it in reading order is past the page.
 */
function textBelow(from: Element, content: HTMLElement, top: number): boolean {
  const box = content.getBoundingClientRect();
  const range = document.createRange();
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  walker.currentNode = from;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!(n as Text).data.trim() || inNote(n)) continue;
    range.selectNodeContents(n);
    for (const r of Array.from(range.getClientRects())) {
      if (r.width <= 0) continue;
      if (r.left >= box.right) return false;
      if (r.top > top) return true;
    }
  }
  return false;
}

/**
 * A note call on the page's last line whose note (or its first part) is in the page's note area:
 * the page breaks right after the call's line, whatever the line rules (widows, orphans, no hyphen
 * at the foot, keep with next) would choose. Sending the call's line over takes its note along and
 * leaves the space Paged.js reserved for the note empty (it does not give it back to the text): a
 * page short by the note, and the line rules' blemish is the lesser one. TeX's rule: the call's
 * line goes over only when not even the note's first lines fit beside it (capNoteArea).
 * Only where the line breaking set the call's line (it ends in its own <br>); undefined otherwise.
 */
export function keepCallWithNote(overflow: Range, rendered: Element, frame: PageFrame): Range | undefined {
  const area = rendered.closest('.pagedjs_area');
  const content = area?.querySelector<HTMLElement>('.pagedjs_page_content');
  const inner = area?.querySelector<HTMLElement>('.pagedjs_footnote_inner_content');
  if (!content || !inner) return undefined;
  const calls = callsOf(content, inner).filter((call) => overflow.comparePoint(call, 0) < 0);
  const call = calls[calls.length - 1];
  const block = call?.closest(TEXT_BLOCKS);
  if (!call || !block) return undefined;
  const rect = call.getBoundingClientRect();
  if (rect.left >= frame.bounds.right || rect.right <= frame.bounds.left) return undefined;
  // On the page's last line (the call is raised: its line's top lies within half a line below its own).
  if (textBelow(call, content, rect.top + lineTolerance(block))) return undefined;
  const lineEnd = Array.from(block.querySelectorAll(`br[${LINE_BREAK_ATTR}]`)).find(
    (br) => !inNote(br) && call.compareDocumentPosition(br) & Node.DOCUMENT_POSITION_FOLLOWING,
  );
  if (!lineEnd) return undefined;
  const range = document.createRange();
  range.setStartAfter(lineEnd);
  range.setEndAfter(rendered.lastChild!);
  // Never more on the page than fits (Paged.js's own break is after the call's line), and never a
  // call without its note or a note left in the text (the line rules' own guards).
  if (range.compareBoundaryPoints(Range.START_TO_START, overflow) > 0) return undefined;
  if (callWithoutNote(range, rendered, frame.bounds) || noteLeftInText(range, rendered, frame.bounds)) return undefined;
  return range;
}

const guarded = {
  keepCallWithNote: failSafe('call kept with its note', keepCallWithNote),
  alignNoteCut: failSafe('note cut alignment', alignNoteCut),
  capNoteArea: failSafe('note area cap', capNoteArea),
  rejoinSplitWord: failSafe('split note word', rejoinSplitWord),
};

export function longNotesHandler(Paged: { Handler: PagedHandlerClass }): PagedHandlerClass {
  return class LongNotes extends Paged.Handler {
    // Before Paged.js's own afterPageLayout (its footnotes handler splits the note there): the page's
    // content is laid out, no afterPageLayout has run yet.
    beforeRenderResult(_breakToken: unknown, wrapper: Element): void {
      const pageElement = wrapper.closest('.pagedjs_page');
      if (pageElement) guarded.alignNoteCut(pageElement);
    }

    // Registered after the line rules' handlers: where it answers, its break is the one Paged.js takes.
    onOverflow(
      overflow: Range | undefined,
      rendered: Element,
      bounds: DOMRect,
      layout: PagedLayout,
    ): Range | undefined {
      if (!overflow) return undefined;
      return guarded.keepCallWithNote(overflow, rendered, { bounds, gap: layout?.gap ?? 0 });
    }

    renderNode(node: Node): void {
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      const el = node as HTMLElement;
      if (
        el.getAttribute('data-note') !== 'footnote' &&
        !el.querySelector?.('[data-note="footnote"]') &&
        !el.hasAttribute('data-has-notes')
      )
        return;
      const area =
        el.closest<HTMLElement>('.pagedjs_area') ??
        document.querySelector<HTMLElement>('.pagedjs_page:last-of-type .pagedjs_area');
      if (area) guarded.capNoteArea(area);
    }

    beforePageLayout(page: PagedPage): void {
      const area = page.element.querySelector<HTMLElement>('.pagedjs_area');
      if (!area) return;
      for (const continuation of Array.from(
        area.querySelectorAll('.pagedjs_footnote_inner_content > [data-split-from]'),
      )) {
        guarded.rejoinSplitWord(continuation, page.element.previousElementSibling);
      }
      guarded.capNoteArea(area);
    }
  };
}
