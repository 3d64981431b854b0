/**
 * The print PDF with `print.bleed`: every page's TrimBox, read back with qpdf, is the page size set
 * the bleed in from each of the four edges of the media box (a print shop cuts along it).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pamphleteer } from '../cli/helpers.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tempDir = tempDirs();
const MM = 72 / 25.4;

/** A short pamphlet in `lang`: a few sections of sentences, so the PDF has several pages. */
function writeProject(root: string, lang: string, config: object): void {
  const words = lang === 'de' ? 'Druck Bogen Falz Schnitt Papier Farbe Presse' : 'ink sheet fold cut paper press';
  const list = words.split(' ');
  const lines = ['---', `title: Trim ${lang}`, 'author: A. Printer', `lang: ${lang}`, '---', ''];
  for (let s = 0; s < 4; s++) {
    lines.push(`## ${list[s]}`, '');
    for (let p = 0; p < 5; p++)
      lines.push(Array.from({ length: 60 }, (_, i) => list[(s * 7 + p * 3 + i) % list.length]).join(' ') + '.', '');
  }
  fs.mkdirSync(path.join(root, 'manuscript'), { recursive: true });
  fs.writeFileSync(path.join(root, 'manuscript', 'text.md'), lines.join('\n'));
  fs.writeFileSync(path.join(root, 'pamphleteer.config.json'), JSON.stringify(config));
}

/** Each page's box as qpdf writes it out: [left, bottom, right, top]. */
function pageBoxes(pdf: string, name: string): number[][] {
  const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', pdf, '-'], { maxBuffer: 1 << 28 });
  return [...qdf.toString('latin1').matchAll(new RegExp(`/${name}\\s*\\[([^\\]]*)\\]`, 'g'))].map((m) =>
    m[1].trim().split(/\s+/).map(Number),
  );
}

describe('print.bleed', () => {
  it.each([
    { lang: 'en', pageSize: 'A5', bleed: '3mm', bleedPt: 3 * MM, widthPt: 148 * MM, heightPt: 210 * MM },
    { lang: 'de', pageSize: 'A6', bleed: '5mm', bleedPt: 5 * MM, widthPt: 105 * MM, heightPt: 148 * MM },
  ])('$pageSize with $bleed: the TrimBox is the page, the bleed in from every edge', async (c) => {
    const root = path.join(tempDir('pamphleteer-bleed-'), 'trim');
    writeProject(root, c.lang, { outputs: ['pdf'], print: { pageSize: c.pageSize, bleed: c.bleed } });
    const run = await pamphleteer(['build', '.'], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const pdf = path.join(root, 'dist', fs.readdirSync(path.join(root, 'dist')).find((f) => f.endsWith('.pdf'))!);
    const media = pageBoxes(pdf, 'MediaBox');
    const trim = pageBoxes(pdf, 'TrimBox');
    expect(media.length).toBeGreaterThan(1);
    expect(trim).toHaveLength(media.length);
    for (const [i, [left, bottom, right, top]] of trim.entries()) {
      const [mLeft, mBottom, mRight, mTop] = media[i];
      expect(right - left).toBeCloseTo(c.widthPt, 0);
      expect(top - bottom).toBeCloseTo(c.heightPt, 0);
      // Chromium rounds the media box to whole pixels: each edge within a point of the bleed.
      for (const inset of [left - mLeft, bottom - mBottom, mRight - right, mTop - top])
        expect(Math.abs(inset - c.bleedPt)).toBeLessThan(1);
    }
  });
});
