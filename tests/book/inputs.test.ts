import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBook } from '../../src/book/load-book.js';
import { configSchema } from '../../src/config/schema.js';
import { formatMessage } from '../../src/util/diagnostics.js';
import { UserError } from '../../src/util/user-error.js';
import { FIXTURES } from '../helpers/seed.js';

const defaults = configSchema.parse({});
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-inputs-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

/** A project folder in temp with the given manuscript files (name → contents). */
function project(name: string, files: Record<string, string | Buffer>): string {
  const root = path.join(temp, name);
  fs.mkdirSync(path.join(root, 'manuscript'), { recursive: true });
  for (const [file, contents] of Object.entries(files)) fs.writeFileSync(path.join(root, 'manuscript', file), contents);
  return root;
}

function userErrorOf(root: string): string {
  try {
    loadBook(root, defaults);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected a UserError');
}

describe('bad input gets a clear message, never a crash', () => {
  it('a project without a manuscript folder', () => {
    const root = path.join(temp, 'none');
    fs.mkdirSync(root);
    expect(userErrorOf(root)).toMatch(/no manuscript folder here\. Put your Markdown files in manuscript\//);
  });

  it('an empty manuscript folder', () => {
    expect(userErrorOf(project('empty', {}))).toMatch(/has no \.md files/);
  });

  it('a binary file', () => {
    const root = project('binary', {
      'text.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    });
    expect(userErrorOf(root)).toMatch(/text\.md: error: this is a binary file, not Markdown text/);
  });

  it('invalid UTF-8, with the line and column of the first bad byte', () => {
    const root = project('latin1', {
      'text.md': Buffer.concat([
        Buffer.from('---\ntitle: T\n---\n\nCaf'),
        Buffer.from([0xe9]),
        Buffer.from(' au lait\n'),
      ]),
    });
    expect(userErrorOf(root)).toMatch(/text\.md:5:4: error: the file is not valid UTF-8 text/);
  });

  it('a broken link in the manuscript folder', () => {
    const root = project('link', { 'a.md': '---\ntitle: T\n---\n\nText.\n' });
    fs.symlinkSync(path.join(root, 'nowhere.md'), path.join(root, 'manuscript/b.md'));
    expect(userErrorOf(root)).toMatch(/b\.md: does not exist \(or is a broken link\) \(ENOENT\)\./);
  });

  it('a 20 MB manuscript', () => {
    const root = project('huge', {
      'text.md': '---\ntitle: Huge\n---\n\n' + 'All work and no play. '.repeat(1_000_000),
    });
    expect(fs.statSync(path.join(root, 'manuscript/text.md')).size).toBeGreaterThan(20e6);
    expect(userErrorOf(root)).toMatch(/text\.md: 2\d\.\d MB is too large for one manuscript file/);
  });
});

describe('raw HTML is sanitized', () => {
  const root = path.join(FIXTURES, 'html-sanitize');
  const { book, warnings } = loadBook(root, defaults);
  const html = book.chapters.map((c) => toHtml(c.tree)).join('\n');

  it('removes scripts, event handlers, frames and javascript: links', () => {
    expect(html).not.toMatch(/<script|<iframe|onclick|onerror|onmouseover|javascript:|alert/i);
  });

  it('takes a note-reference tag typed as raw HTML for nothing, and keeps raw ids apart from generated ones', () => {
    expect(book.notes.map((n) => n.number)).toEqual([1]);
    expect(html.match(/<pamphleteer-noteref/g)).toHaveLength(1);
    expect(html).toContain('id="user-fn-1"');
    expect(html.match(/id="fn-1"/g)).toBeNull();
  });

  it('keeps harmless markup and the text', () => {
    expect(html).toContain('<em>emphasis</em>');
    expect(html).toContain('a span');
    expect(html).toContain('Styled paragraph.');
    expect(html).toContain('<img src="manuscript/dot.png" alt="a dot">');
  });

  it('warns where unsafe HTML stood', () => {
    const lines = warnings.map((m) => formatMessage(m, root));
    expect(lines).toContain(
      'manuscript/text.md:7:1: warning: Raw HTML with scripts, event handlers, frames or styles is removed from every output. [unsafe-html]',
    );
    expect(lines.filter((l) => l.includes('[unsafe-html]')).length).toBeGreaterThanOrEqual(4);
  });
});

describe('a book in several files', () => {
  const root = path.join(FIXTURES, 'multi-file');

  it('reads files in name order (numeric), scopes note labels per file and numbers notes across files', () => {
    const { book } = loadBook(root, defaults);
    expect(book.chapters.map((c) => c.title)).toEqual(['Part One', 'Part Two', 'Part Three', null]);
    expect(book.notes.map((n) => [n.number, n.text, n.chapterId])).toEqual([
      [1, 'First file, note one.', 'part-one'],
      [2, 'First file, note x.', 'part-one'],
      [3, 'Second file, note one.', 'part-two'],
    ]);
    expect(book.headings.map((h) => [h.depth, h.id])).toEqual([
      [1, 'part-one'],
      [1, 'part-two'],
      [2, 'a-smaller-heading'],
      [1, 'part-three'],
      [2, 'only-a-second-level-heading'],
    ]);
    // Chapters split at the book's top level (#), not at each file's own highest heading.
    expect(book.chapters[3]).toMatchObject({ id: '20-fourth', sourceFile: 'manuscript/20-fourth.md' });
    expect(book.headings[4].chapterId).toBe('20-fourth');
  });

  it('follows an explicit order from the config', () => {
    const config = configSchema.parse({
      manuscript: { order: ['01-first.md', '10-third.md', '02-second.md', '20-fourth.md'] },
    });
    const { book } = loadBook(root, config);
    expect(book.chapters.map((c) => c.title)).toEqual(['Part One', 'Part Three', 'Part Two', null]);
  });

  it('says which files an order leaves out or names wrongly', () => {
    const missing = configSchema.parse({ manuscript: { order: ['01-first.md', 'nope.md'] } });
    expect(() => loadBook(root, missing)).toThrow(/manuscript\.order names "nope\.md", not found/);
    const partial = configSchema.parse({ manuscript: { order: ['01-first.md', '02-second.md'] } });
    expect(() => loadBook(root, partial)).toThrow(/manuscript\.order leaves out "10-third\.md", "20-fourth\.md"/);
  });
});
