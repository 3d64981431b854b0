// Page make-up through the real command, on generated books (one chapter per case, each opening a
// page, so one build holds a whole sweep), read back from the PDF:
// - a paragraph whose tail holds a note call, moved line by line through a page foot, in English
//   and Japanese, with either line breaking: every letter of text and notes printed, in order,
//   every note starting on its call's page (among them a call on a page's last line), every spread
//   even;
// - a long note (650 words) called after a short paragraph low on a page: the note starts under
//   its call, and every page of running text ends on the common baseline (none left half empty);
// - a property, left to right and right to left: random paragraphs, lists and notes (fast-check,
//   few runs, fixed seed): every letter printed, every note starting on its call's page, every
//   page holding notes ending on the common baseline.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBook } from '../../src/book/load-book.js';
import { configSchema } from '../../src/config/schema.js';
import { pageGeometry } from '../../src/render/print/page-setup.js';
import { pamphleteer } from '../cli/helpers.js';
import fc from 'fast-check';
import { measurePageMakeup } from '../../scripts/page-makeup.mjs';
import {
  type GeneratedBook,
  type GeneratedChapter,
  longNoteSweep,
  tailCallSweep,
  writeGeneratedBook,
} from '../helpers/generated-book.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import {
  expectedLetters,
  lostText,
  notePlaces,
  onLastLine,
  pageOfLetter,
  readMakeup,
  rtlNotePlaces,
} from './page-makeup.js';
import { expectedText, haveTools, norm, pdfWords } from './pdf-text.js';
import { countLetters, letterDifference } from './rtl-readback.js';

haveTools('pdftotext', 'mutool');
const tempDir = tempDirs();
const geometry = pageGeometry(configSchema.parse({}).print);
const topMargin = parseFloat(geometry.margins.top);
const bottomMargin = parseFloat(geometry.margins.bottom);

async function buildGenerated(book: GeneratedBook) {
  const dir = writeGeneratedBook(tempDir('pamphleteer-makeup-'), book);
  const run = await pamphleteer(['build', '.', '--quiet'], { cwd: dir });
  expect(run.stderr).not.toMatch(/would lose text/);
  expect(run.code, run.stderr).toBe(0);
  const pdf = path.join(dir, 'dist', fs.readdirSync(path.join(dir, 'dist')).find((f) => f.endsWith('.pdf'))!);
  const { book: loaded } = loadBook(
    dir,
    configSchema.parse(JSON.parse(fs.readFileSync(`${dir}/pamphleteer.config.json`, 'utf8'))),
  );
  const expected = expectedLetters(loaded);
  const makeup = readMakeup(pdf, topMargin, bottomMargin);
  return { dir, pdf, expected, makeup, book: loaded };
}

describe('a paragraph whose tail holds a note call, at every position around a page break', () => {
  const cases = [
    { lang: 'en', lineBreaking: 'knuth-plass', filler: 95, step: 5 },
    { lang: 'en', lineBreaking: 'browser', filler: 95, step: 5 },
    { lang: 'ja', lineBreaking: 'knuth-plass', filler: 20, step: 7 },
  ] as const;
  for (const { lang, lineBreaking, filler, step } of cases) {
    it(`${lang}, ${lineBreaking} line breaking: 30 positions, no word lost, notes under their calls`, async () => {
      const { pdf, expected, makeup } = await buildGenerated({
        title: `Sweep ${lang}`,
        lang,
        lineBreaking,
        chapterPerPage: true,
        seed: lang === 'en' ? 18 : 81,
        chapters: tailCallSweep(30, filler, step),
      });
      expect(lostText(expected, makeup)).toBeUndefined();
      const places = notePlaces(expected, makeup);
      expect(places.filter((p) => p.callPage === undefined || p.callPage !== p.notePage)).toEqual([]);
      // The sweep crosses the page foot: the call falls on the chapter's first page, then its second.
      // (Note n is called in chapter n.)
      const chapterPages = expected.chapterAt.map((at) => pageOfLetter(expected, makeup, at)!);
      const calls = new Set(places.map((p) => p.callPage! - chapterPages[p.note - 1]));
      expect([...calls].sort()).toEqual([0, 1]);
      // Among the positions, the call on its page's last line (its note at that page's foot, above).
      const lastLine = places.filter((p) => onLastLine(expected, makeup, expected.callAt.get(p.note)! - 1));
      expect(lastLine.length).toBeGreaterThan(0);
      expect(measurePageMakeup(pdf).unevenSpreads).toBe(0);
    });
  }
});

