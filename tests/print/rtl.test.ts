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
import { runningHead } from '../../src/render/print/html.js';
import { pamphleteer } from '../cli/helpers.js';
import { FIXTURES } from '../epub/helpers.js';
import { expectedText, haveTools, pdfWords, type PdfWord } from './pdf-text.js';

haveTools('pdftotext', 'mutool');

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

/**
 * Notes known to start on the page after their call's: a note called on a page's last lines, in either
 * direction (the same book set left to right does the same). Empty this when page make-up keeps them.
 */
const NOTES_ON_NEXT_PAGE: Record<string, number[]> = { 'rtl-he': [6] };

const print = configSchema.parse({}).print;
const geometry = pageGeometry(print);
const margin = {
  top: Number.parseFloat(geometry.margins.top),
  bottom: Number.parseFloat(geometry.margins.bottom),
  inside: Number.parseFloat(geometry.margins.inside),
  outside: Number.parseFloat(geometry.margins.outside),
};

/** One glyph as MuPDF draws it: its page and line, box, baseline, font size and character. */
interface Glyph {
  page: number;
  line: number;
  c: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

function pdfGlyphs(file: string): Glyph[] {
  const xml = execFileSync('mutool', ['draw', '-q', '-F', 'stext', '-o', '-', file], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const glyphs: Glyph[] = [];
  let page = 0;
  let line = 0;
  let size = 0;
  for (const m of xml.matchAll(
    /<page |<line |<font name="[^"]*" size="([\d.]+)"|<char quad="([-\d. ]+)" x="[-\d.]+" y="([-\d.]+)"[^>]* c="([^"]*)"/g,
  )) {
    if (m[0] === '<page ') page++;
    else if (m[0] === '<line ') line++;
    else if (m[1]) size = Number(m[1]);
    else {
      const quad = m[2].split(' ').map(Number);
      glyphs.push({ page, line, c: decodeXml(m[4]), x0: quad[0], x1: quad[2], y: Number(m[3]), size });
    }
  }
  return glyphs;
}

function decodeXml(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return s.replace(/&(#x[\da-f]+|#\d+|\w+);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(Number(e[1] === 'x' ? `0${e.slice(1)}` : e.slice(1))) : named[e],
  );
}

/** The value of a run of digits in any script (0-9, Arabic-Indic, Persian). */
function digitsValue(text: string): number {
  return Number([...text].map((c) => (/\d/.test(c) ? c : String((c.codePointAt(0)! - 0x0660) % 0x90))).join(''));
}
const DIGIT = /^\p{Nd}$/u;

/** Letters only, decomposed and without marks, lower case: what survives any text extraction. */
function letters(text: string): string[] {
  return [...text.normalize('NFKD').toLowerCase()].filter((c) => /\p{L}/u.test(c));
}

function countLetters(texts: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) for (const c of letters(text)) counts.set(c, (counts.get(c) ?? 0) + 1);
  return counts;
}

/** Letters the PDF has more (+) or fewer (−) of than expected, as "c:+n". */
function letterDifference(actual: Map<string, number>, expected: Map<string, number>): string[] {
  const keys = new Set([...actual.keys(), ...expected.keys()]);
  return [...keys]
    .map((c) => [c, (actual.get(c) ?? 0) - (expected.get(c) ?? 0)] as const)
    .filter(([, d]) => d !== 0)
    .map(([c, d]) => `${c}:${d > 0 ? '+' : ''}${d}`);
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
    const pageHeight = geometry.heightPt;
    const textPages = [
      ...new Set(glyphs.filter((g) => g.y > pageHeight - margin.bottom && DIGIT.test(g.c)).map((g) => g.page)),
    ].sort((a, b) => a - b);
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
    const onPages = words.filter(
      (w) =>
        textPages.includes(w.page) &&
        w.y + w.height / 2 > margin.top &&
        w.y + w.height / 2 < geometry.heightPt - margin.bottom,
    );
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
      if (leadingRun(line, 'rtl') === next) starts.set(next++, line[0]);
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
    expect(misplaced, 'notes starting on another page than their call').toEqual(NOTES_ON_NEXT_PAGE[name] ?? []);
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
      const folio = glyphs.filter((g) => g.page === page && g.y > geometry.heightPt - margin.bottom);
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

/**
 * Glyphs grouped into MuPDF's lines (a mark above or below a letter stays on its letter's line), each ordered
 * right to left, in the PDF's order.
 */
function lines(glyphs: Glyph[]): Glyph[][] {
  const byLine = new Map<number, Glyph[]>();
  for (const g of glyphs) byLine.set(g.line, [...(byLine.get(g.line) ?? []), g]);
  return [...byLine.values()].map((line) => line.sort((a, b) => b.x1 - a.x1));
}

/** The number a line opens with (digits and a period at its start), if any. */
function leadingRun(line: Glyph[], dir: 'rtl' | 'ltr'): number | undefined {
  const ordered = dir === 'rtl' ? line : [...line].reverse();
  const run: string[] = [];
  for (const g of ordered) {
    if (DIGIT.test(g.c)) run.push(g.c);
    else if (g.c !== '.') break;
  }
  if (!run.length) return undefined;
  // Drawn left to right whatever the line's direction.
  return digitsValue((dir === 'rtl' ? run.reverse() : run).join(''));
}

/** Runs of adjacent digits on a line, as numbers with their page. */
function digitRuns(glyphs: Glyph[]): { page: number; value: number }[] {
  const runs: { page: number; value: number }[] = [];
  for (const line of lines(glyphs)) {
    const ltr = [...line].reverse();
    let digits = '';
    let end = Number.NEGATIVE_INFINITY;
    for (const g of [...ltr, undefined]) {
      if (g && DIGIT.test(g.c) && (!digits || g.x0 - end < 1)) {
        digits += g.c;
        end = g.x1;
        continue;
      }
      if (digits) runs.push({ page: line[0].page, value: digitsValue(digits) });
      digits = g && DIGIT.test(g.c) ? g.c : '';
      end = g?.x1 ?? end;
    }
  }
  return runs;
}
