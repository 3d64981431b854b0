import { CLASS, PAGED } from './contract.js';
import { failSafe } from './failure-policy.js';
import type { PagedHandlerClass, PagedLayout } from './paged.js';

/**
 * Keep with next: a heading (or the text's opening) is never left at the foot of a page, it goes
 * with what follows. Paged.js 0.4.3 honours `break-after: avoid` only when a whole block
 * overflows; this handler moves the page breaks that fall between elements.
 */
const KEEP_WITH_NEXT = /^(H[1-6])$/;

export function keepsWithNext(el: Element): boolean {
  return KEEP_WITH_NEXT.test(el.tagName) || el.classList.contains('text-opening');
}

/** True when something printable on this page comes before `el` (so moving the break is safe). */
export function hasContentBefore(el: Element, rendered: Element): boolean {
  const range = document.createRange();
  range.setStart(rendered, 0);
  range.setEndBefore(el);
  const fragment = range.cloneContents();
  for (const n of fragment.querySelectorAll(`.${CLASS.note}`)) n.remove();
  return (fragment.textContent ?? '').trim().length > 0;
}

/** The element itself, or the heading(s) right before it that must stay with it. */
export function withKeptPredecessors(el: Element, rendered: Element): Element {
  let target = el;
  for (let prev = target.previousElementSibling; prev && keepsWithNext(prev); prev = target.previousElementSibling)
    target = prev;
  return hasContentBefore(target, rendered) ? target : el;
}

/** A page break right before `el`, unless nothing would be left on the page. */
export function breakBefore(el: Element, rendered: Element): Range | undefined {
  if (!hasContentBefore(el, rendered)) return undefined;
  const range = document.createRange();
  range.setStartBefore(el);
  range.setEndAfter(rendered.lastChild!);
  return range;
}

export function keepWithNext(overflow: Range, rendered: Element): Range | undefined {
  const start = overflow.startContainer;
  if (start.nodeType !== Node.ELEMENT_NODE || (start as Element).closest(`.${CLASS.note}, .${PAGED.footnoteArea}`))
    return undefined;
  const next = start.childNodes[overflow.startOffset] ?? null;
  if (!next || next.nodeType !== Node.ELEMENT_NODE) return undefined;
  const target = withKeptPredecessors(next as Element, rendered);
  return target === next ? undefined : breakBefore(target, rendered);
}

const guardedKeepWithNext = failSafe('keep-with-next', keepWithNext);

export function keepWithNextHandler(Paged: { Handler: PagedHandlerClass }): PagedHandlerClass {
  return class KeepWithNext extends Paged.Handler {
    onOverflow(
      overflow: Range | undefined,
      rendered: Element,
      _bounds: DOMRect,
      _layout: PagedLayout,
    ): Range | undefined {
      if (!overflow) return undefined;
      return guardedKeepWithNext(overflow, rendered);
    }
  };
}
