/**
 * Catalogue thumbnails drawn in child processes (templates/raster-pool.ts): the same bytes as a
 * drawing in the build's own process (resvg, the bundled fonts), a bad cover a one-line error that
 * leaves the site as it was, and a child replaced after its share of drawings.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCatalogue, type CatalogueEntry } from '../../src/catalogue/index.js';
import { directionOf } from '../../src/language/index.js';
import { RasterPool } from '../../src/templates/raster-pool.js';
import { rasterizeSvg, renderCoverSvg } from '../../src/templates/typographic-cover.js';
import { UserError } from '../../src/util/user-error.js';
import { RECORD_FORMAT, type TitleRecord } from '../../src/util/title-record-format.js';
import { seededRandom } from '../helpers/random.js';

const WIDTH = 360;
const COVER_PNG = path.resolve('tests/fixtures/epub-cover/manuscript/cover.png');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-thumbnails-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Titles in several scripts and lengths, from a seeded generator. */
const TITLES = (() => {
  const rand = seededRandom(19);
  const words = ['Rent', 'strike', 'Grève', 'des', 'loyers', 'إضراب', 'الإيجار', 'שביתה', '罢工', 'Miete', 'Ünion'];
  return Array.from(
    { length: 6 },
    (_, i) =>
      Array.from({ length: 1 + Math.floor(rand() * 7) }, () => words[Math.floor(rand() * words.length)]).join(' ') +
      ` ${i}`,
  );
})();

function record(slug: string, title: string, lang: string, withEpub: boolean): TitleRecord {
  return {
    format: RECORD_FORMAT,
    generator: 'pamphleteer test',
    inputHash: slug.padStart(64, '0'),
    inputs: [],
    slug,
    title,
    authors: ['Zoé D’Arc', 'A. Writer'],
    lang,
    publisher: 'Test Distro',
    keywords: [],
    identifier: `urn:test:${slug}`,
    updated: '2026-01-01T00:00:00Z',
    book: { chapters: 1, notes: 0, words: 10 },
    outputs: withEpub
      ? [{ kind: 'epub', file: `${slug}.epub`, bytes: 0 }]
      : [{ kind: 'pdf', file: `${slug}.pdf`, bytes: 0, pages: 4 }],
    cover: withEpub ? { epubEntry: 'OEBPS/cover.png', mediaType: 'image/png' } : undefined,
  };
}

/** A title's output folder as a build leaves it: its record, and an EPUB holding `cover` or a PDF. */
async function titleFolder(slug: string, title: string, lang: string, cover?: Uint8Array | 'not a zip') {
  const dir = path.join(work, 'titles', slug);
  fs.mkdirSync(dir, { recursive: true });
  const r = record(slug, title, lang, cover !== undefined);
  let bytes: Uint8Array;
  if (cover === 'not a zip') bytes = Buffer.from('this is not an EPUB');
  else if (cover) {
    const zip = new JSZip();
    zip.file('mimetype', 'application/epub+zip');
    zip.file('OEBPS/cover.png', cover);
    bytes = await zip.generateAsync({ type: 'uint8array' });
  } else bytes = Buffer.from('%PDF-1.7\n');
  r.outputs[0].bytes = bytes.byteLength;
  fs.writeFileSync(path.join(dir, r.outputs[0].file), bytes);
  fs.writeFileSync(path.join(dir, `${slug}.json`), JSON.stringify(r));
  return { record: r, dir } satisfies CatalogueEntry;
}

/** The thumbnail as the catalogue drew it in its own process: the typographic cover or the EPUB's image. */
function typographicSvg(r: TitleRecord): string {
  return renderCoverSvg(
    { ...r, dir: directionOf(r.lang), rights: '', dateISO: '', cover: undefined } as never,
    'classic',
  );
}
function imageSvg(png: Uint8Array): string {
  const h = WIDTH * 1.5;
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ' +
    `width="${WIDTH}" height="${h}"><image width="${WIDTH}" height="${h}" ` +
    `preserveAspectRatio="xMidYMid slice" xlink:href="data:image/png;base64,${Buffer.from(png).toString('base64')}"/></svg>`
  );
}

describe('catalogue thumbnails', () => {
  it('are the bytes a drawing in this process makes, for covers in several scripts and cover images', async () => {
    const langs = ['en', 'fr', 'ar', 'he', 'zh', 'de'];
    const cover = fs.readFileSync(COVER_PNG);
    const entries = await Promise.all(
      TITLES.map((title, i) => titleFolder(`t${i}`, title, langs[i], i % 3 === 2 ? cover : undefined)),
    );
    const site = path.join(work, 'site');
    await writeCatalogue(site, entries);
    for (const { record: r } of entries) {
      const expected = r.cover
        ? await rasterizeSvg(imageSvg(cover), WIDTH)
        : await rasterizeSvg(typographicSvg(r), WIDTH);
      const drawn = fs.readFileSync(path.join(site, 'covers', `${r.slug}.png`));
      expect(drawn.equals(Buffer.from(expected)), r.title).toBe(true);
    }
  }, 120_000);

  it('a cover that cannot be read is one line naming its EPUB, and the site is left as it was', async () => {
    const good = await titleFolder('good', 'A good title', 'en');
    const site = path.join(work, 'site-bad');
    await writeCatalogue(site, [good]);
    const before = listFiles(site);
    const bad = await titleFolder('bad', 'A broken EPUB', 'en', 'not a zip');
    const error = await writeCatalogue(site, [good, bad]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    const message = (error as Error).message;
    expect(message).toContain(path.join(bad.dir, 'bad.epub'));
    expect(message).toContain('build the title again');
    expect(message.split('\n')).toHaveLength(1);
    expect(listFiles(site)).toEqual(before);
  }, 120_000);

  it('a picture resvg cannot parse fails that drawing only; the pool draws on', async () => {
    const pool = new RasterPool(2, 3);
    try {
      const drawn = await Promise.allSettled([
        pool.draw('<svg xmlns="http://www.w3.org/2000/svg"', WIDTH),
        pool.draw(imageSvg(fs.readFileSync(COVER_PNG)), WIDTH),
      ]);
      expect(drawn[0].status).toBe('rejected');
      expect(String((drawn[0] as PromiseRejectedResult).reason.message)).toMatch(/^could not draw the picture: /);
      expect(drawn[1].status).toBe('fulfilled');
    } finally {
      pool.close();
    }
  }, 60_000);

  it('replaces a child after its share of drawings, every drawing still the same bytes', async () => {
    const pool = new RasterPool(2, 2);
    const svgs = TITLES.map((title) => typographicSvg(record('x', title, 'en', false)));
    try {
      const drawn = await Promise.all(svgs.map((svg) => pool.draw(svg, WIDTH)));
      // Six drawings, two per child: three children at least.
      expect(pool.processesStarted).toBeGreaterThanOrEqual(3);
      for (const [i, svg] of svgs.entries())
        expect(Buffer.from(drawn[i]).equals(Buffer.from(await rasterizeSvg(svg, WIDTH)))).toBe(true);
    } finally {
      pool.close();
    }
  }, 120_000);
});

function listFiles(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) {
      const file = path.join(e.parentPath, e.name);
      out[path.relative(dir, file)] = fs.statSync(file).mtimeMs;
    }
  return out;
}
