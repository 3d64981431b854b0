// What may load into the print page: the page, project files, bundled fonts. Never script from the
// manuscript, never a remote request unless allowed, never a local file outside the project.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Element, Root } from 'hast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBook } from '../../src/book/load-book.js';
import type { Book } from '../../src/book/book-types.js';
import { configSchema } from '../../src/config/schema.js';
import { launchBrowser, type PrintBrowser } from '../../src/render/print/browser.js';
import { PRINT_PAGE_ORIGIN, renderPrint, requestDecision } from '../../src/render/print/index.js';
import { haveTools, pageTexts } from './pdf-text.js';
import { REPO } from '../helpers/seed.js';

/** The repository (tests run from any clone, e.g. CI's). */
const ROOT = REPO;

const tools = haveTools('pdftotext');
const config = configSchema.parse({});

const el = (tagName: string, properties: Element['properties'], text?: string): Element => ({
  type: 'element',
  tagName,
  properties,
  children: text ? [{ type: 'text', value: text }] : [],
});

describe.skipIf(!tools)('print: page security', () => {
  let browser: PrintBrowser;
  let server: http.Server;
  let requests: string[] = [];
  let book: Book;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const loaded = loadBook(ROOT, config).book;
    // A Book that got past the sanitizer (it cannot: this proves the page's own defences).
    const tree = structuredClone(loaded.chapters[0].tree) as Root;
    tree.children.unshift(
      el('script', {}, "document.body.insertAdjacentText('beforeend', 'PWNEDSCRIPT')"),
      el('img', { src: 'missing.png', onError: "document.body.insertAdjacentText('beforeend', 'PWNEDHANDLER')" }),
      el('img', { src: `http://127.0.0.1:${port}/remote.png` }),
      el('p', { style: `background-image: url(http://127.0.0.1:${port}/style.png)` }, 'Styled.'),
      el('img', { src: 'file:///etc/hostname' }),
    );
    book = { ...loaded, chapters: [{ ...loaded.chapters[0], tree }, ...loaded.chapters.slice(1)] };
    browser = await launchBrowser({});
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('runs no manuscript script and makes no remote request', async () => {
    requests = [];
    const result = await renderPrint(book, { browser, print: config.print });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-sec-')), 'sec.pdf');
    fs.writeFileSync(file, result.pdf);
    const text = pageTexts(file).join('\n');
    expect(text).toContain('Styled.');
    expect(text).not.toContain('PWNED');
    expect(requests).toEqual([]);
  });

  it('decides requests: project files only, remote only when allowed', () => {
    const o = PRINT_PAGE_ORIGIN;
    expect(requestDecision(`${o}/`, ROOT, false)).toEqual({ action: 'page' });
    expect(requestDecision(`${o}/manuscript/fading-color.md`, ROOT, false)).toEqual({
      action: 'file',
      file: path.join(ROOT, 'manuscript', 'fading-color.md'),
    });
    expect(requestDecision(`${o}/../../etc/passwd`, ROOT, false).action).not.toBe('file');
    expect(requestDecision(`${o}/%2e%2e/%2e%2e/etc/passwd`, ROOT, false)).toEqual({ action: 'not-found' });
    expect(requestDecision('file:///etc/passwd', ROOT, true)).toEqual({ action: 'abort' });
    expect(requestDecision('https://example.com/a.png', ROOT, false)).toEqual({ action: 'abort' });
    expect(requestDecision('https://example.com/a.png', ROOT, true)).toEqual({ action: 'continue' });
    expect(requestDecision('data:image/png;base64,AAAA', ROOT, false)).toEqual({ action: 'continue' });
    // The page's own scripts, by name only.
    expect(requestDecision(`${o}/.pamphleteer-scripts/paged.js`, ROOT, false)).toEqual({
      action: 'script',
      name: 'paged.js',
    });
    for (const name of ['other.js', '..%2Fpackage.json', '%2e%2e/%2e%2e/etc/passwd', ''])
      expect(requestDecision(`${o}/.pamphleteer-scripts/${name}`, ROOT, false)).toEqual({ action: 'not-found' });
  });
});
