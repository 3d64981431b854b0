import path from 'node:path';
import type { ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { NOTE_REF_TAG, type Book } from '../../book/book-types.js';
import { UserError } from '../../util/user-error.js';
import { shownPath } from '../../util/shown-path.js';
import { CHAPTER_ATTR, CLASS, NOTE_NUMBER_ATTR, PAGED, PRINT_ONLY_ATTR } from './page/contract.js';

/**
 * The hard guarantee behind the print layout: every word of the Book (its text, every note, the
 * about text) is visible on a laid-out page, or the build fails. Visible means: the word's boxes lie
 * inside its page and inside every ancestor that clips (overflow other than visible), with a size,
 * and not hidden (visibility, opacity 0, transparent colour). A note cut short at the page foot, a
 * page too small for a line, a font size of 0 or one so large the text runs off the page all fail.
 *
 * The comparison is on letters and digits only, in reading order, case-folded: hyphenation (soft
 * hyphens, a hyphen added at a line end), smart punctuation and the spacing between words never
 * count, but every letter of every word must be printed once, in order.
 */

/** Where printed text comes from: a chapter, a note or the about text. */
export interface TextSource {
  key: string;
  /** For messages: `note 3 (in "The ledger", manuscript/01-tide.md)`. */
  label: string;
  text: string;
}

export function bookTextSources(book: Book): TextSource[] {
  const chapters = new Map(book.chapters.map((c) => [c.id, c]));
  const where = (chapterId: string) => {
    const chapter = chapters.get(chapterId);
    if (!chapter) return '';
    const file = shownPath(path.resolve(book.root, chapter.sourceFile));
    return chapter.title ? `"${chapter.title}", ${file}` : file;
  };
  return [
    ...book.chapters.map((chapter) => ({
      key: `c:${chapter.id}`,
      label: `the text of ${where(chapter.id)}`,
      text: textOf(chapter.tree),
    })),
    ...book.notes.map((note) => ({
      key: `n:${note.number}`,
      label: `note ${note.number} (called in ${where(note.chapterId)})`,
      text: textOf({ type: 'root', children: note.content }),
    })),
    ...(book.about
      ? [{ key: 'about', label: 'the about-the-author text', text: textOf({ type: 'root', children: book.about }) }]
      : []),
  ];
}

/** Elements whose text is never shown (the sanitizer removes them; this is a second line). */
const UNSHOWN = new Set([NOTE_REF_TAG, 'script', 'style', 'template', 'noscript']);

/** Text of a tree without the note-reference placeholders (their notes are sources of their own). */
function textOf(tree: Root): string {
  const strip = (nodes: ElementContent[]): ElementContent[] =>
    nodes
      .filter((n) => !(n.type === 'element' && UNSHOWN.has(n.tagName)))
      .map((n) => (n.type === 'element' ? { ...n, children: strip(n.children) } : n));
  return toString({ type: 'root', children: strip(tree.children as ElementContent[]) });
}

/** Words as compared: runs of letters, marks and digits, case-folded; soft hyphens and joiners dropped. */
export function wordsOf(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? []
  );
}

/**
 * Why a source's first unseen word is not seen, as the page found it: laid out past the foot (or
 * side) of a page, wider or taller than the page itself, hidden by a style, cut off by a box that
 * hides its overflow, of no size, or on no page at all.
 */
export type UnseenReason = 'past-page' | 'too-large' | 'hidden' | 'clipped' | 'no-size' | 'no-page';

export interface Unseen {
  reason: UnseenReason;
  /** The page it was laid out on (its number as printed), where there is one. */
  page?: number;
}

/** What collectPrintedText reads off the laid-out pages. */
export interface PrintedText {
  /** Per source, the text visible on a page, in page order. */
  text: Record<string, string>;
  /** Per source, where its first word that is in the pages but not visible is, and why. */
  unseen: Record<string, Unseen>;
}

