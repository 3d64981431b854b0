// One prepared print page serves book after book (a catalogue's titles, press and riso layouts): each
// book comes out as it does alone in a browser of its own, and a book that fails does not leave its
// page to the next.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBook } from '../../src/book/load-book.js';
import type { Book } from '../../src/book/book-types.js';
import { configSchema } from '../../src/config/schema.js';
import { launchBrowser, type PrintBrowser } from '../../src/render/print/browser.js';
import { renderPrint, type PrintResult } from '../../src/render/print/index.js';
import { haveTools } from './pdf-text.js';
import { FIXTURES } from '../helpers/seed.js';

const tools = haveTools('pdftotext');
const config = configSchema.parse({});
// Right to left with its own fonts; pictures from the project folder; Cyrillic with many notes.
const TITLES = ['lang-ar', 'book-notes', 'lang-ru'];

/** What a reader sees of a print result: the page count and the text of every page. */
function seen(result: PrintResult): { pages: number; text: string } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-reused-')), 'book.pdf');
  fs.writeFileSync(file, result.pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return { pages: result.pages, text };
}

async function alone(book: Book): Promise<{ pages: number; text: string }> {
  const browser = await launchBrowser({});
  try {
    return seen(await renderPrint(book, { browser, print: config.print }));
  } finally {
    await browser.close();
  }
}

describe.skipIf(!tools)('print: one prepared page for book after book', () => {
  let books: Book[];
  let browser: PrintBrowser;

  beforeAll(async () => {
    books = TITLES.map((name) => loadBook(`${FIXTURES}/${name}`, config).book);
    browser = await launchBrowser({});
  });
  afterAll(() => browser?.close());

  it('lays each book out as it is laid out alone, in one page', async () => {
    const together: { pages: number; text: string }[] = [];
    for (const book of books) together.push(seen(await renderPrint(book, { browser, print: config.print })));
    // The blank tab the browser started with, taken by the first book and kept for the others.
    expect((await browser.browser.pages()).length).toBe(1);
    for (const [i, book] of books.entries()) {
      const single = await alone(book);
      expect(together[i].pages, TITLES[i]).toBe(single.pages);
      expect(together[i].text, TITLES[i]).toBe(single.text);
    }
  });

  it('does not hand the page of a book that failed to the next book', async () => {
    const [first, second] = books;
    const failing = renderPrint(first, {
      browser,
      print: config.print,
      onProgress: () => {
        throw new Error('progress report failed');
      },
    });
    await expect(failing).rejects.toThrow('progress report failed');
    const after = seen(await renderPrint(second, { browser, print: config.print }));
    expect(after).toEqual(await alone(second));
  });
});
