// Manuscripts as people write them, through the real command: a ~600-word note called early on
// a page, a note called twice, a standalone image with alt text, h4–h6, a table, inline code and
// a link (fixtures/print-hard-cases), and a note longer than a page (fixtures/print-long-note).
// Checked on the real PDF (pdftotext, pdffonts, pdfimages, mutool) and EPUB (EPUBCheck).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBook } from '../../src/book/load-book.js';
import type { Book } from '../../src/book/book-types.js';
import { configSchema } from '../../src/config/schema.js';
import { pageGeometry } from '../../src/render/print/page-setup.js';
import { pamphleteer } from '../cli/helpers.js';
import { epubcheck, spineDocuments, unzip } from '../epub/helpers.js';
import { FIXTURES } from '../helpers/seed.js';
import {
  expectedText,
  firstDifference,
  haveTools,
  norm,
  pdfFonts,
  pdfWords,
  tokens,
  type PdfWord,
} from './pdf-text.js';

haveTools('pdftotext', 'pdffonts', 'pdfimages', 'mutool');
const config = configSchema.parse({});
const topMargin = parseFloat(pageGeometry(config.print).margins.top);

interface Built {
  dir: string;
  book: Book;
  pdf: string;
  epub: string;
  words: PdfWord[];
}

async function build(fixture: string): Promise<Built> {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-hard-')), fixture);
  fs.cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  const run = await pamphleteer(['build', '.'], { cwd: dir });
  if (run.code !== 0) throw new Error(`build of ${fixture} failed (${run.code}): ${run.stderr}`);
  const files = fs.readdirSync(path.join(dir, 'dist'));
  const pdf = path.join(dir, 'dist', files.find((f) => f.endsWith('.pdf') && !f.endsWith('-zine.pdf'))!);
  const epub = path.join(dir, 'dist', files.find((f) => f.endsWith('.epub'))!);
  return { dir, book: loadBook(dir, config).book, pdf, epub, words: pdfWords(pdf) };
}

/**
 * Running text and notes by word height: the body is the larger of the two commonest heights
 * (in a book of long notes, note words may outnumber text words).
 */
function streams(words: PdfWord[]) {
  const onText = words.filter((w) => w.y > topMargin - 2 && norm(w.text));
  const counts = new Map<number, number>();
  for (const w of onText) counts.set(Math.round(w.height), (counts.get(Math.round(w.height)) ?? 0) + 1);
  const [a, b] = [...counts.entries()].sort((x, y) => y[1] - x[1]);
  const bodyHeight = Math.max(a[0], b?.[0] ?? 0);
  const tagged = onText.map((w) => ({ ...w, norm: norm(w.text) }));
  return {
    bodyHeight,
    body: tagged.filter((w) => w.height >= bodyHeight * 0.9),
    small: tagged.filter((w) => w.height < bodyHeight * 0.9),
  };
}

/** Lines of running text (words at the body's size) on each page, by page number. */
function bodyLinesByPage(words: PdfWord[]): Map<number, number> {
  const { bodyHeight } = streams(words);
  const lines = new Map<number, Set<number>>();
  for (const w of words) {
    if (w.y < topMargin - 2 || Math.abs(w.height - bodyHeight) > bodyHeight * 0.08 || !norm(w.text)) continue;
    const set = lines.get(w.page) ?? new Set<number>();
    if (![...set].some((y) => Math.abs(y - w.y) < bodyHeight / 2)) set.add(w.y);
    lines.set(w.page, set);
  }
  return new Map([...lines].map(([page, set]) => [page, set.size]));
}

/** Pages of running text with fewer than `min` lines, except the last page of a section or of the book. */
function strandedPages(built: Built, min: number): string[] {
  const lines = bodyLinesByPage(built.words);
  const textPages = [...lines.keys()].sort((a, b) => a - b);
  const sectionStarts = new Set(built.book.chapters.filter((c) => c.title).map((c) => tokens(c.title!).join(' ')));
  const pageText = (page: number) =>
    built.words
      .filter((w) => w.page === page && w.y > topMargin - 2)
      .map((w) => norm(w.text))
      .filter(Boolean);
  const stranded: string[] = [];
  textPages.forEach((page, i) => {
    const next = textPages[i + 1];
    if (next === undefined) return; // the book ends here
    const nextStartsSection = [...sectionStarts].some((title) => pageText(next).join(' ').startsWith(title));
    if (!nextStartsSection && lines.get(page)! < min) stranded.push(`page ${page}: ${lines.get(page)} lines`);
  });
  return stranded;
}

/** How many times `needle` occurs as a run in `hay`. */
function occurrences(hay: string[], needle: string[]): number {
  let n = 0;
  for (let i = 0; i + needle.length <= hay.length; i++) if (needle.every((t, j) => hay[i + j] === t)) n++;
  return n;
}

