import { beforeAll, describe, expect, it } from 'vitest';
import type { Element as DomElement } from '@xmldom/xmldom';
import { renderEpub } from '../../src/render/epub/index.js';
import { loadEssay, loadFixture, OPS_NS, spineDocuments, unzip, XHTML_NS } from './helpers.js';

interface NoteLink {
  file: string;
  id: string;
  href: string;
  text: string;
}

/** Every noteref, footnote aside and back link of the spine, with the file it is in. */
async function noteStructure(bytes: Uint8Array) {
  const docs = await spineDocuments(await unzip(bytes));
  const refs: NoteLink[] = [];
  const asides: { file: string; id: string; backlinks: string[]; text: string }[] = [];
  const ids = new Map<string, Set<string>>();
  for (const { href: file, doc } of docs) {
    const elements = Array.from(doc.getElementsByTagNameNS(XHTML_NS, '*')) as DomElement[];
    ids.set(file, new Set(elements.map((e) => e.getAttribute('id')).filter((id): id is string => !!id)));
    for (const el of elements) {
      const type = el.getAttributeNS(OPS_NS, 'type');
      if (el.localName === 'a' && type === 'noteref') {
        expect(el.getAttribute('role')).toBe('doc-noteref');
        refs.push({ file, id: el.getAttribute('id')!, href: el.getAttribute('href')!, text: el.textContent! });
      }
      if (el.localName === 'aside' && type === 'footnote') {
        expect(el.getAttribute('role')).toBe('doc-footnote');
        const backlinks = (Array.from(el.getElementsByTagNameNS(XHTML_NS, 'a')) as DomElement[]).filter(
          (a) => a.getAttribute('role') === 'doc-backlink',
        );
        asides.push({
          file,
          id: el.getAttribute('id')!,
          backlinks: backlinks.map((a) => a.getAttribute('href')!),
          text: el.textContent!,
        });
      }
    }
  }
  return { refs, asides, ids };
}

describe('footnotes of the essay', () => {
  let structure: Awaited<ReturnType<typeof noteStructure>>;
  beforeAll(async () => {
    structure = await noteStructure(await renderEpub(loadEssay()));
  });

  it('has 14 noterefs numbered 1…14 in reading order, each pointing to an aside in the same file', () => {
    const { refs, asides } = structure;
    expect(refs.map((r) => r.text)).toEqual(Array.from({ length: 14 }, (_, i) => String(i + 1)));
    expect(refs.map((r) => r.id)).toEqual(refs.map((r) => `fnref-${r.text}`));
    for (const ref of refs) {
      expect(ref.href).toBe(`#fn-${ref.text}`);
      expect(asides.find((a) => a.id === `fn-${ref.text}`)?.file).toBe(ref.file);
    }
  });

  it('has 14 footnote asides, each with a back link to its reference in the same file', () => {
    const { refs, asides, ids } = structure;
    expect(asides.map((a) => a.id)).toEqual(Array.from({ length: 14 }, (_, i) => `fn-${i + 1}`));
    for (const aside of asides) {
      const number = aside.id.slice(3);
      expect(aside.backlinks).toEqual([`#fnref-${number}`]);
      expect(ids.get(aside.file)!.has(`fnref-${number}`)).toBe(true);
      expect(refs.find((r) => r.id === `fnref-${number}`)!.file).toBe(aside.file);
      expect(aside.text.startsWith(`${number} `)).toBe(true);
    }
  });

  it('keeps each chapter’s notes at the end of that chapter', () => {
    const files = [...new Set(structure.refs.map((r) => r.file))];
    expect(files).toEqual(['chapter-01.xhtml', 'chapter-02.xhtml', 'chapter-03.xhtml', 'chapter-04.xhtml']);
  });
});

describe('footnotes of the multi-file fixture', () => {
  let structure: Awaited<ReturnType<typeof noteStructure>>;
  beforeAll(async () => {
    structure = await noteStructure(await renderEpub(loadFixture('epub-multi')));
  });

  it('repeats a note cited again in a later chapter in that chapter, so it still pops up there', () => {
    const { refs, asides } = structure;
    const second = refs.find((r) => r.id === 'fnref-1-2')!;
    expect(second.text).toBe('1');
    const copy = asides.find((a) => `#${a.id}` === second.href)!;
    expect(copy.file).toBe(second.file);
    expect(copy.id).not.toBe('fn-1');
    expect(copy.backlinks).toEqual(['#fnref-1-2']);
    const original = asides.find((a) => a.id === 'fn-1')!;
    expect(original.backlinks).toEqual(['#fnref-1']);
    expect(copy.text).toBe(original.text);
  });

  it('keeps both paragraphs of a two-paragraph note inside its aside', async () => {
    const original = structure.asides.find((a) => a.id === 'fn-1')!;
    expect(original.text).toContain('voulait dire ne pas reprendre');
    expect(original.text).toContain('toute attente obstinée');
  });

  it('resolves every link inside the package', () => {
    for (const { file, href } of structure.refs) expect(structure.ids.get(file)!.has(href.slice(1))).toBe(true);
    for (const aside of structure.asides)
      for (const href of aside.backlinks) expect(structure.ids.get(aside.file)!.has(href.slice(1))).toBe(true);
  });
});
