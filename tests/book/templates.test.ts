import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBook } from '../../src/book/load-book.js';
import { configSchema } from '../../src/config/schema.js';
import { readStyle, renderTemplate } from '../../src/templates/render.js';
import { FIXTURES, REPO } from '../helpers/seed.js';

describe('shared templates and styles', () => {
  it('render the colophon and about page from the Book, in the book’s language', () => {
    const essay = loadBook(REPO, configSchema.parse({})).book;
    const colophon = renderTemplate('colophon', essay);
    expect(colophon).toContain('First published: Notes from Below, 2020');
    expect(colophon).toContain('© J. Malco. All rights belong to the author.');
    expect(colophon).toContain('Typeset with pamphleteer.');
    expect(renderTemplate('about', essay)).toContain(
      'J. Malco is a construction worker and an active member of the IWW.',
    );
    const french = loadBook(path.join(FIXTURES, 'book-notes'), configSchema.parse({})).book;
    expect(renderTemplate('colophon', french)).toContain('Composé avec pamphleteer.');
  });

  it('escape metadata so a title cannot inject markup', () => {
    const essay = loadBook(REPO, configSchema.parse({})).book;
    const hostile = { ...essay, metadata: { ...essay.metadata, title: '<script>alert(1)</script>' } };
    expect(renderTemplate('title-page', hostile)).toContain('&lt;script&gt;');
  });

  it('append a project’s own styles/ after pamphleteer’s', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-styles-'));
    fs.mkdirSync(path.join(root, 'styles'));
    fs.writeFileSync(path.join(root, 'styles/print.css'), 'body { color: rebeccapurple; }');
    const own = readStyle('print.css');
    const css = readStyle('print.css', root);
    expect(css.startsWith(own)).toBe(true);
    expect(css.trimEnd().endsWith('body { color: rebeccapurple; }')).toBe(true);
    expect(readStyle('epub.css', root)).toBe(readStyle('epub.css'));
    // This repository's own styles/ are pamphleteer's: not appended twice.
    expect(readStyle('base.css', REPO)).toBe(readStyle('base.css'));
    fs.rmSync(root, { recursive: true });
  });
});
