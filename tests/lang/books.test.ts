/**
 * Books in seven languages and four scripts (tests/fixtures/lang-*), built once through the real
 * command as one catalogue, then checked: direction, fonts, text, labels, zine binding, EPUBCheck, Ace.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { labelsFor } from '../../src/templates/labels.js';
import { formatDate } from '../../src/language/index.js';
import { pamphleteer } from '../cli/helpers.js';
import { aceFindings, findChromium } from '../epub/ace.js';
import { epubcheck, FIXTURES, parseXml, unzip, type Unzipped } from '../epub/helpers.js';

const run = promisify(execFile);

const BOOKS = [
  { lang: 'ar', dir: 'rtl', words: ['Karl Polanyi', 'الاجتماع الأول', 'الإضراب', 'الطبيعة'] },
  { lang: 'fa', dir: 'rtl', words: ['Rosa Luxemburg', 'نخستین نشست', 'کتابخانه', 'کارگران'] },
  { lang: 'he', dir: 'rtl', words: ['George Orwell', 'המכתב הראשון', 'האסיפה', 'פועלים'] },
  { lang: 'zh', dir: 'ltr', words: ['Simone Weil', '夜班', '工会', '工人的疲劳'] },
  { lang: 'ja', dir: 'ltr', words: ['Walter Benjamin', '朝の集会', '賃金の交渉', '労働者たち'] },
  { lang: 'ru', dir: 'ltr', words: ['Eric Hobsbawm', 'Первое собрание', 'Забастовка', 'независимый профсоюз'] },
  { lang: 'el', dir: 'ltr', words: ['Edward Thompson', 'Η πρώτη συνέλευση', 'Η απεργία', 'λιμανιού'] },
] as const;

const BUNDLED = /^[A-Z]{6}\+(EBGaramond|NotoNaskhArabic|NotoSerifHebrew|NotoSerif(SC|TC|JP|KR))/;

interface Built {
  epubPath: string;
  pdfPath: string;
  zinePath: string;
  epub: Unzipped;
}

const built = new Map<string, Built>();
let stdout = '';

beforeAll(async () => {
  const titles = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-lang-')), 'titles');
  for (const { lang } of BOOKS)
    fs.cpSync(path.join(FIXTURES, `lang-${lang}`), path.join(titles, `lang-${lang}`), { recursive: true });
  const result = await pamphleteer(['build', '--all', titles]);
  stdout = result.stdout + result.stderr;
  expect(result.code, stdout).toBe(0);
  for (const { lang } of BOOKS) {
    const dist = path.join(titles, `lang-${lang}`, 'dist');
    const files = fs.readdirSync(dist);
    const find = (re: RegExp) => path.join(dist, files.find((f) => re.test(f))!);
    const epubPath = find(/\.epub$/);
    built.set(lang, {
      epubPath,
      pdfPath: find(/(?<!-zine)\.pdf$/),
      zinePath: find(/-zine\.pdf$/),
      epub: await unzip(fs.readFileSync(epubPath)),
    });
  }
}, 300_000);

/** Text without spaces, joiners and direction marks: pdftotext spaces and orders RTL and CJK text its own way. */
const squeeze = (text: string) =>
  text.normalize('NFKC').replace(/[\s\u00AD\u200B-\u200F\u2066-\u2069\u202A-\u202E]/g, '');

