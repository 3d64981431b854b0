import { PAGED } from './contract.js';
import type { PagedHandlerClass } from './paged.js';

/**
 * Finished pages leave the layout tree: every measurement Paged.js takes on the next page would
 * otherwise re-lay out the whole book so far, which makes long books quadratic. showFinishedPages()
 * shows them again after layout. Two pages stay, for handlers that look back one page.
 */
const FINISHED = 'pamphleteer-finished';

export function finishedPagesHandler(Paged: { Handler: PagedHandlerClass }): PagedHandlerClass {
  return class FinishedPages extends Paged.Handler {
    afterPageLayout(pageElement: HTMLElement): void {
      const finished = pageElement.previousElementSibling?.previousElementSibling;
      if (finished instanceof HTMLElement && finished.classList.contains(PAGED.page)) finished.classList.add(FINISHED);
    }
  };
}

export function hideFinishedPagesStyle(): void {
  const style = document.createElement('style');
  style.setAttribute(PAGED.ignoreAttr, '');
  style.textContent = `.${PAGED.page}.${FINISHED} { display: none !important; }`;
  document.head.appendChild(style);
}

export function showFinishedPages(): void {
  for (const p of document.querySelectorAll(`.${FINISHED}`)) p.classList.remove(FINISHED);
}
