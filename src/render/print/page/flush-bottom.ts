import type { PagedHandlerClass, PagedPage } from './paged.js';

/**
 * Flush bottom, as TeX's \flushbottom: every page of running text ends on one baseline, the text
 * block's last, whether it ends in text or in notes; a page before a chapter opening (a forced
 * break) and the text's last page end where their text ends.
 *
 * - The text block is a whole number of body lines (beforePageLayout): the area's foot rises by
 *   what is left over, so a full page of text ends on the block's last line.
 * - Notes sit at the foot; the space between the text and the notes is the glue that flexes
 *   (TeX's \skip\footins). The note area moves so its last baseline is the body's last baseline.
 * - A page of text that ends short by part of a line (a heading's spacing) has it spread over the
 *   gaps between its blocks, as TeX stretches \parskip: at most 0.4 of a line per gap. A page
 *   short by more (lines kept with the next page) stays short rather than gape.
 *
 * Paged.js decides what is on each page; this only moves lines down within their page, after
 * layout, and checks that no line left its page (else the page stays as it was).
 */

/** A line of the page's running text: its box's bottom, in px. */
function lineHeightOf(el: Element): number {
  return parseFloat(getComputedStyle(el).lineHeight) || 16;
}

export function flushBottomHandler(Paged: { Handler: PagedHandlerClass }): PagedHandlerClass {
  return class FlushBottom extends Paged.Handler {
    beforePageLayout(page: PagedPage): void {
      alignTextBlock(page.element);
    }
  };
}

/**
 * Rounds the text block to a whole number of body lines, to the nearer, as LaTeX's geometry
 * package does with `heightrounded`: the area's foot rises by what is left over, or, when that is
 * more than half a line, drops into the foot margin (above the folio) by what one more line needs.
 */
export function alignTextBlock(pageElement: Element): void {
  const area = pageElement.querySelector<HTMLElement>('.pagedjs_area');
  const content = area?.querySelector<HTMLElement>('.pagedjs_page_content');
  if (!area || !content) return;
  const style = getComputedStyle(area);
  const padding = parseFloat(style.paddingBottom) || 0;
  const inner =
    area.getBoundingClientRect().height -
    (parseFloat(style.paddingTop) || 0) -
    padding -
    (parseFloat(style.borderTopWidth) || 0) -
    (parseFloat(style.borderBottomWidth) || 0);
  const line = lineHeightOf(content);
  if (inner <= line) return;
  // (A hair under a line's fraction: rounding must never cost a whole line.)
  const spare = inner - Math.floor(inner / line + 1e-3) * line;
  if (spare <= 0.01) return;
  if (spare > line / 2) area.style.height = `calc(100% + ${line - spare}px)`;
  else area.style.paddingBottom = `${padding + spare}px`;
}

/** The foot of the page's text block: the area's content box bottom. */
function blockFoot(area: HTMLElement): number {
  const style = getComputedStyle(area);
  return (
    area.getBoundingClientRect().bottom -
    (parseFloat(style.paddingBottom) || 0) -
    (parseFloat(style.borderBottomWidth) || 0)
  );
}

/** True for a box inside the page's own column (overflow columns lie to its side, either way). */
function onPage(r: DOMRect, box: DOMRect): boolean {
  return r.left < box.right && r.right > box.left;
}

/** The fragments of the page's blocks that lie on the page itself (not in overflow columns). */
function blocksOnPage(content: HTMLElement, blockAttr: string): { el: HTMLElement; rect: DOMRect }[] {
  const box = content.getBoundingClientRect();
  const out: { el: HTMLElement; rect: DOMRect }[] = [];
  for (const el of Array.from(content.querySelectorAll<HTMLElement>(`[${blockAttr}]`))) {
    if (el.closest('.footnote, .pagedjs_footnote_area')) continue;
    const rect = Array.from(el.getClientRects()).find((r) => r.height > 0 && onPage(r, box));
    if (rect) out.push({ el, rect });
  }
  return out;
}

/** True when a page holds running text (blocks of the manuscript). */
function hasRunningText(page: Element, blockAttr: string): boolean {
  return !page.classList.contains('pagedjs_blank_page') && !!page.querySelector(`.pagedjs_page_content [${blockAttr}]`);
}

/** True when the page's text runs on to the next page (no chapter opening or forced break between). */
function runsOn(next: Element | undefined, blockAttr: string): boolean {
  return !!next && !next.hasAttribute('data-break-before') && hasRunningText(next, blockAttr);
}

