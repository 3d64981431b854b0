/**
 * The typographic cover: one SVG per design (templates/cover-<design>.svg.ejs), laid out here so
 * that every line fits its box. Text is measured with the bundled EB Garamond (fontkit reads the
 * same woff2 files the print edition embeds), wrapped, and shrunk until it fits. The SVG serves the
 * print cover (inline, so the page's fonts apply) and the EPUB's raster cover (resvg, no browser).
 */
import { labelsFor } from './labels.js';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import ejs from 'ejs';
import type { BookMetadata } from '../book/types.js';
import { STYLES_DIR, template } from './render.js';
import { familyFiles, garamondHas, inRanges } from '../fonts/catalogue.js';

const require = createRequire(import.meta.url);

export const COVER_DESIGNS = ['classic', 'bold', 'minimal'] as const;
export type CoverDesign = (typeof COVER_DESIGNS)[number];

/** The family name every cover template uses; resvg and the print page both know it by this name. */
export const COVER_FONT_FAMILY = 'EB Garamond';

export interface TextBlock {
  lines: string[];
  size: number;
  /** Baseline of each line. */
  ys: number[];
  x: number;
  anchor: 'start' | 'middle';
}

export interface CoverLayout {
  design: CoverDesign;
  width: number;
  height: number;
  meta: BookMetadata;
  title: TextBlock;
  subtitle?: TextBlock;
  author?: TextBlock;
  publisher?: TextBlock;
  /** The shared cover stylesheet (styles/cover.css), inlined in the SVG. */
  css: string;
  /** The SVG's accessible name, in the book's language. */
  alt: string;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface TextSpec {
  box: Box;
  size: number;
  minSize: number;
  maxLines: number;
  lineHeight: number;
  face: FaceName;
  letterSpacing?: number;
  upper?: boolean;
  anchor: 'start' | 'middle';
  /** Push the block to the bottom of its box instead of the top. */
  bottom?: boolean;
}

/** Where each design puts its text, as fractions of the canvas (so print pages of any shape fit). */
function designSpecs(design: CoverDesign, W: number, H: number) {
  const box = (x: number, y: number, w: number, h: number): Box => ({ x: x * W, y: y * H, w: w * W, h: h * H });
  const unit = Math.min(W, H / 1.5);
  switch (design) {
    case 'bold':
      return {
        title: { box: box(0.075, 0.2, 0.85, 0.36), size: unit * 0.13, minSize: unit * 0.045, maxLines: 6, lineHeight: 1.02, face: 'semibold', anchor: 'start' },
        subtitle: { box: box(0.075, 0.58, 0.85, 0.16), size: unit * 0.05, minSize: unit * 0.028, maxLines: 4, lineHeight: 1.2, face: 'italic', anchor: 'start' },
        author: { box: box(0.075, 0.8, 0.85, 0.1), size: unit * 0.05, minSize: unit * 0.026, maxLines: 2, lineHeight: 1.15, face: 'semibold', letterSpacing: 0.04, upper: true, anchor: 'start', bottom: true },
        publisher: { box: box(0.075, 0.925, 0.85, 0.04), size: unit * 0.028, minSize: unit * 0.018, maxLines: 1, lineHeight: 1.1, face: 'regular', anchor: 'start' },
      } satisfies Record<string, TextSpec>;
    case 'minimal':
      return {
        title: { box: box(0.1, 0.1, 0.8, 0.34), size: unit * 0.1, minSize: unit * 0.04, maxLines: 6, lineHeight: 1.08, face: 'regular', anchor: 'start' },
        subtitle: { box: box(0.1, 0.47, 0.8, 0.16), size: unit * 0.045, minSize: unit * 0.026, maxLines: 4, lineHeight: 1.25, face: 'italic', anchor: 'start' },
        author: { box: box(0.1, 0.82, 0.8, 0.08), size: unit * 0.042, minSize: unit * 0.024, maxLines: 2, lineHeight: 1.2, face: 'regular', anchor: 'start', bottom: true },
        publisher: { box: box(0.1, 0.91, 0.8, 0.04), size: unit * 0.026, minSize: unit * 0.018, maxLines: 1, lineHeight: 1.1, face: 'italic', anchor: 'start' },
      } satisfies Record<string, TextSpec>;
    default:
      return {
        title: { box: box(0.13, 0.24, 0.74, 0.34), size: unit * 0.1, minSize: unit * 0.04, maxLines: 6, lineHeight: 1.1, face: 'regular', anchor: 'middle' },
        subtitle: { box: box(0.13, 0.6, 0.74, 0.15), size: unit * 0.047, minSize: unit * 0.026, maxLines: 4, lineHeight: 1.25, face: 'italic', anchor: 'middle' },
        author: { box: box(0.13, 0.78, 0.74, 0.09), size: unit * 0.05, minSize: unit * 0.026, maxLines: 2, lineHeight: 1.2, face: 'regular', letterSpacing: 0.1, upper: true, anchor: 'middle', bottom: true },
        publisher: { box: box(0.13, 0.89, 0.74, 0.04), size: unit * 0.028, minSize: unit * 0.018, maxLines: 1, lineHeight: 1.1, face: 'italic', anchor: 'middle' },
      } satisfies Record<string, TextSpec>;
  }
}

/** Lays the cover of a book out on a canvas of the given size (the EPUB's is 1200×1800). */
export function coverLayout(meta: BookMetadata, design: CoverDesign, width = 1200, height = 1800): CoverLayout {
  const specs = designSpecs(design, width, height);
  const authors = meta.authors.join(', ');
  return {
    design,
    width,
    height,
    meta,
    title: fitText(meta.title, specs.title),
    subtitle: meta.subtitle ? fitText(meta.subtitle, specs.subtitle) : undefined,
    author: authors ? fitText(authors, specs.author) : undefined,
    publisher: meta.publisher ? fitText(meta.publisher, specs.publisher) : undefined,
    css: fs.readFileSync(path.join(STYLES_DIR, 'cover.css'), 'utf8'),
    alt: labelsFor(meta.lang).coverAlt(meta.title, meta.authors),
  };
}

/** The typographic cover as SVG. `width`/`height` give its shape (a print page's, or 2:3 for the EPUB). */
export function renderCoverSvg(meta: BookMetadata, design: CoverDesign, width = 1200, height = 1800): string {
  const layout = coverLayout(meta, design, width, height);
  return coverTemplate(design)(layout);
}

function coverTemplate(design: CoverDesign): ejs.TemplateFunction {
  return template(`cover-${design}.svg.ejs`);
}

/**
 * Wraps the text into the box at the largest size that fits, from `size` down to `minSize`. At the
 * smallest size a word wider than the box is broken, and lines beyond `maxLines` end in an ellipsis
 * (the full title is on the title page and in the metadata; the cover must stay inside its frame).
 */
export function fitText(raw: string, spec: TextSpec): TextBlock {
  const text = (spec.upper ? raw.toLocaleUpperCase() : raw).replace(/\s+/g, ' ').trim();
  const measure = (s: string, size: number) => textWidth(s, spec.face, size) + (spec.letterSpacing ?? 0) * size * Math.max(0, [...s].length - 1);
  let size = spec.size;
  let lines: string[] = [];
  for (;;) {
    lines = wrap(text, spec.box.w, (s) => measure(s, size));
    const fits =
      lines.length <= spec.maxLines && lines.length * size * spec.lineHeight <= spec.box.h + size * (spec.lineHeight - 0.8) && lines.every((l) => measure(l, size) <= spec.box.w);
    if (fits || size <= spec.minSize) break;
    size = Math.max(spec.minSize, size * 0.92);
  }
  if (lines.some((l) => measure(l, size) > spec.box.w)) lines = lines.flatMap((l) => breakWord(l, spec.box.w, (s) => measure(s, size)));
  const maxLines = Math.max(1, Math.min(spec.maxLines, Math.floor((spec.box.h + size * (spec.lineHeight - 0.8)) / (size * spec.lineHeight))));
  if (lines.length > maxLines) {
    lines = lines.slice(0, maxLines);
    let last = lines[maxLines - 1];
    while (last.length > 1 && measure(`${last}…`, size) > spec.box.w) last = last.slice(0, -1).trimEnd();
    lines[maxLines - 1] = `${last}…`;
  }
  const step = size * spec.lineHeight;
  const blockHeight = (lines.length - 1) * step + size;
  const top = spec.bottom ? spec.box.y + spec.box.h - blockHeight : spec.box.y;
  const ys = lines.map((_, i) => round(top + size * 0.8 + i * step));
  const x = spec.anchor === 'middle' ? spec.box.x + spec.box.w / 2 : spec.box.x;
  return { lines, size: round(size), ys, x: round(x), anchor: spec.anchor };
}

function wrap(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && measure(`${last} ${word}`) <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** A line wider than the box (one very long word) broken into pieces that fit. */
function breakWord(line: string, width: number, measure: (s: string) => number): string[] {
  const out: string[] = [];
  let current = '';
  for (const ch of line) {
    if (current && measure(current + ch) > width) {
      out.push(current);
      current = ch.trimStart();
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

const round = (n: number) => Math.round(n * 10) / 10;

// ---- the bundled font, for measuring (fontkit) and for rasterizing (resvg) ----

type FaceName = 'regular' | 'italic' | 'semibold';
const FACE_FILES: Record<FaceName, string> = { regular: '400-normal', italic: '400-italic', semibold: '600-normal' };
const SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'greek', 'vietnamese'];

interface MeasureFont {
  unitsPerEm: number;
  hasGlyphForCodePoint(cp: number): boolean;
  layout(text: string): { advanceWidth: number };
}

let fontkitModule: { create(buf: Buffer): MeasureFont } | undefined;

function fontFile(subset: string, face: string): string {
  // WOFF 1.0 (zlib): quick to read for fontkit and to unpack for resvg; the same fonts as the woff2 files.
  return path.join(path.dirname(require.resolve('@fontsource/eb-garamond/package.json')), 'files', `eb-garamond-${subset}-${face}.woff`);
}

/** The faces' subsets that hold some of the text's characters (latin always: it is the fallback). */
function subsetsFor(text: string): string[] {
  // Latin and Latin Extended cover U+0000–U+024F and a few punctuation blocks; others load on demand.
  return /[^\u0000-\u024F\u2000-\u206F\u20A0-\u20CF\u2100-\u214F]/.test(text) ? SUBSETS : SUBSETS.slice(0, 2);
}

const loadedFonts = new Map<string, MeasureFont | null>();
function measureFont(subset: string, face: FaceName): MeasureFont | null {
  const key = `${subset}/${face}`;
  if (!loadedFonts.has(key)) {
    fontkitModule ??= require('@pdf-lib/fontkit') as { create(buf: Buffer): MeasureFont };
    const file = fontFile(subset, FACE_FILES[face]);
    // Unpacked with Node's zlib first: fontkit's own inflate (JavaScript) takes several times as long.
    loadedFonts.set(key, fs.existsSync(file) ? fontkitModule.create(woffToSfnt(fs.readFileSync(file))) : null);
  }
  return loadedFonts.get(key)!;
}

function fontsFor(face: FaceName, text: string): MeasureFont[] {
  return subsetsFor(text).flatMap((s) => measureFont(s, face) ?? []);
}

/** Width of the text set in the face at the size, in the same units as the size. */
export function textWidth(text: string, face: FaceName, size: number): number {
  const fonts = fontsFor(face, text);
  let width = 0;
  // Runs of characters that one subset holds are shaped together (kerning, ligatures).
  let run = '';
  let runFont: MeasureFont | undefined;
  const flush = () => {
    if (run && runFont) width += (runFont.layout(run).advanceWidth / runFont.unitsPerEm) * size;
    else if (run) width += [...run].length * size * 0.55;
    run = '';
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const font = fonts.find((f) => f.hasGlyphForCodePoint(cp));
    if (font !== runFont) {
      flush();
      runFont = font;
    }
    run += ch;
  }
  flush();
  return width;
}

const rasterFonts = new Map<string, Buffer>();

/** EB Garamond as TrueType (resvg reads no WOFF), each file unpacked once per process. */
function rasterFont(file: string): Buffer {
  let font = rasterFonts.get(file);
  if (!font) {
    font = woffToSfnt(fs.readFileSync(file));
    rasterFonts.set(file, font);
  }
  return font;
}

/**
 * WOFF 1.0 → TrueType (W3C WOFF §4–5): the same tables, each inflated with zlib when stored
 * compressed, under a plain sfnt header. The font's own data is copied, never changed.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const stored = woff.subarray(offset, offset + compLength);
    return { tag: woff.subarray(at, at + 4), checksum: woff.readUInt32BE(at + 16), data: compLength < origLength ? zlib.inflateSync(stored) : stored };
  });
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + numTables * 16);
  woff.copy(header, 0, 4, 8); // flavor
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    t.tag.copy(header, at);
    header.writeUInt32BE(t.checksum, at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(t.data.length, at + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

/**
 * The SVG drawn as a PNG `width` pixels wide, with the bundled font only (no system fonts, no
 * browser); only the subsets its text needs are loaded, and none for an SVG without text.
 */
export async function rasterizeSvg(svg: string, width: number): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  const text = svg.includes('<text') ? [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ') : '';
  const files = text ? [...subsetsFor(text).flatMap((s) => Object.values(FACE_FILES).map((f) => fontFile(s, f))), ...otherScriptFiles(text)].filter((f) => fs.existsSync(f)) : [];
  // fontBuffers is in resvg-js 2.6 but not in its type declarations.
  const font = { fontBuffers: files.map(rasterFont), loadSystemFonts: false, defaultFontFamily: COVER_FONT_FAMILY } as { loadSystemFonts: boolean };
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: width }, font });
  return resvg.render().asPng();
}

/**
 * The bundled faces of other scripts (Arabic, Hebrew, CJK) holding the text's characters that EB
 * Garamond lacks, as WOFF files (resvg falls back to them glyph by glyph).
 */
function otherScriptFiles(text: string): string[] {
  const missing = [...new Set(text)].map((ch) => ch.codePointAt(0)!).filter((cp) => !garamondHas(cp) && cp > 0x24f);
  if (!missing.length) return [];
  const families = (['arabic', 'hebrew', 'sc', 'tc', 'jp', 'kr'] as const).flatMap((key) => familyFiles(key));
  return [...new Set(missing.flatMap((cp) => families.filter((f) => f.weight === 400 && !f.italic && inRanges(cp, f.ranges)).slice(0, 1).map((f) => f.file.replace(/\.woff2$/, '.woff'))))];
}

/** Renders one of the cover page templates (templates/cover.html.ejs, back-cover.html.ejs). */
export function renderCoverPage(name: 'cover' | 'back-cover', data: Record<string, unknown>): string {
  return template(`${name}.html.ejs`)(data);
}
