import { beforeAll, describe, expect, it } from 'vitest';
import type { Document, Element as DomElement } from '@xmldom/xmldom';
import { renderEpub } from '../../src/render/epub/index.js';
import { loadEssay, loadFixture, OPS_NS, parseXml, unzip, XHTML_NS, type Unzipped } from './helpers.js';

const OPF_NS = 'http://www.idpf.org/2007/opf';
const DC_NS = 'http://purl.org/dc/elements/1.1/';

const dc = (opf: Document, name: string) =>
  Array.from(opf.getElementsByTagNameNS(DC_NS, name)).map((e) => e.textContent);
const metas = (opf: Document, property: string) =>
  (Array.from(opf.getElementsByTagNameNS(OPF_NS, 'meta')) as DomElement[]).filter(
    (m) => m.getAttribute('property') === property,
  );
const refinement = (opf: Document, id: string, property: string) =>
  metas(opf, property).find((m) => m.getAttribute('refines') === `#${id}`)?.textContent;
const manifestItem = (opf: Document, id: string) =>
  (Array.from(opf.getElementsByTagNameNS(OPF_NS, 'item')) as DomElement[]).find((i) => i.getAttribute('id') === id);

async function open(bytes: Uint8Array) {
  const epub = await unzip(bytes);
  return {
    epub,
    opf: parseXml(await epub.text('OEBPS/content.opf')),
    nav: parseXml(await epub.text('OEBPS/toc.xhtml')),
  };
}

function navList(nav: Document, type: string): DomElement {
  const navs = Array.from(nav.getElementsByTagNameNS(XHTML_NS, 'nav')) as DomElement[];
  return navs.find((n) => n.getAttributeNS(OPS_NS, 'type') === type)!;
}

/** The nav's <ol> as nested [label, href, children] entries. */
function outline(ol: DomElement): unknown[] {
  return (Array.from(ol.childNodes) as DomElement[])
    .filter((li) => li.localName === 'li')
    .map((li) => {
      const a = (Array.from(li.childNodes) as DomElement[]).find((c) => c.localName === 'a')!;
      const sub = (Array.from(li.childNodes) as DomElement[]).find((c) => c.localName === 'ol');
      return sub ? [a.textContent, a.getAttribute('href'), outline(sub)] : [a.textContent, a.getAttribute('href')];
    });
}
const topList = (nav: DomElement) => (Array.from(nav.childNodes) as DomElement[]).find((c) => c.localName === 'ol')!;

