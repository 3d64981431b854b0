/**
 * Right-to-left books longer than a page, built through the real command and read back from the PDF: English
 * set right to left (`dir: rtl`, the reproducer: one paragraph twelve times), and books of more than eight pages
 * in Arabic, Persian and Hebrew (tests/fixtures/rtl-*: sections composed from a bank of sentences, with notes
 * short and long, a list, a numbered list and a quotation, Latin names and numbers inside the text).
 *
 * Text extraction joins Arabic letters its own way (a word may come out in pieces, a dot on its own line), so
 * "no word lost" is counted in letters: the text pages hold exactly the letters of the text and its notes.
 * Where notes and folios fall is read from MuPDF's structured text, which gives each glyph its size.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Book } from '../../src/book/book-types.js';
import { loadBook } from '../../src/book/load-book.js';
import { configSchema } from '../../src/config/schema.js';
import { pageGeometry } from '../../src/render/print/page-setup.js';
import { cssLengthToPt } from '../../src/util/lengths.js';
import { runningHead } from '../../src/render/print/html.js';
import { formatNumber } from '../../src/language/index.js';
import { pamphleteer } from '../cli/helpers.js';
import { FIXTURES } from '../epub/helpers.js';
import { expectedText, firstDifference, haveTools, norm, pdfWords, type PdfWord } from './pdf-text.js';
import {
  countLetters,
  DIGIT,
  digitRuns,
  type Glyph,
  leadingRun,
  letterDifference,
  letters,
  lines,
  pdfGlyphs,
  readingOrder,
  RTL_LETTER,
} from './rtl-readback.js';

haveTools('pdftotext', 'mutool', 'qpdf');

const BOOKS = [
  { name: 'rtl-en', textPages: 2, latin: [] },
  {
    name: 'rtl-ar',
    textPages: 8,
    latin: ['Karl Polanyi', 'E. P. Thompson', 'The Making of the English Working Class'],
  },
  { name: 'rtl-fa', textPages: 8, latin: ['Rosa Luxemburg', 'James C. Scott', 'Reform or Revolution'] },
  { name: 'rtl-he', textPages: 8, latin: ['Karl Polanyi', 'E. P. Thompson', 'The Road to Wigan Pier'] },
] as const;

const print = configSchema.parse({}).print;
const geometry = pageGeometry(print);
const margin = {
  top: cssLengthToPt(geometry.margins.top),
  bottom: cssLengthToPt(geometry.margins.bottom),
  inside: cssLengthToPt(geometry.margins.inside),
  outside: cssLengthToPt(geometry.margins.outside),
};

/**
 * Where the folio's line begins: the text block is rounded to whole lines, so its last line may reach
 * up to half a line into the bottom margin; the folio sits lower.
 */
const textFoot = geometry.heightPt - margin.bottom * 0.6;

/** Whether a word lies between the running head and the folio. */
function inTextArea(w: PdfWord): boolean {
  const middle = w.y + w.height / 2;
  return middle > margin.top && middle < textFoot;
}

interface Built {
  book: Book;
  pdf: string;
  zine: string;
  words: PdfWord[];
  glyphs: Glyph[];
  /** Pages carrying a folio: the pages of running text. */
  textPages: number[];
  bodySize: number;
}

const built = new Map<string, Built>();

