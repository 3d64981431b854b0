import { describe, expect, it } from 'vitest';
import type { Book } from '../../src/book/book-types.js';
import { renderEpub, type EpubOptions } from '../../src/render/epub/index.js';
import { aceFindings, findChromium } from './ace.js';
import { loadEssay, loadFixture, requireTool, syntheticPageStarts, writeTemp } from './helpers.js';

const cases: [string, () => Book, (book: Book) => EpubOptions][] = [
  ['the essay', loadEssay, () => ({})],
  ['the essay with a page list', loadEssay, (book) => ({ pageStarts: syntheticPageStarts(book) })],
  ['the multi-file French fixture with an image, a table and a task list', () => loadFixture('epub-multi'), () => ({})],
  ['a user cover image', () => loadFixture('epub-cover'), () => ({})],
];

describe('DAISY Ace', () => {
  it.for(cases)('reports no findings at any impact: %s', async ([, load, options], ctx) => {
    const chromium = findChromium();
    requireTool('Chromium (for Ace)', chromium, (note) => ctx.skip(note));
    const book = load();
    const file = await writeTemp(await renderEpub(book, options(book)), `${book.slug}.epub`);
    expect(await aceFindings(file, chromium!)).toEqual([]);
  });

  it('does report findings (the check is live): an EPUB without accessibility metadata', async (ctx) => {
    const chromium = findChromium();
    requireTool('Chromium (for Ace)', chromium, (note) => ctx.skip(note));
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(await renderEpub(loadEssay()));
    const opf = await zip.file('OEBPS/content.opf')!.async('string');
    zip.file('OEBPS/content.opf', opf.replace(/\s*<meta property="schema:[^<]*<\/meta>/g, ''));
    const file = await writeTemp(await zip.generateAsync({ type: 'uint8array' }), 'stripped.epub');
    const rules = (await aceFindings(file, chromium!)).map((f) => f.rule);
    expect(rules).toContain('metadata-accessmode');
  });
});
