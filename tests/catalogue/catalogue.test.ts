/**
 * The catalogue build, through the real command: `build titles/` (the catalogue build) writes every
 * title, the site and the OPDS feed; a second build does nothing; shards join into the same site.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DOMParser, type Element as DomElement } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type PrintBrowser } from '../../src/render/print/browser.js';
import { pamphleteer, type RunResult } from '../cli/helpers.js';
import { aceFindings, findChromium } from '../epub/ace.js';
import { epubcheck } from '../epub/helpers.js';
import { pageTexts } from '../print/pdf-text.js';
import { listTree, makeShelf, TRICKY_SHOWN, type Shelf } from './titles.js';
import { drawThumbnail } from '../../src/templates/thumbnail.js';
import { RasterPool } from '../../src/templates/raster-pool.js';
import type { TitleRecord } from '../../src/util/title-record-format.js';

const ENV = { SOURCE_DATE_EPOCH: '1700000000' };
/** Several whole builds, or EPUBCheck on three books, in one test: more time than one build gets. */
const LONG = 900_000;
const ATOM = 'http://www.w3.org/2005/Atom';

interface ProjectJson {
  root: string;
  ok: boolean;
  slug: string;
  outDir: string;
  steps: Record<string, number>;
  outputs: { kind: string; path: string; pages?: number }[];
}
const projectsOf = (r: RunResult): ProjectJson[] => JSON.parse(r.stdout).projects;
const hash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

let shelf: Shelf;
let first: RunResult;
let site: string;

beforeAll(async () => {
  shelf = makeShelf();
  first = await pamphleteer(['build', '--all', shelf.dir, '--json'], { env: ENV });
  site = path.join(shelf.dir, 'site');
}, LONG);

