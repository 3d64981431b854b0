/**
 * The script rules of styles/base.css as the real browser applies them: the user's fonts win, each
 * language's stack asks for its own face first, no synthetic italic or bold, Korean keep-all on every
 * block, Thai never justified by its few spaces.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type PrintBrowser } from '../../src/render/print/browser.js';
import { REPO } from '../cli/helpers.js';

const BASE = fs.readFileSync(path.join(REPO, 'styles', 'base.css'), 'utf8');
const BODY = `<h3>h3</h3><p class="book-subtitle">subtitle</p><p>text <em>em</em></p>
<ul><li>item</li></ul><aside class="footnote"><p>note</p></aside><blockquote><p>quote</p></blockquote>`;

let browser: PrintBrowser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser({});
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

/** Computed style properties of the elements matching a selector, in a page in `lang` with the user's CSS. */
async function styles(
  lang: string,
  selector: string,
  props: string[],
  userCss = '',
): Promise<Record<string, string>[]> {
  await page.setContent(
    `<!DOCTYPE html><html lang="${lang}"><head><style>${BASE}</style><style>${userCss}</style></head><body>${BODY}</body></html>`,
  );
  return page.$$eval(
    selector,
    (els, names) =>
      els.map((el) => {
        const style = getComputedStyle(el);
        return Object.fromEntries(names.map((n) => [n, style.getPropertyValue(n)]));
      }),
    props,
  );
}

const firstFamily = async (lang: string, css = '') =>
  (await styles(lang, 'body', ['font-family'], css))[0]['font-family'].split(',')[0].replace(/"/g, '').trim();

describe('fonts', () => {
  it.each([
    ['en', 'EB Garamond'],
    ['ar', 'Noto Naskh Arabic'],
    ['ur', 'Noto Nastaliq Urdu'],
    ['hi', 'Noto Serif Devanagari'],
    ['th', 'Noto Serif Thai'],
    ['am', 'Noto Sans Ethiopic'],
    ['zh', 'Noto Serif SC'],
    ['zh-Hant', 'Noto Serif TC'],
    ['ja', 'Noto Serif JP'],
    ['ko', 'Noto Serif KR'],
  ])('a book in %s asks for %s first (print and EPUB)', async (lang, family) => {
    expect(await firstFamily(lang)).toBe(family);
  });

  it.each(['en', 'ar', 'ja', 'ko', 'hi'])('the user’s :root { --text-font } wins in %s', async (lang) => {
    expect(await firstFamily(lang, ':root { --text-font: "My Font", serif; }')).toBe('My Font');
  });

  it('one script’s variable changes that script’s face in its books, and only there', async () => {
    const css = ':root { --font-arabic: "Amiri"; --font-jp: "Shippori Mincho"; }';
    expect(await firstFamily('ar', css)).toBe('Amiri');
    expect(await firstFamily('ja', css)).toBe('Shippori Mincho');
    expect(await firstFamily('en', css)).toBe('EB Garamond');
    const stack = (await styles('en', 'body', ['font-family'], css))[0]['font-family'];
    expect(stack).toContain('Amiri');
  });
});

describe('no synthetic italic or bold where the script has none', () => {
  it.each(['ja', 'zh', 'ko', 'ar', 'ur', 'hi', 'bn', 'th', 'ka', 'am'])(
    '%s: upright headings and subtitle',
    async (lang) => {
      const [h3, subtitle] = await styles(lang, 'h3, .book-subtitle', [
        'font-style',
        'font-synthesis-style',
        'font-synthesis-weight',
      ]);
      for (const s of [h3, subtitle])
        expect(s).toEqual({ 'font-style': 'normal', 'font-synthesis-style': 'none', 'font-synthesis-weight': 'none' });
    },
  );

  it('emphasis: emphasis marks in Japanese and Korean, bold in Arabic and Hindi, italic in English', async () => {
    const props = ['font-style', 'font-weight', 'text-emphasis-style'];
    expect((await styles('ja', 'em', props))[0]).toMatchObject({
      'font-style': 'normal',
      'text-emphasis-style': expect.stringContaining('sesame'),
    });
    expect((await styles('ko', 'em', props))[0]).toMatchObject({
      'font-style': 'normal',
      'text-emphasis-style': expect.stringContaining('dot'),
    });
    expect((await styles('ar', 'em', props))[0]).toMatchObject({ 'font-style': 'normal', 'font-weight': '700' });
    expect((await styles('hi', 'em', props))[0]).toMatchObject({ 'font-style': 'normal', 'font-weight': '700' });
    expect((await styles('en', 'em', props))[0]).toMatchObject({ 'font-style': 'italic' });
  });
});

describe('line breaking by script', () => {
  it('Korean keeps words whole in every block: paragraphs, list items, notes, quotations, headings', async () => {
    const blocks = await styles('ko', 'p, li, aside, blockquote, h3', ['word-break']);
    expect(blocks.length).toBeGreaterThan(4);
    for (const b of blocks) expect(b['word-break']).toBe('keep-all');
  });

  it('Thai is never justified by its spaces', async () => {
    const blocks = await styles('th', 'p, li, aside', ['text-align', 'text-justify']);
    for (const b of blocks)
      expect(b['text-align'] === 'start' || b['text-justify'] === 'inter-character', JSON.stringify(b)).toBe(true);
    expect((await styles('en', 'p:not(.book-subtitle)', ['text-align']))[0]['text-align']).toBe('justify');
  });
});
