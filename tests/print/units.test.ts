// Pure parts: browser discovery order, page geometry, hyphenation, HTML assembly.
import type { Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { leafBlocks } from '../../src/book/blocks.js';
import { loadBook } from '../../src/book/load-book.js';
import { configSchema } from '../../src/config/schema.js';
import {
  browserCandidates,
  launchBrowser,
  needsNoSandbox,
  type DiscoveryContext,
} from '../../src/render/print/browser.js';
import { hyphenatorFor, patternNameFor } from '../../src/render/print/hyphenate.js';
import { printHtml } from '../../src/render/print/index.js';
import { runningHead } from '../../src/render/print/html.js';
import { pageGeometry, pageSize } from '../../src/render/print/page-setup.js';
import { UserError } from '../../src/util/user-error.js';
import { REPO } from '../helpers/seed.js';

/** The repository (tests run from any clone, e.g. CI's). */
const ROOT = REPO;

const ctx = (over: Partial<DiscoveryContext> & { files?: string[] }): DiscoveryContext => ({
  env: {},
  platform: 'linux',
  arch: 'x64',
  exists: (f) => (over.files ?? []).includes(f),
  ...over,
});

describe('browser discovery', () => {
  it('puts config, then PAMPHLETEER_BROWSER, then PUPPETEER_EXECUTABLE_PATH first, even when missing', () => {
    const list = browserCandidates(
      ctx({
        executablePath: '/opt/c',
        env: { PAMPHLETEER_BROWSER: '/opt/p', PUPPETEER_EXECUTABLE_PATH: '/opt/u' },
        files: ['/usr/bin/chromium'],
      }),
    );
    expect(list.map((c) => c.source)).toEqual([
      'config',
      'PAMPHLETEER_BROWSER',
      'PUPPETEER_EXECUTABLE_PATH',
      'installed',
      '@sparticuz/chromium',
    ]);
    expect(list.slice(0, 3).map((c) => ('path' in c ? c.path : ''))).toEqual(['/opt/c', '/opt/p', '/opt/u']);
  });

  it('finds installed browsers in order on Linux (the headless shell first), then the bundled Chromium', () => {
    const list = browserCandidates(
      ctx({
        env: { PATH: '/home/u/bin:/usr/bin' },
        files: [
          '/usr/bin/google-chrome',
          '/home/u/bin/chromium-browser',
          '/usr/bin/chromium',
          '/usr/bin/chromium-headless-shell',
        ],
      }),
    );
    expect(list).toEqual([
      { source: 'installed', path: '/usr/bin/chromium-headless-shell' },
      { source: 'installed', path: '/usr/bin/chromium' },
      { source: 'installed', path: '/home/u/bin/chromium-browser' },
      { source: 'installed', path: '/usr/bin/google-chrome' },
      { source: '@sparticuz/chromium' },
    ]);
  });

  it('knows the macOS and Windows locations, and ships no browser there', () => {
    const mac = browserCandidates(
      ctx({
        platform: 'darwin',
        arch: 'arm64',
        files: ['/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'],
      }),
    );
    expect(mac).toEqual([
      { source: 'installed', path: '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge' },
    ]);
    const exe = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    const win = browserCandidates(ctx({ platform: 'win32', env: { PROGRAMFILES: 'C:\\Program Files' }, files: [exe] }));
    expect(win).toEqual([{ source: 'installed', path: exe }]);
    expect(browserCandidates(ctx({ platform: 'darwin' }))).toEqual([]);
  });

  it('drops the sandbox only as root or in a container', () => {
    expect(needsNoSandbox({ uid: 0, inContainer: false })).toBe(true);
    expect(needsNoSandbox({ uid: 1000, inContainer: true })).toBe(true);
    expect(needsNoSandbox({ uid: 1000, inContainer: false })).toBe(false);
  });

  it('reports a configured browser that does not exist as a UserError with exit code 2', async () => {
    const err = await launchBrowser({ executablePath: '/nonexistent/chrome' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).exitCode).toBe(2);
    expect((err as UserError).message).toContain('/nonexistent/chrome');
  });

  it('really launches a browser and closes it', async () => {
    const browser = await launchBrowser({});
    try {
      expect(browser.executablePath).toBeTruthy();
      expect(await browser.browser.version()).toMatch(/Chrom/);
    } finally {
      await browser.close();
    }
  });

  it('says when its process has started, lays out in its blank first tab, then in new tabs, and is gone after close', async () => {
    let started = false;
    const launching = launchBrowser({ onStarted: () => (started = true) });
    const browser = await launching;
    try {
      expect(started).toBe(true);
      const first = await browser.newPage();
      expect(first.url()).toBe('about:blank');
      expect(await browser.browser.pages()).toHaveLength(1);
      const second = await browser.newPage();
      expect(second).not.toBe(first);
      expect(await browser.browser.pages()).toHaveLength(2);
    } finally {
      await browser.close();
    }
    expect(browser.browser.connected).toBe(false);
  });
});

describe('page geometry', () => {
  it('defaults to half-letter, A5 on A4 paper, and reads custom sizes', () => {
    expect(pageSize({ paper: 'letter' })).toEqual({ width: '5.5in', height: '8.5in' });
    expect(pageSize({ paper: 'a4' })).toEqual({ width: '148mm', height: '210mm' });
    expect(pageSize({ paper: 'letter', pageSize: 'quarter-letter' })).toEqual({ width: '4.25in', height: '5.5in' });
    expect(pageSize({ paper: 'letter', pageSize: '140x216mm' })).toEqual({ width: '140mm', height: '216mm' });
    const g = pageGeometry(configSchema.parse({ print: { margins: { inside: '20mm' } } }).print);
    expect(g.widthPt).toBe(396);
    expect(g.margins.inside).toBe('20mm');
    expect(parseFloat(g.margins.outside)).toBeGreaterThan(0);
  });
});

describe('hyphenation', () => {
  it('picks patterns by language and skips unknown languages', () => {
    expect(patternNameFor('en')).toBe('en-us');
    expect(patternNameFor('en-GB')).toBe('en-gb');
    expect(patternNameFor('de-DE')).toBe('de-1996');
    expect(patternNameFor('fr-CA')).toBe('fr');
    expect(patternNameFor('xx')).toBeUndefined();
    expect(hyphenatorFor('en')!('international')).toContain('\u00AD');
  });
});

describe('print HTML before layout', () => {
  const config = configSchema.parse({});
  const { book } = loadBook(ROOT, config);
  const html = printHtml(book, config.print);

  it('tags every leaf block of every chapter and keeps no note placeholder', () => {
    for (const chapter of book.chapters) {
      const count = leafBlocks(chapter.tree as Root).length;
      expect(html).toContain(`data-block="${chapter.id}/${count - 1}"`);
      expect(html).not.toContain(`data-block="${chapter.id}/${count}"`);
    }
    expect(html).not.toContain('pamphleteer-noteref');
    expect(html.match(/class="footnote note-\d+"/g)).toHaveLength(14);
  });

  it('is self-contained: fonts inline, no script, hyphenated by the pipeline', () => {
    expect(html).toContain('data:font/woff2;base64,');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('\u00AD');
    const unknown = printHtml({ ...book, metadata: { ...book.metadata, lang: 'xx' } }, config.print);
    expect(unknown).not.toContain('\u00AD');
    const off = printHtml(book, { ...config.print, hyphenate: false });
    expect(off).not.toContain('\u00AD');
  });

  it('shortens running heads at the colon', () => {
    expect(runningHead('Convergence into Populism: From Mass Movement to “Our Movement”')).toBe(
      'Convergence into Populism',
    );
  });
});
