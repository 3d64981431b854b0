// The import's pure cores: note recognition on HTML shapes, the zip guard, image checks, the
// Markdown and front matter it writes. No child process, no file written.
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkImage } from '../../src/import/images.js';
import { frontMatter, LONG_DOCUMENT_WORDS, toManuscriptFiles } from '../../src/import/manuscript.js';
import { CALL_PATTERN, recognizeNotes } from '../../src/import/notes.js';
import { emptyReport } from '../../src/import/report.js';
import { readZipEntries } from '../../src/import/zip-guard.js';
import { convertWebPage } from '../../src/import/web.js';
import { pngHeader, writeZip } from './hostile-docs.js';

function recognize(html: string) {
  const tree = fromHtml(html, { fragment: true });
  const result = recognizeNotes(tree);
  const calls = [...toString(tree).matchAll(CALL_PATTERN)].map((m) => Number(m[1]));
  const notes = [...result.notes].map(([n, content]) => [n, toString({ type: 'root', children: content }).trim()]);
  return { ...result, tree, calls, notes };
}

describe('note recognition', () => {
  it('superscript links to an ordered list: calls become tokens, the list and its “Notes” title go', () => {
    const { tree, calls, notes, guesses } = recognize(
      '<p>One.<sup><a href="#fn1" id="r1">1</a></sup> Two.<sup><a href="#fn2" id="r2">2</a></sup></p>' +
        '<hr><h2>Notes</h2><ol><li id="fn1">First. <a href="#r1">↩</a></li><li id="fn2">Second. <a href="#r2">↩</a></li></ol>',
    );
    expect(calls).toEqual([1, 2]);
    expect(notes).toEqual([
      [1, 'First.'],
      [2, 'Second.'],
    ]);
    expect(toString(tree)).toBe('One.\uE0001\uE001 Two.\uE0002\uE001');
    expect(guesses).toEqual([expect.stringContaining('“Notes”')]);
  });

  it('a note called twice is one note; calls are numbered in order of first call, not by their labels', () => {
    const { calls, notes } = recognize(
      '<p>A<sup><a href="#n-b">7</a></sup> B<sup><a href="#n-a">3</a></sup> C<sup><a href="#n-b">7</a></sup></p>' +
        '<ol><li id="n-a">Alpha</li><li id="n-b">Beta</li></ol>',
    );
    expect(calls).toEqual([1, 2, 1]);
    expect(notes).toEqual([
      [1, 'Beta'],
      [2, 'Alpha'],
    ]);
  });

  it('Word saved as web page: labels linking back to the call, notes in paragraphs, label removed', () => {
    const { calls, notes } = recognize(
      '<p>Text<a href="#_ftn1" name="_ftnref1"><span class="MsoFootnoteReference">[1]</span></a> more.</p>' +
        '<div><div id="ftn1"><p class="MsoFootnoteText"><a href="#_ftnref1" name="_ftn1">[1]</a> The note itself.</p></div></div>',
    );
    expect(calls).toEqual([1]);
    expect(notes).toEqual([[1, 'The note itself.']]);
  });

  it('pandoc’s section.footnotes and a doc-noteref link around the superscript', () => {
    const { calls, notes, shapes, tree } = recognize(
      '<p>Word<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a>.</p>' +
        '<section class="footnotes footnotes-end-of-document" role="doc-endnotes"><hr /><ol>' +
        '<li id="fn1"><p>Pandoc’s note.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li></ol></section>',
    );
    expect(calls).toEqual([1]);
    expect(notes).toEqual([[1, 'Pandoc’s note.']]);
    expect([...shapes]).toEqual(['pandoc footnotes']);
    expect((tree as Root).children).toHaveLength(1);
  });

  it('leaves alone links that are not calls: a cross-reference, a table of contents, a link back up', () => {
    const { calls, notes } = recognize(
      '<nav><a href="#part-2">Part two</a></nav><p>See <a href="#part-2">section 2</a>.</p>' +
        '<h2 id="part-2">Part two</h2><p id="top-ref">Back <sup><a href="#top">^</a></sup></p>',
    );
    expect(calls).toEqual([]);
    expect(notes).toEqual([]);
  });
});

describe('zip guard', () => {
  const entry = (name: string, text: string) => ({ name, data: Buffer.from(text) });

  it('inflates a well-formed archive', () => {
    const entries = readZipEntries(writeZip([entry('a.xml', '<a/>'), entry('b/c.xml', 'x'.repeat(5000))]));
    expect([...entries.keys()]).toEqual(['a.xml', 'b/c.xml']);
    expect(entries.get('b/c.xml')!.length).toBe(5000);
  });

  it('refuses an entry that inflates past what it declares, without inflating the rest', () => {
    const bomb = { name: 'x.xml', data: Buffer.alloc(1_000_000), declaredSize: 10 };
    expect(() => readZipEntries(writeZip([bomb]))).toThrow(/inflates to more than it declares/);
  });

  it('refuses what is not a zip, and a zip cut short', () => {
    expect(() => readZipEntries(Buffer.from('hello'))).toThrow(/not a zip archive/);
    const whole = writeZip([entry('a.xml', 'y'.repeat(10_000))]);
    expect(() => readZipEntries(whole.subarray(0, whole.length - 30))).toThrow(/not a zip archive|damaged|truncated/);
  });
});

