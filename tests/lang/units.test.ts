/**
 * The language modules on their own: direction, digits, dates, quotes, dashes, labels, patterns, fonts, page
 * mirroring.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBook } from '../../src/book/load-book.js';
import { configSchema } from '../../src/config/schema.js';
import { facesFor, familyFiles, GARAMOND_COMMON_SAMPLE, garamondHas } from '../../src/fonts/catalogue.js';
import { counterStyle, directionOf, formatDate, formatNumber } from '../../src/language/index.js';
import { frenchSpacing, spacedHyphenToDash } from '../../src/manuscript/smart-punctuation.js';
import { usedCodePoints } from '../../src/render/print/fonts.js';
import { patternNameFor, patternsFor } from '../../src/render/print/hyphenation-patterns.js';
import { bookBreaks, hyphenatorFor } from '../../src/render/print/hyphenate.js';
import { createRequire } from 'node:module';
import { pageCss, pageGeometry } from '../../src/render/print/page-setup.js';
import { LABEL_LANGUAGES, labelsFor } from '../../src/templates/labels.js';
import { toHtml } from 'hast-util-to-html';
import fontkit from '@pdf-lib/fontkit';

/** A one-file project in a temp folder, loaded as a Book. */
function bookOf(frontMatter: string, text: string) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-lang-unit-'));
  fs.mkdirSync(path.join(root, 'manuscript'));
  fs.writeFileSync(path.join(root, 'manuscript', 'text.md'), `---\ntitle: T\n${frontMatter}\n---\n\n${text}\n`);
  return loadBook(root, configSchema.parse({}));
}
const firstParagraph = (frontMatter: string, text: string) => toHtml(bookOf(frontMatter, text).book.chapters[0].tree);

