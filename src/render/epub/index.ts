import fs from 'node:fs/promises';
import path from 'node:path';
import type { Chapter as LibChapter, Options as LibOptions } from 'epub-gen-memory';
import type { PageStart } from '../../book/blocks.js';
import type { Asset, Book } from '../../book/book-types.js';
import { readStyle, renderTemplate } from '../../templates/render.js';
import { cachedCoverPng } from '../../templates/cover-cache.js';
import type { CoverDesign } from '../../templates/typographic-cover.js';
import { mediaTypeOf } from '../../util/media-type.js';
import { sourceDateEpoch } from '../../util/source-date.js';
import { chapterBody } from './chapters.js';
import { labelsFor, type Labels } from '../../templates/labels.js';
import {
  accessibility,
  chapterFilename,
  chapterToc,
  modifiedDate,
  NAV_FILE,
  navDepth,
  pageTargets,
  w3cdtf,
  type Landmark,
  type ManifestItem,
  type NavItem,
  type PackageModel,
  type XhtmlDocument,
} from './package.js';
import * as templates from './templates.js';
import { toXhtml } from './xhtml.js';
import { readStoredZip, writeZip, type ZipEntry } from './zip.js';

export interface EpubOptions {
  /** Unix seconds; overrides the book date for dcterms:modified. Default: process.env.SOURCE_DATE_EPOCH if set. */
  sourceDateEpoch?: number;
  /** Where print pages begin, from the print renderer; when given, the EPUB gets a page-list and pagebreak markers. */
  pageStarts?: PageStart[];
  /** Design of the typographic cover made when the book names no cover image (config cover.design). */
  coverDesign?: CoverDesign;
}

/** A file that goes into the package as is, under its own stable name. */
interface PackagedFile {
  filename: string;
  mediaType: string;
  data: Uint8Array | string;
}

/** DEFLATE level for the zip (Node's zlib): level 9 gives the essay the same size as 6. */
const COMPRESSION_LEVEL = 6;

/** Already-compressed image formats: deflating them again costs time for nothing. */
const STORED_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif']);

/** An EPUB and its reading order, for a caller that shows its documents (watch's preview). */
export interface EpubPackage {
  bytes: Uint8Array;
  /** The documents in reading order (the spine): path inside the zip, and title. */
  spine: { path: string; title: string }[];
}

/** Where epub-gen-memory puts the package's files inside the zip. */
const PACKAGE_DIR = 'OEBPS';

/**
 * Renders the Book as an EPUB 3 (with an NCX for EPUB 2 readers). Returns the file's bytes; writing
 * it is the caller's business. Byte-identical output for the same Book and options.
 */
export async function renderEpub(book: Book, options: EpubOptions = {}): Promise<Uint8Array> {
  return (await renderEpubPackage(book, options)).bytes;
}

