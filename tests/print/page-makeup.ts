// Reading page make-up back from a real PDF (pdftotext -bbox): which page each word of the text
// and of each note is on, whether every letter arrived, where each note starts against its call,
// and how deep each page's text goes.
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { leafBlocks } from '../../src/book/blocks.js';
import { NOTE_REF_TAG, type Book } from '../../src/book/book-types.js';
import { norm, pdfWords, type PdfWord } from './pdf-text.js';

/** The Book's running text as one stream of letters, with where each note's call falls in it. */
export interface ExpectedLetters {
  body: string;
  /** Per note number: letters of the body before its call. */
  callAt: Map<number, number>;
  /** Per chapter, in order: letters of the body before it. */
  chapterAt: number[];
  /** Per note number: its letters, in order. */
  notes: Map<number, string>;
}

export function expectedLetters(book: Book): ExpectedLetters {
  let body = '';
  const callAt = new Map<number, number>();
  const chapterAt: number[] = [];
  for (const chapter of book.chapters) {
    chapterAt.push(body.length);
    for (const block of leafBlocks(chapter.tree as Root)) {
      visit(block, (node) => {
        if (node.type === 'text') body += norm(node.value);
        if (node.type === 'element' && (node as Element).tagName === NOTE_REF_TAG)
          callAt.set(Number((node as Element).properties.dataNote), body.length);
      });
    }
  }
  return { body, callAt, chapterAt, notes: new Map(book.notes.map((n) => [n.number, norm(n.text)])) };
}

/** A letter stream read off the pages, each letter's page beside it. */
interface Stream {
  letters: string;
  pages: number[];
}

function streamOf(words: PdfWord[]): Stream {
  let letters = '';
  const pages: number[] = [];
  for (const w of words) {
    const n = norm(w.text);
    letters += n;
    for (let i = 0; i < n.length; i++) pages.push(w.page);
  }
  return { letters, pages };
}

export interface PageMakeup {
  words: PdfWord[];
  /** Height of a body word's box (the commonest height of the text's words). */
  bodyHeight: number;
  body: Stream;
  notes: Stream;
}

/**
 * The PDF's words inside the text area (below the running head, above the folio), split into running
 * text and notes by size: notes are set smaller.
 */
export function readMakeup(pdf: string, topMarginPt: number, bottomMarginPt: number): PageMakeup {
  const all = pdfWords(pdf);
  // (By the middle of each word's box: a glyph box may reach past its line's, into the margins.)
  const words = all.filter(
    (w) => w.y + w.height / 2 > topMarginPt && w.y + w.height / 2 < w.pageHeight - bottomMarginPt,
  );
  const counts = new Map<number, number>();
  for (const w of words) counts.set(Math.round(w.height), (counts.get(Math.round(w.height)) ?? 0) + 1);
  // The body is the larger of the two commonest heights: in a book of long notes, note words may
  // outnumber the text's.
  const [a, b] = [...counts.entries()].sort((x, y) => y[1] - x[1]);
  const bodyHeight = Math.max(a?.[0] ?? 0, b && b[1] > a[1] / 20 ? b[0] : 0);
  const isBody = (w: PdfWord) => w.height >= bodyHeight * 0.9;
  return {
    words,
    bodyHeight,
    body: streamOf(words.filter(isBody)),
    notes: streamOf(words.filter((w) => !isBody(w))),
  };
}

/** What of the Book is not in the PDF, described; undefined when every letter is there, in order. */
export function lostText(expected: ExpectedLetters, makeup: PageMakeup): string | undefined {
  const problems: string[] = [];
  if (!makeup.body.letters.includes(expected.body)) {
    const got = makeup.body.letters;
    let start = 0;
    const at = got.indexOf(expected.body.slice(0, 40));
    if (at >= 0) while (start < expected.body.length && got[at + start] === expected.body[start]) start++;
    problems.push(`running text: from letter ${start} "${expected.body.slice(start, start + 60)}…" not in the PDF`);
  }
  for (const [number, letters] of expected.notes) {
    if (letters && !makeup.notes.letters.includes(letters))
      problems.push(`note ${number}: "${letters.slice(0, 40)}…" not whole in the PDF's notes`);
  }
  return problems.length ? problems.join('\n') : undefined;
}

/** The page of the body's letter at `offset` (as expectedLetters counts them), if the body is in the PDF. */
export function pageOfLetter(expected: ExpectedLetters, makeup: PageMakeup, offset: number): number | undefined {
  const bodyStart = makeup.body.letters.indexOf(expected.body);
  return bodyStart < 0 ? undefined : makeup.body.pages[bodyStart + offset];
}

/** For each note: the page of its call and the page where it starts (undefined where not found). */
export function notePlaces(
  expected: ExpectedLetters,
  makeup: PageMakeup,
): { note: number; callPage?: number; notePage?: number }[] {
  return [...expected.notes.keys()].map((note) => {
    const call = expected.callAt.get(note);
    // The call's page: that of the last letter before it (a call at a paragraph's start: the next).
    const callPage = call === undefined ? undefined : pageOfLetter(expected, makeup, Math.max(0, call - 1));
    const letters = expected.notes.get(note) ?? '';
    const at = letters ? makeup.notes.letters.indexOf(letters) : -1;
    return { note, callPage, notePage: at < 0 ? undefined : makeup.notes.pages[at] };
  });
}