describe('print: a manuscript with a long note, a repeated note, a figure, h4–h6, a table, code and a link', () => {
  let built: Built;
  beforeAll(async () => {
    built = await build('print-hard-cases');
  });

  it('strands no page: every page of running text keeps at least 5 lines', () => {
    expect(built.book.notes.find((n) => n.number === 1)!.text.split(' ').length).toBeGreaterThan(550);
    expect(strandedPages(built, 5)).toEqual([]);
  });

  it('prints each note once, a note called twice included', () => {
    const all = built.words.map((w) => norm(w.text)).filter(Boolean);
    expect(built.book.notes.find((n) => n.number === 2)!.refIds.length).toBe(2);
    for (const note of built.book.notes)
      expect(occurrences(all, tokens(note.text).slice(0, 6)), `note ${note.number}`).toBe(1);
    const text = execFileSync('pdftotext', [built.pdf, '-'], { encoding: 'utf8' });
    // (Soft hyphens in the text layer are checked without stripping by the line-breaking tests.)
    expect(
      text
        .replace(/\u00AD/g, '')
        .replace(/\s+/g, ' ')
        .match(/Interviews with members, 2021\./g),
    ).toHaveLength(1);
  });

  it('splits the long note under its call and on the next page foot, every word in order, no letter lost', () => {
    const { small } = streams(built.words);
    const expected = tokens(built.book.notes[0].text);
    const smallWords = small.map((w) => w.norm);
    const start = smallWords.findIndex((_, i) => expected.slice(0, 6).every((t, j) => smallWords[i + j] === t));
    expect(firstDifference(smallWords.slice(start, start + expected.length), expected)).toBeUndefined();
    const pages = new Set(small.slice(start, start + expected.length).map((w) => w.page));
    expect(pages.size).toBe(2);
    // Every word the PDF shows is a word of the book (a lost letter makes a word that is not).
    const known = new Set([
      ...expectedText(built.book).body,
      ...expectedText(built.book).notes,
      ...tokens(built.book.metadata.title),
      ...tokens(built.book.metadata.authors.join(' ')),
    ]);
    const firstTextPage = built.words.find((w) => norm(w.text) === expectedText(built.book).body[0])!.page;
    const strays = built.words
      .filter((w) => w.page >= firstTextPage && !/[:/]/.test(w.text))
      .map((w) => norm(w.text))
      .filter((t) => t && !known.has(t));
    expect(strays).toEqual([]);
  });

  it('draws every glyph from a bundled font', () => {
    const fonts = pdfFonts(built.pdf);
    for (const font of fonts) expect(font.name).toMatch(/^[A-Z]{6}\+(EBGaramond|IBMPlexMono)-/);
    expect(fonts.some((f) => /IBMPlexMono/.test(f.name))).toBe(true);
  });

  it('sets a standalone image with alt text as a captioned figure in the PDF and the EPUB', async () => {
    const images = execFileSync('pdfimages', ['-list', built.pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images.length).toBe(1);
    const page = Number(images[0].trim().split(/\s+/)[0]);
    const onPage = built.words.filter((w) => w.page === page).map((w) => w.text);
    expect(onPage.join(' ')).toContain('A tenants meeting in a kitchen');

    const epub = await unzip(fs.readFileSync(built.epub));
    const figures = (await spineDocuments(epub)).flatMap(({ doc }) => Array.from(doc.getElementsByTagName('figure')));
    expect(figures).toHaveLength(1);
    expect(figures[0].getElementsByTagName('img')).toHaveLength(1);
    expect(figures[0].getElementsByTagName('figcaption')[0].textContent).toBe('A tenants meeting in a kitchen');
    const check = await epubcheck(built.epub);
    expect([check.fatals, check.errors, check.warnings], check.messages.join('\n')).toEqual([0, 0, 0]);
  });

  it('prints the link target, sets code no larger than the text, and keeps the spaces of a wrapped title in the outline', () => {
    const text = execFileSync('pdftotext', [built.pdf, '-'], { encoding: 'utf8' });
    expect(text.replace(/\s+/g, '')).toContain('(https://example.org/guide)');
    const { bodyHeight } = streams(built.words);
    const code = built.words.find((w) => w.text === 'npm')!;
    expect(code.height).toBeLessThanOrEqual(bodyHeight);
    const outline = execFileSync('mutool', ['show', built.pdf, 'outline'], { encoding: 'utf8' });
    expect(outline).toContain(`"${built.book.metadata.title}"`);
    for (const h of ['A fourth-level heading', 'A fifth-level heading', 'A sixth-level heading'])
      expect(outline).toContain(h);
  });

  it('places the EPUB page-list markers between words, never inside one', async () => {
    const epub = await unzip(fs.readFileSync(built.epub));
    const inside: string[] = [];
    for (const { doc } of await spineDocuments(epub)) {
      for (const marker of Array.from(doc.getElementsByTagName('span')).filter(
        (s) => s.getAttribute('epub:type') === 'pagebreak',
      )) {
        const before = marker.previousSibling?.textContent ?? '';
        const after = marker.nextSibling?.textContent ?? '';
        if (/\p{L}$/u.test(before) && /^\p{L}/u.test(after)) inside.push(`${before.slice(-12)}|${after.slice(0, 12)}`);
      }
    }
    expect(inside).toEqual([]);
  });
});

describe('print: a note longer than a page', () => {
  let built: Built;
  beforeAll(async () => {
    built = await build('print-long-note');
  });

  it('prints the whole note over several page feet, every word in order', () => {
    const { body, small } = streams(built.words);
    const expected = expectedText(built.book);
    const noteWords = small.map((w) => w.norm);
    const start = noteWords.findIndex((_, i) => expected.notes.slice(0, 6).every((t, j) => noteWords[i + j] === t));
    expect(firstDifference(noteWords.slice(start, start + expected.notes.length), expected.notes)).toBeUndefined();
    expect(new Set(small.slice(start).map((w) => w.page)).size).toBeGreaterThanOrEqual(3);
    const bodyWords = body.map((w) => w.norm);
    const first = bodyWords.findIndex((_, i) => expected.body.slice(0, 6).every((t, j) => bodyWords[i + j] === t));
    expect(firstDifference(bodyWords.slice(first, first + expected.body.length), expected.body)).toBeUndefined();
  });

  it('keeps at least 5 lines of running text on every page but the last', () => {
    expect(strandedPages(built, 5)).toEqual([]);
  });
});
