/**
 * The paragraphs the line breaking set, as they were before (soft hyphens and all), for re-setting
 * one on a laid-out page (looseness.ts). Paged.js lays out clones: the attribute carries the index.
 */
const UNSET_ATTR = 'data-unset';
const copies: HTMLElement[] = [];

/** Keeps `original`, the paragraph `el` as it was before its lines were set. */
export function rememberUnset(el: HTMLElement, original: HTMLElement): void {
  el.setAttribute(UNSET_ATTR, String(copies.length));
  copies.push(original);
}

/** The paragraphs on a page (under `root`) that can be set again. */
export function resettable(root: Element): HTMLElement[] {
  return copies.length === 0 ? [] : Array.from(root.querySelectorAll<HTMLElement>(`[${UNSET_ATTR}]`));
}

/** The unset copy kept for `el`, if any. */
export function unsetCopy(el: Element): HTMLElement | undefined {
  return copies[Number(el.getAttribute(UNSET_ATTR) ?? NaN)];
}
