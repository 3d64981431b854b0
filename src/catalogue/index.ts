/**
 * The catalogue of a distro's titles: a static site (index.html, one page per title, cover
 * thumbnails, the EPUB, PDF and zine to download) and an OPDS 1.2 feed for reading apps. It is made
 * from the title records beside each title's outputs only (title-record.ts), so the outputs of
 * several shards, built on different machines, join into one catalogue. Every link is relative:
 * the folder works opened from disk and on any static host, with no script.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';
import { slug as slugify } from 'github-slugger';
import { StagedWrite } from '../util/staged-write.js';
import { RasterPool } from '../templates/raster-pool.js';
import { drawThumbnail, THUMBNAIL_WIDTH } from '../templates/thumbnail.js';
import { STYLES_DIR, TEMPLATES_DIR } from '../templates/render.js';
import { UserError } from '../util/user-error.js';
import { cacheKey, flushCache, readCached, writeCached } from '../util/content-cache.js';
import { withoutNonXmlCharacters } from '../util/xml-characters.js';
import { readRecord, recordPath, type RecordedOutput, type TitleRecord } from '../util/title-record-format.js';

export type { TitleRecord } from '../util/title-record-format.js';

/** A title record and the folder it was found in (where its output files are). */
export interface CatalogueEntry {
  record: TitleRecord;
  dir: string;
}

const MEDIA_TYPES: Record<RecordedOutput['kind'], string> = {
  epub: 'application/epub+zip',
  pdf: 'application/pdf',
  zine: 'application/pdf',
};
const KIND_LABELS: Record<RecordedOutput['kind'], string> = { epub: 'EPUB', pdf: 'PDF', zine: 'Zine (print and fold)' };
const OPDS_ACQUISITION = 'application/atom+xml;profile=opds-catalog;kind=acquisition';
const OPDS_NAVIGATION = 'application/atom+xml;profile=opds-catalog;kind=navigation';
/** Thumbnails prepared at once (each may hold its EPUB unpacked); the pool bounds the drawing itself. */
const THUMBNAILS_AT_ONCE = 4;
const KIND_ORDER: RecordedOutput['kind'][] = ['epub', 'pdf', 'zine'];

/** One title as the site shows it: its record, its unique name in the site, and its files there. */
interface SiteTitle {
  record: TitleRecord;
  /** Unique among the site's titles (two titles with the same slug get -2, -3…). */
  name: string;
  files: {
    kind: RecordedOutput['kind'];
    label: string;
    href: string;
    mediaType: string;
    bytes: number;
    size: string;
    pages?: number;
    sheets?: number;
  }[];
  cover: string;
  language: string;
  source: { dir: string; outputs: RecordedOutput[]; coverEntry?: string };
}

interface CatalogueResult {
  dir: string;
  titles: number;
}

/**
 * Finds the title records under the given folders (recursively; node_modules and hidden folders
 * skipped), for `pamphleteer catalogue DIR…`. The site's own folder is skipped.
 */
