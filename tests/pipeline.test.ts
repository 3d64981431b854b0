import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pamphleteer, tempProject } from './cli/helpers.js';
import {
  epubcheck,
  epubcheckCommand,
  parseXml,
  spineDocuments,
  unzip,
  XHTML_NS,
  OPS_NS,
  type Unzipped,
} from './epub/helpers.js';
import { tokens } from './print/pdf-text.js';
import { aceFindings, findChromium } from './epub/ace.js';
import { readSeed } from './helpers/seed.js';

/** Words of each page, as pdftotext reads them (columns apart), with words hyphenated at line ends joined again. */
function pdfPageWords(file: string): string[][] {
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 })
    .split('\f')
    .slice(0, -1)
    .map((page) => tokens(page.replace(/\u00AD/g, '').replace(/-\s*\n\s*/g, '')));
}

/**
 * The three outputs of one real `pamphleteer build` of the essay, checked against each other and
 * against the seed text: the EPUB's print page numbers point where the PDF's pages begin, and no
 * word is lost on the way to any output.
 */
describe('one build, three outputs that agree', () => {
  let dist: string;
  let epub: Unzipped;
  let pdfPages: string[][];
  beforeAll(async () => {
    const root = tempProject();
    const result = await pamphleteer(['build', root]);
    expect(result.code, result.stderr).toBe(0);
    dist = path.join(root, 'dist');
    epub = await unzip(fs.readFileSync(path.join(dist, 'fading-color.epub')));
    pdfPages = pdfPageWords(path.join(dist, 'fading-color.pdf'));
  });

  it('the EPUB, with its real page list, passes EPUBCheck with no messages', async () => {
    expect(epubcheckCommand(), 'EPUBCheck must be installed (apt-get install epubcheck)').toBeDefined();
    const report = await epubcheck(path.join(dist, 'fading-color.epub'));
    expect(report.messages).toEqual([]);
  });

  it('the same EPUB gets no finding from DAISY Ace', async () => {
    const chromium = findChromium();
    expect(chromium, 'Chromium must be installed').toBeDefined();
    expect(await aceFindings(path.join(dist, 'fading-color.epub'), chromium!)).toEqual([]);
  });

  it('each EPUB page marker stands where that page of the PDF begins', async () => {
    const markers: { page: number; following: string[] }[] = [];
    for (const { doc } of await spineDocuments(epub)) {
      const all = Array.from(doc.getElementsByTagNameNS(XHTML_NS, 'span'));
      for (const span of all.filter((s) => s.getAttributeNS(OPS_NS, 'type') === 'pagebreak')) {
        // The words after the marker, up to the end of its paragraph.
        let text = '';
        for (let node = span.nextSibling; node; node = node.nextSibling) text += node.textContent ?? '';
        markers.push({ page: Number(span.getAttribute('aria-label')), following: tokens(text).slice(0, 4) });
      }
    }
    expect(markers.length).toBeGreaterThan(10);
    for (const { page, following } of markers) {
      // The marker's words open the page's text, after at most its running head, folio or a heading.
      const opening = pdfPages[page - 1].slice(0, 16).join(' ');
      expect(opening, `PDF page ${page} should begin with "${following.join(' ')}"`).toContain(following.join(' '));
    }
    const nav = parseXml(await epub.text('OEBPS/toc.xhtml'));
    const pageList = Array.from(nav.getElementsByTagNameNS(XHTML_NS, 'nav')).find(
      (n) => n.getAttributeNS(OPS_NS, 'type') === 'page-list',
    );
    expect(pageList?.getElementsByTagNameNS(XHTML_NS, 'a').length).toBe(markers.length);
  });

  it('the zine holds every word of the print PDF, text and notes, from its vector pages', () => {
    const count = (words: string[]) => words.reduce((m, w) => m.set(w, (m.get(w) ?? 0) + 1), new Map<string, number>());
    const inPdf = count(pdfPages.flat());
    const inZine = count(pdfPageWords(path.join(dist, 'fading-color-zine.pdf')).flat());
    const missing = [...inPdf]
      .filter(([w, n]) => (inZine.get(w) ?? 0) < n)
      .map(([w, n]) => `${w} ${n}/${inZine.get(w) ?? 0}`);
    expect(missing).toEqual([]);
    // And the PDF itself has every word of the seed essay, its notes and the author's bio.
    const seed = readSeed();
    const seedWords = count([...seed.paragraphs, ...seed.notes, ...seed.closing].flatMap(tokens));
    const lost = [...seedWords]
      .filter(([w, n]) => (inPdf.get(w) ?? 0) < n)
      .map(([w, n]) => `${w} ${n}/${inPdf.get(w) ?? 0}`);
    expect(lost).toEqual([]);
  });
});
