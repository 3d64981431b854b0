/**
 * The contract between the Node side of the print edition (html.ts writes the document, index.ts
 * and word-check.ts read the laid-out pages) and the script in the page (this folder): the names
 * both sides spell. Plain constants only, so Node imports it and esbuild bundles it for the page.
 */

/** Tags each leaf block with "chapterId/index" (index into leafBlocks of the Book's chapter tree). */
export const BLOCK_ATTR = 'data-block';
/** Print-only text (note calls, note numbers, line-end hyphens): not part of a block's Book text. */
export const PRINT_ONLY_ATTR = 'data-print-only';
/** A chapter's section, with the chapter's id. */
export const CHAPTER_ATTR = 'data-chapter';
/** A footnote's number, on the footnote. */
export const NOTE_NUMBER_ATTR = 'data-n';
/** A later call of a note printed at its first call: the note's number. */
export const NOTE_AGAIN_ATTR = 'data-note-again';
/** Pages holding an element with this attribute carry no running head. */
export const NO_RUNNING_HEAD_ATTR = 'data-no-running-head';

/** Class names the document's markup uses. */
export const CLASS = {
  /** A footnote: an inline span that Paged.js floats to the page foot. */
  note: 'footnote',
  noteNumber: 'note-number',
  noteAgain: 'note-again',
  textOpening: 'text-opening',
  /** Set by the line breaking: the spans carrying a line's word-spacing. */
  lineSpacing: 'line-spacing',
  /** Set by the line breaking: the spans holding the text of a paragraph's first line. */
  firstLine: 'first-line',
  /** Set by the line breaking and the soft-hyphen settling: a print-only hyphen at a line end. */
  lineHyphen: 'line-hyphen',
  /** On a laid-out page holding an element with NO_RUNNING_HEAD_ATTR. */
  noRunningHead: 'no-running-head',
} as const;

/** Ends each line the line breaking set (a `<br>` with this attribute). */
export const LINE_BREAK_ATTR = 'data-line-break';

/**
 * The blocks of running text that the line breaking sets and the page handlers keep whole or split
 * by lines (the HTML side tags its leaf blocks, src/book/blocks.ts, a wider set).
 */
export const TEXT_BLOCK_TAGS = ['p', 'li', 'dd', 'dt', 'figcaption', 'blockquote'] as const;
export const TEXT_BLOCKS = TEXT_BLOCK_TAGS.join(', ');
export const HEADINGS = 'h1, h2, h3, h4, h5, h6';

/** Paged.js 0.4.3's class names and attributes on the pages it lays out. */
export const PAGED = {
  pages: 'pagedjs_pages',
  page: 'pagedjs_page',
  pagebox: 'pagedjs_pagebox',
  area: 'pagedjs_area',
  pageContent: 'pagedjs_page_content',
  footnoteArea: 'pagedjs_footnote_area',
  footnoteContent: 'pagedjs_footnote_content',
  footnoteInner: 'pagedjs_footnote_inner_content',
  footnoteEmpty: 'pagedjs_footnote_empty',
  blankPage: 'pagedjs_blank_page',
  leftPage: 'pagedjs_left_page',
  rightPage: 'pagedjs_right_page',
  margin: 'pagedjs_margin',
  /** The element holding a word Paged.js split across pages (it appends its hyphen glyph). */
  hyphen: 'pagedjs_hyphen',
  /** On a note's call in the text. */
  footnoteCallAttr: 'data-footnote-call',
  /** On an element continued from the previous page: the reference of its first part. */
  splitFromAttr: 'data-split-from',
  refAttr: 'data-ref',
  /** Elements Paged.js's CSS processing leaves alone. */
  ignoreAttr: 'data-pagedjs-ignore',
} as const;

/** `.name` for a class name. */
export const dot = (className: string): string => `.${className}`;