/** The EPUB's bytes with its reading order: the same file renderEpub makes. */
export async function renderEpubPackage(book: Book, options: EpubOptions = {}): Promise<EpubPackage> {
  const labels = labelsFor(book.metadata.lang);
  const pageStarts = options.pageStarts ?? [];
  const modified = modifiedDate(book, options.sourceDateEpoch ?? sourceDateEpoch());

  const chapterFiles = new Map(book.chapters.map((c, i) => [c.id, chapterFilename(i)]));
  const fileOf = (chapterId: string) => chapterFiles.get(chapterId)!;
  const images = await Promise.all(book.assets.map(packagedImage));
  const imageHrefs = new Map(book.assets.map((asset, i) => [asset.href, images[i].filename]));
  const cover = await coverImage(book, options.coverDesign ?? 'classic');

  const chapters: XhtmlDocument[] = book.chapters.map((chapter, i) => ({
    id: `chapter-${String(i + 1).padStart(2, '0')}`,
    filename: fileOf(chapter.id),
    title: chapter.title ?? book.metadata.title,
    body: toXhtml(chapterBody(chapter, i, { book, labels, imageHrefs, pageStarts })),
  }));
  const front = [coverDocument(book, cover, labels), sharedDocument(book, 'title-page', labels.titlePage)];
  const back = [
    ...(book.about ? [sharedDocument(book, 'about', labels.aboutTheAuthor)] : []),
    sharedDocument(book, 'colophon', labels.colophon),
  ];

  const toc: NavItem[] = [
    ...chapterToc(book, fileOf),
    ...back.map((d) => ({ label: d.title, href: d.filename, children: [] })),
  ];
  const pkg: PackageModel = {
    meta: book.metadata,
    modified: w3cdtf(modified),
    printSource: pageStarts.length ? printSource(book) : undefined,
    accessibility: accessibility(book, pageStarts.length > 0),
    manifest: manifest([...front, ...chapters, ...back], cover, images),
    spine: [...front.map((d) => d.id), 'nav', ...chapters.map((d) => d.id), ...back.map((d) => d.id)],
    guide: [
      { type: 'cover', title: labels.cover, href: front[0].filename },
      { type: 'title-page', title: labels.titlePage, href: front[1].filename },
      { type: 'toc', title: labels.contents, href: NAV_FILE },
      {
        type: 'text',
        title: chapters[0]?.title ?? book.metadata.title,
        href: chapters[0]?.filename ?? front[1].filename,
      },
    ],
    toc,
    tocDepth: navDepth(toc),
    landmarks: landmarks(front, chapters, back, labels),
    pages: pageTargets(pageStarts, fileOf, labels.number),
    labels,
  };

  const documents = await packageDocuments(
    libOptions(book, pkg),
    [...front, ...chapters, ...back].map((doc) => libChapter(doc, book.metadata.dir)),
  );
  const files = [...images, cover].map((file) => ({
    name: `${PACKAGE_DIR}/${file.filename}`,
    data: typeof file.data === 'string' ? Buffer.from(file.data) : file.data,
    store: STORED_TYPES.has(file.mediaType),
  }));
  const reading = [...front, { filename: NAV_FILE, title: labels.contents }, ...chapters, ...back];
  return {
    bytes: writeZip([...documents, ...files], zipDate(modified), COMPRESSION_LEVEL),
    spine: reading.map((doc) => ({ path: `${PACKAGE_DIR}/${doc.filename}`, title: doc.title })),
  };
}

/** A content image, renamed by its order in the book: stable, and safe as a zip path. */
async function packagedImage(asset: Asset, index: number): Promise<PackagedFile> {
  const ext = path.extname(asset.href).toLowerCase();
  // The Book admits only types every reader shows (src/manuscript/image-rules.ts).
  return {
    filename: `images/image-${String(index + 1).padStart(2, '0')}${ext}`,
    mediaType: asset.mediaType,
    data: await fs.readFile(asset.path),
  };
}

/**
 * The user's cover image, or the typographic cover from the shared template drawn as a PNG: reading
 * systems and stores show raster covers in their libraries, where many ignore an SVG one.
 */
async function coverImage(book: Book, design: CoverDesign): Promise<PackagedFile> {
  if (!book.metadata.cover) {
    return {
      filename: 'cover.png',
      mediaType: 'image/png',
      data: await cachedCoverPng(book.root, book.metadata, design, 1200),
    };
  }
  const ext = path.extname(book.metadata.cover).toLowerCase();
  return {
    filename: `cover${ext}`,
    mediaType: mediaTypeOf(book.metadata.cover),
    data: await fs.readFile(book.metadata.cover),
  };
}

function coverDocument(book: Book, cover: PackagedFile, labels: Labels): XhtmlDocument {
  const alt = labels.coverAlt(book.metadata.title, book.metadata.authors);
  const body = toXhtml([
    {
      type: 'element',
      tagName: 'section',
      properties: { className: ['cover-page'], 'epub:type': 'cover', ariaLabel: labels.cover },
      children: [
        { type: 'element', tagName: 'img', properties: { src: cover.filename, alt, role: 'doc-cover' }, children: [] },
      ],
    },
  ]);
  return { id: 'cover', filename: 'cover.xhtml', title: labels.cover, body, bodyClass: 'cover-body' };
}

/** Title page, about the author and colophon come from the shared templates, as the print edition's do. */
function sharedDocument(book: Book, name: 'title-page' | 'about' | 'colophon', title: string): XhtmlDocument {
  return { id: name, filename: `${name}.xhtml`, title, body: renderTemplate(name, book) };
}

