import fs from 'node:fs';
import { emphasisIsBold, facesFor, type FontFile } from '../../fonts/catalogue.js';

const dataUrls = new Map<string, string>();

/** A font file as a data: URL (kept: `watch` rebuilds with the same fonts). */
function dataUrl(file: string): string {
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
export function bundledFontFaces(lang = 'en', text = ''): string {
  const { used, bold } = usedCodePoints(text, lang);
  return fontFaceRules(facesFor(lang, used, bold));
}

export function fontFaceRules(faces: FontFile[]): string {
  return faces.map((f) => f.rule.replace(/src:[^;]*;/, `src: url(${dataUrl(f.file)}) format('woff2');`)).join('\n');
}
