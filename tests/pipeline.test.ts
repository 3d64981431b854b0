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
import { configSchema } from '../src/config/schema.js';
import { pageGeometry } from '../src/render/print/page-setup.js';
import { pdfWords, splitStreams, tokens } from './print/pdf-text.js';
import { aceFindings, findChromium } from './epub/ace.js';
import { readSeed } from './helpers/seed.js';

/** Each page's text, as pdftotext reads it (columns apart). */
function pdfPageTexts(file: string): string[] {
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 })
    .split('\f')
    .slice(0, -1)
    .map((page) => page.replace(/\u00AD/g, ''));
}

/** Words of each page, with words hyphenated at line ends joined again. */
const pdfPageWords = (file: string): string[][] =>
  pdfPageTexts(file).map((page) => tokens(page.replace(/-\s*\n\s*/g, '')));

/** The words of each page as printed, a word hyphenated at a line's end read as its two parts. */
const pdfPageParts = (file: string): string[][] => pdfPageTexts(file).map(tokens);

/**
 * The three outputs of one real `pamphleteer build` of the essay, checked against each other and
 * against the seed text: the EPUB's print page numbers point where the PDF's pages begin, and no
 * word is lost on the way to any output.
 */
const print = configSchema.parse({}).print;

describe('one build, three outputs that agree', () => {
  let dist: string;
  let epub: Unzipped;
  let pdfPages: string[][];
  let pdfTexts: string[];
  beforeAll(async () => {
    const root = tempProject();
    const result = await pamphleteer(['build', root]);
    expect(result.code, result.stderr).toBe(0);
    dist = path.join(root, 'dist');
    epub = await unzip(fs.readFileSync(path.join(dist, 'fading-color.epub')));
    pdfPages = pdfPageWords(path.join(dist, 'fading-color.pdf'));
    pdfTexts = pdfPageTexts(path.join(dist, 'fading-color.pdf'));
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
      // Or the page begins inside a word hyphenated at the foot of the page before (as a verso may end).
      const [first, ...rest] = following;
      const runOn = Array.from({ length: first.length - 1 }, (_, i) => i + 1).some(
        (i) =>
          // (pdftotext itself joins a line-end hyphen to the next line: here, the page's notes.)
          new RegExp(`(^|\\s)${first.slice(0, i)}`).test(pdfTexts[page - 2]?.toLowerCase() ?? '') &&
          opening.includes([first.slice(i), ...rest].join(' ')),
      );
      if (!runOn)
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
    // The same glyph runs in both (a word hyphenated at a page's foot ends one page, begins another).
    const inPdf = count(pdfPageParts(path.join(dist, 'fading-color.pdf')).flat());
    const inZine = count(pdfPageParts(path.join(dist, 'fading-color-zine.pdf')).flat());
    const missing = [...inPdf]
      .filter(([w, n]) => (inZine.get(w) ?? 0) < n)
      .map(([w, n]) => `${w} ${n}/${inZine.get(w) ?? 0}`);
    expect(missing).toEqual([]);
    // And the PDF itself has every word of the seed essay, its notes and the author's bio.
    const seed = readSeed();
    const seedWords = count([...seed.paragraphs, ...seed.notes, ...seed.closing].flatMap(tokens));
    // Read as text and notes, each a stream across pages, so hyphenated words are whole.
    const words = pdfWords(path.join(dist, 'fading-color.pdf'));
    const { body, small } = splitStreams(words, 1, pdfPages.length, parseFloat(pageGeometry(print).margins.top));
    const inText = count([...body, ...small].map((w) => w.norm));
    const lost = [...seedWords]
      .filter(([w, n]) => (inText.get(w) ?? 0) < n)
      .map(([w, n]) => `${w} ${n}/${inText.get(w) ?? 0}`);
    expect(lost).toEqual([]);
  });
});
