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

export interface MissingText {
  source: TextSource;
  words: number;
  missing: number;
  /** The first missing words, as the Book has them. */
  first: string;
}

/** Compares each source's words with what is visible; the sources with words missing. */
export function missingText(sources: TextSource[], printed: Record<string, string>): MissingText[] {
  const out: MissingText[] = [];
  for (const source of sources) {
    const expected = wordsOf(source.text);
    if (expected.length === 0) continue;
    const want = expected.join('');
    const got = wordsOf(printed[source.key] ?? '').join('');
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

/** Throws a UserError saying which text is not on any page, and what to change. */
export function assertEveryWordPrinted(sources: TextSource[], printed: Record<string, string>): void {
  const missing = missingText(sources, printed);
  if (missing.length === 0) return;
  const total = sources.reduce((n, s) => n + wordsOf(s.text).length, 0);
  const lost = missing.reduce((n, m) => n + m.missing, 0);
  const lines = missing
    .slice(0, 5)
    .map(
      (m) =>
        `  ${m.source.label}: ${m.missing === m.words ? 'none' : m.words - m.missing} of ` +
        `its ${m.words} words printed; missing from "${m.first}"`,
    );
  if (missing.length > 5) lines.push(`  … and ${missing.length - 5} more`);
  throw new UserError(
    [
      `the print PDF would lose text: ${lost.toLocaleString('en')} of the ` +
        `book's ${total.toLocaleString('en')} words are not visible on any page, so no output was written.`,
      ...lines,
      'Check the page size, margins and font size (print.* in the config) and the project styles; ' +
        'a note too long for one page must be shortened or split.',
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
export function collectPrintedText(
  endnoteIds: Record<string, number>,
  names: typeof PRINTED_TEXT_NAMES,
): Record<string, string> {
  const out: Record<string, string> = {};
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

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const parent = node.parentElement;
    const text = node.data;
    if (!parent || !/[\p{L}\p{N}]/u.test(text) || !pageOf(parent)) continue;
    const key = sourceOf(parent);
    if (!key) continue;
    const clip = clipOf(parent);
    if (!clip || hidden(parent) || hiddenByOpacity(parent)) continue;
    let seen = '';
    if (visibleRange(node, 0, text.length, clip)) seen = text;
    else {
      // Partly visible (a note cut at the page foot): word by word.
      for (const match of text.matchAll(/\S+/g)) {
        if (visibleRange(node, match.index!, match.index! + match[0].length, clip)) seen += ` ${match[0]}`;
      }
    }
    if (seen) out[key] = (out[key] ?? '') + ' ' + seen;
  }
  return out;
}
