/**
 * A multi-page book (1,500+ words, notes, a list, a quotation) in each of eleven languages and nine
 * scripts, made from real sentences (tests/lang/sentences.ts), built once through the real command
 * as one catalogue (`build --all`: one browser, two books at a time), then checked: EPUBCheck, only
 * bundled fonts in the PDF, every word in its text layer, labels in the language and no English.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { labelsFor } from '../../src/templates/labels.js';
import { pamphleteer } from '../cli/helpers.js';
import { epubcheck, unzip, type Unzipped } from '../epub/helpers.js';
import { printedLines } from './line-gaps.js';
import { makeBook, wordsOf } from './make-book.js';
import { TEXTS } from './sentences.js';

const run = promisify(execFile);

const BUNDLED =
  /^[A-Z]{6}\+(EBGaramond|NotoNaskhArabic|NotoNastaliqUrdu|NotoSerif(Hebrew|Devanagari|Bengali|Tamil|Thai|Georgian|Armenian|SC|TC|JP|KR)|NotoSansEthiopic)/;

/** The words a book's print edition must show in a script of its own (one family per language). */
const OWN_FACE: Record<string, RegExp> = {
  hi: /NotoSerifDevanagari/,
  bn: /NotoSerifBengali/,
  ta: /NotoSerifTamil/,
  th: /NotoSerifThai/,
  ka: /NotoSerifGeorgian/,
  hy: /NotoSerifArmenian/,
  am: /NotoSansEthiopic/,
  ur: /NotoNastaliqUrdu/,
  ckb: /NotoNaskhArabic/,
  uk: /EBGaramond/,
  vi: /EBGaramond/,
};

/**
 * Nastaliq draws the letters before a final ے or ی raised along a slope, so high that pdftotext
 * reads some of them (ب چ before ے: بچے, بچوں, بجے) as a line of their own. The print step anchors
 * marks and clusters on the baseline (src/render/print/text-anchors.ts), which completes Sorani and
 * most Urdu words; the share of words still split in the Urdu text layer is held at most here. The
 * pages show every letter and the EPUB has every word.
 */
const TEXT_LAYER_GAPS: Record<string, number> = { ur: 0.05 };

/** English words pamphleteer could leave in a book: its English labels. */
const en = labelsFor('en');
const ENGLISH = [
  en.contents,
  en.notes,
  en.aboutTheAuthor,
  en.colophon,
  en.titlePage,
  en.landmarks,
  'By ',
  'Published',
  'Typeset with',
  'All rights',
  'Back to',
];

interface Built {
  pdf: string;
  pdfText: string;
  epubPath: string;
  epub: Unzipped;
}
const built = new Map<string, Built>();
const manuscripts = new Map<string, string>();

/** Text without spaces, hyphens, joiners and direction marks: pdftotext spaces, orders and breaks its own way. */
const squeeze = (text: string) =>
  text.normalize('NFKC').replace(/[\s\u00AD\u200B-\u200F\u2066-\u2069\u202A-\u202E\-‐]/g, '');

beforeAll(async () => {
  const titles = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-scripts-')), 'titles');
  for (const t of TEXTS) {
    const text = makeBook(t);
    manuscripts.set(t.lang, text);
    const dir = path.join(titles, `book-${t.lang}`, 'manuscript');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '01-text.md'), text);
  }
  const result = await pamphleteer(['build', '--all', titles]);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  for (const t of TEXTS) {
    const dist = path.join(titles, `book-${t.lang}`, 'dist');
    const files = fs.readdirSync(dist);
    const find = (re: RegExp) => path.join(dist, files.find((f) => re.test(f))!);
    const pdf = find(/(?<!-zine)\.pdf$/);
    const epubPath = find(/\.epub$/);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
    built.set(t.lang, { pdf, pdfText: stdout, epubPath, epub: await unzip(fs.readFileSync(epubPath)) });
  }
}, 1_200_000);

