/**
 * The typographic covers: every design keeps every line inside its canvas however long the title,
 * escapes the metadata, and rasterizes with the bundled font to the size the EPUB needs.
 */
import { DOMParser, type Element as DomElement } from '@xmldom/xmldom';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import type { BookMetadata } from '../../src/book/book-types.js';
import {
  COVER_DESIGNS,
  coverLayout,
  rasterizeSvg,
  renderCoverSvg,
  textWidth,
} from '../../src/templates/typographic-cover.js';

const meta = (m: Partial<BookMetadata>): BookMetadata =>
  ({
    title: 'T',
    authors: [],
    keywords: [],
    lang: 'en',
    rights: '',
    dateISO: '2020-01-01',
    identifier: 'x',
    ...m,
  }) as BookMetadata;

const CASES: Record<string, BookMetadata> = {
  short: meta({ title: 'Fading Color', authors: ['J. Malco'], publisher: 'Notes from Below' }),
  long: meta({
    title:
      'On the Extraordinarily Long and Winding History of the General Strike of the Dockers, the Carters and the Seamstresses, With an Account of Its Aftermath',
    subtitle:
      'Being a full and particular account, gathered from the minutes of every meeting, the letters of the strikers and the newspapers of the day, of how a city stopped for a week',
    authors: ['Committee for the History of the Port', 'Many Hands Collective', 'A. N. Other'],
    publisher: 'A Distro With a Rather Long Name Indeed & Friends',
  }),
  oneWord: meta({
    title: 'Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft',
    authors: ['Ö. Ü'],
  }),
  markup: meta({ title: 'A <script>alert("x")</script> & “quotes”', subtitle: ']]> <!-- -->', authors: ["D'Arc <b>"] }),
};

describe('typographic covers', () => {
  for (const design of COVER_DESIGNS) {
    for (const [name, m] of Object.entries(CASES)) {
      for (const [w, h] of [
        [1200, 1800],
        [1200, 1855],
        [1200, 1697],
      ]) {
        it(`${design}, ${name} title, ${w}×${h}: every line fits inside the canvas margins`, () => {
          const layout = coverLayout(m, design, w, h);
          const blocks = [
            ['title', layout.title, 'regular'],
            ['subtitle', layout.subtitle, 'italic'],
            ['author', layout.author, 'regular'],
          ] as const;
          for (const [label, block] of blocks) {
            if (!block) continue;
            for (const [i, line] of block.lines.entries()) {
              // Measured in the face the design sets the block in (bold sets title and author in semibold),
              // letter-spacing included.
              const face = label === 'subtitle' ? 'italic' : design === 'bold' ? 'semibold' : 'regular';
              const spacing = label === 'author' ? ({ classic: 0.1, bold: 0.04, minimal: 0 } as const)[design] : 0;
              const width = textWidth(line, face, block.size) + spacing * block.size * ([...line].length - 1);
              const left = block.anchor === 'middle' ? block.x - width / 2 : block.x;
              expect(left, `${label} line ${i} "${line}"`).toBeGreaterThanOrEqual(w * 0.05);
              expect(left + width, `${label} line ${i} "${line}"`).toBeLessThanOrEqual(w * 0.95 + 1);
              expect(block.ys[i], `${label} line ${i}`).toBeLessThan(h * 0.97);
              expect(block.ys[i] - block.size, `${label} line ${i}`).toBeGreaterThan(h * 0.03);
            }
          }
          // Blocks do not overlap: each starts below the one before.
          const tops = blocks.flatMap(([, b]) => (b ? [[b.ys[0] - b.size * 0.8, b.ys.at(-1)!] as const] : []));
          for (let i = 1; i < tops.length; i++) expect(tops[i][0]).toBeGreaterThan(tops[i - 1][1]);
        });
      }
    }
  }

  it('escapes the metadata: the SVG parses and shows the markup as text', () => {
    for (const design of COVER_DESIGNS) {
      const errors: string[] = [];
      const svg = renderCoverSvg(CASES.markup, design);
      const doc = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) }).parseFromString(
        svg,
        'image/svg+xml',
      );
      expect(errors).toEqual([]);
      expect(doc.getElementsByTagName('script').length).toBe(0);
      const text = Array.from(doc.getElementsByTagName('text'))
        .map((t) => (t as DomElement).textContent)
        .join(' ');
      expect(text).toContain('<script>alert("x")</script>');
      expect(text).toContain(']]> <!-- -->');
    }
  });

  it('rasterizes to a 1200×1800 PNG with the bundled font, no browser', async () => {
    const png = Buffer.from(await rasterizeSvg(renderCoverSvg(CASES.long, 'bold'), 1200));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 1800]);
  });

  it('draws with the bundled fonts only, the EB Garamond it measured with: never a font of the machine', async () => {
    const line = 'Hamburgefonstiv Fading Color, the quick brown fox';
    const [width, height] = [3000, 200];
    const svg = (family: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#fff"/>` +
      `<text x="20" y="140" font-family="${family}" font-size="100" fill="#000">${line}</text></svg>`;
    const garamond = await rasterizeSvg(svg('EB Garamond'), width);
    // A family the machine may have (DejaVu comes with most Linux systems) but pamphleteer does not
    // bundle: the text falls back to EB Garamond, to the same pixels.
    expect(Buffer.from(await rasterizeSvg(svg('DejaVu Sans'), width)).equals(Buffer.from(garamond))).toBe(true);
    // The ink is as wide as fontkit measures the line in the bundled font (side bearings aside); the
    // machine's own EB Garamond (Debian's fonts-ebgaramond) is 1% wider.
    const inkWidth = inkExtent(decodePng(garamond, width, height));
    const measured = textWidth(line, 'regular', 100);
    expect(Math.abs(inkWidth - measured) / measured).toBeLessThan(0.005);
  });

  it('measures other scripts with their bundled faces, so their titles fit like Latin ones', () => {
    for (const design of COVER_DESIGNS) {
      const layout = coverLayout(
        meta({ title: '港湾労働者の記録と横浜の歴史', authors: ['佐藤由紀'], lang: 'ja' }),
        design,
      );
      // Measured with Noto Serif JP (one em a character), not guessed: the title wraps inside the canvas.
      for (const line of layout.title.lines)
        expect(textWidth(line, 'regular', layout.title.size)).toBeGreaterThan(
          [...line].length * layout.title.size * 0.9,
        );
      for (const line of layout.title.lines)
        expect(textWidth(line, 'regular', layout.title.size)).toBeLessThanOrEqual(1200 * 0.9);
    }
  });
});

/** The pixels of a PNG (RGBA), decoded by resvg drawing it as an image at its own size. */
function decodePng(png: Uint8Array, width: number, height: number): { pixels: Buffer; width: number; height: number } {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/png;base64,${Buffer.from(png).toString('base64')}"/></svg>`;
  const image = new Resvg(svg).render();
  return { pixels: image.pixels, width: image.width, height: image.height };
}

/** Width of the dark pixels, from the leftmost to the rightmost. */
function inkExtent({ pixels, width, height }: { pixels: Buffer; width: number; height: number }): number {
  let left = width;
  let right = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (pixels[(y * width + x) * 4] < 128) {
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  return right - left + 1;
}
