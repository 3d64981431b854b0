import fs from 'node:fs';
import path from 'node:path';
import { emphasisIsBold, facesFor, type FontFile } from '../../fonts/catalogue.js';

/** How a font file is named in the page's CSS: a data: URL (self-contained HTML) or a URL the page asks for. */
export type FontUrl = (woff2File: string) => string;

const dataUrls = new Map<string, string>();

/** A font file as a data: URL (kept: `watch` rebuilds with the same fonts). */
export function dataUrl(file: string): string {
  let url = dataUrls.get(file);
  if (!url) {
    url = `data:font/woff2;base64,${fs.readFileSync(file).toString('base64')}`;
    dataUrls.set(file, url);
  }
  return url;
}

/** The code points of a text, all of them and those inside bold elements (the bold faces are loaded only for these). */
export function usedCodePoints(html: string, lang = 'en'): { used: Set<number>; bold: Set<number> } {
  const used = new Set<number>();
  for (const ch of html) used.add(ch.codePointAt(0)!);
  const bold = new Set<number>();
  const boldTags = emphasisIsBold(lang)
    ? /<(strong|b|th|em|i)\b[^>]*>([\s\S]*?)<\/\1>/g
    : /<(strong|b|th)\b[^>]*>([\s\S]*?)<\/\1>/g;
  for (const m of html.matchAll(boldTags)) for (const ch of m[2]) bold.add(ch.codePointAt(0)!);
  return { used, bold };
}

/**
 * @font-face rules for the bundled fonts a book needs (see src/fonts/catalogue.ts), the font files
 * inlined as data: URLs so the page needs no file access and the pre-layout HTML is self-contained.
 * Taken from fontsource's own CSS, so the unicode ranges stay right when a package is updated.
 * `text` is everything the print edition shows (body and generated page CSS).
 */
export function bundledFontFaces(lang = 'en', text = '', url: FontUrl = dataUrl): string {
  const { used, bold } = usedCodePoints(text, lang);
  return fontFaceRules(facesFor(lang, used, bold), url);
}

export function fontFaceRules(faces: FontFile[], url: FontUrl = dataUrl): string {
  return faces.map((f) => f.rule.replace(/src:[^;]*;/, `src: url(${url(f.file)}) format('woff2');`)).join('\n');
}

/**
 * Where the print page asks for the bundled fonts, on its own origin: renderPrint answers these
 * requests with the files (see servedFont), so the page's HTML stays small (no half megabyte of
 * base64 to make, send and parse) and Chromium decodes each font as a font, cached for the pages
 * that follow in the same browser.
 */
export const FONT_PATH = '/.pamphleteer-fonts/';

/** The font files named in a page so far, by the name they are asked for: only these are ever served. */
const servedFonts = new Map<string, { file: string; bytes?: Buffer }>();

/** A FontUrl for the print page: the file's name under FONT_PATH of `origin`, registered to be served. */
export function servedFontUrl(origin: string): FontUrl {
  let url = servedUrls.get(origin);
  if (url) return url;
  url = (file) => {
    const name = path.basename(file);
    const known = servedFonts.get(name);
    if (known && known.file !== file) throw new Error(`two bundled font files named ${name}`);
    if (!known) servedFonts.set(name, { file });
    return `${origin}${FONT_PATH}${encodeURIComponent(name)}`;
  };
  servedUrls.set(origin, url);
  return url;
}
const servedUrls = new Map<string, FontUrl>();

/** The bytes of a font named by servedFontUrl (read once per process), or undefined for any other name. */
export function servedFont(name: string): Buffer | undefined {
  const font = servedFonts.get(name);
  if (!font) return undefined;
  font.bytes ??= fs.readFileSync(font.file);
  return font.bytes;
}
