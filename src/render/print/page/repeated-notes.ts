import type { PagedHandlerClass } from './paged.js';

/**
 * A note called more than once is printed once, at its first call (the print HTML makes every
 * later call a plain `a.note-again` with the same number). After layout, each later call links to
 * the printed note, wherever Paged.js put it.
 */
export function linkRepeatedCalls(root: ParentNode): void {
  for (const call of Array.from(root.querySelectorAll<HTMLAnchorElement>('a.note-again[data-note-again]'))) {
    const number = call.getAttribute('data-note-again');
    const note = root.querySelector(
      `.pagedjs_footnote_area .footnote[data-n="${CSS.escape(number ?? '')}"]:not([data-split-from])`,
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