/** How far below a line box's bottom its baseline sits (a probe line in `parent`'s style). */
function baselineDepth(parent: HTMLElement, className = ''): number {
  const probe = document.createElement(className ? 'span' : 'p');
  if (className) probe.className = className;
  probe.style.cssText = 'position:absolute;visibility:hidden;display:block;margin:0;padding:0;left:0;top:0';
  const mark = document.createElement('span');
  mark.style.cssText = 'display:inline-block;width:0;height:0';
  probe.append('x', mark);
  parent.appendChild(probe);
  const depth = probe.getBoundingClientRect().bottom - mark.getBoundingClientRect().bottom;
  probe.remove();
  return depth;
}

/** The most a gap between two blocks stretches, in lines. */
export const MAX_GAP_STRETCH = 0.4;

/**
 * Spreads a page's short fall over the gaps between its blocks. Returns false, with the page as it
 * was, when that would stretch a gap too far or a line would leave the page.
 */
function spreadLines(content: HTMLElement, foot: number, blockAttr: string): boolean {
  const blocks = blocksOnPage(content, blockAttr);
  if (blocks.length < 2) return true;
  const bottom = Math.max(...blocks.map((b) => b.rect.bottom));
  const short = foot - bottom;
  if (short < 0.5) return true;
  const line = lineHeightOf(content);
  const gaps = blocks.slice(1);
  const each = short / gaps.length;
  if (each > line * MAX_GAP_STRETCH) return false;
  const before = gaps.map((g) => g.el.style.paddingTop);
  for (const g of gaps) {
    const padding = parseFloat(getComputedStyle(g.el).paddingTop) || 0;
    g.el.style.paddingTop = `${padding + each}px`;
  }
  const after = blocksOnPage(content, blockAttr);
  const box = content.getBoundingClientRect();
  const moved =
    after.length !== blocks.length ||
    after.some((b) => b.rect.bottom > foot + 0.5) ||
    blocks.some((b) => Array.from(b.el.getClientRects()).some((r) => r.height > 0 && !onPage(r, box)));
  if (moved) for (const [i, g] of gaps.entries()) g.el.style.paddingTop = before[i];
  return !moved;
}

/** After layout: every page of running text that runs on ends on the text block's last baseline. */
export function flushBottom(pagesArea: Element, blockAttr: string): void {
  const pages = Array.from(pagesArea.querySelectorAll<HTMLElement>(':scope > .pagedjs_page'));
  let depths: { body: number; note: number } | undefined;
  pages.forEach((page, i) => {
    if (!hasRunningText(page, blockAttr) || !runsOn(pages[i + 1], blockAttr)) return;
    const area = page.querySelector<HTMLElement>('.pagedjs_area');
    const content = area?.querySelector<HTMLElement>('.pagedjs_page_content');
    const noteArea = area?.querySelector<HTMLElement>('.pagedjs_footnote_area');
    const inner = noteArea?.querySelector<HTMLElement>('.pagedjs_footnote_inner_content');
    if (!area || !content || !noteArea || !inner) return;
    const foot = blockFoot(area);
    const notes = Array.from(inner.querySelectorAll<HTMLElement>(':scope > [data-note="footnote"]'));
    if (notes.length === 0) {
      // A note area left empty (its note went over with its call) is running-text space again.
      if (parseFloat(area.style.getPropertyValue('--pagedjs-footnotes-height')) > 0)
        area.style.setProperty('--pagedjs-footnotes-height', '0px');
      spreadLines(content, foot, blockAttr);
      return;
    }
    // The notes' last baseline onto the body's: measured once, the same on every page.
    depths ??= { body: baselineDepth(content), note: baselineDepth(inner, 'footnote') };
    const last = notes[notes.length - 1];
    const rects = Array.from(last.getClientRects()).filter((r) => r.height > 0);
    if (rects.length === 0) return;
    const noteBaseline = rects[rects.length - 1].bottom - depths.note;
    const shift = foot - depths.body - noteBaseline;
    if (Math.abs(shift) > 0.25) noteArea.style.transform = `translateY(${shift}px)`;
    // What the text falls short of the notes by, less whole lines, is spread over the gaps between
    // its blocks, as TeX stretches \parskip: a part of a line's space above the notes reads as an
    // empty line. (Whole lines left by the line rules stay where they are.)
    const blocks = blocksOnPage(content, blockAttr);
    if (blocks.length < 2) return;
    const bottom = Math.max(...blocks.map((b) => b.rect.bottom));
    // (Against the text box's foot, where a full page's last line ends; the notes moved down from it.)
    const short = content.getBoundingClientRect().bottom - bottom;
    const line = lineHeightOf(content);
    if (short > 0.5) spreadLines(content, bottom + (short % line), blockAttr);
  });
}
