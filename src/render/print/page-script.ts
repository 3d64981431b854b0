/**
 * Code that runs inside the print page, next to Paged.js. Each exported function is passed to
 * puppeteer's `page.evaluate`, which sends its source text: so every function here is
 * self-contained (helpers are nested inside) and uses only the page's globals.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Registers pamphleteer's Paged.js handler. Paged.js 0.4.3 implements neither `widows` nor
 * `orphans`, and honours `break-after: avoid` only when a whole block overflows; this handler
 * moves each page break found by Paged.js (the `onOverflow` hook may return another range):
 * - a paragraph leaving one line at the foot of a page (orphan) moves whole to the next page;
 * - a paragraph leaving one line at the head of the next page (widow) gives it a second line;
 * - a heading (or the text's opening) is never left at the foot of a page: it goes with its text.
 * It also marks pages holding the text's opening, which carry no running head.
 */
export function installPageHandlers(): void {
  const w = window as any;
  const MIN_LINES = 2;
  const BLOCK = /^(P|LI|DD|DT|FIGCAPTION|BLOCKQUOTE)$/;
  const KEEP_WITH_NEXT = /^(H[1-6])$/;

  function inNote(node: Node): boolean {
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    return !!el?.closest('.footnote, .pagedjs_footnote_area');
  }

  function blockOf(node: Node, rendered: Element): HTMLElement | null {
    let el: HTMLElement | null = node.nodeType === 1 ? (node as HTMLElement) : node.parentElement;
    while (el && el !== rendered) {
      if (BLOCK.test(el.tagName)) return el;
      el = el.parentElement;
    }
    return null;
  }

  function textNodesOf(el: Element): Text[] {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!inNote(n) && n.textContent) nodes.push(n as Text);
    }
    return nodes;
  }

  interface Line {
    column: number;
    top: number;
  }

  /**
   * Paged.js lays out a page as CSS columns: what overflows the page flows on into further columns
   * to the right. A line is thus a (column, top) pair; column 0 is the page itself.
   */
  function lineOf(rect: DOMRect, bounds: DOMRect, gap: number): Line {
    return { column: Math.max(0, Math.floor((rect.left + 1 - bounds.left) / (bounds.width + gap))), top: rect.top };
  }

  function sameLine(a: Line, b: Line, tolerance: number): boolean {
    return a.column === b.column && Math.abs(a.top - b.top) < tolerance;
  }

  /** The lines of a block's text in reading order (superscripts folded into their line). */
  function linesOf(el: Element, bounds: DOMRect, gap: number, tolerance: number): Line[] {
    const lines: Line[] = [];
    const range = document.createRange();
    for (const text of textNodesOf(el)) {
      range.selectNodeContents(text);
      for (const rect of Array.from(range.getClientRects())) {
        if (rect.width === 0 || rect.height === 0) continue;
        const line = lineOf(rect, bounds, gap);
        if (!lines.some((l) => sameLine(l, line, tolerance))) lines.push(line);
      }
    }
    return lines.sort((a, b) => a.column - b.column || a.top - b.top);
  }

  function rectAt(text: Text, offset: number): DOMRect | undefined {
    const range = document.createRange();
    range.setStart(text, offset);
    range.setEnd(text, Math.min(offset + 1, text.length));
    return Array.from(range.getClientRects()).find((r) => r.height > 0 && r.width > 0);
  }

  /** The first position after a space whose character sits on the given line. */
  function lineStart(el: Element, line: Line, bounds: DOMRect, gap: number, tolerance: number): { node: Text; offset: number } | undefined {
    const texts = textNodesOf(el);
    let prevChar = '';
    for (const text of texts) {
      const value = text.data;
      for (let i = 0; i < value.length; i++) {
        const ch = value[i];
        const startsWord = prevChar === '' || /\s/.test(prevChar);
        prevChar = ch;
        if (!startsWord || /\s/.test(ch) || (i === 0 && text === texts[0])) continue;
        const rect = rectAt(text, i);
        if (rect && sameLine(lineOf(rect, bounds, gap), line, tolerance)) return { node: text, offset: i };
      }
    }
    return undefined;
  }

  /** True when something printable on this page comes before `el` (so moving the break is safe). */
  function hasContentBefore(el: Element, rendered: Element): boolean {
    const range = document.createRange();
    range.setStart(rendered, 0);
    range.setEndBefore(el);
    const fragment = range.cloneContents();
    fragment.querySelectorAll('.footnote').forEach((n) => n.remove());
    return (fragment.textContent ?? '').trim().length > 0;
  }

  /** The element itself, or the heading(s) right before it that must stay with it. */
  function withKeptPredecessors(el: Element, rendered: Element): Element {
    let target = el;
    for (let prev = target.previousElementSibling; prev && (KEEP_WITH_NEXT.test(prev.tagName) || prev.classList.contains('text-opening')); prev = target.previousElementSibling) {
      target = prev;
    }
    // A block that opens its section: keep the section's heading too (the heading is a sibling of the
    // section's first block, so the loop above found it).
    return hasContentBefore(target, rendered) ? target : el;
  }

  function breakBefore(el: Element, rendered: Element): Range | undefined {
    if (!hasContentBefore(el, rendered)) return undefined;
    const range = document.createRange();
    range.setStartBefore(el);
    range.setEndAfter(rendered.lastChild!);
    return range;
  }

  function adjust(overflow: Range, rendered: Element, bounds: DOMRect, gap: number): Range | undefined {
    const start = overflow.startContainer;
    if (inNote(start)) return undefined;

    if (start.nodeType === 3) {
      const block = blockOf(start, rendered);
      if (!block) return undefined;
      let text = start as Text;
      let offset = overflow.startOffset;
      let moved = false;
      // Paged.js may break inside a word that was hyphenated at the line end ("spectacul|arize"),
      // and the hyphen is lost with the line break: break before the word instead.
      if (offset > 0 && !/\s/.test(text.data[offset - 1])) {
        const space = text.data.slice(0, offset).search(/\s\S*$/);
        if (space >= 0) {
          offset = space + 1;
          moved = true;
        }
      }
      const tolerance = (parseFloat(getComputedStyle(block).lineHeight) || 12) / 2;
      const lines = linesOf(block, bounds, gap, tolerance);
      const rect = rectAt(text, offset);
      if (!rect || lines.length === 0) return undefined;
      const breakLine = lineOf(rect, bounds, gap);
      const index = lines.findIndex((l) => sameLine(l, breakLine, tolerance));
      if (index < 0) return undefined;
      const before = index;
      const after = lines.length - index;
      if (before < MIN_LINES) return breakBefore(withKeptPredecessors(block, rendered), rendered);
      if (after < MIN_LINES && before - (MIN_LINES - after) >= MIN_LINES) {
        const pos = lineStart(block, lines[lines.length - MIN_LINES], bounds, gap, tolerance);
        if (pos) {
          text = pos.node;
          offset = pos.offset;
          moved = true;
        }
      }
      if (!moved) return undefined;
      const range = document.createRange();
      range.setStart(text, offset);
      range.setEndAfter(rendered.lastChild!);
      return range;
    }

    // The break falls between elements: keep headings with what follows them.
    const next = start.childNodes[overflow.startOffset] ?? null;
    if (!next || next.nodeType !== 1) return undefined;
    const target = withKeptPredecessors(next as Element, rendered);
    return target === next ? undefined : breakBefore(target, rendered);
  }

  /**
   * No page ends in a hyphenated word (line-breaking.ts marks its line ends with
   * `br[data-line-break]` and its hyphens with `.line-hyphen`): the hyphenated line goes over too.
   */
  function avoidHyphenAtFoot(range: Range, rendered: Element): Range | undefined {
    const start = range.startContainer;
    const block = blockOf(start, rendered);
    if (!block) return undefined;
    const brs = Array.from(block.querySelectorAll('br[data-line-break]')).filter((br) => !inNote(br));
    const point = document.createRange();
    point.setStart(start, range.startOffset);
    let i = -1;
    for (let j = 0; j < brs.length; j++) if (point.comparePoint(brs[j], 0) < 0) i = j;
    if (i < 0 || !brs[i].previousElementSibling?.classList.contains('line-hyphen') || brs[i].previousSibling !== brs[i].previousElementSibling) return undefined;
    // The lines left on this page once the hyphenated one moves over.
    if (i < MIN_LINES) return breakBefore(withKeptPredecessors(block, rendered), rendered);
    // Start at the line's first text (a break token inside text, as Paged.js makes its own).
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    walker.currentNode = brs[i - 1];
    let first = walker.nextNode();
    while (first && (inNote(first) || !(first.textContent ?? '').trim())) first = walker.nextNode();
    if (!first) return undefined;
    const moved = document.createRange();
    moved.setStart(first, (first.textContent ?? '').search(/\S/));
    moved.setEndAfter(rendered.lastChild!);
    return moved;
  }

  class PamphleteerHandler extends w.Paged.Handler {
    onOverflow(overflow: Range | undefined, rendered: Element, bounds: DOMRect, layout: { gap?: number }): Range | undefined {
      if (!overflow) return undefined;
      try {
        const adjusted = adjust(overflow, rendered, bounds, layout?.gap ?? 0);
        return avoidHyphenAtFoot(adjusted ?? overflow, rendered) ?? adjusted;
      } catch (err) {
        console.warn('pamphleteer: widow/orphan adjustment skipped:', err);
        return undefined;
      }
    }

    afterPageLayout(pageElement: Element): void {
      if (pageElement.querySelector('[data-no-running-head]')) pageElement.classList.add('no-running-head');
      // Finished pages leave the layout tree: every measurement Paged.js takes on the next page
      // would otherwise re-lay out the whole book so far, which makes long books quadratic.
      // finishLayout() shows them again. Two pages stay, for handlers that look back one page.
      const finished = pageElement.previousElementSibling?.previousElementSibling;
      if (finished instanceof HTMLElement && finished.classList.contains('pagedjs_page')) finished.classList.add('pamphleteer-finished');
    }
  }

  w.Paged.registerHandlers(PamphleteerHandler);
  const style = document.createElement('style');
  style.setAttribute('data-pagedjs-ignore', '');
  style.textContent = '.pagedjs_page.pamphleteer-finished { display: none !important; }';
  document.head.appendChild(style);
}

