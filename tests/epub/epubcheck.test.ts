import { describe, expect, it } from 'vitest';
import type { Book } from '../../src/book/book-types.js';
import { renderEpub, type EpubOptions } from '../../src/render/epub/index.js';
import {
  epubcheck,
  epubcheckCommand,
  loadEssay,
  loadFixture,
  requireTool,
  syntheticPageStarts,
  writeTemp,
} from './helpers.js';

const cases: [string, () => Book, (book: Book) => EpubOptions][] = [
  ['the essay', loadEssay, () => ({})],
  ['the essay with a page list', loadEssay, (book) => ({ pageStarts: syntheticPageStarts(book) })],
  [
    'several files, nested headings, an image, repeated and multi-paragraph notes, French',
    () => loadFixture('epub-multi'),
    () => ({}),
  ],
  ['the same with a page list', () => loadFixture('epub-multi'), (book) => ({ pageStarts: syntheticPageStarts(book) })],
  ['a user cover image, no date, publisher or about', () => loadFixture('epub-cover'), () => ({})],
];

describe('EPUBCheck', () => {
  it.for(cases)('reports 0 fatals, 0 errors, 0 warnings: %s', async ([, load, options], ctx) => {
    requireTool('EPUBCheck', epubcheckCommand(), (note) => ctx.skip(note));
    const book = load();
    const file = await writeTemp(await renderEpub(book, options(book)), `${book.slug}.epub`);
    const result = await epubcheck(file);
    expect(result.messages.filter((m) => !m.startsWith('INFO') && !m.startsWith('USAGE'))).toEqual([]);
    expect([result.fatals, result.errors, result.warnings]).toEqual([0, 0, 0]);
  });
});
