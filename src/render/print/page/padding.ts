import { CLASS, PAGED } from './contract.js';

/**
 * After layout: pads the book with blank pages before the back matter to a multiple of `padTo`.
 * Blank pages are clones of a laid-out page emptied of content, flagged as Paged.js blank pages
 * (so `@page :blank` rules apply: no head, no folio). Folios are CSS counters: later pages renumber.
 */
export function padPages(pagesArea: Element, padTo: number): void {
  let pages = Array.from(pagesArea.querySelectorAll<HTMLElement>(`:scope > .${PAGED.page}`));
  const backStart = pages.findIndex((p) => p.querySelector('.back-matter .about, .back-matter > *'));
  const missing = padTo > 1 ? (padTo - (pages.length % padTo)) % padTo : 0;
  if (missing === 0 || pages.length === 0) return;
  const before = backStart >= 0 ? pages[backStart] : null;
  const template = pages[Math.max(0, (backStart >= 0 ? backStart : pages.length) - 1)];
  for (let i = 0; i < missing; i++) {
    const blank = template.cloneNode(true) as HTMLElement;
    for (const el of blank.querySelectorAll(`.${PAGED.pageContent} > div, .${PAGED.footnoteInner}`)) el.innerHTML = '';
    blank.querySelector(`.${PAGED.footnoteContent}`)?.classList.add(PAGED.footnoteEmpty);
    blank.style.removeProperty('--pagedjs-footnotes-height');
    blank.querySelector<HTMLElement>(`.${PAGED.area}`)?.style.setProperty('--pagedjs-footnotes-height', '0px');
    blank.classList.add(PAGED.blankPage);
    blank.classList.remove(CLASS.noRunningHead);
    for (const cls of Array.from(blank.classList))
      if (cls.startsWith('pagedjs_') && cls.endsWith('_page') && /named|first|chapter/.test(cls))
        blank.classList.remove(cls);
    blank.removeAttribute('id');
    for (const el of blank.querySelectorAll('[id]')) el.removeAttribute('id');
    pagesArea.insertBefore(blank, before);
  }
  pages = Array.from(pagesArea.querySelectorAll<HTMLElement>(`:scope > .${PAGED.page}`));
  // Keep left/right alternating (matters only when an odd number of pages was added).
  pages.forEach((page, i) => {
    const right = i % 2 === 0;
    page.classList.toggle(PAGED.rightPage, right);
    page.classList.toggle(PAGED.leftPage, !right);
    page.setAttribute('data-page-number', String(i + 1));
    page.id = `page-${i + 1}`;
  });
}
