// The print HTML for links and repeated notes, from the Book of the hard-cases fixture.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBook } from '../../src/book/load-book.js';
import { configSchema } from '../../src/config/schema.js';
import { assemblePrintHtml, linkNoteMark } from '../../src/render/print/html.js';
import { FIXTURES } from '../helpers/seed.js';

const config = configSchema.parse({});
const book = loadBook(path.join(FIXTURES, 'print-hard-cases'), config).book;
const page = (print: Partial<typeof config.print>) =>
  assemblePrintHtml(book, { ...config.print, hyphenate: false, ...print });
/** The document body only (the styles name the classes too). */
const html = (print: Partial<typeof config.print>) => page(print).split('<body')[1];

describe('print HTML: link targets and notes called twice', () => {
  it('prints a link address after its text by default', () => {
    expect(html({})).toContain(
      '<span class="link-target" data-print-only=""> (<span class="url">https://<wbr>example.<wbr>org/<wbr>guide</span>)</span>',
    );
  });

  it('puts the address in a lettered page-foot note with print.linkTargets: footnote', () => {
    const out = html({ linkTargets: 'footnote' });
    expect(out).toMatch(
      /<span class="footnote link-note link-note-a" data-print-only=""><span class="note-number">a<\/span> <span class="url">https:\/\/<wbr>example.<wbr>org\/<wbr>guide<\/span><\/span>/,
    );
    expect(page({ linkTargets: 'footnote' })).toContain('.footnote.link-note-a::footnote-call { content: "a"; }');
    expect(out).not.toContain('link-target');
  });

  it('leaves the address out with print.linkTargets: none', () => {
    const out = html({ linkTargets: 'none' });
    expect(out).not.toMatch(/link-target|link-note|\(https:/);
    expect(out).toContain('<a href="https://example.org/guide">the guide</a> first');
  });

  it('marks link notes a…z, then aa, ab', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(linkNoteMark)).toEqual(['a', 'b', 'z', 'aa', 'ab', 'zz', 'aaa']);
  });

  it('prints a note called twice once, the later call with the same number', () => {
    const out = html({});
    expect(out.match(/class="footnote note-2"/g)).toHaveLength(1);
    expect(out).toContain('<a class="noteref note-again" data-note-again="2" data-print-only=""><sup>2</sup></a>');
    const endnotes = html({ notes: 'endnotes' });
    expect(endnotes).toContain('id="fnref-2"');
    expect(endnotes).toContain('id="fnref-2-2"');
  });
});