describe('package document of the essay', () => {
  let opf: Document;
  let epub: Unzipped;
  beforeAll(async () => {
    ({ opf, epub } = await open(await renderEpub(loadEssay())));
  });

  it('carries the book’s metadata, with the rights actually stated', () => {
    const pkg = opf.documentElement!;
    expect(pkg.getAttribute('xml:lang')).toBe('en');
    expect(dc(opf, 'title')).toEqual(['Fading Color']);
    expect(dc(opf, 'creator')).toEqual(['J. Malco']);
    expect(refinement(opf, 'creator-1', 'file-as')).toBe('Malco, J.');
    expect(dc(opf, 'language')).toEqual(['en']);
    expect(dc(opf, 'date')).toEqual(['2020']);
    expect(dc(opf, 'publisher')).toEqual(['Notes from Below']);
    expect(dc(opf, 'source')).toEqual(['Notes from Below, 2020']);
    expect(dc(opf, 'description')[0]).toMatch(/^An essay on the alienation/);
    expect(dc(opf, 'rights')).toEqual(['© J. Malco. All rights belong to the author.']);
    expect(opf.toString()).not.toContain('All rights reserved');
  });

  it('has a stable identifier, the book’s, as the unique identifier', () => {
    const id = opf.documentElement!.getAttribute('unique-identifier')!;
    const identifier = (Array.from(opf.getElementsByTagNameNS(DC_NS, 'identifier')) as DomElement[]).find(
      (e) => e.getAttribute('id') === id,
    );
    expect(identifier?.textContent).toBe(loadEssay().metadata.identifier);
    expect(identifier?.textContent).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
  });

  it('takes dcterms:modified from the book’s date, never the clock', () => {
    expect(metas(opf, 'dcterms:modified').map((m) => m.textContent)).toEqual(['2020-01-01T00:00:00Z']);
  });

  it('states accessibility metadata', () => {
    const values = (p: string) => metas(opf, `schema:${p}`).map((m) => m.textContent);
    expect(values('accessMode')).toEqual(['textual']);
    expect(values('accessModeSufficient')).toEqual(['textual']);
    expect(values('accessibilityFeature')).toEqual(['structuralNavigation', 'tableOfContents', 'readingOrder']);
    expect(values('accessibilityHazard')).toEqual(['none']);
    expect(values('accessibilitySummary')[0]).toMatch(/\w+/);
  });

  it('marks the generated raster cover as cover-image and gives it a cover page', async () => {
    const cover = manifestItem(opf, 'cover-image')!;
    expect(cover.getAttribute('properties')).toBe('cover-image');
    expect([cover.getAttribute('href'), cover.getAttribute('media-type')]).toEqual(['cover.png', 'image/png']);
    const png = Buffer.from(await epub.zip.file('OEBPS/cover.png')!.async('uint8array'));
    // A PNG 1200×1800 pixels (IHDR width and height).
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 1800]);
    const page = await epub.text('OEBPS/cover.xhtml');
    expect(page).toContain(`src="${cover.getAttribute('href')}"`);
    expect(page).toMatch(/alt="Cover: Fading Color, by J. Malco"/);
  });

  it('reads cover, title page, contents, the chapters, about and colophon in that order', () => {
    const idrefs = Array.from(opf.getElementsByTagNameNS(OPF_NS, 'itemref')).map((r) =>
      (r as DomElement).getAttribute('idref'),
    );
    expect(idrefs).toEqual([
      'cover',
      'title-page',
      'nav',
      'chapter-01',
      'chapter-02',
      'chapter-03',
      'chapter-04',
      'about',
      'colophon',
    ]);
    expect(manifestItem(opf, 'nav')!.getAttribute('properties')).toBe('nav');
    expect(opf.getElementsByTagNameNS(OPF_NS, 'spine')[0].getAttribute('toc')).toBe('ncx');
  });

  it('renders title page, about and colophon from the shared templates, with both stylesheets', async () => {
    expect(await epub.text('OEBPS/title-page.xhtml')).toContain('class="book-title"');
    expect(await epub.text('OEBPS/about.xhtml')).toContain(
      'J. Malco is a construction worker and an active member of the IWW.',
    );
    expect(await epub.text('OEBPS/colophon.xhtml')).toContain('© J. Malco. All rights belong to the author.');
    const css = await epub.text('OEBPS/style.css');
    expect(css).toContain('.book-title');
    expect(css).toContain('aside.footnote');
  });

  it('starts the zip with an uncompressed mimetype (OCF)', async () => {
    const bytes = Buffer.from(await renderEpub(loadEssay()));
    // Local file header: signature, then the compression method at byte 8 (0 = stored), the name at 30.
    expect(bytes.readUInt32LE(0)).toBe(0x04034b50);
    expect(bytes.readUInt16LE(8)).toBe(0);
    expect(bytes.toString('latin1', 30, 38)).toBe('mimetype');
    expect(bytes.toString('latin1', 38, 58)).toBe('application/epub+zip');
    expect(epub.names[0]).toBe('mimetype');
  });
});

describe('navigation', () => {
  it('lists the essay’s chapters and back matter, with landmarks', async () => {
    const { nav } = await open(await renderEpub(loadEssay()));
    expect(outline(topList(navList(nav, 'toc')))).toEqual([
      ['Fading Color', 'chapter-01.xhtml'],
      ['Convergence into Populism: From Mass Movement to “Our Movement”', 'chapter-02.xhtml'],
      ['Peak Spectacle and the Spectacle of Nothing: On Media and the creation of a False History', 'chapter-03.xhtml'],
      ['The Same Answer to the Same Problem', 'chapter-04.xhtml'],
      ['About the author', 'about.xhtml'],
      ['Colophon', 'colophon.xhtml'],
    ]);
    const landmarks = (Array.from(navList(nav, 'landmarks').getElementsByTagNameNS(XHTML_NS, 'a')) as DomElement[]).map(
      (a) => [a.getAttributeNS(OPS_NS, 'type'), a.getAttribute('href')],
    );
    expect(landmarks).toEqual([
      ['cover', 'cover.xhtml'],
      ['titlepage', 'title-page.xhtml'],
      ['toc', 'toc.xhtml#toc'],
      ['bodymatter', 'chapter-01.xhtml'],
      ['backmatter', 'about.xhtml'],
    ]);
    expect(navList(nav, 'page-list')).toBeUndefined();
  });

  it('nests every heading level the book uses, in the nav and in the NCX', async () => {
    const { nav, epub } = await open(await renderEpub(loadFixture('epub-multi')));
    const toc = outline(topList(navList(nav, 'toc')));
    expect(toc[2]).toEqual([
      'Le deuxième jour',
      'chapter-03.xhtml',
      [
        [
          'Les revendications',
          'chapter-03.xhtml#les-revendications',
          [['Une réponse', 'chapter-03.xhtml#une-réponse']],
        ],
      ],
    ]);
    const ncx = parseXml(await epub.text('OEBPS/toc.ncx'));
    const NCX_NS = 'http://www.daisy.org/z3986/2005/ncx/';
    const depth = (Array.from(ncx.getElementsByTagNameNS(NCX_NS, 'meta')) as DomElement[]).find(
      (m) => m.getAttribute('name') === 'dtb:depth',
    );
    expect(depth?.getAttribute('content')).toBe('3');
    const labels = Array.from(ncx.getElementsByTagNameNS(NCX_NS, 'text')).map((t) => t.textContent);
    expect(labels).toEqual(expect.arrayContaining(['Le deuxième jour', 'Les revendications', 'Une réponse']));
    const uid = (Array.from(ncx.getElementsByTagNameNS(NCX_NS, 'meta')) as DomElement[]).find(
      (m) => m.getAttribute('name') === 'dtb:uid',
    );
    expect(uid?.getAttribute('content')).toBe(loadFixture('epub-multi').metadata.identifier);
  });
});

