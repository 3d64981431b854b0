/** Labels per language, a book's own labels over them, the rights line, and the note on English labels. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBook } from '../../src/book/load-book.js';
import { configSchema } from '../../src/config/schema.js';
import { formatMessage } from '../../src/util/diagnostics.js';
import { LABEL_KEYS, LABEL_LANGUAGES, labelsFor, labelsInEnglish } from '../../src/templates/labels.js';

const en = labelsFor('en');
const STRING_KEYS = [
  'contents',
  'landmarks',
  'pages',
  'notes',
  'cover',
  'titlePage',
  'aboutTheAuthor',
  'colophon',
  'typesetWith',
] as const;

function book(frontMatter: string, config: object = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-labels-'));
  fs.mkdirSync(path.join(root, 'manuscript'));
  fs.writeFileSync(path.join(root, 'manuscript', 'text.md'), `---\n${frontMatter}\n---\n\nA text.\n`);
  return { root, ...loadBook(root, configSchema.parse(config)) };
}

describe('labels', () => {
  it('exist in at least 30 languages, every one different from English', () => {
    expect(LABEL_LANGUAGES.length).toBeGreaterThanOrEqual(30);
    for (const lang of ['uk', 'vi', 'hi', 'bn', 'ta', 'th', 'ka', 'hy', 'am', 'ur', 'ckb', 'mr', 'ne'])
      expect(LABEL_LANGUAGES, lang).toContain(lang);
    for (const lang of LABEL_LANGUAGES.filter((l) => l !== 'en')) {
      const labels = labelsFor(lang);
      for (const key of STRING_KEYS) {
        // "Pages" and "Notes" are the same word in French, Dutch "Colofon"…: compare whole sets.
        expect(labels[key].length, `${lang} ${key}`).toBeGreaterThan(0);
      }
      const english = STRING_KEYS.filter((key) => labels[key] === en[key]);
      expect(english.length, `${lang}: ${english.join(', ')}`).toBeLessThanOrEqual(3);
      expect(labels.by('X')).not.toBe(en.by('X'));
      expect(labels.rights(1)).not.toBe(en.rights(1));
    }
  });

  it('write numbers in the language’s digits (Bengali, Marathi) and keep Latin ones where usual (Hindi)', () => {
    expect(labelsFor('bn').number(12)).toBe('১২');
    expect(labelsFor('mr').number(12)).toBe('१२');
    expect(labelsFor('hi').number(12)).toBe('12');
    expect(labelsFor('ckb').number(3)).toBe('٣');
  });

  it('make the rights line, for one author and for two, in the book’s language', () => {
    expect(book('title: T\nauthor: A. Writer').book.metadata.rights).toBe(
      '© A. Writer. All rights belong to the author.',
    );
    expect(book('title: T\nauthor: [A. Writer, B. Poet]').book.metadata.rights).toBe(
      '© A. Writer, B. Poet. All rights belong to the authors.',
    );
    expect(book('title: T\nauthor: Оксана\nlang: uk').book.metadata.rights).toBe(
      '© Оксана. Усі права належать авторові.',
    );
    expect(book('title: T\nlang: hi').book.metadata.rights).toBe('सर्वाधिकार लेखक के पास सुरक्षित हैं।');
    // Given in the front matter, it is the author's own.
    expect(book('title: T\nrights: CC BY-SA 4.0\nlang: hi').book.metadata.rights).toBe('CC BY-SA 4.0');
  });

  it('are overridden by the front matter’s labels, over the config’s, placeholders filled in', () => {
    const { book: b } = book(
      'title: T\nauthor: Ana\nlang: pt\nlabels:\n  contents: Sumário\n  by: "Texto de {author}"\n  rights: Licença livre.',
      { labels: { contents: 'Conteúdo', notes: 'Notas de rodapé' } },
    );
    const labels = labelsFor(b.metadata.lang, b.metadata.labels);
    expect(labels.contents).toBe('Sumário');
    expect(labels.notes).toBe('Notas de rodapé');
    expect(labels.by('Ana')).toBe('Texto de Ana');
    expect(b.metadata.rights).toBe('© Ana. Licença livre.');
    expect(labels.aboutTheAuthor).toBe(labelsFor('pt').aboutTheAuthor);
  });

  it('an unknown label is an error at its line, naming the labels there are', () => {
    expect(() => book('title: T\nlabels:\n  content: Inhalt')).toThrow(
      /text\.md:4:3: error: .*"labels\.content".*contents/,
    );
  });

  it('say which labels fell back to English, for a language with none', () => {
    expect(labelsInEnglish('fr')).toEqual([]);
    expect(labelsInEnglish('sw')).toEqual(Object.keys(LABEL_KEYS));
    const { root, warnings } = book('title: T\nlang: sw\nlabels:\n  contents: Yaliyomo');
    const notes = warnings.map((w) => formatMessage(w, root));
    expect(notes).toEqual([
      expect.stringMatching(
        /^manuscript\/text\.md:1:1: warning: pamphleteer has no labels for "sw": landmarks, pages, notes, .* are in English\. .*\[labels\]$/,
      ),
    ]);
    expect(notes[0]).not.toContain('contents');
    expect(book('title: T\nlang: de').warnings).toEqual([]);
  });
});
