// Facing pages even, through the real command: generated books of several lengths, read back from
// the PDF (mutool's baselines, scripts/page-makeup.mjs): every spread of running text ends on one
// baseline (a page before a chapter opening and the last page excepted), no page of running text
// ends off the common depth, and no word is lost. Right-to-left books print every word; their
// spreads are not yet evened (their lines are the browser's, so no paragraph can be re-set).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { measurePageMakeup } from '../../scripts/page-makeup.mjs';
import { loadBook } from '../../src/book/load-book.js';
import { configSchema } from '../../src/config/schema.js';
import { pageGeometry } from '../../src/render/print/page-setup.js';
import { pamphleteer } from '../cli/helpers.js';
import { type GeneratedBlock, type GeneratedBook, writeGeneratedBook } from '../helpers/generated-book.js';
import { seededRandom } from '../helpers/random.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import { expectedLetters, lostText, readMakeup } from './page-makeup.js';
import { haveTools } from './pdf-text.js';

haveTools('pdftotext', 'mutool');
const tempDir = tempDirs();
const geometry = pageGeometry(configSchema.parse({}).print);

/**
 * `count` blocks of random lengths: mostly paragraphs (40–220 words), some lists. (No notes: a page
 * a call's line left short, going over with its note, is the notes' make-up, tested with them.)
 */
function blocks(count: number, seed: number): GeneratedBlock[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (): GeneratedBlock => {
    const words = 40 + Math.floor(random() * 180);
    return random() < 0.1
      ? { kind: 'list', words: 12 + Math.floor(random() * 20), items: 3 }
      : { kind: 'paragraph', words };
  });
}

async function build(book: GeneratedBook) {
  const dir = writeGeneratedBook(tempDir('pamphleteer-spreads-'), book);
  const run = await pamphleteer(['build', '.', '--quiet'], { cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  const pdf = path.join(dir, 'dist', fs.readdirSync(path.join(dir, 'dist')).find((f) => f.endsWith('.pdf'))!);
  const config = configSchema.parse(JSON.parse(fs.readFileSync(`${dir}/pamphleteer.config.json`, 'utf8')));
  const expected = expectedLetters(loadBook(dir, config).book);
  const makeup = readMakeup(pdf, parseFloat(geometry.margins.top), parseFloat(geometry.margins.bottom));
  // Every sheet printed is a laid-out page: the PDF holds the pages the layout counted (the zine is
  // imposed from that count; a stray element below the pages would print one more, empty).
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
  const record = JSON.parse(fs.readFileSync(pdf.replace(/\.pdf$/, '.json'), 'utf8'));
  expect(pages).toBe(record.outputs.find((o: { kind: string }) => o.kind === 'pdf').pages);
  return { pdf, lost: lostText(expected, makeup), measures: measurePageMakeup(pdf) };
}

describe('facing pages end on one baseline, in generated books of several lengths', () => {
  const cases = [
    { dir: 'ltr', chapters: [14], seed: 3 },
    { dir: 'ltr', chapters: [30, 22], seed: 5 },
    { dir: 'ltr', chapters: [60], seed: 8 },
    { dir: 'ltr', chapters: [24, 18, 12], seed: 11 },
  ] as const;
  for (const { dir, chapters, seed } of cases) {
    const total = chapters.reduce((a, b) => a + b, 0);
    it(`${dir}, ${chapters.length} chapter(s), ${total} blocks: every spread even, no page short, no word lost`, async () => {
      const { lost, measures } = await build({
        title: `Spreads ${dir} ${total}`,
        lang: 'en',
        dir,
        seed,
        chapters: chapters.map((n, i) => ({ title: `Chapter ${i + 1}`, blocks: blocks(n, seed * 10 + i) })),
      });
      expect(lost).toBeUndefined();
      expect(measures.spreads).toBeGreaterThan(0);
      expect({ uneven: measures.unevenSpreads, short: measures.shortPages, offDepth: measures.pagesOffDepth }).toEqual({
        uneven: 0,
        short: 0,
        offDepth: [],
      });
    });
  }
});

describe('right-to-left generated books', () => {
  for (const { chapters, seed } of [
    { chapters: [16], seed: 4 },
    { chapters: [36, 20], seed: 6 },
  ]) {
    const total = chapters.reduce((a, b) => a + b, 0);
    it(`${chapters.length} chapter(s), ${total} blocks: no word lost`, async () => {
      const { lost, measures } = await build({
        title: `Spreads rtl ${total}`,
        lang: 'en',
        dir: 'rtl',
        seed,
        chapters: chapters.map((n, i) => ({ title: `Chapter ${i + 1}`, blocks: blocks(n, seed * 10 + i) })),
      });
      expect(lost).toBeUndefined();
      expect(measures.spreads).toBeGreaterThan(0);
    });
  }
});
