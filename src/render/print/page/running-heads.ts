import { CLASS, NO_RUNNING_HEAD_ATTR } from './contract.js';
import type { PagedHandlerClass } from './paged.js';

/** Pages holding the text's opening (marked data-no-running-head) carry a folio but no running head. */
export function runningHeadsHandler(Paged: { Handler: PagedHandlerClass }): PagedHandlerClass {
  return class RunningHeads extends Paged.Handler {
    afterPageLayout(pageElement: HTMLElement): void {
      if (pageElement.querySelector(`[${NO_RUNNING_HEAD_ATTR}]`)) pageElement.classList.add(CLASS.noRunningHead);
    }
  };
}
