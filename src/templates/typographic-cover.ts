/**
 * The typographic cover: one SVG per design (templates/cover-<design>.svg.ejs), laid out here so
 * that every line fits its box. Text is measured with the bundled EB Garamond (fontkit reads the
 * .woff beside each .woff2 the print edition embeds: the same glyphs), wrapped, and shrunk until it
 * fits. The SVG serves the print cover (inline, so the page's fonts apply) and the EPUB's raster
 * cover (resvg, no browser, the print edition's fonts).
 */
import { labelsFor } from './labels.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type ejs from 'ejs';
import type { BookMetadata } from '../book/book-types.js';
import { STYLES_DIR, template } from './render.js';
import {
  familyFiles,
  OTHER_FAMILIES,
  fontkitFace,
  garamondHas,
  inRanges,
  type FontFile,
  type FontkitFace,
} from '../fonts/catalogue.js';

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

type BlockName = 'title' | 'subtitle' | 'author' | 'publisher';

/**
 * A block's place and type, as fractions: `y` and `h` of the canvas height, sizes of the design
 * unit (the width, or two thirds of the height on a wide canvas), so print pages of any shape fit.
 */
interface BlockSpec {
  y: number;
  h: number;
  size: number;
  minSize: number;
  lineHeight: number;
  face: FaceName;
  letterSpacing?: number;
  upper?: boolean;
}

/** How many lines each block may take, in every design. */
const MAX_LINES: Record<BlockName, number> = { title: 6, subtitle: 4, author: 2, publisher: 1 };

/** A design: the column its text stands in (fractions of the canvas width), its alignment, its blocks. */
interface DesignSpec {
  x: number;
  w: number;
  anchor: 'start' | 'middle';
  blocks: Record<BlockName, BlockSpec>;
}

const DESIGNS: Record<CoverDesign, DesignSpec> = {
  classic: {
    x: 0.13,
    w: 0.74,
    anchor: 'middle',
    blocks: {
      title: { y: 0.24, h: 0.34, size: 0.1, minSize: 0.04, lineHeight: 1.1, face: 'regular' },
      subtitle: { y: 0.6, h: 0.15, size: 0.047, minSize: 0.026, lineHeight: 1.25, face: 'italic' },
      author: {
        y: 0.78,
        h: 0.09,
        size: 0.05,
        minSize: 0.026,
        lineHeight: 1.2,
        face: 'regular',
        letterSpacing: 0.1,
        upper: true,
      },
      publisher: { y: 0.89, h: 0.04, size: 0.028, minSize: 0.018, lineHeight: 1.1, face: 'italic' },
    },
  },
  bold: {
    x: 0.075,
    w: 0.85,
    anchor: 'start',
    blocks: {
      title: { y: 0.2, h: 0.36, size: 0.13, minSize: 0.045, lineHeight: 1.02, face: 'semibold' },
      subtitle: { y: 0.58, h: 0.16, size: 0.05, minSize: 0.028, lineHeight: 1.2, face: 'italic' },
      author: {
        y: 0.8,
        h: 0.1,
        size: 0.05,
        minSize: 0.026,
        lineHeight: 1.15,
        face: 'semibold',
        letterSpacing: 0.04,
        upper: true,
      },
      publisher: { y: 0.925, h: 0.04, size: 0.028, minSize: 0.018, lineHeight: 1.1, face: 'regular' },
    },
  },
  minimal: {
    x: 0.1,
    w: 0.8,
    anchor: 'start',
    blocks: {
      title: { y: 0.1, h: 0.34, size: 0.1, minSize: 0.04, lineHeight: 1.08, face: 'regular' },
      subtitle: { y: 0.47, h: 0.16, size: 0.045, minSize: 0.026, lineHeight: 1.25, face: 'italic' },
      author: { y: 0.82, h: 0.08, size: 0.042, minSize: 0.024, lineHeight: 1.2, face: 'regular' },
      publisher: { y: 0.91, h: 0.04, size: 0.026, minSize: 0.018, lineHeight: 1.1, face: 'italic' },
    },
  },
};