export interface MissingText {
  source: TextSource;
  /** Why its first unseen word is not seen (no-page when it is not in the pages at all). */
  unseen: Unseen;
  words: number;
  missing: number;
  /** The first missing words, as the Book has them. */
  first: string;
}

/** Compares each source's words with what is visible; the sources with words missing. */
export function missingText(sources: TextSource[], printed: PrintedText): MissingText[] {
  const out: MissingText[] = [];
  for (const source of sources) {
    const expected = wordsOf(source.text);
    if (expected.length === 0) continue;
    const want = expected.join('');
    const got = wordsOf(printed.text[source.key] ?? '').join('');
    if (want === got) continue;
    // The hole: after the longest common start, before the longest common end.
    let start = 0;
    while (start < want.length && start < got.length && want[start] === got[start]) start++;
    let end = 0;
    while (
      end < want.length - start &&
      end < got.length - start &&
      want[want.length - 1 - end] === got[got.length - 1 - end]
    )
      end++;
    const holeEnd = Math.max(start + 1, want.length - end);
    // Words overlapping the hole [start, holeEnd) of the letter stream.
    let offset = 0;
    const missingIdx: number[] = [];
    expected.forEach((word, i) => {
      if (offset < holeEnd && offset + word.length > start) missingIdx.push(i);
      offset += word.length;
    });
    if (missingIdx.length === 0) missingIdx.push(expected.length - 1);
    out.push({
      source,
      unseen: printed.unseen[source.key] ?? { reason: 'no-page' },
      words: expected.length,
      missing: missingIdx.length,
      first: excerptFromWord(source.text, missingIdx[0]),
    });
  }
  return out;
}

/** About 60 characters of the source text as written, from its `index`-th word (as wordsOf counts them). */
function excerptFromWord(text: string, index: number): string {
  const clean = text.normalize('NFKC').replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '');
  const match = [...clean.matchAll(/[\p{L}\p{M}\p{N}]+/gu)][index];
  const from = match?.index ?? 0;
  const rest = clean.slice(from).replace(/\s+/g, ' ').trim();
  return rest.length > 60 ? `${rest.slice(0, 60).replace(/\s+\S*$/, '')} …` : rest;
}

/** Where the missing words are, for the message. */
function whereUnseen(unseen: Unseen): string {
  const page = unseen.page === undefined ? '' : ` on page ${unseen.page}`;
  switch (unseen.reason) {
    case 'past-page':
      return `laid out past the foot of page ${unseen.page ?? '?'}`;
    case 'too-large':
      return `a word or line larger than the page${page}`;
    case 'hidden':
      return `hidden by a style${page}`;
    case 'clipped':
      return `cut off by a box that hides its overflow${page}`;
    case 'no-size':
      return `of no size${page}`;
    case 'no-page':
      return 'on no page: the layout could not place it';
  }
}

/** What to do about it, for each kind of cause found. */
function advice(reasons: Set<UnseenReason>): string[] {
  const out: string[] = [];
  // (Paged.js places nothing of a block that cannot fit on any page: a word, line or box too large.)
  if (reasons.has('too-large') || reasons.has('no-size') || reasons.has('no-page'))
    out.push('Check the page size, margins and font size (print.* in the config) and the project styles.');
  if (reasons.has('hidden') || reasons.has('clipped'))
    out.push('Check the project styles (styles/print.css, styles/base.css): a rule hides or cuts off that text.');
  if (reasons.has('past-page'))
    out.push(
      "Text laid out past a page foot is a fault in pamphleteer's page make-up, not in the manuscript: " +
        'please report it with the manuscript. Until it is fixed, print.notes: "endnotes" or a change of ' +
        'wording near that page avoids it.',
    );
  return out;
}

