/**
 * The typographic cover, kept by content in the project's cache (src/util/content-cache.ts): laying
 * it out loads the fonts' shaping engine and measures every line (about a quarter of an EPUB-only
 * build), drawing it as a PNG unpacks fonts and rasterizes; both are done again only when what the
 * cover shows changes. The key holds everything the cover is made from: the text it shows, its
 * design and size, its templates and styles, the font files, and pamphleteer's code.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BookMetadata } from '../book/book-types.js';
import { familyFiles } from '../fonts/catalogue.js';
import { cacheKey, readCached, writeCached } from '../util/content-cache.js';
import { STYLES_DIR, TEMPLATES_DIR } from './render.js';
import { rasterizeSvg, renderCoverSvg, type CoverDesign } from './typographic-cover.js';

/** The key of a cover drawn from these: what it shows, its design and size, its templates, styles and fonts. */
export function coverKey(
  meta: BookMetadata,
  design: CoverDesign,
  width: number,
  height: number,
  extra: unknown,
): string {
  const read = (file: string) => fs.readFileSync(file, 'utf8');
  const shown = { title: meta.title, subtitle: meta.subtitle, authors: meta.authors, publisher: meta.publisher };
  const text = Object.values(shown).flat().join(' ');
  const fonts = familyFiles('garamond').map((f) => `${f.name}:${fs.statSync(f.file).size}`);
  // Other scripts' faces draw what EB Garamond lacks: which of them exist counts only then.
  const beyondLatin = [...text].some((ch) => ch.codePointAt(0)! > 0x24f && !/\p{General_Category=P}|\s/u.test(ch));
  if (beyondLatin)
    for (const key of ['arabic', 'hebrew', 'sc', 'tc', 'jp', 'kr'] as const)
      fonts.push(...familyFiles(key).map((f) => f.name));
  return cacheKey(shown, meta.lang, design, width, height, extra, fonts, [
    read(path.join(TEMPLATES_DIR, `cover-${design}.svg.ejs`)),
    read(path.join(TEMPLATES_DIR, 'cover-text.svg.ejs')),
    read(path.join(STYLES_DIR, 'cover.css')),
  ]);
}

/** renderCoverSvg, from the project's cache when the same cover was laid out before. */
export function cachedCoverSvg(
  root: string,
  meta: BookMetadata,
  design: CoverDesign,
  width: number,
  height: number,
): string {
  const key = coverKey(meta, design, width, height, 'svg');
  const hit = readCached(root, 'cover-svg', key);
  if (hit) return hit.toString('utf8');
  const svg = renderCoverSvg(meta, design, width, height);
  writeCached(root, 'cover-svg', key, svg);
  return svg;
}

/** The typographic cover as a PNG `width` pixels wide (2:3), from the project's cache when drawn before. */
export async function cachedCoverPng(
  root: string,
  meta: BookMetadata,
  design: CoverDesign,
  width: number,
): Promise<Uint8Array> {
  const height = width * 1.5;
  const key = coverKey(meta, design, width, height, 'png');
  const hit = readCached(root, 'cover-png', key);
  if (hit) return new Uint8Array(hit.buffer, hit.byteOffset, hit.byteLength);
  const png = await rasterizeSvg(renderCoverSvg(meta, design, width, height), width);
  writeCached(root, 'cover-png', key, png);
  return png;
}
