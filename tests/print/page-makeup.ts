// Reading page make-up back from a real PDF (pdftotext -bbox): which page each word of the text
// and of each note is on, whether every letter arrived, where each note starts against its call,
// and how deep each page's text goes.
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { leafBlocks } from '../../src/book/blocks.js';
import { NOTE_REF_TAG, type Book } from '../../src/book/book-types.js';
import { norm, pdfWords, type PdfWord } from './pdf-text.js';
import { DIGIT, digitsValue, type Glyph, leadingRun, lines, pdfGlyphs } from './rtl-readback.js';

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
  /** Each letter's word's top, in pt from the page top. */
  ys: number[];
}

function streamOf(words: PdfWord[]): Stream {
  let letters = '';
  const pages: number[] = [];
  const ys: number[] = [];
  for (const w of words) {
    const n = norm(w.text);
    letters += n;
    for (let i = 0; i < n.length; i++) {
      pages.push(w.page);
      ys.push(w.y);
    }
  }
  return { letters, pages, ys };
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

/**
 * True when the body's letter at `offset` (as expectedLetters counts them) is on the last line of
 * running text of its page (no body word below it on that page).
 */
export function onLastLine(expected: ExpectedLetters, makeup: PageMakeup, offset: number): boolean {
  const bodyStart = makeup.body.letters.indexOf(expected.body);
  if (bodyStart < 0) return false;
  const page = makeup.body.pages[bodyStart + offset];
  const y = makeup.body.ys[bodyStart + offset];
  // (Half a line's height: a raised or lowered glyph box moves a word's top a little.)
  return !makeup.words.some((w) => w.page === page && w.height >= makeup.bodyHeight * 0.9 && w.y > y + w.height / 2);
}

/**
 * Right to left, from MuPDF's glyphs: for each note number, the page of its call (digits set at
 * less than 0.7 of the body's type size) and the page of its first line (a line of type smaller
 * than the body's that opens, at its right end, with the number).
 */
export function rtlNotePlaces(pdf: string): { note: number; callPage?: number; notePage?: number }[] {
  const places = new Map<number, { note: number; callPage?: number; notePage?: number }>();
  const place = (n: number) => places.get(n) ?? places.set(n, { note: n }).get(n)!;
  const all = lines(pdfGlyphs(pdf));
  const sizeOf = (line: Glyph[]) => {
    const counts = new Map<number, number>();
    for (const g of line) counts.set(g.size, (counts.get(g.size) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0][0];
  };
  const largest = Math.max(...all.filter((l) => l.length > 20).map(sizeOf));
  // Calls in reading order: two calls side by side read as one run of digits ("12" for 1 and 2),
  // split where the run is the next call numbers in a row.
  let next = 1;
  const calls = (digits: string, page: number) => {
    let rest = digits;
    let n = next;
    while (rest.startsWith(String(n))) rest = rest.slice(String(n++).length);
    const numbers = rest === '' && n > next ? Array.from({ length: n - next }, (_, i) => next + i) : [Number(digits)];
    if (rest === '' && n > next) next = n;
    for (const number of numbers) place(number).callPage ??= page;
  };
  for (const line of all) {
    const size = sizeOf(line);
    let digits = '';
    for (const g of [...line].reverse()) {
      // (Against the body's size: MuPDF may give a raised call a line of its own.)
      if (DIGIT.test(g.c) && g.size < largest * 0.7) digits += String(digitsValue(g.c));
      else if (digits) {
        calls(digits, line[0].page);
        digits = '';
      }
    }
    if (digits) calls(digits, line[0].page);
    // Note starts: a smaller line opening with its number, not raised.
    const opening = leadingRun(line);
    // (A folio is a smaller line of digits alone.)
    const wordy = line.filter((g) => /\p{L}/u.test(g.c)).length > 3;
    if (opening !== undefined && wordy && size < largest * 0.9 && line[0].size >= size * 0.9)
      place(opening).notePage ??= line[0].page;
  }
  return [...places.values()].sort((a, b) => a.note - b.note);
}
