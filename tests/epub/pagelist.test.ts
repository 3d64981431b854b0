import type { Element as DomElement, Node as DomNode } from '@xmldom/xmldom';
import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { LEAF_BLOCKS, leafBlocks, type PageStart } from '../../src/book/blocks.js';
import { renderEpub } from '../../src/render/epub/index.js';
import { insertPageBreaks } from '../../src/render/epub/pagebreaks.js';
import { toXhtml } from '../../src/render/epub/xhtml.js';
import {
  loadEssay,
  loadFixture,
  OPS_NS,
  parseXml,
  spineDocuments,
  syntheticPageStarts,
  unzip,
  XHTML_NS,
} from './helpers.js';

/**
 * Text of `block` before `marker`, leaving out what the EPUB adds: note numbers (the Book's placeholders have no
 * text) and task-list marks.
 */
function textBefore(block: DomNode, marker: DomNode): string | undefined {
  let text = '';
  const walk = (node: DomNode): boolean => {
    if (node === marker) return true;
    if (node.nodeType === node.TEXT_NODE) text += node.nodeValue;
    const el = node as DomElement;
    if (el.localName === 'a' && el.getAttributeNS(OPS_NS, 'type') === 'noteref') return false;
    if (el.localName === 'span' && el.getAttribute('class') === 'task-mark') return false;
    return Array.from(node.childNodes).some(walk);
  };
  return walk(block) ? text : undefined;
}

describe('print page numbers', () => {
  it('puts each pagebreak marker at the exact character where the print page begins', async () => {
    for (const book of [loadEssay(), loadFixture('epub-multi')]) {
      const starts = syntheticPageStarts(book);
      expect(starts.length).toBeGreaterThan(book.chapters.length);
      const docs = await spineDocuments(await unzip(await renderEpub(book, { pageStarts: starts })));
      for (const start of starts) {
        const fileIndex = book.chapters.findIndex((c) => c.id === start.chapterId);
        const { doc } = docs.find((d) => d.href === `chapter-${String(fileIndex + 1).padStart(2, '0')}.xhtml`)!;
        const marker = doc.getElementById(`page-${start.page}`)!;
        expect(marker.getAttributeNS(OPS_NS, 'type')).toBe('pagebreak');
        expect(marker.getAttribute('role')).toBe('doc-pagebreak');
        expect(marker.getAttribute('aria-label')).toBe(String(start.page));
        let block = marker.parentNode as DomElement;
        while (!LEAF_BLOCKS.has(block.localName ?? '')) block = block.parentNode as DomElement;
        const original = toString(leafBlocks(book.chapters[fileIndex].tree)[start.block]).replace(/\u00AD/g, '');
        expect(textBefore(block, marker)).toBe(original.slice(0, start.offset));
      }
    }
  });

  it('lists the pages in a page-list and names the print edition as the pagination source', async () => {
    const book = loadEssay();
    const starts = syntheticPageStarts(book);
    const epub = await unzip(await renderEpub(book, { pageStarts: starts }));
    const nav = parseXml(await epub.text('OEBPS/toc.xhtml'));
    const pageList = (Array.from(nav.getElementsByTagNameNS(XHTML_NS, 'nav')) as DomElement[]).find(
      (n) => n.getAttributeNS(OPS_NS, 'type') === 'page-list',
    )!;
    const links = (Array.from(pageList.getElementsByTagNameNS(XHTML_NS, 'a')) as DomElement[]).map((a) => [
      a.textContent,
      a.getAttribute('href'),
    ]);
    expect(links.map(([label]) => label)).toEqual(starts.map((s) => String(s.page)));
    for (const [label, href] of links) {
      const [file, id] = href!.split('#');
      expect(id).toBe(`page-${label}`);
      expect(await epub.text(`OEBPS/${file}`)).toContain(`id="${id}"`);
    }
    const opf = await epub.text('OEBPS/content.opf');
    expect(opf).toMatch(
      /<dc:source id="print-source">Fading Color, print edition[^<]*<\/dc:source>\s*<meta refines="#print-source" property="source-of">pagination<\/meta>/,
    );
    expect(opf).toContain('<meta property="schema:accessibilityFeature">printPageNumbers</meta>');
    // The source the essay was first published in stays.
    expect(opf).toContain('<dc:source>Notes from Below, 2020</dc:source>');
  });

  it('counts characters without soft hyphens and splits text inside inline elements', () => {
    const tree: Root = {
      type: 'root',
      children: [
        {
          type: 'element',
          tagName: 'p',
          properties: {},
          children: [
            { type: 'text', value: 'Ab\u00ADcd ' },
            { type: 'element', tagName: 'em', properties: {}, children: [{ type: 'text', value: 'efgh' }] },
            { type: 'text', value: ' ij' },
          ],
        },
        { type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: 'Second' }] },
      ],
    };
    const starts: PageStart[] = [
      { page: 7, chapterId: 'c', block: 0, offset: 6 },
      { page: 8, chapterId: 'c', block: 0, offset: 3 },
      { page: 9, chapterId: 'c', block: 1, offset: 0 },
      { page: 10, chapterId: 'c', block: 1, offset: 6 },
    ];
    insertPageBreaks(tree, starts, 'c');
    const marker = (n: number) =>
      `<span epub:type="pagebreak" role="doc-pagebreak" id="page-${n}" aria-label="${n}"></span>`;
    expect(toXhtml(tree)).toBe(
      `<p>Ab\u00ADc${marker(8)}d <em>e${marker(7)}fgh</em> ij</p><p>${marker(9)}Second${marker(10)}</p>`,
    );
  });

  it('refuses a page start in a block the chapter does not have', async () => {
    const book = loadEssay();
    const bad: PageStart[] = [{ page: 2, chapterId: book.chapters[0].id, block: 999, offset: 0 }];
    await expect(renderEpub(book, { pageStarts: bad })).rejects.toThrow(/block 999/);
  });

  it('has no page list and no pagination source without page starts', async () => {
    const epub = await unzip(await renderEpub(loadEssay()));
    expect(await epub.text('OEBPS/toc.xhtml')).not.toContain('page-list');
    expect(await epub.text('OEBPS/content.opf')).not.toContain('print-source');
  });
});
