/** The print cover through the real command: full-bleed image with print.bleed, and off when configured. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pamphleteer } from '../cli/helpers.js';
import { FIXTURES } from '../helpers/seed.js';
import { pageTexts } from '../print/pdf-text.js';

function leaflet(config: object): string {
  const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-cover-')), 'leaflet');
  fs.cpSync(path.join(FIXTURES, 'epub-cover'), root, { recursive: true });
  fs.writeFileSync(path.join(root, 'pamphleteer.config.json'), JSON.stringify(config));
  return root;
}

/** The colour of page 1 at a point given as fractions of its width and height (the whole media box, bleed included). */
function pixel(pdf: string, fx: number, fy: number): number[] {
  const ppm = execFileSync('pdftoppm', ['-r', '20', '-f', '1', '-l', '1', '-singlefile', pdf]);
  // Binary PPM: "P6\n<w> <h>\n255\n" then RGB triples.
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 32).toString('latin1'))!;
  const width = Number(header[1]);
  const height = Number(header[2]);
  // One pixel in from the edge: the last row and column are only partly on the page (anti-aliased).
  const px = Math.min(width - 2, Math.max(1, Math.round(fx * (width - 1))));
  const py = Math.min(height - 2, Math.max(1, Math.round(fy * (height - 1))));
  const at = header[0].length + (py * width + px) * 3;
  return [...ppm.subarray(at, at + 3)];
}

describe('the print cover', () => {
  it('the cover image fills page 1 out to the edge of the bleed', async () => {
    const root = leaflet({ print: { bleed: '3mm' } });
    const result = await pamphleteer(['build', root, '--only', 'pdf']);
    expect(result.code, result.stderr).toBe(0);
    const pdf = path.join(root, 'dist/a-short-leaflet.pdf');
    const cover = pixel(pdf, 0.5, 0.5);
    // The same colour in the middle and in all four corners of the media box: no white edge.
    for (const [x, y] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ]) {
      const corner = pixel(pdf, x, y);
      for (const [i, c] of corner.entries()) expect(Math.abs(c - cover[i]), `corner ${x},${y}`).toBeLessThan(40);
    }
    expect(cover).not.toEqual([255, 255, 255]);
  });

  it('cover.print and cover.back false: the title page is page 1 and no back cover is added', async () => {
    const root = leaflet({ cover: { print: false, back: false } });
    const result = await pamphleteer(['build', root, '--only', 'pdf']);
    expect(result.code, result.stderr).toBe(0);
    const pages = pageTexts(path.join(root, 'dist/a-short-leaflet.pdf'));
    expect(pages[0]).toMatch(/A Short Leaflet/);
    expect(pages[0]).toMatch(/ANA RUIZ|Ana Ruiz/i);
    expect(pages.length % 4).toBe(0);
    expect(pages.at(-1)).not.toMatch(/Back cover|A Short Leaflet ·/);
  });
});