describe('a long note called after a short paragraph near the foot of a page', () => {
  it("starts under its call; the call's page is not left short, every spread even", async () => {
    const { pdf, expected, makeup } = await buildGenerated({
      title: 'Long notes',
      lang: 'en',
      chapterPerPage: true,
      seed: 7,
      chapters: longNoteSweep(10, 60, 12),
    });
    expect(lostText(expected, makeup)).toBeUndefined();
    const places = notePlaces(expected, makeup);
    expect(places.filter((p) => p.callPage === undefined || p.callPage !== p.notePage)).toEqual([]);
    const measures = measurePageMakeup(pdf);
    expect(measures.pagesOffDepth).toEqual([]);
    expect(measures.unevenSpreads).toBe(0);
  });
});

/** Chapters of random paragraphs, lists and notes: `dir` is one parameter, for right-to-left books. */
const chapters = fc.array(
  fc.record({
    blocks: fc.array(
      fc.record({
        kind: fc.constantFrom('paragraph' as const, 'paragraph' as const, 'paragraph' as const, 'list' as const),
        words: fc.integer({ min: 8, max: 160 }),
        items: fc.integer({ min: 2, max: 4 }),
        notes: fc.array(fc.record({ at: fc.integer({ min: 0, max: 160 }), words: fc.integer({ min: 5, max: 260 }) }), {
          maxLength: 2,
        }),
      }),
      { minLength: 4, maxLength: 14 },
    ),
  }),
  { minLength: 2, maxLength: 4 },
);

describe('property: generated paragraphs and notes of random lengths', () => {
  for (const dir of ['ltr', 'rtl'] as const) {
    it(`${dir}: no word lost, every note starting on its call's page, every page of notes flush`, async () => {
      await fc.assert(
        fc.asyncProperty(chapters, fc.integer({ min: 1, max: 1000 }), async (generated, seed) => {
          const { pdf, expected, makeup, book } = await buildGenerated({
            title: 'Property',
            lang: 'en',
            dir,
            seed,
            chapters: generated.map((c, i): GeneratedChapter => ({ title: `Chapter ${i + 1}`, blocks: c.blocks })),
          });
          if (dir === 'ltr') {
            // (Each note's letters in the notes' stream: a note left in the running text fails.)
            expect(lostText(expected, makeup)).toBeUndefined();
          } else {
            // Right to left, the PDF's words come in visual order: every letter counted instead (the
            // running heads and colophon add letters; none may be missing).
            const words = pdfWords(pdf).filter((w) => {
              const middle = w.y + w.height / 2;
              return middle > topMargin && middle < w.pageHeight - bottomMargin * 0.6;
            });
            const text = expectedText(book);
            const { title, authors } = book.metadata;
            const difference = letterDifference(
              countLetters(words.map((w) => w.text)),
              countLetters([title, ...authors, ...text.body, ...text.notes]),
            );
            expect(difference.filter((d) => d.includes(':-'))).toEqual([]);
          }
          // (Right to left, digits read as numbers include the folios: the notes' numbers are kept.)
          const places = (dir === 'ltr' ? notePlaces(expected, makeup) : rtlNotePlaces(pdf)).filter((p) =>
            expected.notes.has(p.note),
          );
          expect(places.map((p) => p.note)).toEqual([...expected.notes.keys()]);
          expect(places.filter((p) => p.callPage === undefined || p.callPage !== p.notePage)).toEqual([]);
          const measures = measurePageMakeup(pdf);
          // Every page holding notes (that the text runs on from) ends on the common baseline: its
          // spread is even. (Pages without notes are the line rules' to fill: widows, orphans, keeps.)
          // (A page of notes: five small words or more of the notes' own; the colophon is small type too.)
          const noteWords = new Set(book.notes.flatMap((n) => n.text.split(/\s+/).map(norm)));
          const counts = new Map<number, number>();
          for (const w of makeup.words)
            if (w.height < makeup.bodyHeight * 0.9 && noteWords.has(norm(w.text)))
              counts.set(w.page, (counts.get(w.page) ?? 0) + 1);
          const notePages = new Set([...counts].filter(([, n]) => n >= 5).map(([page]) => page));
          expect(measures.pagesOffDepth.filter((page) => notePages.has(page))).toEqual([]);
        }),
        { numRuns: 3, seed: 18, endOnFailure: true },
      );
    });
  }
});