describe('a catalogue build', () => {
  it('builds every title and writes the site and the feed', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(projectsOf(first).map((p) => path.basename(p.root))).toEqual(shelf.names);
    expect(projectsOf(first).every((p) => p.ok && 'pdf' in p.steps)).toBe(true);
    for (const f of ['index.html', 'opds.xml', 'style.css']) expect(fs.existsSync(path.join(site, f)), f).toBe(true);
    // Beside each title's outputs: its record, for incremental builds and `pamphleteer catalogue`.
    for (const p of projectsOf(first))
      expect(JSON.parse(fs.readFileSync(path.join(p.outDir, `${p.slug}.json`), 'utf8')).format).toBe(
        'pamphleteer-title/1',
      );
  });

  it("each title's build drew its thumbnail, the site's drawing of it to the byte; the site copied it", async () => {
    const pool = new RasterPool();
    try {
      const drawn: string[] = [];
      for (const p of projectsOf(first)) {
        const record: TitleRecord = JSON.parse(fs.readFileSync(path.join(p.outDir, `${p.slug}.json`), 'utf8'));
        expect(record.thumbnail?.file).toBe(`${p.slug}-thumbnail.png`);
        const file = path.join(p.outDir, record.thumbnail!.file);
        expect(fs.statSync(file).size).toBe(record.thumbnail!.bytes);
        const epub = path.join(p.outDir, `${p.slug}.epub`);
        const bySite = await drawThumbnail(record, { bytes: fs.readFileSync(epub), file: epub }, pool);
        expect(fs.readFileSync(file).equals(Buffer.from(bySite)), p.slug).toBe(true);
        drawn.push(hash(file));
      }
      const covers = fs.readdirSync(path.join(site, 'covers')).map((f) => hash(path.join(site, 'covers', f)));
      expect(covers.sort()).toEqual(drawn.sort());
    } finally {
      pool.close();
    }
  });

  it('print PDFs open on a front cover and end on the back cover, a multiple of 4 pages', () => {
    for (const p of projectsOf(first)) {
      const pdf = p.outputs.find((o) => o.kind === 'pdf')!;
      const pages = pageTexts(pdf.path);
      expect(pages.length % 4, p.slug).toBe(0);
      const images = execFileSync('pdfimages', ['-list', '-f', '1', '-l', '1', pdf.path], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .filter(Boolean);
      if (p.slug === 'rent-strike-handbook') {
        // The cover image fills page 1; no text on it.
        expect(images.length).toBeGreaterThan(0);
        expect(pages[0].trim()).toBe('');
      } else {
        // The typographic cover: the title set in the bundled font, before the title page (page 3).
        expect(pages[0].replace(/\s+/g, ' ')).toMatch(/Fading Color|Sabotage/);
        expect(pages[1].trim()).toBe('');
      }
      const back = pages.at(-1)!.replace(/\s+/g, ' ');
      if (p.slug === 'rent-strike-handbook') expect(back).toContain('How to organize a rent strike in your building');
    }
    const sabotage = projectsOf(first).find((p) => p.slug.startsWith('sabotage'))!;
    const back = pageTexts(sabotage.outputs.find((o) => o.kind === 'pdf')!.path)
      .at(-1)!
      .replace(/\s+/g, ' ');
    expect(back).toContain('imprimez, copiez, partagez');
    expect(back).toContain('https://example.org/zines?id=1&lang=fr');
    expect(back).toContain('Notes from the picket line, with <em>markup</em> & ampersands');
  });

  it(
    'EPUBs carry a raster cover marked cover-image and pass EPUBCheck with no message',
    async () => {
      for (const p of projectsOf(first)) {
        const epub = p.outputs.find((o) => o.kind === 'epub')!.path;
        const zip = await JSZip.loadAsync(fs.readFileSync(epub));
        const opf = new DOMParser().parseFromString(
          await zip.file('OEBPS/content.opf')!.async('string'),
          'application/xml',
        );
        const cover = Array.from(opf.getElementsByTagName('item')).find(
          (i) => (i as DomElement).getAttribute('properties') === 'cover-image',
        ) as DomElement;
        expect(['image/png', 'image/jpeg']).toContain(cover.getAttribute('media-type'));
        const bytes = await zip.file(`OEBPS/${cover.getAttribute('href')}`)!.async('nodebuffer');
        expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
        const result = await epubcheck(epub);
        expect(result.messages, p.slug).toEqual([]);
        expect([result.fatals, result.errors, result.warnings]).toEqual([0, 0, 0]);
      }
    },
    LONG,
  );

  it(
    'the generated cover with markup in its metadata passes Ace',
    async () => {
      const sabotage = projectsOf(first).find((p) => p.slug.startsWith('sabotage'))!;
      const findings = await aceFindings(sabotage.outputs.find((o) => o.kind === 'epub')!.path, findChromium()!);
      expect(findings).toEqual([]);
    },
    LONG,
  );
});

