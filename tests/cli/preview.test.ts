// The live preview is the PDF: `pamphleteer watch` lays the print edition out in a real Chromium
// with the same page, scripts and steps as the PDF build, so it has the PDF's pages (covers and
// padding included) and the same page breaks, shown as spreads.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBook } from '../../src/book/load-book.js';
import { loadConfig } from '../../src/config/load-config.js';
import { launchBrowser, renderPrint, type PrintBrowser } from '../../src/render/print/index.js';
import { startWatch } from './helpers.js';

/** A pamphlet of several chapters with a long note, a table and a title with "&" and quotes. */
function project(): string {
  const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-preview-')), 'project');
  fs.mkdirSync(path.join(root, 'manuscript'), { recursive: true });
  const paragraph = (n: number) =>
    `Paragraph ${n} of the strike: the looms stopped, the streets filled, and the bakers sent bread ` +
    'to the halls where the committees met every evening to read the letters from the other towns.';
  const longNote = Array.from({ length: 14 }, (_, i) => `Sentence ${i + 1} of a long note about the strike fund.`);
  fs.writeFileSync(
    path.join(root, 'manuscript/01-text.md'),
    [
      '---',
      'title: "Bread & Roses: \\"the 1912 strike\\""',
      'author: Ana Núñez',
      'lang: en',
      'description: A short history.',
      '---',
      '',
      ...Array.from({ length: 6 }, (_, i) => `${paragraph(i + 1)}${i === 2 ? '[^long]' : ''}\n`),
      '## The committees\n',
      ...Array.from({ length: 8 }, (_, i) => `${paragraph(i + 7)}${i === 4 ? '[^short]' : ''}\n`),
      '| town | mills |\n|---|---|\n| Lawrence | 12 |\n| Lowell | 9 |\n',
      '## Afterwards\n',
      ...Array.from({ length: 5 }, (_, i) => `${paragraph(i + 15)}\n`),
      `[^long]: ${longNote.join(' ')}`,
      '',
      '[^short]: A short note.',
      '',
    ].join('\n'),
  );
  return root;
}

describe('the live preview has the PDF’s pages', () => {
  let root: string;
  let server: ChildProcess;
  let url: string;
  let browser: PrintBrowser;
  let terminal: () => string;

  beforeAll(async () => {
    root = project();
    const watch = await startWatch(root);
    server = watch.child;
    url = watch.url;
    terminal = watch.terminal;
    browser = await launchBrowser({});
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGINT');
  });

  it('same page count, same page breaks, covers included, as spreads', { timeout: 300_000 }, async () => {
    const { config } = loadConfig(root);
    const { book } = loadBook(root, config);
    const pdf = await renderPrint(book, { browser, print: config.print, cover: config.cover });

    const page = await browser.newPage();
    try {
      await page.setViewport({ width: 1400, height: 900 });
      await page.goto(`${url}print`, { waitUntil: 'load' });
      try {
        await page.waitForFunction(() => document.documentElement.dataset.pamphleteerPages, {
          timeout: 180_000,
          polling: 250,
        });
      } catch (err) {
        throw new Error(`${(err as Error).message}\nterminal:\n${terminal()}`);
      }
      const preview = await page.evaluate(() => {
        const map = (window as unknown as { pamphleteerPageMap: { pages: number; pageStarts: unknown[] } })
          .pamphleteerPageMap;
        const pages = [...document.querySelectorAll<HTMLElement>('.pagedjs_page')];
        const area = document.querySelector('.pagedjs_pages')!;
        return {
          pages: pages.length,
          map,
          // The spread styling survives Paged.js: two pages side by side, page 1 alone on the right.
          display: getComputedStyle(area).display,
          background: getComputedStyle(document.documentElement).backgroundColor,
          firstLeft: pages[0].getBoundingClientRect().left,
          secondTop: pages[1].getBoundingClientRect().top,
          thirdTop: pages[2].getBoundingClientRect().top,
          pageWidth: pages[0].getBoundingClientRect().width,
          // The covers are pages of the preview too.
          backCover: document.querySelectorAll('.pagedjs_page .back-cover').length,
        };
      });
      expect(preview.pages).toBe(pdf.pages);
      expect(preview.map.pages).toBe(pdf.pages);
      // Every page starts at the same block and offset as in the PDF.
      const pdfStarts = pdf.pageStarts.map((s) => ({
        page: s.page,
        block: `${s.chapterId}/${s.block}`,
        offset: s.offset,
      }));
      expect(preview.map.pageStarts).toEqual(pdfStarts);
      expect(preview.backCover).toBe(1);
      expect(preview.display).toBe('flex');
      expect(preview.background).toBe('rgb(91, 91, 91)');
      expect(preview.firstLeft).toBeGreaterThan(preview.pageWidth * 0.9);
      expect(preview.thirdTop).toBeCloseTo(preview.secondTop, 0);
    } finally {
      await page.close();
    }
  });
});
