/**
 * Paragraph-wide line breaking, run on the source DOM before Paged.js paginates. A stub: the
 * line-breaking module replaces this file.
 */
export function breakLines(root: Element, options: { lang: string }): void {}
