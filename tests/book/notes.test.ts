import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { loadBook } from '../../src/book/load-book.js';
import { configSchema } from '../../src/config/schema.js';
import { FIXTURES } from '../helpers/seed.js';

const root = path.join(FIXTURES, 'book-notes');
const { book } = loadBook(root, configSchema.parse({}));

describe('notes, headings and metadata details', () => {
  it('gives a note referenced twice one number and two reference ids', () => {
    expect(book.notes.map((n) => [n.number, n.refIds])).toEqual([
      [1, ['fnref-1', 'fnref-1-2']],
      [2, ['fnref-2']],
    ]);
    const html = book.chapters.map((c) => toHtml(c.tree)).join('');
    expect(html).toContain('id="fnref-1"');
    expect(html).toContain('id="fnref-1-2"');
    expect(book.notes[0].chapterId).toBe('opening');
    expect(book.chapters[1].notes).toEqual([2]);
  });

  it('keeps every paragraph of a multi-paragraph note', () => {
    expect(book.notes[0].content.filter((c) => c.type === 'element' && c.tagName === 'p')).toHaveLength(2);
    expect(book.notes[0].text).toBe('A note with two paragraphs. Its second paragraph.');
  });

  it('makes straight quotes and double hyphens typographic, in the book’s language (French here)', () => {
    expect(toHtml(book.chapters[0].tree)).toContain('«\u202Fstraight quotes\u202F»\u00A0– and a dash.');
  });

  it('ids every heading level and records images as assets', () => {
    expect(book.headings.map((h) => [h.depth, h.id, h.chapterId])).toEqual([
      [2, 'première-partie', 'première-partie'],
      [3, 'un-sous-titre', 'première-partie'],
    ]);
    expect(book.assets).toEqual([
      { href: 'manuscript/images/dot.png', path: path.join(root, 'manuscript/images/dot.png'), mediaType: 'image/png' },
    ]);
  });

  it('reads lists, dates and languages from front matter', () => {
    expect(book.metadata).toMatchObject({
      authors: ['First Author', 'Second Author'],
      lang: 'fr',
      date: '2021-03-04',
      dateISO: '2021-03-04T00:00:00Z',
      keywords: ['zines', 'notes'],
    });
    expect(book.slug).toBe('notes-twice');
  });
});