describe('package document of the French fixture', () => {
  let opf: Document;
  let epub: Unzipped;
  beforeAll(async () => {
    ({ opf, epub } = await open(await renderEpub(loadFixture('epub-multi'))));
  });

  it('declares the book’s language on the package and every document', async () => {
    expect(opf.documentElement!.getAttribute('xml:lang')).toBe('fr');
    expect(dc(opf, 'language')).toEqual(['fr']);
    for (const name of epub.names.filter((n) => n.endsWith('.xhtml'))) {
      const html = parseXml(await epub.text(name)).documentElement!;
      expect([name, html.getAttribute('lang'), html.getAttribute('xml:lang')]).toEqual([name, 'fr', 'fr']);
    }
  });

  it('refines the subtitle and lists every author', () => {
    expect(dc(opf, 'title')).toEqual(['Les Jours de grève', 'Chroniques d’un atelier']);
    expect(refinement(opf, 'subtitle', 'title-type')).toBe('subtitle');
    expect(refinement(opf, 'title', 'title-type')).toBe('main');
    expect(dc(opf, 'creator')).toEqual(['Camille Ferrand', 'Louis Abel']);
    expect(dc(opf, 'subject')).toEqual(['grève', 'atelier', 'reliure']);
    expect(dc(opf, 'rights')).toEqual(['Texte libre de droits pour toute diffusion non commerciale.']);
  });

  it('adds the visual mode and alternativeText when the book has images', () => {
    expect(metas(opf, 'schema:accessMode').map((m) => m.textContent)).toEqual(['textual', 'visual']);
    expect(metas(opf, 'schema:accessibilityFeature').map((m) => m.textContent)).toContain('alternativeText');
    // The summary is written in English, and says so in a French book.
    expect(metas(opf, 'schema:accessibilitySummary')[0].getAttribute('xml:lang')).toBe('en');
  });

  it('packages the image under a stable name, with its alt text and attributes the manuscript gave', async () => {
    const chapter = await epub.text('OEBPS/chapter-03.xhtml');
    expect(chapter).toContain(
      '<img src="images/image-01.png" alt="Plan de l’atelier : les presses au nord, les massicots au sud" />',
    );
    expect(manifestItem(opf, 'image-1')?.getAttribute('href')).toBe('images/image-01.png');
    expect(epub.names).toContain('OEBPS/images/image-01.png');
    expect(chapter).toContain('<ol start="3">');
    expect(chapter).toContain('style="text-align: right"');
  });
});

describe('a user cover image', () => {
  it('is packaged as is and marked cover-image', async () => {
    const { opf, epub } = await open(await renderEpub(loadFixture('epub-cover')));
    const cover = manifestItem(opf, 'cover-image')!;
    expect([cover.getAttribute('href'), cover.getAttribute('media-type'), cover.getAttribute('properties')]).toEqual([
      'cover.png',
      'image/png',
      'cover-image',
    ]);
    const bytes = await epub.zip.file('OEBPS/cover.png')!.async('uint8array');
    const { readFile } = await import('node:fs/promises');
    expect(Buffer.from(bytes).equals(await readFile(loadFixture('epub-cover').metadata.cover!))).toBe(true);
    // No about text: the back matter landmark is the colophon.
    expect(epub.names).not.toContain('OEBPS/about.xhtml');
  });
});
