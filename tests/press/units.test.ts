/** The pure parts of the print-shop outputs: cover geometry, riso drum styles, image colour. */
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { MIN_SPINE_FOR_TEXT, coverGeometry } from '../../src/render/pod-cover/geometry.js';
import { COVER_PAPERS } from '../../src/render/pod-cover/papers.js';
import { imageColour, imageConversionNotice } from '../../src/render/press/images.js';
import { drumCss, drumRoles } from '../../src/render/riso/drums.js';
import { RISO_INK_NAMES, inkRgb } from '../../src/render/riso/inks.js';
import { encodePng, overprint } from '../../src/render/riso/index.js';

describe('wraparound cover geometry', () => {
  it.each([
    [32, 444],
    [120, 400],
    [480, 512],
  ])('%i pages at %i PPI: sheet = 2 × trim + pages / PPI + 2 × bleed', (pages, ppi) => {
    const g = coverGeometry({ pageWidth: 396, pageHeight: 612, pages, ppi, bleed: 9 });
    const spine = (pages / ppi) * 72;
    expect(g.spineWidth).toBeCloseTo(spine, 9);
    expect(g.sheet.width).toBeCloseTo(2 * 396 + spine + 18, 9);
    expect(g.sheet.height).toBe(630);
    expect(g.trimBox).toEqual({ x: 9, y: 9, width: 2 * 396 + spine, height: 612 });
    // Back, spine and front abut, left to right, inside the bleed.
    expect(g.back.x + g.back.width).toBeCloseTo(g.spine.x, 9);
    expect(g.spine.x + g.spine.width).toBeCloseTo(g.front.x, 9);
    expect(g.front.x + g.front.width + 9).toBeCloseTo(g.sheet.width, 9);
    // The barcode area lies on the back, clear of the trim.
    expect(g.barcode.x).toBeGreaterThan(g.back.x);
    expect(g.barcode.x + g.barcode.width).toBeLessThan(g.spine.x);
    expect(g.barcode.y + g.barcode.height).toBeLessThan(g.back.y + g.back.height);
    expect(g.spineText).toBe(spine >= MIN_SPINE_FOR_TEXT);
  });

  it('the paper presets and a config value for any other paper', () => {
    for (const paper of Object.values(COVER_PAPERS)) expect(paper.ppi).toBeGreaterThan(100);
    const cover = configSchema.parse({ cover: { paper: 'cream-60' } }).cover;
    expect(cover.paper).toBe('cream-60');
    expect(configSchema.safeParse({ cover: { paper: 'glossy' } }).error?.issues[0].message).toMatch(/white-50/);
    expect(configSchema.parse({ cover: { ppi: 380 } }).cover.ppi).toBe(380);
  });
});

describe('riso drums', () => {
  const riso = configSchema.parse({ riso: { inks: ['black', 'teal'] } }).riso;

  it('the first ink prints the body, the second the accent', () => {
    expect(drumRoles(riso)).toEqual(['body', 'accent']);
    const body = drumCss('body', riso);
    const accent = drumCss('accent', riso);
    expect(body).toMatch(/^\* \{ visibility: visible/m);
    expect(accent).toMatch(/^\* \{ visibility: hidden/m);
    expect(accent).toMatch(/h2, h2 \*.*visibility: visible/);
    expect(body).toMatch(/h2, h2 \*.*visibility: hidden/);
    // Colours only: nothing that moves a line.
    for (const css of [body, accent])
      expect(css).not.toMatch(/[{;]\s*(display|margin|padding|font-size|width|height|position)\s*:/);
  });

  it('an accent part left off stays on the body drum; a third ink takes the images', () => {
    const plain = configSchema.parse({ riso: { inks: ['black', 'red'], accent: { headings: false } } }).riso;
    expect(drumCss('accent', plain)).not.toMatch(/h2/);
    const three = configSchema.parse({ riso: { inks: ['black', 'red', 'yellow'] } }).riso;
    expect(drumRoles(three)).toEqual(['body', 'accent', 'images']);
    expect(drumCss('images', three)).toMatch(/img, svg image \{ visibility: visible/);
    expect(drumCss('body', three)).toMatch(/img, svg image \{ visibility: hidden/);
  });

  it('an unknown ink names the known ones', () => {
    const result = configSchema.safeParse({ riso: { inks: ['black', 'chartreuse'] } });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toContain(RISO_INK_NAMES.join(', '));
    expect(configSchema.safeParse({ riso: { inks: ['black'] } }).error!.issues[0].message).toMatch(/two inks/);
  });

  it('overprints inks multiplicatively: black and pink over each other stay dark, pink alone is pink', () => {
    const page = (values: number[]) => [{ width: 2, height: 1, data: new Uint8Array(values) }];
    // Pixel 0: both drums full; pixel 1: only the pink drum.
    const png = overprint([page([0, 255]), page([0, 0])], [inkRgb('black'), inkRgb('fluorescent-pink')]);
    expect(Buffer.from(png.subarray(1, 4)).toString('latin1')).toBe('PNG');
    expect(encodePng(1, 1, new Uint8Array([1, 2, 3])).length).toBeGreaterThan(40);
  });
});

describe('image colour, read from the bytes', () => {
  it('a PNG without a profile is RGB, reported as taken for sRGB; gray is not converted', () => {
    const rgb = encodePng(2, 2, new Uint8Array(12).fill(128));
    expect(imageColour(rgb)).toEqual({ model: 'rgb', profile: false });
    expect(imageConversionNotice([{ name: 'images/a.png', bytes: rgb }], 'cmyk')).toBe(
      '1 image converted to cmyk: images/a.png (no colour profile: taken as sRGB)',
    );
    const gray = Buffer.from(rgb);
    gray[25] = 0;
    expect(imageConversionNotice([{ name: 'g.png', bytes: gray }], 'gray')).toBeUndefined();
  });
});
