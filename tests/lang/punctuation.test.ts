/** Smart front matter, nested quotes, apostrophes, balanced running heads, Unicode slugs, word counts. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toString as hastToString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { loadBook } from '../../src/book/load-book.js';
import { configSchema } from '../../src/config/schema.js';
import { closeOpenQuotes, countWords, slugOf } from '../../src/language/index.js';
import { runningHead } from '../../src/render/print/html.js';

function book(frontMatter: string, body: string) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-punctuation-'));
  fs.mkdirSync(path.join(root, 'manuscript'));
  fs.writeFileSync(path.join(root, 'manuscript', 'text.md'), `---\n${frontMatter}\n---\n\n${body}\n`);
  return loadBook(root, configSchema.parse({})).book;
}
const text = (b: ReturnType<typeof book>) => b.chapters.map((c) => hastToString(c.tree)).join('\n');

describe('smart punctuation', () => {
  it('sets the front matter’s quotes and dashes like the body’s', () => {
    const b = book(
      'title: \'Bread & "Roses": a history\'\nsubtitle: "Strikes -- and songs"\nauthor: "J. \'Jo\' Malco"',
      'Text.',
    );
    expect(b.metadata.title).toBe('Bread & “Roses”: a history');
    expect(b.metadata.subtitle).toBe('Strikes\u00A0– and songs');
    expect(b.metadata.authors).toEqual(['J. ‘Jo’ Malco']);
    const fr = book('title: \'Le "pain"\'\nlang: fr', 'Texte.');
    expect(fr.metadata.title).toBe('Le «\u202Fpain\u202F»');
  });

  it('nests quotations as each language does', () => {
    expect(text(book('title: T\nlang: uk', "Він сказав: \"Це 'подвір'я' наше\"."))).toBe(
      'Він сказав: «Це „подвір’я“ наше».',
    );
    expect(text(book('title: T\nlang: ja', '彼は"私は\'明日\'と言った"と書いた。'))).toBe(
      '彼は「私は『明日』と言った」と書いた。',
    );
    expect(text(book('title: T\nlang: ckb', 'ئەو گوتی: "نان و \'گوڵ\'" بوو.'))).toBe('ئەو گوتی: «نان و ‹گوڵ›» بوو.');
    // English keeps ‘ ’ inside “ ”, and its apostrophes.
    expect(text(book('title: T', "She said: \"It's 'ours' now.\""))).toBe('She said: “It’s ‘ours’ now.”');
  });

  it('a running head cut at the colon closes the quotation it opened', () => {
    expect(runningHead('Bread & “Roses: a history”')).toBe('Bread & “Roses”');
    expect(runningHead('Хліб і «троянди: історія»', 'uk')).toBe('Хліб і «троянди»');
    expect(runningHead('Brot und „Rosen: eine Geschichte“', 'de')).toBe('Brot und „Rosen“');
    expect(closeOpenQuotes('「パンと『バラ')).toBe('「パンと『バラ』」');
    expect(closeOpenQuotes('“Whole”')).toBe('“Whole”');
  });
});

describe('slugs', () => {
  it('lower-case Turkish as Turkish, keep Persian ZWNJ, never double a hyphen', () => {
    expect(slugOf('İğne ve İplik', 'tr')).toBe('iğne-ve-iplik');
    expect(slugOf('İğne', 'tr')).not.toMatch(/\u0307/);
    expect(slugOf('کتاب‌خانهٔ من', 'fa')).toBe('کتاب‌خانهٔ-من');
    expect(slugOf('کتاب‌خانهٔ من', 'fa')).toContain('\u200C');
    expect(slugOf('Bread & "Roses": a history')).toBe('bread-roses-a-history');
    expect(slugOf('Cafe\u0301 — noir')).toBe('café-noir');
  });

  it('name the book’s files and ids', () => {
    const b = book('title: İğne ve İplik\nlang: tr', '## İstanbul\n\nMetin.');
    expect(b.slug).toBe('iğne-ve-iplik');
    expect(b.chapters[0].id).toBe('istanbul');
    expect(book('title: Bread & Roses', 'Text.').slug).toBe('bread-roses');
  });
});

describe('word counts', () => {
  it('count words with Intl.Segmenter where they are not spaced', () => {
    expect(countWords('私は毎朝パンを食べます。', 'ja')).toBeGreaterThanOrEqual(5);
    expect(countWords('我每天早上吃面包。', 'zh')).toBeGreaterThanOrEqual(4);
    expect(countWords('ตลาดเช้าเปิดตั้งแต่ตีห้า', 'th')).toBeGreaterThanOrEqual(4);
    expect(countWords('Bread and roses, too.', 'en')).toBe(4);
    const ja = book('title: T\nlang: ja', '労働者たちは朝の集会で賃金の交渉について話し合った。'.repeat(20));
    expect(ja.stats.words).toBeGreaterThan(100);
  });
});
