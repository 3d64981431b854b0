/**
 * A title's catalogue thumbnail: its EPUB's cover image scaled down, or the typographic cover when it
 * has no EPUB. A catalogue build draws it with the title (`<slug>-thumbnail.png` beside the outputs,
 * named in the title record), so the site only copies it; the site draws the thumbnails of titles
 * built without one. Both draw here, in child processes (templates/raster-pool.ts), the same bytes.
 */
import crypto from 'node:crypto';
import JSZip from 'jszip';
import { directionOf } from '../language/index.js';
import { RasterPool } from './raster-pool.js';
import { renderCoverSvg } from './typographic-cover.js';
import type { BookMetadata } from '../book/book-types.js';
import { coverKey } from './cover-cache.js';
import { readCached, writeCached } from '../util/content-cache.js';
import { UserError } from '../util/user-error.js';
import type { TitleRecord } from '../util/title-record-format.js';

export const THUMBNAIL_WIDTH = 360;
const THUMBNAIL_HEIGHT = Math.round(THUMBNAIL_WIDTH * 1.5);

/** The file a catalogue build writes beside a title's outputs. */
export const thumbnailFileName = (slug: string) => `${slug}-thumbnail.png`;

/** What a thumbnail shows: the record's metadata, and the EPUB whose cover it scales down, if any. */
export type ThumbnailSubject = Pick<
  TitleRecord,
  'title' | 'subtitle' | 'authors' | 'publisher' | 'lang' | 'rights' | 'date' | 'cover'
>;

/**
 * The thumbnail of a title, drawn by `pool`. `epub` is the title's EPUB (its bytes, and its file for
 * messages); its cover entry is the record's. An EPUB or cover that cannot be read or drawn is the
 * title's to fix: one line naming its file.
 */
export async function drawThumbnail(
  subject: ThumbnailSubject,
  epub: { bytes: Uint8Array; file: string } | undefined,
  pool: RasterPool,
): Promise<Uint8Array> {
  if (epub && subject.cover) {
    try {
      const zip = await JSZip.loadAsync(epub.bytes);
      const entry = zip.file(subject.cover.epubEntry);
      if (entry)
        return await pool.draw(
          imageThumbnailSvg(await entry.async('base64'), subject.cover.mediaType),
          THUMBNAIL_WIDTH,
        );
    } catch (error) {
      throw new UserError(
        `${epub.file}: could not draw its cover thumbnail (${(error as Error).message}); build the title again.`,
      );
    }
  }
  return pool.draw(renderCoverSvg(subjectMeta(subject), 'classic'), THUMBNAIL_WIDTH);
}

/** The metadata the typographic cover shows: only what a record holds, so a build and a site draw the same. */
function subjectMeta(subject: ThumbnailSubject): BookMetadata {
  const { title, subtitle, authors, publisher, lang, rights, date } = subject;
  return {
    title,
    subtitle,
    authors,
    publisher,
    lang,
    dir: directionOf(lang),
    rights: rights ?? '',
    dateISO: date ?? '',
  } as BookMetadata;
}

/** An SVG of the cover image filling a 2:3 thumbnail (cut to fit, centred). */
function imageThumbnailSvg(base64: string, mediaType: string): string {
  const h = THUMBNAIL_HEIGHT;
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ' +
    `width="${THUMBNAIL_WIDTH}" height="${h}"><image width="${THUMBNAIL_WIDTH}" height="${h}" ` +
    `preserveAspectRatio="xMidYMid slice" xlink:href="data:${mediaType};base64,${base64}"/></svg>`
  );
}

let buildPool: RasterPool | undefined;

/**
 * The thumbnail a title build writes, from the project's cache when the same picture was drawn before
 * (util/content-cache.ts). The key is what it shows: the metadata, and the EPUB's cover image (not the
 * whole EPUB, which changes with every word of the text).
 */
export async function titleThumbnail(
  root: string,
  subject: ThumbnailSubject,
  epub: { bytes: Uint8Array; file: string } | undefined,
): Promise<Uint8Array> {
  let coverHash: string | undefined;
  if (epub && subject.cover) {
    const entry = (await JSZip.loadAsync(epub.bytes).catch(() => undefined))?.file(subject.cover.epubEntry);
    if (entry)
      coverHash = crypto
        .createHash('sha256')
        .update(await entry.async('uint8array'))
        .digest('hex');
  }
  // The typographic cover's key (its text, templates, styles and fonts), and the cover image's hash.
  const key = coverKey(subjectMeta(subject), 'classic', THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT, {
    thumbnail: coverHash,
    cover: subject.cover,
  });
  const hit = readCached(root, 'thumbnail', key);
  if (hit) return new Uint8Array(hit.buffer, hit.byteOffset, hit.byteLength);
  // One pool for every title of the process; it holds the process open only while it draws.
  buildPool ??= new RasterPool(undefined, undefined, { holdsProcess: false });
  const png = await drawThumbnail(subject, coverHash ? epub : undefined, buildPool);
  writeCached(root, 'thumbnail', key, png);
  return png;
}
