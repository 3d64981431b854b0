// The print page asks for the bundled fonts by URL on its own origin instead of carrying them as
// base64: only the files the page's own CSS named are answered, by name, never a path.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { loadBook } from '../../src/book/load-book.js';
import { familyFiles } from '../../src/fonts/catalogue.js';
import { assemblePrintHtml } from '../../src/render/print/html.js';
import { FONT_PATH, servedFontUrl } from '../../src/render/print/fonts.js';
import { PRINT_PAGE_ORIGIN, printHtml, requestDecision } from '../../src/render/print/index.js';
import { FIXTURES } from '../helpers/seed.js';
import { REPO } from '../helpers/seed.js';

const config = configSchema.parse({});

describe('bundled fonts served to the print page', () => {
  it('names every font by URL in the page, and answers exactly those names with the files', () => {
    const { book } = loadBook(`${FIXTURES}/lang-ar`, config);
    const html = assemblePrintHtml(book, config.print, { fontUrl: servedFontUrl(PRINT_PAGE_ORIGIN) });
    expect(html).not.toContain('base64');
    const urls = [...html.matchAll(/src: url\(([^)]+)\) format\('woff2'\)/g)].map((m) => m[1]);
    // EB Garamond, the Arabic face the book's script needs, and the code face.
    expect(urls.some((u) => u.includes('eb-garamond-latin-400-normal'))).toBe(true);
    expect(urls.some((u) => u.includes('noto-naskh-arabic'))).toBe(true);
    expect(urls.some((u) => u.includes('ibm-plex-mono'))).toBe(true);
    for (const url of urls) {
      expect(url.startsWith(`${PRINT_PAGE_ORIGIN}${FONT_PATH}`)).toBe(true);
      const decision = requestDecision(url, REPO, false);
      expect(decision.action).toBe('font');
    }
    const garamond = familyFiles('garamond').find((f) => f.name === 'eb-garamond-latin-400-normal')!;
    const answer = requestDecision(`${PRINT_PAGE_ORIGIN}${FONT_PATH}${garamond.name}.woff2`, REPO, false);
    expect(answer.action === 'font' && answer.bytes.equals(fs.readFileSync(garamond.file))).toBe(true);
  });

  it('answers nothing else under the fonts path: no other name, no way out of it', () => {
    for (const p of ['not-a-font.woff2', '..%2F..%2Fpackage.json', '%2e%2e/%2e%2e/etc/passwd', ''])
      expect(requestDecision(`${PRINT_PAGE_ORIGIN}${FONT_PATH}${p}`, REPO, false).action).not.toMatch(/font|file/);
  });

  it('keeps the pre-layout HTML (bench, --html, preview) self-contained: fonts as data: URLs', () => {
    const { book } = loadBook(REPO, config);
    const html = printHtml(book, config.print);
    expect(html).toContain('src: url(data:font/woff2;base64,');
    expect(html).not.toContain(FONT_PATH);
  });
});