describe('images', () => {
  it('reads the size from the header and refuses past the pixel limit', () => {
    expect(checkImage(pngHeader(4000, 3000))).toEqual({ ok: true, extension: 'png' });
    const huge = checkImage(pngHeader(20_000, 10_000));
    expect(huge).toEqual({ ok: false, reason: expect.stringContaining('200 megapixels') });
  });

  it('names the type of what a pamphlet cannot show', () => {
    expect(checkImage(Buffer.from('BM\0\0\0\0\0\0'))).toEqual({ ok: false, reason: expect.stringContaining('BMP') });
    expect(checkImage(Buffer.from('<svg><script>x</script></svg>'))).toEqual({
      ok: false,
      reason: expect.stringContaining('<script>'),
    });
  });
});

describe('Markdown and front matter', () => {
  it('quotes every value, so a colon, a quote or a # stays text', () => {
    const text = frontMatter({ title: 'Ux: Proj #1 "quoted"', author: ['A', 'B: C'], lang: 'fr' });
    const data = YAML.parse(text.replace(/^---\n|---\n\n$/g, ''));
    expect(data).toEqual({ title: 'Ux: Proj #1 "quoted"', author: ['A', 'B: C'], lang: 'fr' });
  });

  it('splits a long document at its top-level headings, each note defined in the file of its call', () => {
    const words = (n: number) =>
      Array.from({ length: n }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}`).join(' ');
    const half = Math.ceil(LONG_DOCUMENT_WORDS / 2) + 10;
    const body = fromHtml(
      `<p>${words(20)}</p><h1>First Part</h1><p>${words(half)}\uE0001\uE001</p><h1>Second Part</h1><p>${words(half)}\uE0002\uE001</p>`,
      { fragment: true },
    );
    const files = toManuscriptFiles(
      {
        name: 'doc',
        metadata: { title: 'A Long One' },
        body,
        notes: new Map([
          [1, [{ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: 'Note one.' }] }]],
          [2, [{ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: 'Note two.' }] }]],
        ]),
        images: new Map(),
        report: emptyReport(),
      },
      1,
    );
    expect(files.map((f) => f.name)).toEqual(['01-a-long-one.md', '02-first-part.md', '03-second-part.md']);
    expect(files[1].text).toMatch(/^## First Part\n[\s\S]*\[\^1\]\n\n\[\^1\]: Note one\.\n$/);
    expect(files[2].text).toMatch(/\[\^2\]: Note two\.\n$/);
  });

  it('keeps superscript and subscript as the raw HTML pamphleteer allows, and nothing else raw', () => {
    const body = fromHtml(
      '<p>H<sub>2</sub>O, 5 m<sup>2</sup>, <span style="x">plain</span> <b onclick="x()">bold</b></p>',
      {
        fragment: true,
      },
    );
    const [file] = toManuscriptFiles(
      { name: 'd', metadata: { title: 'T' }, body, notes: new Map(), images: new Map(), report: emptyReport() },
      1,
    );
    expect(file.text).toBe('H<sub>2</sub>O, 5 m<sup>2</sup>, plain **bold**\n');
  });

  it('a web page’s images, in the text and in a note, are read through the reader it is given, and only so', () => {
    const asked: string[] = [];
    const page = Buffer.from(
      '<html lang="cy"><head><title>Lluniau</title></head><body><article><p>Testun gyda llun ' +
        '<img src="files/a%20b.png?v=2" alt="llun">.<sup><a href="#n1">1</a></sup> ' +
        'Mwy o eiriau yma i wneud paragraff hir digon i’r darllenydd ei gadw fel erthygl.</p>' +
        '<ol><li id="n1">Nodyn gyda llun <img src="files/a%20b.png" alt="eto"></li></ol></article></body></html>',
    );
    const doc = convertWebPage(page, 'page', (reference) => {
      asked.push(reference);
      return { ok: true, bytes: pngHeader(10, 10) };
    });
    expect(asked).toEqual(['files/a b.png']);
    expect([...doc.images.keys()]).toEqual(['page-1.png']);
    const [file] = toManuscriptFiles(doc, 1);
    expect(file.text).toContain('![llun](images/page-1.png)');
    expect(file.text).toContain('[^1]: Nodyn gyda llun ![eto](images/page-1.png)');
    expect(doc.metadata.lang).toBe('cy');
  });
});
