/**
 * The paragraphs the line breaking set, as they were before (soft hyphens and all), for re-setting
 * one on a laid-out page (looseness.ts). Paged.js lays out clones: the attribute carries the index.
 */
import type { FirstLineStyle } from './measuring.js';

const UNSET_ATTR = 'data-unset';
const copies: HTMLElement[] = [];
const firstLines = new Map<number, FirstLineStyle>();

/** Forgets the copies of the book laid out before (one page lays out book after book). */
export function forgetUnset(): void {
  copies.length = 0;
  firstLines.clear();
}

/** Keeps `original`, the paragraph `el` as it was before its lines were set (its first line's own face, if any). */
export function rememberUnset(el: HTMLElement, original: HTMLElement, firstLine?: FirstLineStyle): void {
  el.setAttribute(UNSET_ATTR, String(copies.length));
  if (firstLine) firstLines.set(copies.length, firstLine);
  copies.push(original);
}

/** The first line's own face of a paragraph that can be set again, if it has one. */
export function unsetFirstLine(el: Element): FirstLineStyle | undefined {
  return firstLines.get(Number(el.getAttribute(UNSET_ATTR) ?? NaN));
}

/** The paragraphs on a page (under `root`) that can be set again. */
export function resettable(root: Element): HTMLElement[] {
  return copies.length === 0 ? [] : Array.from(root.querySelectorAll<HTMLElement>(`[${UNSET_ATTR}]`));
}

/** The unset copy kept for `el`, if any. */
export function unsetCopy(el: Element): HTMLElement | undefined {
  return copies[Number(el.getAttribute(UNSET_ATTR) ?? NaN)];
}
