// Page make-up through the real command, on generated books: a paragraph whose tail holds a note
// call, moved line by line through a page foot (one chapter per position, each opening a page, so
// one build holds the whole sweep), in English and Japanese, with either line breaking. Read back
// from the PDF: every letter of text and notes printed, in order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBook } from '../../src/book/load-book.js';
import { configSchema } from '../../src/config/schema.js';
import { pageGeometry } from '../../src/render/print/page-setup.js';
import { pamphleteer } from '../cli/helpers.js';
import { type GeneratedBook, tailCallSweep, writeGeneratedBook } from '../helpers/generated-book.js';
import { expectedLetters, lostText, notePlaces, pageOfLetter, readMakeup } from './page-makeup.js';
import { haveTools } from './pdf-text.js';

haveTools('pdftotext');
const geometry = pageGeometry(configSchema.parse({}).print);
const topMargin = parseFloat(geometry.margins.top);
const bottomMargin = parseFloat(geometry.margins.bottom);

async function buildGenerated(book: GeneratedBook) {
  const dir = writeGeneratedBook(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-makeup-')), book);
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
  return { dir, pdf, expected, makeup };
}

describe('a paragraph whose tail holds a note call, at every position around a page break', () => {
  const cases = [
    { lang: 'en', lineBreaking: 'knuth-plass', filler: 95, step: 5 },
    { lang: 'en', lineBreaking: 'browser', filler: 95, step: 5 },
    { lang: 'ja', lineBreaking: 'knuth-plass', filler: 20, step: 7 },
  ] as const;
  for (const { lang, lineBreaking, filler, step } of cases) {
    it(`${lang}, ${lineBreaking} line breaking: 30 positions, no word lost`, async () => {
      const { expected, makeup } = await buildGenerated({
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
    });
  }
});