function printSource(book: Book): string {
  const { title, publisher, date } = book.metadata;
  return [`${title}, print edition`, publisher, date].filter(Boolean).join(', ');
}

function manifest(documents: XhtmlDocument[], cover: PackagedFile, images: PackagedFile[]): ManifestItem[] {
  return [
    { id: 'nav', href: NAV_FILE, mediaType: 'application/xhtml+xml', properties: 'nav' },
    { id: 'ncx', href: 'toc.ncx', mediaType: 'application/x-dtbncx+xml' },
    { id: 'css', href: 'style.css', mediaType: 'text/css' },
    { id: 'cover-image', href: cover.filename, mediaType: cover.mediaType, properties: 'cover-image' },
    ...images.map((image, i) => ({ id: `image-${i + 1}`, href: image.filename, mediaType: image.mediaType })),
    ...documents.map((d) => ({ id: d.id, href: d.filename, mediaType: 'application/xhtml+xml' })),
  ];
}

function landmarks(
  front: XhtmlDocument[],
  chapters: XhtmlDocument[],
  back: XhtmlDocument[],
  labels: Labels,
): Landmark[] {
  const [cover, titlePage] = front;
  const list: Landmark[] = [
    { type: 'cover', label: labels.cover, href: cover.filename },
    { type: 'titlepage', label: labels.titlePage, href: titlePage.filename },
    { type: 'toc', label: labels.contents, href: `${NAV_FILE}#toc` },
  ];
  if (chapters[0]) list.push({ type: 'bodymatter', label: chapters[0].title, href: chapters[0].filename });
  list.push({ type: 'backmatter', label: back[0].title, href: back[0].filename });
  return list;
}

function libOptions(book: Book, pkg: PackageModel): LibOptions & { pkg: PackageModel; dir: string } {
  return {
    dir: book.metadata.dir,
    title: book.metadata.title,
    author: book.metadata.authors,
    publisher: book.metadata.publisher,
    description: book.metadata.description,
    lang: book.metadata.lang,
    date: book.metadata.dateISO,
    css: `${readStyle('base.css', book.root)}\n${readStyle('epub.css', book.root)}`,
    version: 3,
    verbose: false,
    contentOPF: templates.contentOPF,
    tocXHTML: templates.tocXHTML,
    tocNCX: templates.tocNCX,
    chapterXHTML: templates.chapterXHTML,
    pkg,
  };
}

/**
 * Our documents as epub-gen-memory chapters. Their body bypasses its HTML clean-up (which re-parses
 * as HTML and drops attributes it does not know): the chapter template prints our serialized XHTML.
 */
function libChapter(doc: XhtmlDocument, dir: string): LibChapter {
  return {
    dir,
    title: doc.title,
    filename: doc.filename,
    content: '',
    body: doc.body,
    bodyClass: doc.bodyClass ?? '',
  } as LibChapter;
}

/** Zip entries need a date; DOS dates start in 1980. */
function zipDate(modified: Date): Date {
  const dosEpoch = Date.UTC(1980, 0, 1);
  return new Date(Math.max(modified.getTime(), dosEpoch));
}

/**
 * The package's documents (mimetype, container, OPF, nav, NCX, style sheet, chapters) as
 * epub-gen-memory renders them from our templates, through its public interface: render, then a
 * stored zip of what it made (no deflate: writeZip compresses once, with zlib, and adds the images
 * and cover it is not given, under stable names). epub-gen-memory names images with random UUIDs and
 * stamps the clock on zip entries, so neither images nor dates are left to it.
 */
async function packageDocuments(options: LibOptions, chapters: LibChapter[]): Promise<ZipEntry[]> {
  const lib = await import('epub-gen-memory');
  // A CommonJS package: bundled (scripts/bundle.mjs), its exports are the default export's properties.
  const EPub = lib.EPub ?? (lib as unknown as { default: typeof lib }).default.EPub;
  const epub = await new EPub(options, chapters).render();
  const entries = readStoredZip(await epub.generateAsync({ type: 'uint8array', compression: 'STORE' }));
  return entries.map((entry) => (entry.name === 'mimetype' ? { ...entry, store: true } : entry));
}