/** Throws a UserError saying which text is not on any page, where it went, and what to change. */
export function assertEveryWordPrinted(sources: TextSource[], printed: PrintedText): void {
  const missing = missingText(sources, printed);
  if (missing.length === 0) return;
  const total = sources.reduce((n, s) => n + wordsOf(s.text).length, 0);
  const lost = missing.reduce((n, m) => n + m.missing, 0);
  const lines = missing
    .slice(0, 5)
    .map(
      (m) =>
        `  ${m.source.label}: ${m.missing === m.words ? 'none' : m.words - m.missing} of ` +
        `its ${m.words} words printed; missing from "${m.first}" (${whereUnseen(m.unseen)})`,
    );
  if (missing.length > 5) lines.push(`  … and ${missing.length - 5} more`);
  throw new UserError(
    [
      `the print PDF would lose text: ${lost.toLocaleString('en')} of the ` +
        `book's ${total.toLocaleString('en')} words are not visible on any page, so no output was written.`,
      ...lines,
      ...advice(new Set(missing.map((m) => m.unseen.reason))),
    ].join('\n'),
  );
}

/** The page's names collectPrintedText reads (passed in: it runs in the page, without imports). */
export const PRINTED_TEXT_NAMES = {
  pagebox: PAGED.pagebox,
  chapterAttr: CHAPTER_ATTR,
  noteNumberAttr: NOTE_NUMBER_ATTR,
  /** Text on the pages that is not the Book's: note numbers and calls, the opening, running heads. */
  notPrintedText: [
    `.${CLASS.noteNumber}`,
    `[${PRINT_ONLY_ATTR}]`,
    `.${CLASS.textOpening}`,
    `[${PAGED.footnoteCallAttr}]`,
    `.${PAGED.margin}`,
  ].join(', '),
};

/**
 * Runs in the page after layout: for each source (chapter `[data-chapter]`, footnote `[data-n]`,
 * endnote `.endnote`, about `.about`), the text that is visible on a page, in page order.
 * Self-contained (it is serialized into the page): no imports, no closures; the page's names come
 * in `names` (PRINTED_TEXT_NAMES).
 */
