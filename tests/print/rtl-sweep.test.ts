/**
 * A sweep of right-to-left books through the real command: generated from the sentences and notes of the
 * Arabic, Persian and Hebrew test books (tests/fixtures/rtl-*), of random lengths (a seeded generator), with
 * notes where they fall, headings, lists and quotations, on pages from A6 to 13 pt text. Each must print every
 * letter of its text and notes, and be bound on the right on every page of text.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBook } from '../../src/book/load-book.js';
import { configSchema } from '../../src/config/schema.js';
import { pageGeometry } from '../../src/render/print/page-setup.js';
import { cssLengthToPt } from '../../src/util/lengths.js';
import { labelsFor } from '../../src/templates/labels.js';
import { pamphleteer } from '../cli/helpers.js';
import { FIXTURES } from '../epub/helpers.js';
import { expectedText, haveTools, pdfWords } from './pdf-text.js';
import { countLetters, DIGIT, letterDifference, pdfGlyphs } from './rtl-readback.js';
import { seededRandom } from '../helpers/random.js';

haveTools('pdftotext', 'mutool');

/** Page set-ups the books cycle through: small and large pages and type, wide margins, the browser's breaks. */
const PRINT_SETUPS = [
  { pageSize: 'a6' },
  { pageSize: 'a5', fontSize: '9pt' },
  { fontSize: '13pt' },
  { margins: { inside: '30mm', outside: '8mm' } },
  { pageSize: '120x180mm', lineBreaking: 'browser' },
  { notes: 'endnotes' },
];

const LANGS = ['ar', 'fa', 'he'] as const;

/** A deterministic generator of numbers in [0, 1) (mulberry32). */

