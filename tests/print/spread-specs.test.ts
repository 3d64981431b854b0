// Spec cases for the page handlers that keep facing pages even (src/render/print/page/looseness.ts,
// widows-orphans.ts), laid out in the real browser on small pages of 24 lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrintBrowser, launchBrowser } from '../../src/render/print/browser.js';
import { SPEC_CSS, type SpecPage, layOut, words } from './specs/harness.js';

/** `words` with hyphenation points (soft hyphens), as the pipeline's hyphenation leaves them. */
function hyphenated(n: number, seed: number): string {
  const points: Record<string, string> = {
    tenants: 'ten\u00ADants',
    kitchens: 'kitch\u00ADens',
    landlords: 'land\u00ADlords',
    evictions: 'evic\u00ADtions',
    neighbours: 'neigh\u00ADbours',
    committees: 'com\u00ADmit\u00ADtees',
    organizing: 'or\u00ADga\u00ADniz\u00ADing',
    patience: 'pa\u00ADtience',
    repairs: 're\u00ADpairs',
  };
  return words(n, seed)
    .split(' ')
    .map((w) => points[w] ?? w)
    .join(' ');
}

/** Every word of the running text on the pages, in order (a line-end hyphen joins its word). */
function printedWords(pages: SpecPage[]): string[] {
  return pages
    .flatMap((p) => p.lines)
    .join(' ')
    .replace(/- /g, '')
    .split(' ')
    .filter(Boolean);
}

/** A paragraph of `n` lines set by hand, as the line breaking sets them; `hyphenAt` lines end in a hyphen. */
function setLines(id: string, n: number, hyphenAt: number[]): string {
  const line = (i: number) =>
    hyphenAt.includes(i)
      ? `${words(2, 300 + i)} hyphen<span class="line-hyphen" data-print-only="">-</span><br data-line-break="">ated`
      : `${words(3, 300 + i)}<br data-line-break="">`;
  return `<p id="${id}" style="text-align: left">${Array.from({ length: n }, (_, i) => line(i + 1)).join(' ')}</p>`;
}

/** A page of book measure (about 70 characters a line), still 24 lines deep. */
const WIDE_CSS = SPEC_CSS.replace('size: 320px 420px', 'size: 440px 420px');

describe('facing pages even (spec cases in the real browser)', () => {
  let browser: PrintBrowser;
  beforeAll(async () => {
    browser = await launchBrowser({});
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("no hyphen at a recto's foot: the hyphenated line goes over", async () => {
    const pages = await layOut(browser, setLines('p1', 40, [24]));
    expect(pages[0].lines.length).toBe(23);
    expect(pages[0].lines[22]).not.toMatch(/-$/);
    expect(pages[1].lines[0]).toMatch(/hyphen-$/);
  });

  it('a page the rules leave short is filled by a paragraph set a line longer or shorter, no word lost', async () => {
    // A paragraph opening at every line of the first page's foot: widows, orphans and hyphens
    // would leave some of these pages a line short; each must end full.
    const texts: string[] = [];
    const firstPages: number[] = [];
    for (const filler of [150, 157, 164, 171, 178, 185, 192]) {
      const body =
        [130, filler].map((n, i) => `<p id="a${i}">${hyphenated(n, 10 + i)}</p>`).join('') +
        `<p id="b">${hyphenated(220, 40)}</p>`;
      const pages = await layOut(browser, body, WIDE_CSS, 'knuth-plass');
      firstPages.push(pages[0].lines.length);
      texts.push(
        printedWords(pages)
          .join(' ')
          .replace(/\u00AD/g, ''),
      );
      const expected = [130, filler, 220].map((n, i) => words(n, i < 2 ? 10 + i : 40)).join(' ');
      expect(texts[texts.length - 1]).toBe(expected);
    }
    expect(firstPages).toEqual(firstPages.map(() => 24));
  });
});
