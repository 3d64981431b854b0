// Contents with page numbers, endnotes, crop marks and bleed, A5 on A4 paper: one render.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName, type PDFArray } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBook } from '../../src/book/load-book.js';
import type { Book } from '../../src/book/book-types.js';
import { configSchema } from '../../src/config/schema.js';
import { launchBrowser, type PrintBrowser } from '../../src/render/print/browser.js';
import { renderPrint, type PrintResult } from '../../src/render/print/index.js';
import { haveTools, pageTexts, pdfInfo } from './pdf-text.js';
import { REPO } from '../helpers/seed.js';

/** The repository (tests run from any clone, e.g. CI's). */
const ROOT = REPO;

const tools = haveTools('pdftotext', 'pdfinfo');
const config = configSchema.parse({
  print: { toc: true, notes: 'endnotes', cropMarks: true, paper: 'a4', html: true },
});

describe.skipIf(!tools)('print: contents, endnotes, crop marks (A5)', () => {
  let browser: PrintBrowser;
  let book: Book;
  let result: PrintResult;
  let file: string;
  let pages: string[];

  beforeAll(async () => {
    book = loadBook(ROOT, config).book;
    browser = await launchBrowser({});
    result = await renderPrint(book, { browser, print: config.print });
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-print-opts-')), 'opts.pdf');
    fs.writeFileSync(file, result.pdf);
    pages = pageTexts(file).map((t) => t.replace(/[ \t]+/g, ' '));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the sections with the pages where they start (never 0)', () => {
    const tocPage = pages.findIndex((t) => /^\s*Contents\s*$/m.test(t));
    expect(tocPage).toBeGreaterThan(0);
    const titled = book.chapters.filter((c) => c.title);
    for (const chapter of titled) {
      const start = chapter.title!.split(' ').slice(0, 3).join(' ');
      const line = pages[tocPage].split('\n').findIndex((l) => l.includes(start));
      expect(line, chapter.title!).toBeGreaterThanOrEqual(0);
      // The number ends the entry (on its last line when the title wraps).
      const entry = pages[tocPage]
        .split('\n')
        .slice(line, line + 3)
        .join(' ');
      const number = Number(/(\d+)\s*(?:$|\n)/.exec(entry.replace(/\s+$/, ''))?.[1] ?? /\s(\d+)\s/.exec(entry)?.[1]);
      expect(number, chapter.title!).toBeGreaterThan(0);
      const actual =
        pages.findIndex((t, i) => i !== tocPage && t.replace(/\s+/g, ' ').includes(chapter.title!.split(':')[0])) + 1;
      expect(number, chapter.title!).toBe(actual);
    }
  });

  it('sets the notes as endnotes after the text, numbered as in the Book', () => {
    const notesPage = pages.findIndex((t) => /^\s*Notes\s*$/m.test(t));
    expect(notesPage).toBeGreaterThan(0);
    const after = pages.slice(notesPage).join('\n').replace(/\s+/g, ' ');
    let at = 0;
    for (const note of book.notes) {
      const head = `${note.number}. ${note.text.split(/\s+/).slice(0, 3).join(' ')}`;
      const found = after.indexOf(head, at);
      expect(found, head).toBeGreaterThanOrEqual(at);
      at = found;
    }
    // No note text at a page foot before the Notes section.
    const body = pages.slice(0, notesPage).join('\n');
    expect(body).not.toContain(book.notes[2].text.slice(0, 40));
  });

  it('uses A5 trim with bleed and crop marks, and a trim box', async () => {
    expect(result.pageSize.widthPt).toBeCloseTo(419.5, 0);
    expect(result.pageSize.heightPt).toBeCloseTo(595.3, 0);
    const size = /^([\d.]+) x ([\d.]+)/.exec(pdfInfo(file)['Page size'])!;
    expect(Number(size[1])).toBeGreaterThan(419.5 + 16); // 3mm bleed each side, plus the marks
    const doc = await PDFDocument.load(result.pdf);
    const trim = doc.getPages()[0].node.lookup(PDFName.of('TrimBox')) as PDFArray;
    expect(trim).toBeDefined();
    const [x0, , x1] = trim.asArray().map((n) => Number(n.toString()));
    expect(x1 - x0).toBeCloseTo(419.5, 0);
    expect(result.pages % 4).toBe(0);
  });

  it('returns the laid-out HTML when print.html is set', () => {
    expect(result.html).toContain('pagedjs_page');
    expect(result.html).toContain('data-block=');
  });
});