beforeAll(async () => {
  const titles = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-rtl-')), 'titles');
  for (const { name } of BOOKS) fs.cpSync(path.join(FIXTURES, name), path.join(titles, name), { recursive: true });
  const result = await pamphleteer(['build', '--all', titles]);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  for (const { name } of BOOKS) {
    const root = path.join(titles, name);
    const dist = path.join(root, 'dist');
    const files = fs.readdirSync(dist);
    const pdf = path.join(dist, files.find((f) => /(?<!-zine)\.pdf$/.test(f))!);
    const glyphs = pdfGlyphs(pdf);
    const sizes = new Map<number, number>();
    for (const g of glyphs) sizes.set(g.size, (sizes.get(g.size) ?? 0) + 1);
    const bodySize = [...sizes.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const textPages = [...new Set(glyphs.filter((g) => g.y > textFoot && DIGIT.test(g.c)).map((g) => g.page))].sort(
      (a, b) => a - b,
    );
    built.set(name, {
      book: loadBook(root, configSchema.parse({})).book,
      pdf,
      zine: path.join(dist, files.find((f) => f.endsWith('-zine.pdf'))!),
      words: pdfWords(pdf),
      glyphs,
      textPages,
      bodySize,
    });
  }
}, 600_000);

describe.each(BOOKS)('$name, right to left', ({ name, textPages: minTextPages, latin }) => {
  it(`runs over at least ${minTextPages} pages of text, which hold every letter of the text and notes`, () => {
    const { book, words, textPages } = built.get(name)!;
    expect(textPages.length).toBeGreaterThanOrEqual(minTextPages);
    const expected = expectedText(book);
    const { title, subtitle, authors } = book.metadata;
    // The text pages: the text opening (title, subtitle, authors), the text and the notes; not the margins.
    const onPages = words.filter((w) => textPages.includes(w.page) && inTextArea(w));
    const difference = letterDifference(
      countLetters(onPages.map((w) => w.text)),
      countLetters([title, subtitle ?? '', ...authors, ...expected.body, ...expected.notes]),
    );
    expect(difference).toEqual([]);
  });

  it('starts every note at the foot of the page of its call', () => {
    const { book, glyphs, textPages, bodySize } = built.get(name)!;
    const onText = glyphs.filter((g) => textPages.includes(g.page));
    // Calls: digits at the call's size (0.62 em of the text). Notes: lines at the notes' size (in the text
    // area: not the folios), each note's first line opening (on the right) with its number.
    const calls = new Map<number, number>();
    for (const run of digitRuns(onText.filter((g) => g.size < bodySize * 0.7))) {
      if (!calls.has(run.value)) calls.set(run.value, run.page);
    }
    const noteGlyphs = onText.filter((g) => g.size >= bodySize * 0.75 && g.size <= bodySize * 0.9 && g.y > margin.top);
    const starts = new Map<number, Glyph>();
    let next = 1;
    for (const line of lines(noteGlyphs)) {
      if (leadingRun(line) === next) starts.set(next++, line[0]);
    }
    const misplaced: number[] = [];
    for (const note of book.notes) {
      const call = calls.get(note.number);
      const start = starts.get(note.number);
      expect(call, `note ${note.number}: its call`).toBeDefined();
      expect(start, `note ${note.number}: its first line`).toBeDefined();
      if (start!.page !== call) misplaced.push(note.number);
      // At the foot: below the last line of text on its page.
      const textBottom = Math.max(
        ...onText.filter((g) => g.page === start!.page && Math.abs(g.size - bodySize) < 0.01).map((g) => g.y),
      );
      expect(start!.y, `note ${note.number}`).toBeGreaterThan(textBottom);
    }
    expect(misplaced, 'notes starting on another page than their call').toEqual([]);
  });

  it('is bound on the right: inside margin, folio at the outer foot, title over versos, section over rectos', () => {
    const { book, words, glyphs, textPages, bodySize } = built.get(name)!;
    const width = geometry.widthPt;
    const sectionHeads = new Set(
      book.chapters.map((c) =>
        letters(runningHead(c.title ?? book.metadata.title))
          .sort()
          .join(''),
      ),
    );
    for (const page of textPages) {
      // Paged.js's odd pages are rectos; in a right-to-left book they lie left of the fold, bound on their right.
      const recto = page % 2 === 1;
      const text = glyphs.filter(
        (g) => g.page === page && Math.abs(g.size - bodySize) < 0.01 && g.y > margin.top && /\S/.test(g.c),
      );
      const right = width - Math.max(...text.map((g) => g.x1));
      const left = Math.min(...text.map((g) => g.x0));
      expect(right, `page ${page}: right margin`).toBeCloseTo(recto ? margin.inside : margin.outside, 0);
      expect(left, `page ${page}: left margin`).toBeGreaterThan((recto ? margin.outside : margin.inside) - 1);
      const folio = glyphs.filter((g) => g.page === page && g.y > textFoot);
      const folioCentre = (Math.min(...folio.map((g) => g.x0)) + Math.max(...folio.map((g) => g.x1))) / 2;
      expect(folioCentre < width / 2 ? 'left' : 'right', `page ${page}: folio`).toBe(recto ? 'left' : 'right');
      const head = letters(
        words
          .filter((w) => w.page === page && w.y + w.height < margin.top)
          .map((w) => w.text)
          .join(''),
      )
        .sort()
        .join('');
      if (page === textPages[0]) expect(head, 'no running head over the text opening').toBe('');
      else if (recto) expect(sectionHeads, `page ${page}: running head`).toContain(head);
      else expect(head, `page ${page}: running head`).toBe(letters(book.metadata.title).sort().join(''));
    }
  });

  it('tells PDF viewers it reads right to left, in a valid incremental update', () => {
    const { pdf } = built.get(name)!;
    const show = execFileSync('mutool', ['show', pdf, 'trailer/Root/ViewerPreferences/Direction'], {
      encoding: 'utf8',
    });
    expect(show.trim()).toBe('/R2L');
    // qpdf exits non-zero on a broken cross-reference table.
    expect(execFileSync('qpdf', ['--check', pdf], { encoding: 'utf8' })).toContain(
      'No syntax or stream encoding errors',
    );
  });

  it('is imposed for binding on the right: the zine’s middle spread has its verso on the right', () => {
    const { pdf, zine } = built.get(name)!;
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '1', zine], { encoding: 'utf8' });
    const sides = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    const [width, height] = /Page\s+1 size:\s+([\d.]+) x ([\d.]+)/.exec(info)!.slice(1).map(Number);
    const text = (file: string, page: number, crop: string[] = []) =>
      letters(
        execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', `${page}`, '-l', `${page}`, ...crop, file, '-'], {
          encoding: 'utf8',
        }),
      )
        .sort()
        .join('');
    const half = (x: number) => [
      '-x',
      `${Math.round(x)}`,
      '-y',
      '0',
      '-W',
      `${Math.floor(width / 2)}`,
      '-H',
      `${Math.ceil(height)}`,
    ];
    // The last side of the booklet is the inside of its middle sheet: pages n/2 (a verso) and n/2 + 1.
    const [verso, recto] = [text(pdf, pages / 2), text(pdf, pages / 2 + 1)];
    expect(verso).not.toBe(recto);
    expect({ left: text(zine, sides, half(0)), right: text(zine, sides, half(width / 2)) }).toEqual({
      left: recto,
      right: verso,
    });
  });

  it('numbers its lists in the book’s digits, the number on the right', () => {
    const { book, glyphs, textPages, bodySize } = built.get(name)!;
    const items = book.chapters.flatMap((c) =>
      (c.tree as Root).children.flatMap((n) =>
        n.type === 'element' && n.tagName === 'ol' ? n.children.filter((li) => li.type === 'element') : [],
      ),
    );
    const text = glyphs.filter(
      (g) => textPages.includes(g.page) && Math.abs(g.size - bodySize) < 0.01 && g.y > margin.top,
    );
    // A line opening (on its right) with a short number and a period: a numbered list's marker.
    const markers = lines(text)
      .map((line) =>
        line.slice(
          0,
          line.findIndex((g) => !DIGIT.test(g.c) && g.c !== '.'),
        ),
      )
      .filter((run) => run.length <= 3 && run.some((g) => g.c === '.') && run.some((g) => DIGIT.test(g.c)))
      .map((run) =>
        run
          .filter((g) => DIGIT.test(g.c))
          .map((g) => g.c)
          .join(''),
      );
    // Persian ۱ and Arabic-Indic ١ are one glyph in the font, which the PDF's text maps to one of them.
    const drawn = (digits: string) =>
      digits.replace(/[\u06F0-\u06F9]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x90));
    expect(markers.map(drawn)).toEqual(items.map((_, i) => drawn(formatNumber(i + 1, book.metadata.lang))));
  });

  it('sets lines from the right, Latin names and numbers inside them left to right', () => {
    const { book, words, glyphs, textPages, bodySize } = built.get(name)!;
    // A line shorter than the measure (a paragraph's last line, a list item) starts on the right.
    const measure = geometry.widthPt - margin.inside - margin.outside;
    const short = lines(
      glyphs.filter((g) => textPages.includes(g.page) && Math.abs(g.size - bodySize) < 0.01 && g.y > margin.top),
    )
      .map((line) => ({ left: line.at(-1)!.x0, right: line[0].x1, page: line[0].page, y: line[0].y }))
      .filter((l) => l.right - l.left < measure * 0.85);
    expect(short.length).toBeGreaterThan(0);
    for (const line of short) {
      const recto = line.page % 2 === 1;
      const leftGap = line.left - (recto ? margin.outside : margin.inside);
      const rightGap = geometry.widthPt - (recto ? margin.inside : margin.outside) - line.right;
      expect(rightGap, `page ${line.page}, line at ${line.y}`).toBeLessThan(leftGap);
    }
    // A Latin name reads left to right wherever it stands whole on a line.
    for (const phrase of latin) {
      const phraseWords = phrase.split(' ');
      const key = [...phraseWords].sort().join(' ');
      const onOneLine = words
        .map((_, i) => words.slice(i, i + phraseWords.length))
        .filter((run) => run.length === phraseWords.length && run.every((w) => Math.abs(w.y - run[0].y) < 2))
        .filter(
          (run) =>
            run
              .map((w) => w.text)
              .sort()
              .join(' ') === key,
        );
      expect(onOneLine.length, phrase).toBeGreaterThan(0);
      for (const run of onOneLine) expect(run.map((w) => w.text).join(' '), phrase).toBe(phrase);
    }
    // Every number of the text, in its own digits, reads in order (1952, not 2591).
    const printed = new Set(words.flatMap((w) => w.text.match(/\p{Nd}+/gu) ?? []));
    const source = [...book.chapters.map((c) => toString(c.tree as Root)), ...book.notes.map((n) => n.text)].join(' ');
    const numbers = [...source.matchAll(/\p{Nd}{2,}/gu)];
    for (const [n] of numbers) expect(printed, n).toContain(n);
  });
});