describe('direction', () => {
  it('comes from the language, script subtags included', () => {
    for (const lang of ['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'ckb', 'ar-EG', 'az-Arab'])
      expect(directionOf(lang), lang).toBe('rtl');
    for (const lang of ['en', 'ru', 'el', 'ja', 'zh-Hant', 'tr', 'az', 'ku', 'uz-Latn'])
      expect(directionOf(lang), lang).toBe('ltr');
  });

  it('is overridden by front matter `dir`', () => {
    expect(bookOf('lang: ar', 'نص').book.metadata.dir).toBe('rtl');
    expect(bookOf('lang: ar\ndir: ltr', 'نص').book.metadata.dir).toBe('ltr');
    expect(bookOf('lang: en\ndir: rtl', 'text').book.metadata.dir).toBe('rtl');
  });

  it('mirrors the printed pages of a right-to-left book: inside margin, folio and note rule change sides', () => {
    const print = configSchema.parse({}).print;
    const geometry = pageGeometry(print);
    const { inside, outside } = geometry.margins;
    const ltr = pageCss(geometry, print, 'T');
    const rtl = pageCss(geometry, print, 'T', { dir: 'rtl', counterStyle: 'persian' });
    expect(ltr).toContain(`@page :right {\n  margin-left: ${inside};\n  margin-right: ${outside};`);
    expect(rtl).toContain(`@page :right {\n  margin-left: ${outside};\n  margin-right: ${inside};`);
    expect(rtl).toContain(`@page :left {\n  margin-left: ${inside};\n  margin-right: ${outside};`);
    expect(ltr).toMatch(/@page :right \{[\s\S]*?@bottom-right \{ content: counter\(page\); \}/);
    expect(rtl).toMatch(/@page :right \{[\s\S]*?@bottom-left \{ content: counter\(page, persian\); \}/);
    expect(rtl).toContain('no-repeat right top');
  });
});

describe('digits and dates', () => {
  it('writes numbers and folios with the language’s digits', () => {
    expect(formatNumber(12, 'fa')).toBe('۱۲');
    expect(formatNumber(1234, 'en')).toBe('1234');
    expect(counterStyle('fa')).toBe('persian');
    expect(counterStyle('ar-EG')).toBe('arabic-indic');
    expect(counterStyle('en')).toBe('decimal');
    expect(labelsFor('fa').number(3)).toBe('۳');
  });

  it('writes dates for the language in the Gregorian calendar, keeping the precision given', () => {
    expect(formatDate('2020-06-01', 'en')).toBe('June 1, 2020');
    expect(formatDate('2020-06-01', 'fr')).toBe('1 juin 2020');
    expect(formatDate('2020-06', 'de')).toBe('Juni 2020');
    expect(formatDate('2020', 'fa')).toBe('۲۰۲۰');
    expect(formatDate('2020-06-01', 'ja')).toBe('2020年6月1日');
    expect(labelsFor('ru').published('2017-02-23')).toContain('23 февраля 2017');
  });
});

describe('labels', () => {
  it('exist for at least 15 languages, each translated', () => {
    const required = ['en', 'fr', 'de', 'es', 'it', 'pt', 'ru', 'el', 'tr', 'pl', 'ar', 'fa', 'he', 'zh', 'ja'];
    for (const lang of required) expect(LABEL_LANGUAGES, lang).toContain(lang);
    const contents = new Set(LABEL_LANGUAGES.map((l) => labelsFor(l).contents));
    expect(contents.size).toBeGreaterThanOrEqual(LABEL_LANGUAGES.length - 2);
    expect(labelsFor('zh-TW').contents).toBe('目錄');
    expect(labelsFor('zh').contents).toBe('目录');
    expect(labelsFor('xx').contents).toBe('Contents');
  });
});

describe('smart punctuation by language', () => {
  it('sets the language’s quotation marks where straight quotes were typed', () => {
    expect(firstParagraph('lang: en', 'She said "yes".')).toContain('She said “yes”.');
    expect(firstParagraph('lang: de', 'Er sagte "ja".')).toContain('Er sagte „ja“.');
    expect(firstParagraph('lang: ru', 'Он сказал "да".')).toContain('Он сказал «да».');
    expect(firstParagraph('lang: fr', 'Elle dit "oui" !')).toContain('Elle dit «\u202Foui\u202F»\u202F!');
    expect(firstParagraph('lang: ja', '彼は"はい"と言った。')).toContain('彼は「はい」と言った。');
    expect(firstParagraph('lang: zh-TW', '他說"好"。')).toContain('他說「好」。');
    expect(firstParagraph('lang: pl', 'Powiedział "tak".')).toContain('Powiedział „tak”.');
  });

  it('keeps curly quotes that were typed and the apostrophe', () => {
    expect(firstParagraph('lang: fr', "L'homme dit “ok”.")).toContain('L’homme dit “ok”.');
  });

  it('turns a spaced hyphen between words into a dash tied to the word before, and keeps every character', () => {
    expect(spacedHyphenToDash('a - b')).toBe('a\u00A0– b');
    expect(spacedHyphenToDash('well-known - really')).toBe('well-known\u00A0– really');
    expect(spacedHyphenToDash('x -y - ')).toBe('x -y\u00A0– ');
    expect(firstParagraph('lang: en', 'This - that *and* - more.')).toContain(
      'This\u00A0– that <em>and</em>\u00A0– more.',
    );
    expect(firstParagraph('lang: ru', 'Это - то.')).toContain('Это\u00A0— то.');
    expect(firstParagraph('lang: en', 'A list:\n\n- item - one')).toContain('<li>item\u00A0– one</li>');
    expect(firstParagraph('lang: en', 'Code `a - b` stays.')).toContain('<code>a - b</code>');
  });

  it('spaces French punctuation with narrow no-break spaces', () => {
    expect(frenchSpacing('Quoi ? Oui ; non ! Voici : ceci')).toBe(
      'Quoi\u202F? Oui\u202F; non\u202F! Voici\u00A0: ceci',
    );
    expect(frenchSpacing('«oui»')).toBe('«\u202Foui\u202F»');
  });

  it('takes the language of the file with the front matter in every file of the book', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-lang-unit-'));
    fs.mkdirSync(path.join(root, 'manuscript'));
    fs.writeFileSync(path.join(root, 'manuscript', '01.md'), '---\ntitle: T\nlang: de\n---\n\nEins "a".\n');
    fs.writeFileSync(path.join(root, 'manuscript', '02.md'), '## Zwei\n\nZwei "b".\n');
    const { book } = loadBook(root, configSchema.parse({}));
    expect(toHtml(book.chapters[book.chapters.length - 1].tree)).toContain('Zwei „b“.');
  });
});

describe('hyphenation patterns', () => {
  it('has patterns for every language the hyphen package carries, and none for scripts that do not hyphenate', async () => {
    expect(patternNameFor('ru')).toBe('ru');
    expect(patternNameFor('el')).toBe('el-monoton');
    expect(patternNameFor('tr')).toBe('tr');
    expect(patternNameFor('pl')).toBe('pl');
    for (const lang of ['ar', 'fa', 'he', 'zh', 'ja', 'ko', 'th', 'zh-Hant'])
      expect(patternNameFor(lang), lang).toBeUndefined();
    expect(patternNameFor('zh-Latn-pinyin')).toBe('zh-latn-pinyin');
    expect(await patternsFor('ja')).toBeNull();
    expect(await patternsFor('ru')).toBeTruthy();
  });
});

describe('bundled fonts', () => {
  it('EB Garamond has every character its fast path assumes, and Greek and Cyrillic subsets', () => {
    const cmap = new Set<number>();
    for (const face of familyFiles('garamond').filter((f) => f.weight === 400 && !f.italic)) {
      for (const cp of fontkit.create(fs.readFileSync(face.file.replace(/\.woff2$/, '.woff'))).characterSet)
        cmap.add(cp);
    }
    for (const ch of GARAMOND_COMMON_SAMPLE)
      expect(cmap.has(ch.codePointAt(0)!), `U+${ch.codePointAt(0)!.toString(16)}`).toBe(true);
    const subsets = new Set(familyFiles('garamond').map((f) => f.subset));
    for (const s of ['latin', 'latin-ext', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext'])
      expect(subsets).toContain(s);
    expect(garamondHas('λ'.codePointAt(0)!)).toBe(true);
    expect(garamondHas('ж'.codePointAt(0)!)).toBe(true);
    expect(garamondHas('ك'.codePointAt(0)!)).toBe(false);
  });

  it('loads only EB Garamond’s Latin faces for a Latin text: the essay’s fonts stay as they were', () => {
    const { used, bold } = usedCodePoints('A “Latin” text – with dashes… and <strong>bold</strong>.');
    const faces = facesFor('en', used, bold);
    expect(new Set(faces.map((f) => `${f.family}/${f.subset}`))).toEqual(
      new Set(['garamond/latin', 'garamond/latin-ext']),
    );
    expect(faces).toHaveLength(8);
  });

  it('adds a script’s faces only for the subsets a text uses, bold only for bold text', () => {
    const { used, bold } = usedCodePoints('日本語の本。<strong>港</strong> and Ελληνικά and عربي');
    const faces = facesFor('ja', used, bold);
    const jp = faces.filter((f) => f.family === 'jp');
    expect(jp.length).toBeGreaterThan(0);
    expect(jp.length).toBeLessThan(familyFiles('jp').length / 10);
    expect(jp.filter((f) => f.weight === 700).length).toBeLessThanOrEqual(1);
    expect(faces.some((f) => f.family === 'garamond' && f.subset === 'greek')).toBe(true);
    expect(faces.some((f) => f.family === 'arabic')).toBe(true);
    expect(faces.some((f) => f.family === 'sc' || f.family === 'kr')).toBe(false);
    // Traditional Chinese takes the TC face.
    const tc = facesFor('zh-TW', usedCodePoints('臺灣').used, new Set());
    expect(tc.some((f) => f.family === 'tc')).toBe(true);
    expect(tc.some((f) => f.family === 'sc')).toBe(false);
  });
});

const requireHere = createRequire(import.meta.url);
/** The `hyphen` package's own hyphenation of a language, every point its patterns allow. */
function createHyphenator(lang: string): (word: string) => string {
  const create = requireHere('hyphen') as (patterns: unknown, options: object) => (word: string) => string;
  return create(requireHere(`hyphen/patterns/${patternNameFor(lang)}.js`), { minWordLength: 6 });
}

describe('hyphenation in scripts with vowel signs', () => {
  it('keeps the breaks after a vowel sign or virama (Tamil, Devanagari, Bengali)', () => {
    const words: [string, string][] = [
      ['ta', 'சாப்பிடுகிறார்கள்'],
      ['ta', 'இடைவேளையில்'],
      ['hi', 'प्रतिनिधिमंडल'],
      ['bn', 'শ্রমিকদের'],
    ];
    for (const [lang, word] of words) {
      const hyphenated = bookBreaks(createHyphenator(lang)(word));
      expect(hyphenated.replaceAll('\u00AD', ''), lang).toBe(word);
      expect(hyphenated, `${lang} ${word}`).toContain('\u00AD');
      // Never a break before a vowel sign or virama: each part after a break starts with a letter.
      for (const part of hyphenated.split('\u00AD').slice(1)) expect(part, hyphenated).toMatch(/^\p{L}/u);
    }
    expect(hyphenatorFor('ta')!('சாப்பிடுகிறார்கள்').split('\u00AD').length).toBeGreaterThan(2);
  });
});
