import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { fontNames, instanceNames, renameFace } from '../../src/fonts/font-names.js';
import { REPO } from '../helpers/seed.js';

const require = createRequire(import.meta.url);
const decompress = require('wawoff2/decompress.js') as (woff2: Uint8Array) => Promise<Uint8Array>;

/** One subset of a bundled variable CJK family, as TrueType. */
async function variableFace(pkg: string, file: string): Promise<Uint8Array> {
  return decompress(fs.readFileSync(path.join(REPO, 'node_modules', pkg, 'files', file)));
}

/** The sum of a font's 32-bit words: 0xB1B0AFBA when head's checkSumAdjustment is right. */
function wholeSum(font: Uint8Array): number {
  const padded = new Uint8Array((font.length + 3) & ~3);
  padded.set(font);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

describe('the names of a static instance', () => {
  it.each([
    ['@fontsource-variable/noto-serif-jp', 'noto-serif-jp-100-wght-normal.woff2', 'Noto Serif JP', 'NotoSerifJP'],
    ['@fontsource-variable/noto-serif-kr', 'noto-serif-kr-100-wght-normal.woff2', 'Noto Serif KR', 'NotoSerifKR'],
  ])('%s: Regular at 400 and Bold at 700, not the default instance’s name', async (pkg, file, family, ps) => {
    const font = await variableFace(pkg, file);
    expect(fontNames(font).get(6)).not.toMatch(/-(Regular|Bold)$/);
    for (const [weight, style] of [
      [400, 'Regular'],
      [700, 'Bold'],
    ] as const) {
      const names = instanceNames(font, weight)!;
      expect(names).toEqual({ family, style, postScript: `${ps}-${style}` });
      const renamed = renameFace(font, names);
      const read = fontNames(renamed);
      expect([read.get(1), read.get(2), read.get(4), read.get(6)]).toEqual([
        family,
        style,
        `${family} ${style}`,
        `${ps}-${style}`,
      ]);
      expect(read.get(0)).toBe(fontNames(font).get(0));
      expect(wholeSum(renamed).toString(16)).toBe('b1b0afba');
      // Another reader sees the same names and the same glyphs.
      const parsed = fontkit.create(Buffer.from(renamed));
      const original = fontkit.create(Buffer.from(font));
      expect(parsed.postscriptName).toBe(`${ps}-${style}`);
      expect(parsed.numGlyphs).toBe(original.numGlyphs);
      const os2 = parsed['OS/2'] as unknown as { fsSelection: { bold: boolean } };
      expect(os2.fsSelection.bold).toBe(style === 'Bold');
    }
  });
});