// Hebrew and Latin letters come out of the PDF whole, word by word: there the order of every word is checked.
describe.each(['rtl-en', 'rtl-he'])('%s, read back', (name) => {
  it('holds every word of the text in the manuscript’s order, each line read from the right', () => {
    const { book, words, glyphs, textPages, bodySize } = built.get(name)!;
    // The text's words: at the text's size or larger (headings), not the notes, calls or margins. The size is
    // the glyph's drawn at the word's left end (fonts of different scripts have boxes of different heights).
    const sizeAt = (w: PdfWord) =>
      glyphs.find((g) => g.page === w.page && Math.abs(g.x0 - w.x) < 0.5 && g.y > w.y && g.y < w.y + w.height + 1)
        ?.size ?? 0;
    const body = words
      .filter((w) => textPages.includes(w.page) && inTextArea(w))
      .filter((w) => sizeAt(w) >= bodySize * 0.95)
      .map((w) => ({ ...w, norm: norm(w.text) }))
      .filter((w) => w.norm);
    const expected = expectedText(book).body;
    // From the text's first word on: the text opening above it (title, author) is no part of the Book's text.
    const logical = (w: { norm: string }) => (RTL_LETTER.test(w.norm) ? [...w.norm].reverse().join('') : w.norm);
    const first = body.find((w) => logical(w) === expected[0])!;
    const text = body.filter((w) => w.page > first.page || w.y > first.y - first.height / 2);
    const difference = firstDifference(readingOrder(text), expected);
    expect(difference ?? 'every word in order').toBe('every word in order');
  });
});
