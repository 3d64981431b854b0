import { describe, expect, it } from 'vitest';
import type { Element } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { loadBook } from '../../src/book/load-book.js';
import { NOTE_REF_TAG } from '../../src/book/book-types.js';
import { configSchema } from '../../src/config/schema.js';
import { readSeed, REPO } from '../helpers/seed.js';

const { book, warnings } = loadBook(REPO, configSchema.parse({}));
const seed = readSeed();
/** The essay as typeset: its spaced hyphens are dashes tied to the word before (smart punctuation). */
const dashed = (text: string) => text.replace(/ [-–] /g, '\u00A0– ');

/** Paragraph texts of the whole book in order, note references left out. */
function bookParagraphs(): { text: string; refs: number[] }[] {
  const out: { text: string; refs: number[] }[] = [];
  for (const chapter of book.chapters) {
    visit(chapter.tree, 'element', (el: Element) => {
      if (!/^(p|h[1-6])$/.test(el.tagName)) return;
      const refs: number[] = [];
      visit(el, 'element', (child: Element) => {
        if (child.tagName === NOTE_REF_TAG) refs.push(Number(child.properties.dataNote));
      });
      out.push({ text: toString(el).trim(), refs });
    });
  }
  return out;
}

describe('the Book of "Fading Color"', () => {
  it('parses without warnings and carries the metadata', () => {
    expect(warnings).toEqual([]);
    expect(book.slug).toBe('fading-color');
    expect(book.metadata).toMatchObject({
      title: 'Fading Color',
      authors: ['J. Malco'],
      lang: 'en',
      publisher: 'Notes from Below',
    });
    expect(book.metadata.rights).toContain('J. Malco');
    expect(book.metadata.identifier).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
  });

  it('has the untitled opening and the three sections, each heading with an id', () => {
    expect(book.chapters.map((c) => c.title)).toEqual([
      null,
      'Convergence into Populism: From Mass Movement to “Our Movement”',
      'Peak Spectacle and the Spectacle of Nothing: On Media and the creation of a False History',
      'The Same Answer to the Same Problem',
    ]);
    expect(new Set(book.chapters.map((c) => c.id)).size).toBe(4);
    expect(book.headings.map((h) => h.depth)).toEqual([2, 2, 2]);
    for (const h of book.headings) expect(h.id).toMatch(/^[a-z0-9-]+$/);
  });

  it('has every paragraph of the seed essay, word for word and in order', () => {
    expect(bookParagraphs().map((p) => p.text)).toEqual(seed.paragraphs.map(dashed));
  });

  it('numbers the 14 notes in reading order, each with its full text', () => {
    expect(book.notes.map((n) => n.number)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    // A note's plain text has its spaces collapsed (the no-break space too).
    expect(book.notes.map((n) => n.text)).toEqual(seed.notes.map((note) => dashed(note).replace(/\u00A0/g, ' ')));
    expect(book.chapters.flatMap((c) => c.notes)).toEqual(book.notes.map((n) => n.number));
  });

  it('puts each reference in the paragraph, right after the word, where the seed had its number', () => {
    const paragraphs = bookParagraphs();
    for (const ref of seed.refs) {
      const paragraph = paragraphs[ref.paragraph];
      expect(paragraph.refs, `note ${ref.number}`).toContain(ref.number);
    }
    // Exact placement: the text right before each reference ends with the glued word.
    for (const chapter of book.chapters) {
      visit(chapter.tree, 'element', (el: Element) => {
        const i = el.children.findIndex((c) => c.type === 'element' && c.tagName === NOTE_REF_TAG);
        if (i < 1) return;
        el.children.forEach((child, index) => {
          if (child.type !== 'element' || child.tagName !== NOTE_REF_TAG) return;
          const n = Number(child.properties.dataNote);
          const before = el.children[index - 1];
          expect(
            before.type === 'text' && before.value.endsWith(seed.refs.find((r) => r.number === n)!.before),
            `note ${n}`,
          ).toBe(true);
          expect(book.notes[n - 1].chapterId).toBe(chapter.id);
        });
      });
    }
  });

  it('keeps the author line and bio as about-the-author back matter, not body text', () => {
    expect(seed.closing).toEqual(['J. Malco', 'J. Malco is a construction worker and an active member of the IWW.']);
    expect(book.metadata.authors).toEqual([seed.closing[0]]);
    expect(book.about?.map((n) => toString(n)).join(' ')).toBe(seed.closing[1]);
    const body = bookParagraphs().map((p) => p.text);
    expect(body).not.toContain(seed.closing[1]);
  });

  it('keeps the curly quotes and dashes of the source', () => {
    const all = bookParagraphs()
      .map((p) => p.text)
      .join('\n');
    expect(all).not.toMatch(/["']/);
    expect(all).toContain('“What do we want? Civil War!');
  });
});