export function findCatalogueEntries(dirs: string[], exclude?: string): CatalogueEntry[] {
  const entries: CatalogueEntry[] = [];
  const skip = exclude ? path.resolve(exclude) : undefined;
  const walk = (dir: string) => {
    if (dir === skip) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.json')) {
        const record = readRecord(p);
        if (record && `${record.slug}.json` === e.name) entries.push({ record, dir });
      }
    }
  };
  for (const dir of dirs) {
    const abs = path.resolve(dir);
    if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) throw new UserError(`${dir}: no such folder.`);
    walk(abs);
  }
  // The same build found twice (a folder named twice, or inside another named one) is listed once.
  const seen = new Set<string>();
  return entries.filter(({ record, dir }) => {
    const key = `${record.identifier}\n${record.inputHash}\n${record.slug}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return fs.existsSync(dir);
  });
}

/** Writes the site and the feed into `outDir`: index.html, titles/, covers/, files/, opds.xml, opds/, style.css. */
export async function writeCatalogue(
  outDir: string,
  entries: CatalogueEntry[],
  options: { title?: string } = {},
): Promise<CatalogueResult> {
  const titles = siteTitles(entries);
  const { siteTitle, updated } = siteHeading(titles, options.title);

  // The site's parent folder keeps drawn thumbnails by content (util/content-cache.ts): a site made
  // afresh, or a title renamed, draws only the covers that changed. A few are drawn at a time, in
  // child processes that are replaced after a number of drawings (templates/raster-pool.ts), so memory
  // stays bounded however many titles there are.
  const cacheRoot = path.dirname(path.resolve(outDir));
  const pool = new RasterPool();
  let covers: Uint8Array[];
  try {
    covers = await mapBounded(
      titles,
      THUMBNAILS_AT_ONCE,
      async (t) => builtThumbnail(t) ?? currentThumbnail(outDir, t) ?? (await cachedThumbnail(cacheRoot, t, pool)),
    );
  } finally {
    pool.close();
  }
  const pages = new Map<string, string | Uint8Array>();
  pages.set('style.css', fs.readFileSync(path.join(STYLES_DIR, 'catalogue.css'), 'utf8'));
  pages.set('index.html', render('index.html.ejs', { siteTitle, titles, feed: 'opds.xml' }));
  for (const [i, t] of titles.entries()) {
    pages.set(t.cover, covers[i]);
    pages.set(`titles/${t.name}.html`, render('title.html.ejs', { siteTitle, t, base: '../' }));
  }
  for (const [file, xml] of opdsFeeds(titles, siteTitle, updated)) pages.set(file, xml);

  const copies = titles.flatMap((t) =>
    t.files.map((f, i) => ({ from: path.join(t.source.dir, t.source.outputs[i].file), to: f.href })),
  );
  for (const c of copies)
    if (!fs.existsSync(c.from))
      throw new UserError(`${c.from}: listed in its title record but missing; build the title again.`);

  const wanted = new Set([...pages.keys(), ...copies.map((c) => c.to)]);
  const changed: { target: string; bytes?: string | Uint8Array; copyOf?: string }[] = [];
  for (const [file, content] of pages) {
    const target = path.join(outDir, file);
    // Unchanged files keep their content and are not rewritten, so a static host's sync uploads
    // only what changed; a thumbnail drawn again the same is marked current (currentThumbnail).
    if (fs.existsSync(target) && Buffer.from(fs.readFileSync(target)).equals(Buffer.from(content))) {
      if (file.startsWith('covers/')) fs.utimesSync(target, new Date(), new Date());
      continue;
    }
    changed.push({ target, bytes: content });
  }
  for (const c of copies) {
    const target = path.join(outDir, c.to);
    if (!sameFile(c.from, target)) changed.push({ target, copyOf: c.from });
  }
  await StagedWrite.writeMany(changed);
  removeStale(outDir, wanted);
  flushCache(cacheRoot);
  return { dir: outDir, titles: titles.length };
}

/** The site's name (the one publisher's, else "Catalogue") and the time of its newest title. */
function siteHeading(titles: SiteTitle[], title: string | undefined): { siteTitle: string; updated: string } {
  const publishers = [...new Set(titles.map((t) => t.record.publisher).filter(Boolean))];
  const siteTitle = title ?? (publishers.length === 1 ? `${publishers[0]}: catalogue` : 'Catalogue');
  const updated =
    titles
      .map((t) => t.record.updated)
      .sort()
      .at(-1) ?? '1980-01-01T00:00:00Z';
  return { siteTitle, updated };
}

/** The OPDS feeds of a catalogue, by file name in the site (what writeCatalogue writes; reads no file). */
export function catalogueFeeds(entries: CatalogueEntry[], options: { title?: string } = {}): Map<string, string> {
  const titles = siteTitles(entries);
  const { siteTitle, updated } = siteHeading(titles, options.title);
  return new Map(opdsFeeds(titles, siteTitle, updated));
}

function siteTitles(entries: CatalogueEntry[]): SiteTitle[] {
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  const sorted = [...entries].sort(
    (a, b) =>
      collator.compare(a.record.title, b.record.title) ||
      a.record.slug.localeCompare(b.record.slug) ||
      a.record.identifier.localeCompare(b.record.identifier) ||
      a.dir.localeCompare(b.dir),
  );
  const taken = new Set<string>();
  return sorted.map(({ record, dir }) => {
    const base = asciiName(record.slug) || 'title';
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    // EPUB first: what most readers want; then the print PDF and the zine.
    const outputs = record.outputs
      .filter((o) => o.kind in MEDIA_TYPES)
      .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
    return {
      record,
      name,
      files: outputs.map((o) => {
        const suffix = o.file.startsWith(record.slug) ? o.file.slice(record.slug.length) : `-${o.file}`;
        return {
          kind: o.kind,
          label: KIND_LABELS[o.kind],
          href: `files/${name}${suffix}`,
          mediaType: MEDIA_TYPES[o.kind],
          bytes: o.bytes,
          size: formatSize(o.bytes),
          pages: o.pages,
          sheets: o.sheets,
        };
      }),
      cover: `covers/${name}.png`,
      language: languageName(record.lang),
      source: {
        dir,
        outputs,
        coverEntry: record.cover && outputs.some((o) => o.kind === 'epub') ? record.cover.epubEntry : undefined,
      },
    };
  });
}

/** The thumbnail the title's build drew beside its outputs (a catalogue build), when it is there whole. */
function builtThumbnail(t: SiteTitle): Uint8Array | undefined {
  const drawn = t.record.thumbnail;
  if (!drawn || path.basename(drawn.file) !== drawn.file) return undefined;
  try {
    const png = fs.readFileSync(path.join(t.source.dir, drawn.file));
    return png.byteLength === drawn.bytes ? png : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The thumbnail the site already has, when it was drawn after the title was last built (its EPUB and
 * record are older): drawing 24 thumbnails again would be most of an unchanged catalogue's time.
 */
function currentThumbnail(outDir: string, t: SiteTitle): Uint8Array | undefined {
  const file = path.join(outDir, t.cover);
  if (!fs.existsSync(file)) return undefined;
  const drawn = fs.statSync(file).mtimeMs;
  const sources = [
    `${t.record.slug}.json`,
    ...t.source.outputs.filter((o) => o.kind === 'epub').map((o) => o.file),
  ].map((f) => path.join(t.source.dir, f));
  return sources.every((f) => fs.existsSync(f) && fs.statSync(f).mtimeMs <= drawn) ? fs.readFileSync(file) : undefined;
}

/**
 * A thumbnail from the cache when the same cover was drawn before. The key is everything it shows: the
 * hash of all the title's inputs (its text, cover image, settings and pamphleteer's templates), which
 * EPUB cover it came from, and the record's metadata (for a title without an EPUB).
 */
async function cachedThumbnail(cacheRoot: string, t: SiteTitle, pool: RasterPool): Promise<Uint8Array> {
  const r = t.record;
  const epub = t.source.outputs.find((o) => o.kind === 'epub');
  const key = cacheKey('thumbnail', THUMBNAIL_WIDTH, r.inputHash, t.source.coverEntry, epub?.bytes, [
    r.title,
    r.subtitle,
    r.authors,
    r.publisher,
    r.lang,
    r.rights,
    r.date,
  ]);
  // One entry per title (a new drawing replaces the old), named by a hash so no name is another's prefix.
  const name = `thumbnail-${crypto.createHash('sha256').update(`${r.identifier}\n${r.slug}`).digest('hex').slice(0, 16)}`;
  const hit = readCached(cacheRoot, name, key);
  if (hit) return new Uint8Array(hit.buffer, hit.byteOffset, hit.byteLength);
  const png = await thumbnail(t, pool);
  writeCached(cacheRoot, name, key, png);
  return png;
}

/** `work` over every item, at most `limit` at once; the results in the items' order. */
async function mapBounded<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A cover thumbnail: the EPUB's cover image scaled down, or the typographic cover when there is no EPUB. */
async function thumbnail(t: SiteTitle, pool: RasterPool): Promise<Uint8Array> {
  const epub = t.source.outputs.find((o) => o.kind === 'epub');
  const file = epub && t.source.coverEntry ? path.join(t.source.dir, epub.file) : undefined;
  return drawThumbnail(
    { ...t.record, cover: t.source.coverEntry ? t.record.cover : undefined },
    file && fs.existsSync(file) ? { bytes: fs.readFileSync(file), file } : undefined,
    pool,
  );
}

// ---- OPDS 1.2 ----

function opdsFeeds(titles: SiteTitle[], siteTitle: string, updated: string): [string, string][] {
  const byAuthor = group(titles, (t) => (t.record.authors.length ? t.record.authors : ['Anonymous']));
  const byLang = group(titles, (t) => [t.record.lang]);
  // Authors whose names make the same file name get -2, -3… in name order.
  const clashes = new Map<string, number>();
  const authorFeeds = [...byAuthor]
    .sort(([a], [b]) => a.localeCompare(b, 'en'))
    .map(([author, list]) => {
      const base = asciiName(author) || 'author';
      const n = (clashes.get(base) ?? 0) + 1;
      clashes.set(base, n);
      return { label: author, file: `opds/author-${n > 1 ? `${base}-${n}` : base}.xml`, titles: list };
    });
  const langFeeds = [...byLang]
    .sort(([a], [b]) => a.localeCompare(b, 'en'))
    .map(([lang, list]) => ({
      label: languageName(lang),
      lang,
      file: `opds/lang-${asciiName(lang) || 'und'}.xml`,
      titles: list,
    }));
  // Every facet is listed once, in the root feed; a feed of one author or language links only its
  // own facet and, up, the navigation feed listing the others (OPDS 1.2), so the feeds together grow
  // with the titles rather than with titles × authors.
  const facets = [
    ...authorFeeds.map((f) => ({ group: 'Author', title: f.label, file: f.file, count: f.titles.length })),
    ...langFeeds.map((f) => ({ group: 'Language', title: f.label, file: f.file, count: f.titles.length })),
  ];
  const feed = (file: string, title: string, list: SiteTitle[], up?: string) => {
    const base = file.includes('/') ? '../' : '';
    const shown = up ? facets.filter((f) => f.file === file) : facets;
    return render('opds.xml.ejs', {
      id: `urn:pamphleteer:catalogue:${file}`,
      title,
      updated:
        list
          .map((t) => t.record.updated)
          .sort()
          .at(-1) ?? updated,
      self: path.posix.basename(file),
      start: `${base}opds.xml`,
      up: up && `${base}${up}`,
      base,
      titles: list,
      facets: shown.map((f) => ({ ...f, href: `${base}${f.file}`, active: f.file === file })),
      navigation: [
        { title: 'By author', href: `${base}opds/authors.xml` },
        { title: 'By language', href: `${base}opds/languages.xml` },
      ],
      entryId,
      OPDS_ACQUISITION,
      OPDS_NAVIGATION,
    });
  };
  const nav = (file: string, title: string, items: { label: string; file: string; count: number }[]) =>
    render('opds-navigation.xml.ejs', {
      id: `urn:pamphleteer:catalogue:${file}`,
      title,
      updated,
      self: path.posix.basename(file),
      start: '../opds.xml',
      items: items.map((i) => ({ ...i, href: `../${i.file}` })),
      OPDS_ACQUISITION,
      OPDS_NAVIGATION,
    });
  const titleOf = (label: string) => `${siteTitle}: ${label}`;
  return [
    ['opds.xml', feed('opds.xml', siteTitle, titles)],
    ...authorFeeds.map((f): [string, string] => [f.file, feed(f.file, titleOf(f.label), f.titles, 'opds/authors.xml')]),
    ...langFeeds.map((f): [string, string] => [f.file, feed(f.file, titleOf(f.label), f.titles, 'opds/languages.xml')]),
    [
      'opds/authors.xml',
      nav(
        'opds/authors.xml',
        `${siteTitle}: by author`,
        authorFeeds.map((f) => ({ label: f.label, file: f.file, count: f.titles.length })),
      ),
    ],
    [
      'opds/languages.xml',
      nav(
        'opds/languages.xml',
        `${siteTitle}: by language`,
        langFeeds.map((f) => ({ label: f.label, file: f.file, count: f.titles.length })),
      ),
    ],
  ];
}

function group(titles: SiteTitle[], keys: (t: SiteTitle) => string[]): Map<string, SiteTitle[]> {
  const map = new Map<string, SiteTitle[]>();
  for (const t of titles)
    for (const k of new Set(keys(t))) {
      const list = map.get(k);
      if (list) list.push(t);
      else map.set(k, [t]);
    }
  return map;
}

/** A file name from any text: ASCII letters, digits and hyphens ("Zoé D'Arc" → "zoe-darc"). */
function asciiName(text: string): string {
  return slugify(text.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''))
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** An Atom id: the book's identifier when it is a URI, else a URN made from it. */
function entryId(record: TitleRecord): string {
  const id = record.identifier.trim();
  if (/^(urn|https?|isbn|doi):/i.test(id)) return id;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return `urn:uuid:${id}`;
  return `urn:pamphleteer:${encodeURIComponent(id)}`;
}

/** Characters XML 1.0 does not allow are dropped (EJS escapes the rest). */
function xmlText(value: unknown): string {
  return withoutNonXmlCharacters(String(value ?? ''));
}

// ---- helpers ----

/** Each template compiled once per process, not once per page or feed. */
const compiled = new Map<string, ejs.TemplateFunction>();

function render(name: string, data: Record<string, unknown>): string {
  let template = compiled.get(name);
  if (!template) {
    const file = path.join(TEMPLATES_DIR, 'catalogue', name);
    template = ejs.compile(fs.readFileSync(file, 'utf8'), { filename: file });
    compiled.set(name, template);
  }
  return template({ ...data, clean: xmlText });
}

let languageNames: Intl.DisplayNames | undefined;

function languageName(lang: string): string {
  try {
    languageNames ??= new Intl.DisplayNames(['en'], { type: 'language' });
    const name = languageNames.of(lang);
    return name && name !== lang ? name : lang;
  } catch {
    return lang;
  }
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function sameFile(from: string, to: string): boolean {
  if (!fs.existsSync(to)) return false;
  const a = fs.statSync(from);
  const b = fs.statSync(to);
  return a.size === b.size && b.mtimeMs >= a.mtimeMs;
}

/** Files of titles no longer in the catalogue are removed from the site's own folders. */
function removeStale(outDir: string, wanted: Set<string>): void {
  for (const sub of ['titles', 'covers', 'files', 'opds']) {
    const dir = path.join(outDir, sub);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir))
      if (!wanted.has(`${sub}/${name}`)) fs.rmSync(path.join(dir, name), { force: true, recursive: true });
  }
}

/** Where a catalogue build writes its site: --site, else a site/ folder inside the (first) catalogue folder. */
export function siteFolder(catalogues: string[], site: string | undefined): string {
  return site ? path.resolve(site) : path.join(catalogues[0], 'site');
}

/** After a catalogue build: the site and feed of the titles that built (none when no title has a record). */
export async function writeSiteAfterBuild(
  built: { outDir: string; slug: string }[],
  siteDir: string,
  title?: string,
): Promise<CatalogueResult | undefined> {
  const entries: CatalogueEntry[] = [];
  for (const { outDir, slug } of built) {
    const record = readRecord(recordPath(outDir, slug));
    if (record) entries.push({ record, dir: outDir });
  }
  return entries.length ? writeCatalogue(siteDir, entries, { title }) : undefined;
}
