// A manuscript ten times the essay (140 notes): Paged.js's known failures on long books — notes
// dropped or misnumbered, text lost — must not happen.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBook } from '../../src/book/load-book.js';
import type { Book } from '../../src/book/book-types.js';
import { configSchema } from '../../src/config/schema.js';
import { launchBrowser, type PrintBrowser } from '../../src/render/print/browser.js';
import { renderPrint, type PrintResult } from '../../src/render/print/index.js';
import { pageGeometry } from '../../src/render/print/page-setup.js';
import { writeLongProject } from '../../scripts/long-project.mjs';
import {
  expectedText,
  firstDifference,
  haveTools,
  pdfWords,
  splitStreams,
  rawSoftHyphens,
  type PdfWord,
} from './pdf-text.js';

const tools = haveTools('pdftotext');
const config = configSchema.parse({});

describe.skipIf(!tools)('print: a long manuscript (the essay 10x)', () => {
  let browser: PrintBrowser;
  let book: Book;
  let result: PrintResult;
  let words: PdfWord[];
  let file: string;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-long-'));
    writeLongProject(dir, 10);
    book = loadBook(dir, config).book;
    browser = await launchBrowser({});
    result = await renderPrint(book, { browser, print: config.print });
    file = path.join(dir, 'long.pdf');
    fs.writeFileSync(file, result.pdf);
    words = pdfWords(file);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('holds no soft hyphen in the text layer, read raw', () => {
    expect(rawSoftHyphens(file)).toEqual({ raw: 0, bbox: 0 });
  });

  it('numbers 140 notes and keeps every word of text and notes in order', () => {
    expect(book.notes.length).toBe(140);
    expect(result.pages % 4).toBe(0);
    const expected = expectedText(book);
    const first = result.pageStarts[0].page;
    const last = result.pageStarts[result.pageStarts.length - 1].page;
    const { body, small } = splitStreams(words, first, last, parseFloat(pageGeometry(config.print).margins.top));
    const bodyWords = body.slice(body.findIndex((w) => w.norm === expected.body[0]));
    expect(
      firstDifference(
        bodyWords.map((w) => w.norm),
        expected.body,
      ),
    ).toBeUndefined();
    const noteWords = small.slice(small.findIndex((w) => w.norm === expected.notes[0]));
    expect(
      firstDifference(
        noteWords.map((w) => w.norm),
        expected.notes,
      ),
    ).toBeUndefined();

    const misplaced: string[] = [];
    for (const note of book.notes) {
      const callPage = bodyWords[expected.callAfter.get(note.number)!].page;
      const [from, to] = expected.noteRanges.get(note.number)!;
      for (const p of new Set(noteWords.slice(from, to).map((w) => w.page))) {
        if (p !== callPage && p !== callPage + 1)
          misplaced.push(`note ${note.number}: call on page ${callPage}, text on page ${p}`);
      }
    }
    expect(misplaced).toEqual([]);
  });

  it('reports a page start for every text page, in order', () => {
    const pages = result.pageStarts.map((s) => s.page);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    expect(new Set(pages).size).toBe(pages.length);
    expect(pages.length).toBeGreaterThan(150);
  });
});