export function collectPrintedText(endnoteIds: Record<string, number>, names: typeof PRINTED_TEXT_NAMES): PrintedText {
  const out: Record<string, string> = {};
  const unseen: Record<string, Unseen> = {};
  type Box = { left: number; top: number; right: number; bottom: number };
  const clipCache = new Map<Element, Box | null>();
  const hiddenCache = new Map<Element, boolean>();
  const pageOf = (el: Element) => el.closest(`.${names.pagebox}`);

  const intersect = (a: Box, b: Box): Box => ({
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  });
  /** The box an element's content is confined to: its page, cut by every clipping ancestor. */
  const clipOf = (el: Element): Box | null => {
    if (clipCache.has(el)) return clipCache.get(el)!;
    let box: Box | null;
    // The page box, not the sheet or page around it: under emulated print media those are as tall
    // as the window (Paged.js sizes them 100% for printing, where the window is the page).
    if (el.classList.contains(names.pagebox)) {
      const r = el.getBoundingClientRect();
      box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    } else if (!el.parentElement) box = null;
    else {
      const parent = clipOf(el.parentElement);
      const style = getComputedStyle(el);
      if (parent && (style.overflowX !== 'visible' || style.overflowY !== 'visible')) {
        const r = el.getBoundingClientRect();
        box = intersect(parent, { left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      } else box = parent;
    }
    clipCache.set(el, box);
    return box;
  };
  const hidden = (el: Element): boolean => {
    if (hiddenCache.has(el)) return hiddenCache.get(el)!;
    const style = getComputedStyle(el);
    const result =
      style.visibility !== 'visible' || style.color === 'transparent' || /^rgba\(.*,\s*0\)$/.test(style.color);
    hiddenCache.set(el, result);
    return result;
  };
  // Opacity does not inherit: an ancestor at 0 hides everything inside it.
  const opacityCache = new Map<Element, boolean>();
  const hiddenByOpacity = (el: Element): boolean => {
    if (opacityCache.has(el)) return opacityCache.get(el)!;
    const result = getComputedStyle(el).opacity === '0' || (!!el.parentElement && hiddenByOpacity(el.parentElement));
    opacityCache.set(el, result);
    return result;
  };
  const inside = (rect: DOMRect, clip: Box) => {
    if (rect.width <= 0 || rect.height <= 0) return false;
    const x = rect.left + rect.width / 2;
    const y = rect.top + rect.height / 2;
    return x >= clip.left - 0.5 && x <= clip.right + 0.5 && y >= clip.top - 0.5 && y <= clip.bottom + 0.5;
  };
  const range = document.createRange();
  const visibleRange = (node: Text, start: number, end: number, clip: Box) => {
    range.setStart(node, start);
    range.setEnd(node, end);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
    return rects.length > 0 && rects.every((r) => inside(r, clip));
  };

  const sourceOf = (el: Element): string | undefined => {
    if (el.closest(names.notPrintedText)) return undefined;
    const note = el.closest(`[${names.noteNumberAttr}]`);
    if (note) return `n:${note.getAttribute(names.noteNumberAttr)}`;
    const endnote = el.closest('.endnote[id]');
    if (endnote) return endnoteIds[endnote.id] !== undefined ? `n:${endnoteIds[endnote.id]}` : undefined;
    const chapter = el.closest(`[${names.chapterAttr}]`);
    if (chapter) return `c:${chapter.getAttribute(names.chapterAttr)}`;
    const about = el.closest('.about');
    if (about && !el.closest('.about h2, .about .about-name')) return 'about';
    return undefined;
  };

  /** Why the words from `start` to `end` of a text node on a page are not visible (see UnseenReason). */
  const whyUnseen = (node: Text, start: number, end: number, page: Element): UnseenReason => {
    const parent = node.parentElement!;
    if (hidden(parent) || hiddenByOpacity(parent)) return 'hidden';
    range.setStart(node, start);
    range.setEnd(node, end);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (rects.length === 0) return 'no-size';
    const pageBox = page.getBoundingClientRect();
    if (rects.some((r) => r.width > pageBox.width || r.height > pageBox.height)) return 'too-large';
    const r = rects.find((rect) => !inside(rect, pageBox)) ?? rects[0];
    if (!inside(r, pageBox)) return 'past-page';
    // Inside the page, outside a box that hides its overflow: Paged.js's own (the note area's
    // foot) or one a style made.
    for (let el: Element | null = parent; el && el !== page; el = el.parentElement) {
      const style = getComputedStyle(el);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      if (inside(r, el.getBoundingClientRect())) continue;
      return Array.from(el.classList).some((c) => c.startsWith('pagedjs_')) ? 'past-page' : 'clipped';
    }
    return 'clipped';
  };
  const noteUnseen = (key: string, node: Text, start: number, end: number, page: Element) => {
    if (unseen[key]) return;
    const number = Number(page.closest('.pagedjs_page')?.getAttribute('data-page-number'));
    unseen[key] = { reason: whyUnseen(node, start, end, page), ...(number > 0 ? { page: number } : {}) };
  };

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const parent = node.parentElement;
    const text = node.data;
    const page = parent && pageOf(parent);
    if (!parent || !/[\p{L}\p{N}]/u.test(text) || !page) continue;
    const key = sourceOf(parent);
    if (!key) continue;
    const clip = clipOf(parent);
    if (!clip) continue;
    if (hidden(parent) || hiddenByOpacity(parent)) {
      noteUnseen(key, node, 0, text.length, page);
      continue;
    }
    let seen = '';
    if (visibleRange(node, 0, text.length, clip)) seen = text;
    else {
      // Partly visible (a note cut at the page foot): word by word.
      for (const match of text.matchAll(/\S+/g)) {
        const end = match.index! + match[0].length;
        if (visibleRange(node, match.index!, end, clip)) seen += ` ${match[0]}`;
        else if (/[\p{L}\p{N}]/u.test(match[0])) noteUnseen(key, node, match.index!, end, page);
      }
    }
    if (seen) out[key] = (out[key] ?? '') + ' ' + seen;
  }
  return { text: out, unseen };
}
