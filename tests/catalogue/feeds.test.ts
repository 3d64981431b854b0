/**
 * The OPDS feeds of generated catalogues (title records only, no builds): their size grows with the
 * titles, not with titles × authors, and each stays well-formed Atom with the links reading apps follow.
 */
import { DOMParser, type Element as DomElement } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { catalogueFeeds } from '../../src/catalogue/index.js';
import { generatedEntries, LANGS } from './titles.js';

const ATOM = 'http://www.w3.org/2005/Atom';
const FACET = 'http://opds-spec.org/facet';

const totalBytes = (feeds: Map<string, string>) =>
  [...feeds.values()].reduce((sum, xml) => sum + Buffer.byteLength(xml), 0);

function parse(file: string, xml: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) }).parseFromString(
    xml,
    'application/xml',
  );
  expect(errors, file).toEqual([]);
  return doc;
}

const links = (doc: ReturnType<typeof parse>) =>
  (Array.from(doc.getElementsByTagNameNS(ATOM, 'link')) as DomElement[]).map((l) => ({
    rel: l.getAttribute('rel')!,
    href: l.getAttribute('href')!,
    active: l.getAttribute('opds:activeFacet'),
    parent: (l.parentNode as DomElement).localName,
  }));

describe('OPDS feed size', () => {
  it('doubles, not quadruples, when the titles and their authors double', () => {
    const small = catalogueFeeds(generatedEntries(200));
    const large = catalogueFeeds(generatedEntries(400));
    // One feed per author: the number of feeds grows with the authors.
    expect(large.size).toBeGreaterThan(small.size * 1.8);
    const ratio = totalBytes(large) / totalBytes(small);
    expect(ratio).toBeGreaterThan(1.8);
    expect(ratio).toBeLessThan(2.3);
  });
});

describe('OPDS feeds of a generated catalogue', () => {
  const feeds = catalogueFeeds(generatedEntries(60));

  it('are well-formed Atom, every feed link leading to a feed of the catalogue', () => {
    for (const [file, xml] of feeds) {
      const doc = parse(file, xml);
      expect([doc.documentElement!.namespaceURI, doc.documentElement!.localName], file).toEqual([ATOM, 'feed']);
      for (const link of links(doc).filter((l) => l.href.endsWith('.xml'))) {
        const target = new URL(link.href, `file:///site/${file}`).pathname.replace('/site/', '');
        expect(feeds.has(target), `${file}: ${link.href}`).toBe(true);
      }
    }
  });

  it('list every author and language facet once, in the root feed; a facet feed links its own and goes up', () => {
    const root = links(parse('opds.xml', feeds.get('opds.xml')!));
    const facets = root.filter((l) => l.rel === FACET);
    const facetFeeds = [...feeds.keys()].filter((f) => /^opds\/(author|lang)-/.test(f));
    expect(facets.map((f) => f.href).sort()).toEqual(facetFeeds.sort());
    expect(root.filter((l) => l.rel === 'subsection').map((l) => l.href)).toEqual([
      'opds/authors.xml',
      'opds/languages.xml',
    ]);
    for (const file of facetFeeds) {
      const own = links(parse(file, feeds.get(file)!)).filter((l) => l.parent === 'feed');
      expect(
        own.filter((l) => l.rel === FACET),
        file,
      ).toEqual([expect.objectContaining({ href: `../${file}`, active: 'true' })]);
      expect(own.find((l) => l.rel === 'start')?.href, file).toBe('../opds.xml');
      expect(own.find((l) => l.rel === 'up')?.href, file).toBe(
        file.startsWith('opds/author-') ? '../opds/authors.xml' : '../opds/languages.xml',
      );
    }
  });

  it('hold every title in the root feed and in the feed of each of its authors and its language', () => {
    const entries = generatedEntries(60);
    const count = (xml: string) => (xml.match(/<entry>/g) ?? []).length;
    expect(count(feeds.get('opds.xml')!)).toBe(60);
    const perAuthor = [...feeds].filter(([f]) => f.startsWith('opds/author-')).map(([, xml]) => count(xml));
    const perLang = [...feeds].filter(([f]) => f.startsWith('opds/lang-')).map(([, xml]) => count(xml));
    expect(perAuthor.reduce((a, b) => a + b, 0)).toBe(entries.reduce((n, e) => n + new Set(e.record.authors).size, 0));
    expect(perLang.reduce((a, b) => a + b, 0)).toBe(60);
    expect(perLang).toHaveLength(LANGS.length);
  });
});