describe.each(TEXTS)('a book in $lang', (t) => {
  it('is a multi-page book of 1,500 words or more, with notes, a list and a quotation', async () => {
    const text = manuscripts.get(t.lang)!;
    expect(wordsOf(text, t.lang).length).toBeGreaterThanOrEqual(1500);
    expect(text).toMatch(/\[\^1\]: /);
    expect(text).toMatch(/^- /m);
    expect(text).toMatch(/^> /m);
    const { stdout } = await run('pdfinfo', [built.get(t.lang)!.pdf]);
    expect(Number(/Pages:\s+(\d+)/.exec(stdout)![1])).toBeGreaterThanOrEqual(8);
  });

  it('prints with bundled fonts only, all embedded, its script in its own face', async () => {
    const { stdout } = await run('pdffonts', [built.get(t.lang)!.pdf]);
    const rows = stdout.trim().split('\n').slice(2);
    for (const row of rows) {
      expect(row, stdout).toMatch(BUNDLED);
      expect(row.split(/\s+/).slice(-5, -2), row).toEqual(['yes', 'yes', 'yes']);
    }
    expect(stdout).toMatch(OWN_FACE[t.lang]);
  });

  it('has every word of its text, notes, list, quotation and title in the PDF’s text layer and the EPUB', async () => {
    const source = [t.title, t.subtitle, t.author, ...t.chapters, ...t.sentences, ...t.notes, ...t.list, t.quote];
    const words = [...new Set(source.flatMap((s) => wordsOf(s, t.lang)).map(squeeze))];
    const { epub, pdfText } = built.get(t.lang)!;
    const xhtml = epub.names.filter((f) => f.endsWith('.xhtml'));
    const epubText = squeeze((await Promise.all(xhtml.map((f) => epub.text(f)))).join('').replace(/<[^>]*>/g, ''));
    expect(words.filter((w) => !epubText.includes(w))).toEqual([]);
    const flat = squeeze(pdfText);
    // A note's part may end in a hyphenated word at the page's foot (as LaTeX's may): its halves are
    // there, the running head and folio between them in the text's order.
    const withHyphens = squeeze(pdfText.replace(/-/g, '\u{E000}')).replace(/\u{E000}/gu, '-');
    const splitAtPage = (w: string) => {
      for (let i = 1; i < w.length; i++)
        if (withHyphens.includes(`${w.slice(0, i)}-`) && flat.includes(w.slice(i))) return true;
      return false;
    };
    const missing = words.filter((w) => !flat.includes(w) && !splitAtPage(w));
    const gap = TEXT_LAYER_GAPS[t.lang];
    if (gap === undefined) {
      expect(missing).toEqual([]);
      for (const word of t.words) expect(flat, word).toContain(squeeze(word));
    } else expect(missing.length / words.length, missing.join(' ')).toBeLessThanOrEqual(gap);
  });

  it('has its labels in its language and no English ones, in the EPUB and the PDF', async () => {
    const { epub, pdfText } = built.get(t.lang)!;
    const labels = labelsFor(t.lang);
    const nav = await epub.text('OEBPS/toc.xhtml');
    expect(nav).toContain(`>${labels.contents}</h1>`);
    const colophon = await epub.text('OEBPS/colophon.xhtml');
    expect(colophon).toContain(labels.typesetWith);
    expect(colophon).toContain(labels.rights(1));
    expect(await epub.text('OEBPS/about.xhtml')).toContain(labels.aboutTheAuthor);
    const xhtml = epub.names.filter((f) => f.endsWith('.xhtml'));
    for (const file of xhtml) {
      const text = (await epub.text(file)).replace(/<[^>]*>/g, ' ');
      for (const english of ENGLISH) expect(text, `${file}: ${english}`).not.toContain(english);
    }
    for (const english of ENGLISH) expect(pdfText, english).not.toContain(english);
  });

  it('passes EPUBCheck with nothing to report', async () => {
    const result = await epubcheck(built.get(t.lang)!.epubPath);
    expect(
      { fatals: result.fatals, errors: result.errors, warnings: result.warnings },
      result.messages.join('\n'),
    ).toEqual({ fatals: 0, errors: 0, warnings: 0 });
  }, 300_000);
});

describe('the Thai book', () => {
  it('is justified between clusters, no gap between letters over one em', () => {
    // Read back from the PDF: every line of 12 letters or more, the gaps between its letters' ink.
    const lines = printedLines(built.get('th')!.pdf, OWN_FACE.th).filter((l) => [...l.text].length >= 12);
    expect(lines.length).toBeGreaterThan(40);
    const widest = lines.reduce((a, b) => (b.maxGap > a.maxGap ? b : a));
    expect(widest.maxGap, `page ${widest.page}: ${widest.text}`).toBeLessThanOrEqual(1);
    // Justified: most lines end at the measure, give or take a glyph's side bearing (not a
    // paragraph's last line, nor a list item's: ragged, lines end anywhere).
    const measure = new Map<number, number>();
    for (const l of lines) measure.set(l.page, Math.max(measure.get(l.page) ?? 0, l.right));
    const flush = lines.filter((l) => measure.get(l.page)! - l.right < 1);
    expect(flush.length / lines.length).toBeGreaterThan(0.5);
  });
});