describe('the catalogue site in a real browser', () => {
  let browser: PrintBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('every link and image of every page resolves to a file of the site; metadata shows as text', async () => {
    const page = await browser.browser.newPage();
    const visited = new Set<string>();
    const queue = [path.join(site, 'index.html')];
    const targets = new Set<string>();
    try {
      while (queue.length) {
        const file = queue.shift()!;
        if (visited.has(file)) continue;
        visited.add(file);
        const response = await page.goto(`file://${file}`, { waitUntil: 'load' });
        expect(response?.ok() ?? true, file).toBe(true);
        // The index's thumbnails load lazily (a catalogue may hold hundreds), and a lazy image may
        // still be loading at the load event: ask for each one now and wait until it is decoded.
        await page.evaluate(() =>
          Promise.all(
            Array.from(document.images).map((img) => {
              img.loading = 'eager';
              return img.decode().catch(() => undefined);
            }),
          ),
        );
        const found = await page.evaluate(() => ({
          links: Array.from(document.querySelectorAll<HTMLAnchorElement | HTMLLinkElement>('a[href], link[href]')).map(
            (a) => a.href,
          ),
          images: Array.from(document.querySelectorAll('img')).map((img) => ({
            src: img.src,
            loaded: img.complete && img.naturalWidth > 0,
          })),
          scripts: document.querySelectorAll('script').length,
          // biome-ignore lint/performance/useDomNodeTextContent: the text a reader sees, hidden elements left out.
          text: document.body.innerText,
        }));
        expect(found.scripts, file).toBe(0);
        for (const img of found.images) expect(img.loaded, img.src).toBe(true);
        for (const href of [...found.links, ...found.images.map((i) => i.src)]) {
          const url = new URL(href);
          expect(url.protocol, `${file}: ${href} is not a relative link`).toBe('file:');
          const target = decodeURIComponent(url.pathname);
          expect(target.startsWith(site + path.sep), `${file}: ${href} leaves the site`).toBe(true);
          expect(fs.existsSync(target), `${file}: ${href}`).toBe(true);
          targets.add(target);
          if (target.endsWith('.html')) queue.push(target);
        }
        if (file.endsWith('index.html')) {
          expect(found.text).toContain(TRICKY_SHOWN.title);
          expect(found.text).toContain(TRICKY_SHOWN.authors.join(', '));
          expect(found.text).toContain(TRICKY_SHOWN.description);
          expect(found.text).toContain('French');
        }
      }
    } finally {
      await page.close();
    }
    // The index and one page per title; every title's EPUB, PDF and zine is linked.
    expect(visited.size).toBe(1 + shelf.names.length);
    expect([...targets].filter((t) => /\.(epub|pdf)$/.test(t))).toHaveLength(3 * shelf.names.length);
  });
});

describe('the OPDS feed', () => {
  it('is well-formed Atom whose every link, in every feed it reaches, leads to a file with the right type', () => {
    const seen = new Set<string>();
    const queue = [path.join(site, 'opds.xml')];
    let acquisitions = 0;
    while (queue.length) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const errors: string[] = [];
      const doc = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) }).parseFromString(
        fs.readFileSync(file, 'utf8'),
        'application/xml',
      );
      expect(errors, file).toEqual([]);
      expect([doc.documentElement!.namespaceURI, doc.documentElement!.localName]).toEqual([ATOM, 'feed']);
      for (const link of Array.from(doc.getElementsByTagNameNS(ATOM, 'link')) as DomElement[]) {
        const target = path.resolve(path.dirname(file), decodeURIComponent(link.getAttribute('href')!));
        expect(fs.existsSync(target), `${file}: ${link.getAttribute('href')}`).toBe(true);
        const type = link.getAttribute('type')!;
        if (type.startsWith('application/atom+xml')) queue.push(target);
        if (link.getAttribute('rel')!.startsWith('http://opds-spec.org/acquisition')) {
          acquisitions++;
          expect(type).toBe(target.endsWith('.epub') ? 'application/epub+zip' : 'application/pdf');
          expect(Number(link.getAttribute('length'))).toBe(fs.statSync(target).size);
        }
      }
    }
    // The root feed, one feed per author and per language, and the two navigation feeds.
    expect(seen.size).toBe(1 + 4 + 2 + 2);
    const root = new DOMParser().parseFromString(
      fs.readFileSync(path.join(site, 'opds.xml'), 'utf8'),
      'application/xml',
    );
    const entries = Array.from(root.getElementsByTagNameNS(ATOM, 'entry')) as DomElement[];
    expect(entries).toHaveLength(3);
    const titles = entries.map((e) => e.getElementsByTagNameNS(ATOM, 'title')[0].textContent);
    expect(titles).toContain(TRICKY_SHOWN.title);
    expect(acquisitions).toBeGreaterThanOrEqual(9);
  });
});