describe.each(BOOKS)('a book in $lang', ({ lang, dir, words }) => {
  it('has lang and dir on every XHTML document, and the spine goes the book’s way', async () => {
    const { epub } = built.get(lang)!;
    const opf = await epub.text('OEBPS/content.opf');
    const spine = /<spine[^>]*>/.exec(opf)![0];
    if (dir === 'rtl') expect(spine).toContain('page-progression-direction="rtl"');
    else expect(spine).not.toContain('page-progression-direction');
    const xhtml = epub.names.filter((f) => f.endsWith('.xhtml'));
    expect(xhtml.length).toBeGreaterThan(3);
    for (const file of xhtml) {
      const html = parseXml(await epub.text(file)).documentElement;
      if (!html) throw new Error(`${file}: no root element`);
      expect(html.getAttribute('dir'), file).toBe(dir);
      expect(html.getAttribute('lang'), file).toBe(lang);
    }
  });

  it('has its labels, digits and date in its language', async () => {
    const { epub } = built.get(lang)!;
    const labels = labelsFor(lang);
    const nav = await epub.text('OEBPS/toc.xhtml');
    expect(nav).toContain(`>${labels.contents}</h1>`);
    expect(nav).toContain(labels.landmarks);
    const colophon = await epub.text('OEBPS/colophon.xhtml');
    expect(colophon).toContain(labels.typesetWith);
    const about = await epub.text('OEBPS/about.xhtml');
    expect(about).toContain(labels.aboutTheAuthor);
    // None of these books is in English: each has its own word for the contents.
    expect(labels.contents).not.toBe(labelsFor('en').contents);
    const chapter = await epub.text('OEBPS/chapter-01.xhtml');
    expect(chapter).toContain(`>${labels.number(1)}</a>`);
    // The page list and the page markers use the print folios' digits (Persian ۳ in fa).
    const pageList = /<nav epub:type="page-list"[\s\S]*?<\/nav>/.exec(nav)![0];
    // The text opens on page 5: front cover, its blank back, title page, colophon.
    expect(pageList).toContain(`>${labels.number(5)}</a>`);
    expect(chapter).toContain(`aria-label="${labels.number(5)}"`);
    // The date is not printed when a source is given: check the formatter writes the language's month.
    expect(formatDate('2020-06-01', lang)).not.toMatch(/June/);
  });

  it('prints with bundled fonts only, all embedded', async () => {
    const { stdout: fonts } = await run('pdffonts', [built.get(lang)!.pdfPath]);
    const rows = fonts.trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row, fonts).toMatch(BUNDLED);
      expect(row.split(/\s+/).slice(-5, -2), row).toEqual(['yes', 'yes', 'yes']);
      // The CJK faces are instances of variable fonts, named as the weight they are set at.
      if (/NotoSerif(SC|TC|JP|KR)/.test(row))
        expect(row, fonts).toMatch(/^[A-Z]{6}\+NotoSerif(SC|TC|JP|KR)-(Regular|Bold) /);
    }
  });

  it('has the book’s words in the PDF text', async () => {
    const { stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', built.get(lang)!.pdfPath, '-']);
    const flat = squeeze(text);
    for (const word of words) expect(flat, word).toContain(squeeze(word));
  });

  it(`binds the zine on the ${dir === 'rtl' ? 'right: page 1 is on the left half' : 'left: page 1 is on the right half'} of the first sheet`, async () => {
    const { zinePath } = built.get(lang)!;
    const { stdout: info } = await run('pdfinfo', ['-f', '1', '-l', '1', zinePath]);
    const [, w, h] = /Page\s+1 size:\s+([\d.]+) x ([\d.]+)/.exec(info)!.map(Number) as number[];
    const half = async (x: number) =>
      squeeze(
        (
          await run('pdftotext', [
            '-enc',
            'UTF-8',
            '-f',
            '1',
            '-l',
            '1',
            '-x',
            String(Math.round(x)),
            '-y',
            '0',
            '-W',
            String(Math.floor(w / 2)),
            '-H',
            String(Math.ceil(h)),
            zinePath,
            '-',
          ])
        ).stdout,
      );
    const [left, right] = [await half(0), await half(w / 2)];
    // Page 1, the front cover, carries the title alone; the last page, the back cover, carries
    // "title · author" (in capitals where the script has them).
    const source = fs.readFileSync(path.join(FIXTURES, `lang-${lang}`, 'manuscript', '01-text.md'), 'utf8');
    // The author is compared, not the title: text extraction may reorder the letters of a short
    // right-to-left word drawn in SVG, and capitals drop Greek accents.
    const author = squeeze(/^author: (.+)$/m.exec(source)![1]).toLowerCase();
    const [pageOneHalf, otherHalf] = (dir === 'rtl' ? [left, right] : [right, left]).map((t) => t.toLowerCase());
    expect(pageOneHalf).toContain(author);
    expect(pageOneHalf).not.toContain('·');
    expect(otherHalf).toContain('·');
    expect(otherHalf).toContain(author);
  });
});

// EPUBCheck and Ace on every book (many seconds each).
describe('validators', () => {
  it.each(BOOKS.map((b) => b.lang))(
    'EPUBCheck finds nothing in the %s EPUB',
    async (lang) => {
      const result = await epubcheck(built.get(lang)!.epubPath);
      expect(
        { fatals: result.fatals, errors: result.errors, warnings: result.warnings },
        result.messages.join('\n'),
      ).toEqual({ fatals: 0, errors: 0, warnings: 0 });
    },
    300_000,
  );

  it.each(BOOKS.map((b) => b.lang))(
    'DAISY Ace finds nothing in the %s EPUB',
    async (lang) => {
      const chromium = findChromium();
      expect(chromium, 'a Chromium for Ace').toBeTruthy();
      expect(await aceFindings(built.get(lang)!.epubPath, chromium!)).toEqual([]);
    },
    300_000,
  );
});