/** A fixture book's parts: front matter, sentences of its paragraphs, notes, headings, list items, quotation. */
function bank(lang: string) {
  const source = fs.readFileSync(path.join(FIXTURES, `rtl-${lang}`, 'manuscript', '01-text.md'), 'utf8');
  const [, front, body] = /^(---\n[\s\S]*?\n---\n)([\s\S]*)$/.exec(source)!;
  const blocks = body.split(/\n\n+/).map((b) => b.trim());
  const paragraphs = blocks.filter((b) => b && !/^(#|- |> |\d+\. |\[\^)/.test(b));
  return {
    front,
    // Sentences end at a period, question or exclamation mark, not after a Latin initial ("E. P. Thompson").
    sentences: [...new Set(paragraphs.flatMap((p) => p.replace(/\[\^\d+\]/g, '').split(/(?<=[^A-Z][.؟!])\s+/)))],
    notes: blocks.filter((b) => b.startsWith('[^')).map((b) => b.replace(/^\[\^\d+\]:\s*/, '')),
    headings: blocks.filter((b) => b.startsWith('## ')),
    list: blocks.find((b) => b.startsWith('- '))!,
    quote: blocks.find((b) => b.startsWith('> '))!,
  };
}

/** A manuscript of `paragraphs` paragraphs of 1–7 sentences; about a third end a sentence with a note call. */
function manuscript(lang: string, paragraphs: number, next: () => number): string {
  const { front, sentences, notes, headings, list, quote } = bank(lang);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const blocks: string[] = [];
  const defined: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    const chosen = Array.from({ length: 1 + Math.floor(next() * 7) }, () => pick(sentences));
    if (next() < 0.35) {
      // A note now and then three notes long.
      defined.push(next() < 0.2 ? [pick(notes), pick(notes), pick(notes)].join(' ') : pick(notes));
      const at = Math.floor(next() * chosen.length);
      chosen[at] += `[^${defined.length}]`;
    }
    blocks.push(chosen.join(' '));
    const extra = next();
    if (extra < 0.1) blocks.push(pick(headings));
    else if (extra < 0.14) blocks.push(list);
    else if (extra < 0.18) blocks.push(quote);
  }
  const definitions = defined.map((text, i) => `[^${i + 1}]: ${text}`);
  return `${front}\n${[...blocks, ...definitions].join('\n\n')}\n`;
}

const BOOKS = PRINT_SETUPS.map((print, i) => {
  const next = seededRandom(20261207 + i);
  const lang = LANGS[i % LANGS.length];
  return { name: `sweep-${i + 1}-${lang}`, lang, print, paragraphs: 4 + Math.floor(next() * 40), next };
});

const built = new Map<string, { root: string; pdf: string }>();

beforeAll(async () => {
  const titles = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-rtl-sweep-')), 'titles');
  for (const { name, lang, print, paragraphs, next } of BOOKS) {
    const root = path.join(titles, name);
    fs.mkdirSync(path.join(root, 'manuscript'), { recursive: true });
    fs.writeFileSync(path.join(root, 'manuscript', '01-text.md'), manuscript(lang, paragraphs, next));
    fs.writeFileSync(path.join(root, 'pamphleteer.config.json'), JSON.stringify({ print }));
  }
  const result = await pamphleteer(['build', '--all', titles]);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  for (const { name } of BOOKS) {
    const root = path.join(titles, name);
    const dist = path.join(root, 'dist');
    const pdf = fs.readdirSync(dist).find((f) => /(?<!-zine)\.pdf$/.test(f))!;
    built.set(name, { root, pdf: path.join(dist, pdf) });
  }
}, 600_000);

describe.each(BOOKS)('$name ($paragraphs paragraphs, print $print)', ({ name, print }) => {
  it('prints every letter of its text and notes, bound on the right on every page of text', () => {
    const { root, pdf } = built.get(name)!;
    const config = configSchema.parse({ print });
    const book = loadBook(root, config).book;
    const geometry = pageGeometry(config.print);
    const [top, bottom, inside, outside] = [
      geometry.margins.top,
      geometry.margins.bottom,
      geometry.margins.inside,
      geometry.margins.outside,
    ].map(cssLengthToPt);
    const glyphs = pdfGlyphs(pdf);
    // The text block is rounded to whole lines: its last line may reach half a line into the bottom
    // margin, above the folio.
    const textFoot = geometry.heightPt - bottom * 0.6;
    // The pages of running text carry a folio; the others (covers, title, blanks, back matter) do not.
    const textPages = new Set(glyphs.filter((g) => g.y > textFoot && DIGIT.test(g.c)).map((g) => g.page));
    expect(textPages.size).toBeGreaterThan(0);
    const words = pdfWords(pdf).filter((w) => {
      const middle = w.y + w.height / 2;
      return textPages.has(w.page) && middle > top && middle < textFoot;
    });
    const expected = expectedText(book);
    const { title, authors } = book.metadata;
    // The endnotes' heading is on a page of text too.
    const notesHeading = print.notes === 'endnotes' ? labelsFor(book.metadata.lang).notes : '';
    const difference = letterDifference(
      countLetters(words.map((w) => w.text)),
      countLetters([title, ...authors, ...expected.body, ...expected.notes, notesHeading]),
    );
    expect(difference).toEqual([]);
    const sizes = new Map<number, number>();
    for (const g of glyphs) sizes.set(g.size, (sizes.get(g.size) ?? 0) + 1);
    const bodySize = [...sizes.entries()].sort((a, b) => b[1] - a[1])[0][0];
    for (const page of textPages) {
      const text = glyphs.filter((g) => g.page === page && Math.abs(g.size - bodySize) < 0.01 && g.y > top);
      // A page of a few lines may hold only an indented list or quotation.
      if (new Set(text.map((g) => g.line)).size < 4) continue;
      const recto = page % 2 === 1;
      const right = geometry.widthPt - Math.max(...text.map((g) => g.x1));
      expect(right, `page ${page}: right margin`).toBeCloseTo(recto ? inside : outside, 0);
      expect(Math.min(...text.map((g) => g.x0)), `page ${page}: left margin`).toBeGreaterThan(
        (recto ? outside : inside) - 1,
      );
    }
  });
});