describe('sharded builds', () => {
  it(
    '--shard 1/2 and 2/2 build disjoint parts whose union is the catalogue; `pamphleteer catalogue` joins them into the same site',
    async () => {
      const copy = makeShelf();
      const one = await pamphleteer(['build', '--all', copy.dir, '--json', '--shard', '1/2'], { env: ENV });
      const two = await pamphleteer(['build', '--all', copy.dir, '--json', '--shard', '2/2'], { env: ENV });
      expect(one.code, one.stderr).toBe(0);
      expect(two.code, two.stderr).toBe(0);
      const a = projectsOf(one).map((p) => path.basename(p.root));
      const b = projectsOf(two).map((p) => path.basename(p.root));
      expect(a.filter((n) => b.includes(n))).toEqual([]);
      expect([...a, ...b].sort()).toEqual(shelf.names);
      // A shard alone writes no site: it has only part of the catalogue.
      expect(fs.existsSync(path.join(copy.dir, 'site'))).toBe(false);

      const joined = path.join(path.dirname(copy.dir), 'joined');
      const result = await pamphleteer(['catalogue', copy.dir, '-o', joined]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/Catalogue of 3 titles/);
      // The same site as the single build: every page, feed and cover byte for byte; the same
      // downloads with the same sizes (Chromium's PDFs differ in a few ID bytes from run to run).
      expect(listTree(joined)).toEqual(listTree(site));
      for (const f of listTree(site)) {
        if (f.startsWith('files/'))
          expect(fs.statSync(path.join(joined, f)).size, f).toBe(fs.statSync(path.join(site, f)).size);
        else expect(hash(path.join(joined, f)), f).toBe(hash(path.join(site, f)));
      }
    },
    LONG,
  );

  it('rejects a malformed --shard with the allowed form', async () => {
    const result = await pamphleteer(['build', '--all', shelf.dir, '--shard', '3/2']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--shard 3\/2: give K\/N/);
  });
});

describe('incremental builds', () => {
  it('a second build with nothing changed lays out nothing and launches no browser', async () => {
    const outputs = projectsOf(first).flatMap((p) => p.outputs.map((o) => o.path));
    const before = outputs.map((f) => [f, fs.statSync(f).mtimeMs, hash(f)]);
    // No browser can be found: the build would fail with exit code 2 if it needed one.
    const again = await pamphleteer(['build', '--all', shelf.dir, '--json', '--browser', '/nonexistent/chromium'], {
      env: ENV,
    });
    expect(again.code, again.stderr).toBe(0);
    expect(projectsOf(again).map((p) => p.steps)).toEqual([{}, {}, {}]);
    expect(outputs.map((f) => [f, fs.statSync(f).mtimeMs, hash(f)])).toEqual(before);
  });

  it(
    'rebuilds only the title whose manuscript changed; --force rebuilds all',
    async () => {
      const leafletMd = path.join(shelf.dir, 'leaflet/manuscript/leaflet.md');
      const original = fs.readFileSync(leafletMd, 'utf8');
      fs.writeFileSync(leafletMd, original.replace('Keep a list.', 'Keep a list of every flat.'));
      try {
        const changed = await pamphleteer(['build', '--all', shelf.dir, '--json', '--only', 'epub'], { env: ENV });
        expect(changed.code, changed.stderr).toBe(0);
        // --only changes the settings of every title: all three are made again, EPUB only.
        expect(projectsOf(changed).map((p) => Object.keys(p.steps).includes('epub'))).toEqual([true, true, true]);
        fs.writeFileSync(leafletMd, original);
        const one = await pamphleteer(['build', '--all', shelf.dir, '--json', '--only', 'epub'], { env: ENV });
        expect(projectsOf(one).map((p) => Object.keys(p.steps).length > 0)).toEqual([false, true, false]);
        const forced = await pamphleteer(['build', '--all', shelf.dir, '--json', '--only', 'epub', '--force'], {
          env: ENV,
        });
        expect(projectsOf(forced).map((p) => Object.keys(p.steps).length > 0)).toEqual([true, true, true]);
      } finally {
        fs.writeFileSync(leafletMd, original);
      }
    },
    LONG,
  );
});