/** Where the design puts one block on a canvas of this size, in its units. */
function textSpec(design: CoverDesign, block: BlockName, W: number, H: number): TextSpec {
  const { x, w, anchor, blocks } = DESIGNS[design];
  const { y, h, size, minSize, ...type } = blocks[block];
  const unit = Math.min(W, H / 1.5);
  // The author block sits at the foot of its box, whatever its number of lines.
  return {
    ...type,
    box: { x: x * W, y: y * H, w: w * W, h: h * H },
    size: unit * size,
    minSize: unit * minSize,
    maxLines: MAX_LINES[block],
    anchor,
    bottom: block === 'author',
  };
}

/** Lays the cover of a book out on a canvas of the given size (the EPUB's is 1200×1800). */
export function coverLayout(meta: BookMetadata, design: CoverDesign, width = 1200, height = 1800): CoverLayout {
  const spec = (block: BlockName) => textSpec(design, block, width, height);
  const authors = meta.authors.join(', ');
  return {
    design,
    width,
    height,
    meta,
    title: fitText(meta.title, spec('title')),
    subtitle: meta.subtitle ? fitText(meta.subtitle, spec('subtitle')) : undefined,
    author: authors ? fitText(authors, spec('author')) : undefined,
    publisher: meta.publisher ? fitText(meta.publisher, spec('publisher')) : undefined,
    css: fs.readFileSync(path.join(STYLES_DIR, 'cover.css'), 'utf8'),
    alt: labelsFor(meta.lang, meta.labels).coverAlt(meta.title, meta.authors),
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
  const measure = (s: string, size: number) =>
    textWidth(s, spec.face, size) + (spec.letterSpacing ?? 0) * size * Math.max(0, [...s].length - 1);
  let size = spec.size;
  let lines: string[] = [];
  for (;;) {
    lines = wrap(text, spec.box.w, (s) => measure(s, size));
    const fits =
      lines.length <= spec.maxLines &&
      lines.length * size * spec.lineHeight <= spec.box.h + size * (spec.lineHeight - 0.8) &&
      lines.every((l) => measure(l, size) <= spec.box.w);
    if (fits || size <= spec.minSize) break;
    size = Math.max(spec.minSize, size * 0.92);
  }
  if (lines.some((l) => measure(l, size) > spec.box.w))
    lines = lines.flatMap((l) => breakWord(l, spec.box.w, (s) => measure(s, size)));
  const maxLines = Math.max(
    1,
    Math.min(spec.maxLines, Math.floor((spec.box.h + size * (spec.lineHeight - 0.8)) / (size * spec.lineHeight))),
  );
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

// ---- the bundled fonts, for measuring (fontkit) and for rasterizing (resvg) ----

type FaceName = 'regular' | 'italic' | 'semibold';
const FACES: Record<FaceName, { weight: number; italic: boolean }> = {
  regular: { weight: 400, italic: false },
  italic: { weight: 400, italic: true },
  semibold: { weight: 600, italic: false },
};

/**
 * The face's EB Garamond subsets that hold some of the text's characters, from the fonts' catalogue
 * (latin always: it is the fallback).
 */
function garamondFiles(face: FaceName, text: string): FontFile[] {
  const codePoints = [...new Set(text)].map((ch) => ch.codePointAt(0)!);
  const { weight, italic } = FACES[face];
  return familyFiles('garamond').filter(
    (f) =>
      f.weight === weight &&
      f.italic === italic &&
      (f.subset === 'latin' || codePoints.some((cp) => inRanges(cp, f.ranges))),
  );
}

/** Width of the text set in the face at the size, in the same units as the size. */
export function textWidth(text: string, face: FaceName, size: number): number {
  // EB Garamond's subsets, then the other scripts' faces that draw what it lacks (as rasterizeSvg).
  const fonts = [...garamondFiles(face, text).map((f) => f.file), ...otherScriptFiles(text)].map(fontkitFace);
  let width = 0;
  // Runs of characters that one subset holds are shaped together (kerning, ligatures).
  let run = '';
  let runFont: FontkitFace | undefined;
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

/** Each bundled font file as TrueType, unpacked once per process (resvg reads neither WOFF nor WOFF2). */
const trueTypeFonts = new Map<string, Promise<Uint8Array>>();
/** The last unpacking started: the next waits for it (see below). */
let lastUnpacked: Promise<unknown> = Promise.resolve();
export function trueTypeFont(woff2File: string): Promise<Uint8Array> {
  let font = trueTypeFonts.get(woff2File);
  if (!font) {
    const decompress = require('wawoff2/decompress.js') as (woff2: Uint8Array) => Promise<Uint8Array>;
    // The result is a view into the decoder's memory, which its next call overwrites: one call at a
    // time, each copied before the next starts.
    // The static instances of variable faces are TrueType already.
    font = woff2File.endsWith('.ttf')
      ? Promise.resolve(new Uint8Array(fs.readFileSync(woff2File)))
      : lastUnpacked.then(async () => (await decompress(fs.readFileSync(woff2File))).slice());
    lastUnpacked = font.catch(() => undefined);
    trueTypeFonts.set(woff2File, font);
  }
  return font;
}

/**
 * The bundled font files (woff2, or TrueType for static instances) resvg needs for the SVG's text, in
 * fallback order: the EB Garamond subsets its text needs, then other scripts' faces; none for an SVG
 * without text.
 */
export function rasterFontFiles(svg: string): string[] {
  const text = svg.includes('<text') ? [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ') : '';
  return text
    ? [
        ...(Object.keys(FACES) as FaceName[]).flatMap((face) => garamondFiles(face, text)).map((f) => f.file),
        ...otherScriptFiles(text),
      ]
    : [];
}

/** resvg's options for a drawing `width` pixels wide with only the given (TrueType) font files. */
export function resvgOptions(width: number, fontFiles: string[]) {
  return {
    fitTo: { mode: 'width' as const, value: width },
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: COVER_FONT_FAMILY },
  };
}

/**
 * The SVG drawn as a PNG `width` pixels wide with the bundled fonts only (no system fonts, no
 * browser): the same woff2 files the print edition embeds, only the subsets its text needs, and none
 * for an SVG without text. In this process: resvg keeps about 1 MB per drawing for the life of the
 * process, so many drawings go through a RasterPool (raster-pool.ts), which draws the same bytes.
 */
export async function rasterizeSvg(svg: string, width: number): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  const fonts = await Promise.all(rasterFontFiles(svg).map(trueTypeFont));
  // resvg-js takes fonts as files only (and an unknown option makes it drop every option, system
  // fonts off included): the unpacked fonts stand in a temp folder for this one synchronous render.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-fonts-'));
  try {
    const fontFiles = fonts.map((font, i) => {
      const file = path.join(dir, `${i}.ttf`);
      fs.writeFileSync(file, font);
      return file;
    });
    return new Resvg(svg, resvgOptions(width, fontFiles)).render().asPng();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The bundled faces of other scripts (Arabic, Hebrew, CJK) holding the text's characters that EB
 * Garamond lacks (resvg falls back to them glyph by glyph).
 */
function otherScriptFiles(text: string): string[] {
  const missing = [...new Set(text)].map((ch) => ch.codePointAt(0)!).filter((cp) => !garamondHas(cp) && cp > 0x24f);
  if (!missing.length) return [];
  const families = OTHER_FAMILIES.flatMap((key) => familyFiles(key));
  return [
    ...new Set(
      missing.flatMap((cp) =>
        families
          .filter((f) => f.weight === 400 && !f.italic && inRanges(cp, f.ranges))
          .slice(0, 1)
          .map((f) => f.file),
      ),
    ),
  ];
}

/** Renders one of the cover page templates (templates/cover.html.ejs, back-cover.html.ejs). */
export function renderCoverPage(name: 'cover' | 'back-cover', data: Record<string, unknown>): string {
  return template(`${name}.html.ejs`)(data);
}
