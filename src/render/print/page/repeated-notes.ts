import { CLASS, NOTE_AGAIN_ATTR, NOTE_NUMBER_ATTR, PAGED } from './contract.js';
import type { PagedHandlerClass } from './paged.js';

/**
 * A note called more than once is printed once, at its first call (the print HTML makes every
 * later call a plain `a.note-again` with the same number). After layout, each later call links to
 * the printed note, wherever Paged.js put it.
 */
export function linkRepeatedCalls(root: ParentNode): void {
  for (const call of Array.from(root.querySelectorAll<HTMLAnchorElement>(`a.${CLASS.noteAgain}[${NOTE_AGAIN_ATTR}]`))) {
    const number = call.getAttribute(NOTE_AGAIN_ATTR);
    const note = root.querySelector(
      `.${PAGED.footnoteArea} .${CLASS.note}[${NOTE_NUMBER_ATTR}="${CSS.escape(number ?? '')}"]:not([${PAGED.splitFromAttr}])`,
    );
    if (note?.id) call.setAttribute('href', `#${note.id}`);
  }
}

export function repeatedNotesHandler(Paged: { Handler: PagedHandlerClass }): PagedHandlerClass {
  return class RepeatedNotes extends Paged.Handler {
    afterRendered(): void {
      linkRepeatedCalls(document);
    }
  };
}
