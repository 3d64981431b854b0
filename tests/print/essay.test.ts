// The essay through the real renderer: one Chromium, one render, checked on the PDF itself.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { PDFDocument, PDFName, type PDFDict, type PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leafBlocks } from '../../src/book/blocks.js';
import { loadBook } from '../../src/book/load-book.js';
import type { Book } from '../../src/book/book-types.js';
import { configSchema } from '../../src/config/schema.js';
import { launchBrowser, type PrintBrowser } from '../../src/render/print/browser.js';
import { renderPrint, type PrintResult } from '../../src/render/print/index.js';
import { runningHead } from '../../src/render/print/html.js';
import { pageGeometry } from '../../src/render/print/page-setup.js';
import {
  expectedText,
  firstDifference,
  haveTools,
  pdfFonts,
  pdfInfo,
  pdfWords,
  splitStreams,
  tokens,
  pageTexts,
  rawSoftHyphens,
  type PdfWord,
} from './pdf-text.js';
import { REPO } from '../helpers/seed.js';

/** The repository (tests run from any clone, e.g. CI's). */
const ROOT = REPO;

const tools = haveTools('pdftotext', 'pdffonts', 'pdfinfo');
const config = configSchema.parse({});

describe.skipIf(!tools)('print: the essay', () => {
  let browser: PrintBrowser;
  let book: Book;
  let result: PrintResult;
  let file: string;
  let words: PdfWord[];
  const progress: number[] = [];

  beforeAll(async () => {
    book = loadBook(ROOT, config).book;
    browser = await launchBrowser({});
    result = await renderPrint(book, { browser, print: config.print, onProgress: (n) => progress.push(n) });
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-print-')), 'essay.pdf');
    fs.writeFileSync(file, result.pdf);
    words = pdfWords(file);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const textPages = () => [result.pageStarts[0].page, result.pageStarts[result.pageStarts.length - 1].page] as const;
  const topMargin = () => parseFloat(pageGeometry(config.print).margins.top);

  it('makes a half-letter PDF padded to a multiple of 4 pages', () => {
    const info = pdfInfo(file);
    expect(result.pageSize).toEqual({ widthPt: 396, heightPt: 612 });
    expect(info['Page size']).toMatch(/^396 x 612 pts/);
    expect(Number(info.Pages)).toBe(result.pages);
    expect(result.pages % 4).toBe(0);
    expect(progress.length).toBeGreaterThan(0);
    expect(result.html).toBe(''); // only with print.html
  });

  it('embeds every font as a real font (no Type 3) and keeps ligature text', () => {
    const fonts = pdfFonts(file);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.type, font.name).not.toMatch(/Type 3/);
      expect(font.name).toMatch(/EBGaramond/);
    }
    const all = pageTexts(file).join('\n');
    expect(all).toMatch(/\bfighting\b/);
    expect(all).toMatch(/\bfiltered\b/);
  });

  it('holds no soft hyphen in the text layer, read raw (a line-end hyphen is a plain hyphen)', () => {
    expect(rawSoftHyphens(file)).toEqual({ raw: 0, bbox: 0 });
  });

  it('loses no word of the text, in order', () => {
    const expected = expectedText(book);
    const { body } = splitStreams(words, ...textPages(), topMargin());
    // The text's opening (title, author) comes before the first manuscript word.
    const start = body.findIndex((w) => w.norm === expected.body[0]);
    const actual = body.slice(start).map((w) => w.norm);
    expect(firstDifference(actual, expected.body)).toBeUndefined();
  });

  it('puts every note, in order, on the page of its call or the next', () => {
    const expected = expectedText(book);
    const { body, small } = splitStreams(words, ...textPages(), topMargin());
    const bodyStart = body.findIndex((w) => w.norm === expected.body[0]);
    const bodyWords = body.slice(bodyStart);
    const noteStart = small.findIndex((w) => w.norm === expected.notes[0]);
    const noteWords = small.slice(noteStart);
    expect(
      firstDifference(
        noteWords.map((w) => w.norm),
        expected.notes,
      ),
    ).toBeUndefined();
    expect(book.notes.map((n) => n.number)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    for (const note of book.notes) {
      const callPage = bodyWords[expected.callAfter.get(note.number)!].page;
      const [from, to] = expected.noteRanges.get(note.number)!;
      const pages = new Set(noteWords.slice(from, to).map((w) => w.page));
      for (const p of pages)
        expect([callPage, callPage + 1], `note ${note.number} (call on page ${callPage})`).toContain(p);
    }
  });

  it('numbers the notes as the Book does, in the call and in the note', () => {
    const pages = pageTexts(file);
    for (const note of book.notes) {
      const firstWords = note.text.split(/\s+/).slice(0, 3).join(' ');
      const page = pages.findIndex((t) => t.replace(/\s+/g, ' ').includes(`${note.number}. ${firstWords}`));
      expect(page, `note ${note.number} "${note.number}. ${firstWords}"`).toBeGreaterThan(0);
    }
  });

  it('sets running heads (title left, section right) and outer folios, none on title, blank and back pages', () => {
    const margin = topMargin();
    const heads = new Set([
      book.metadata.title,
      ...book.chapters.map((c) => runningHead(c.title ?? book.metadata.title)),
    ]);
    const [first, last] = textPages();
    for (let page = 1; page <= result.pages; page++) {
      const onPage = words.filter((w) => w.page === page);
      const head = onPage
        .filter((w) => w.y < margin - 4)
        .map((w) => w.text)
        .join(' ');
      const foot = onPage.filter((w) => w.y > 612 - 0.09 * 612);
      const inText = page >= first && page <= last;
      if (!inText) {
        expect(head, `page ${page} head`).toBe('');
        expect(
          foot.filter((w) => /^\d+$/.test(w.text)),
          `page ${page} folio`,
        ).toEqual([]);
        continue;
      }
      expect(
        foot.map((w) => w.text),
        `page ${page} folio`,
      ).toEqual([String(page)]);
      const outer = page % 2 === 0 ? foot[0].x < 396 / 2 : foot[0].x > 396 / 2;
      expect(outer, `page ${page} folio at the outer corner`).toBe(true);
      if (page === first)
        expect(head).toBe(''); // the text's opening page
      else if (page % 2 === 0) expect(head).toBe(book.metadata.title);
      else expect(heads.has(head), `page ${page} head "${head}"`).toBe(true);
    }
    // The section named on a right page is the one running at the top of that page.
    const rightHeads = Array.from({ length: result.pages }, (_, i) => i + 1)
      .filter((p) => p % 2 === 1 && p > first && p <= last)
      .map((p) =>
        words
          .filter((w) => w.page === p && w.y < margin - 4)
          .map((w) => w.text)
          .join(' '),
      );
    expect(rightHeads).toContain(runningHead(book.chapters[1].title!));
    // Blank pages (padding) are wholly empty; the about text is on the last page.
    const aboutPage = words.filter((w) => w.text === 'IWW.')[0]?.page;
    expect(aboutPage).toBe(result.pages);
    for (let p = last + 1; p < result.pages; p++) expect(words.filter((w) => w.page === p)).toEqual([]);
  });

  it('reports where each page begins in Book terms', () => {
    const [first, last] = textPages();
    expect(result.pageStarts.map((s) => s.page)).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i));
    const { body } = splitStreams(words, first, last, topMargin());
    let midBlock = 0;
    for (const start of result.pageStarts) {
      const chapter = book.chapters.find((c) => c.id === start.chapterId)!;
      const block = leafBlocks(chapter.tree as Root)[start.block];
      const rest = tokens(toString(block).slice(start.offset));
      const pageWords = body.filter((w) => w.page === start.page).map((w) => w.norm);
      const from = start.page === first ? pageWords.indexOf(rest[0]) : 0;
      // A page may begin inside a word hyphenated at the foot of the page before (read there, whole).
      const before = body.filter((w) => w.page === start.page - 1).at(-1);
      const runOn = before?.norm === rest[0] && pageWords[from] !== rest[0] ? 1 : 0;
      expect(pageWords.slice(from, from + 3 - runOn), `page ${start.page}`).toEqual(rest.slice(runOn, 3));
      if (start.offset > 0) midBlock++;
    }
    expect(midBlock).toBeGreaterThan(0);
  });

  it('writes document information, language, tags and a bookmark for every section on its page', async () => {
    const info = pdfInfo(file);
    expect(info.Title).toBe('Fading Color');
    expect(info.Author).toBe('J. Malco');
    expect(info.Subject).toBe(book.metadata.description);
    expect(info.Tagged).toBe('yes');

    const doc = await PDFDocument.load(result.pdf);
    expect(String(doc.catalog.lookup(PDFName.of('Lang')))).toMatch(/en/);
    const pageRefs = doc.getPages().map((p) => p.ref.toString());
    const outline: { title: string; page: number }[] = [];
    const walk = (ref: PDFRef | undefined) => {
      for (let item = ref ? (doc.context.lookup(ref) as PDFDict) : undefined; item; ) {
        const dest = item.lookup(PDFName.of('Dest')) as unknown as { get(i: number): PDFRef } | undefined;
        const title = (item.lookup(PDFName.of('Title')) as unknown as { decodeText(): string }).decodeText();
        outline.push({ title, page: dest ? pageRefs.indexOf(dest.get(0).toString()) + 1 : 0 });
        walk(item.get(PDFName.of('First')) as PDFRef | undefined);
        const next = item.get(PDFName.of('Next')) as PDFRef | undefined;
        item = next ? (doc.context.lookup(next) as PDFDict) : undefined;
      }
    };
    walk((doc.catalog.lookup(PDFName.of('Outlines')) as PDFDict).get(PDFName.of('First')) as PDFRef);

    const pages = pageTexts(file).map((t) => t.replace(/\s+/g, ' '));
    for (const heading of book.headings) {
      const entry = outline.find((o) => o.title === heading.text);
      expect(entry, `bookmark "${heading.text}"`).toBeDefined();
      const firstWords = heading.text.split(' ').slice(0, 4).join(' ');
      const page = pages.findIndex((t) => t.includes(firstWords)) + 1;
      expect(entry!.page, heading.text).toBe(page);
    }
    expect(outline.find((o) => o.title === 'About the author')?.page).toBe(result.pages);
  });
});