/** Runs Paged.js over the document; resolves with the page count. */
export async function runPagedLayout(): Promise<number> {
  const w = window as any;
  const previewer = new w.Paged.Previewer();
  previewer.on('page', () => {
    if (typeof w.pamphleteerProgress === 'function') w.pamphleteerProgress(previewer.chunker?.total ?? 0);
  });
  const flow = await previewer.preview();
  return flow.total as number;
}

/**
 * After layout: pads the book with blank pages before the back matter to a multiple of 4 (when
 * asked), then reads where each page begins in Book terms and where each heading is.
 */
export function finishLayout(options: { padTo: number; blockAttr: string; printOnlyAttr: string }) {
  const pagesArea = document.querySelector('.pagedjs_pages')!;
  pagesArea.querySelectorAll('.pamphleteer-finished').forEach((p) => p.classList.remove('pamphleteer-finished'));
  let pages = Array.from(pagesArea.querySelectorAll<HTMLElement>(':scope > .pagedjs_page'));

  // Blank pages are clones of a laid-out page emptied of content, flagged as Paged.js blank pages
  // (so `@page :blank` rules apply: no head, no folio). Folios are CSS counters: later pages renumber.
  const backStart = pages.findIndex((p) => p.querySelector('.back-matter .about, .back-matter > *'));
  const missing = options.padTo > 1 ? (options.padTo - (pages.length % options.padTo)) % options.padTo : 0;
  if (missing > 0) {
    const before = backStart >= 0 ? pages[backStart] : null;
    const template = pages[Math.max(0, (backStart >= 0 ? backStart : pages.length) - 1)];
    for (let i = 0; i < missing; i++) {
      const blank = template.cloneNode(true) as HTMLElement;
      blank.querySelectorAll('.pagedjs_page_content > div, .pagedjs_footnote_inner_content').forEach((el) => (el.innerHTML = ''));
      blank.querySelector('.pagedjs_footnote_content')?.classList.add('pagedjs_footnote_empty');
      blank.style.removeProperty('--pagedjs-footnotes-height');
      blank.querySelector<HTMLElement>('.pagedjs_area')?.style.setProperty('--pagedjs-footnotes-height', '0px');
      blank.classList.add('pagedjs_blank_page');
      blank.classList.remove('no-running-head');
      for (const cls of Array.from(blank.classList)) if (cls.startsWith('pagedjs_') && cls.endsWith('_page') && /named|first|chapter/.test(cls)) blank.classList.remove(cls);
      blank.removeAttribute('id');
      blank.querySelectorAll('[id]').forEach((el) => el.removeAttribute('id'));
      pagesArea.insertBefore(blank, before);
    }
    pages = Array.from(pagesArea.querySelectorAll<HTMLElement>(':scope > .pagedjs_page'));
    // Keep left/right alternating (matters only when an odd number of pages was added).
    pages.forEach((page, i) => {
      const right = i % 2 === 0;
      page.classList.toggle('pagedjs_right_page', right);
      page.classList.toggle('pagedjs_left_page', !right);
      page.setAttribute('data-page-number', String(i + 1));
      page.id = `page-${i + 1}`;
    });
  }

  // Where each page begins: the first tagged block in its content area, and how much of that block's
  // text earlier pages already hold. Text of print-only elements and soft hyphens is not counted.
  const seen = new Map<string, number>();
  const textLength = (el: Element): number => {
    let n = 0;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (t.parentElement?.closest(`[${options.printOnlyAttr}], .footnote`)) continue;
      n += (t.textContent ?? '').replace(/\u00AD/g, '').length;
    }
    return n;
  };
  const pageStarts: { page: number; block: string; offset: number }[] = [];
  const headings: { id: string; text: string; level: number; page: number; top: number }[] = [];
  pages.forEach((page, i) => {
    const content = page.querySelector('.pagedjs_page_content');
    if (!content) return;
    const blocks = Array.from(content.querySelectorAll(`[${options.blockAttr}]`));
    if (blocks.length) {
      const first = blocks[0].getAttribute(options.blockAttr)!;
      pageStarts.push({ page: i + 1, block: first, offset: seen.get(first) ?? 0 });
      for (const b of blocks) {
        const key = b.getAttribute(options.blockAttr)!;
        seen.set(key, (seen.get(key) ?? 0) + textLength(b));
      }
    }
    const pageTop = page.getBoundingClientRect().top;
    for (const h of Array.from(content.querySelectorAll<HTMLElement>('h1[id], h2[id], h3[id], h4[id]'))) {
      if (h.hasAttribute('data-split-from')) continue;
      headings.push({ id: h.id, text: (h.textContent ?? '').replace(/\u00AD/g, '').trim(), level: Number(h.tagName[1]), page: i + 1, top: h.getBoundingClientRect().top - pageTop });
    }
  });
  return { pages: pages.length, pageStarts, headings };
}
