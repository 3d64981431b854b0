import type { PDFDocument, PDFRawStream as PdfRawStream } from 'pdf-lib';
import { pdfLib } from '../../util/pdf-lib-bundle.js';

/**
 * Text extractors (poppler's pdftotext, MuPDF) read a letter on the line where its glyph's origin
 * is drawn, and the letters of an /ActualText span (Chromium's mark for a cluster whose glyphs do
 * not spell it one by one) where the span's first glyph is drawn. Nastaliq draws the letters before
 * a final ے or ی raised along a slope, and Chromium often draws a cluster's dot or mark first, half
 * an em off the line: the extractor then reads those letters as a line of their own, and the word
 * in the text layer loses them ("م دوروں" for "مزدوروں"). Each such span is rewritten to draw its
 * glyph nearest the baseline first and, when even that one is off it, to start with an invisible
 * copy of it on the baseline. What is drawn is unchanged; only where the letters are read moves.
 */

const NUM = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)`;
const HEX_SHOW = String.raw`<[0-9A-Fa-f]*> Tj`;
const GLYPH = new RegExp(String.raw`^(?:(${NUM}) (${NUM}) Td )?(${HEX_SHOW}|\[[^\]]*\] TJ|\((?:[^()\\]|\\.)*\) Tj)$`);
const MOVE = new RegExp(String.raw`^(${NUM}) (${NUM}) Td$`);
const MATRIX = new RegExp(String.raw`^(?:${NUM} ){4}${NUM} ${NUM} Tm$`);
const FONT = new RegExp(String.raw`^/\S+ ${NUM} Tf$`);
const RENDER = /^(\d) Tr$/;
const ACTUAL_TEXT = /^\/Span\s*<<\s*\/ActualText\b.*BDC$/;
/** Off the baseline by more than this (text space units) counts as off it. */
const EPSILON = 0.01;

interface Point {
  x: number;
  y: number;
}

/** A number as a content stream writes it: fixed notation, no trailing zeros, no negative zero. */
function num(value: number): string {
  const text = value.toFixed(5).replace(/\.?0+$/, '');
  return text === '-0' || text === '' ? '0' : text;
}

/** The glyph codes of a hex show (`<00c103a6> Tj`), four digits each, or undefined for other shows. */
function codesOf(show: string): string[] | undefined {
  const hex = /^<([0-9A-Fa-f]*)> Tj$/.exec(show)?.[1];
  if (!hex || hex.length % 4) return undefined;
  return hex.toUpperCase().match(/.{4}/g) ?? undefined;
}

/**
 * Lines that draw glyph `code` invisibly at `anchor`, starting and ending with the line point at
 * `from` (so the lines after it read as before), under text render mode `mode` restored after.
 */
function anchorLines(from: Point, anchor: Point, code: string, mode: number): string[] {
  return [
    `${num(anchor.x - from.x)} ${num(anchor.y - from.y)} Td`,
    '3 Tr',
    `<${code}> Tj`,
    `${mode} Tr`,
    `${num(from.x - anchor.x)} ${num(from.y - anchor.y)} Td`,
  ];
}

/** Where the next glyph is drawn, as the content stream's text operators move it. */
class TextPoint {
  /** The line point relative to the text run's matrix (known once a matrix is set in this text object). */
  at: Point = { x: 0, y: 0 };
  known = false;
  /** Whether the next bare glyph is drawn at the line point (after a move or matrix, not after a glyph). */
  fresh = true;

  /** Follows one line; returns where its glyph is drawn (undefined for no glyph or an unknown point). */
  follow(line: string): Point | undefined {
    const glyph = GLYPH.exec(line);
    if (glyph) {
      const placed = glyph[1] !== undefined || this.fresh;
      if (glyph[1] !== undefined) this.at = { x: this.at.x + Number(glyph[1]), y: this.at.y + Number(glyph[2]) };
      this.fresh = false;
      return placed && this.known ? this.at : undefined;
    }
    const move = MOVE.exec(line);
    if (move) {
      this.at = { x: this.at.x + Number(move[1]), y: this.at.y + Number(move[2]) };
      this.fresh = true;
    } else if (line === 'BT' || MATRIX.test(line)) {
      this.at = { x: 0, y: 0 };
      this.known = line !== 'BT';
      this.fresh = true;
    } else if (/(?:^|\s)(?:T\*|TD|'|")$/.test(line)) this.known = false;
    return undefined;
  }
}

/**
 * An /ActualText span's lines (between BDC and EMC) redrawn with its glyph nearest the baseline
 * first, so the span's letters are read from there, spanning to its last glyph; undefined when it
 * is in that order already or holds anything but fonts, a matrix first, moves and placed glyphs.
 */
function reorderSpan(body: string[], point: TextPoint): string[] | undefined {
  const trial = Object.assign(new TextPoint(), { at: point.at, known: point.known, fresh: point.fresh });
  const start = trial.at;
  const prefix: string[] = [];
  const glyphs: { at: Point; show: string }[] = [];
  for (const line of body) {
    const glyph = GLYPH.exec(line);
    const at = trial.follow(line);
    if (glyph) {
      if (!at) return undefined;
      glyphs.push({ at, show: glyph[3] });
    } else if (MOVE.test(line)) continue;
    else if ((MATRIX.test(line) || FONT.test(line)) && !glyphs.length) prefix.push(line);
    else return undefined;
  }
  let first = 0;
  glyphs.forEach((g, i) => {
    if (Math.abs(g.at.y) < Math.abs(glyphs[first].at.y) - EPSILON) first = i;
  });
  if (first === 0) return undefined;
  const order = [glyphs[first], ...glyphs.filter((_, i) => i !== first)];
  let pen = prefix.some((line) => MATRIX.test(line)) ? { x: 0, y: 0 } : start;
  const out = [...prefix];
  for (const g of order) {
    out.push(`${num(g.at.x - pen.x)} ${num(g.at.y - pen.y)} Td ${g.show}`);
    pen = g.at;
  }
  // Back to the line point the span left: the moves after it are relative to it.
  const end = trial.at;
  if (Math.abs(pen.x - end.x) > 1e-6 || Math.abs(pen.y - end.y) > 1e-6) {
    out.push(`${num(end.x - pen.x)} ${num(end.y - pen.y)} Td`);
  }
  return out;
}

/**
 * A page's content stream, as Chromium writes it (one operator a line), with every glyph drawn off
 * its run's baseline read on it (see above). `fonts` holds the ToUnicode maps of the page's fonts
 * by resource name. Lines it does not understand are kept as they are and anchor nothing.
 */
export function anchorTextLines(content: string): string {
  const lines = content.split('\n');
  const out: string[] = [];
  const point = new TextPoint();
  let mode = 0;
  // Marked-content depth, and the depth an open /ActualText span closes at (-1: none open).
  let depth = 0;
  let spanDepth = -1;
  // An open span's first glyph is still to come: its anchor goes just before it.
  let spanFirst = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const glyph = GLYPH.exec(line);
    if (glyph) {
      const before = point.at;
      const at = point.follow(line);
      const codes = codesOf(glyph[3]);
      const off = at !== undefined && codes !== undefined && Math.abs(at.y) > EPSILON;
      if (spanDepth >= 0 && spanFirst && off) out.push(...anchorLines(before, { x: at.x, y: 0 }, codes[0], mode));
      spanFirst = false;
      out.push(line);
      continue;
    }
    if (/(?:^|\s)(?:BDC|BMC)$/.test(line)) {
      if (spanDepth < 0 && ACTUAL_TEXT.test(line)) {
        let end = i + 1;
        while (end < lines.length && lines[end] !== 'EMC' && !/(?:^|\s)(?:BDC|BMC)$/.test(lines[end])) end++;
        const reordered = lines[end] === 'EMC' ? reorderSpan(lines.slice(i + 1, end), point) : undefined;
        if (reordered) lines.splice(i + 1, end - i - 1, ...reordered);
        spanDepth = depth;
        spanFirst = true;
      }
      depth++;
      out.push(line);
      continue;
    }
    out.push(line);
    point.follow(line);
    const render = RENDER.exec(line);
    if (render) mode = Number(render[1]);
    else if (line === 'EMC') {
      depth = Math.max(0, depth - 1);
      if (depth === spanDepth) spanDepth = -1;
    }
  }
  return out.join('\n');
}

/**
 * Anchors the text layer of every page of `doc` (see above) by rewriting its content streams. Only
 * pages holding /ActualText spans drawn off the baseline change.
 */
export function anchorTextLayer(doc: PDFDocument): void {
  const { PDFArray, PDFName, PDFRawStream, decodePDFRawStream } = pdfLib();
  const context = doc.context;
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const streams = (contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : []).map((ref) =>
      context.lookup(ref),
    );
    if (!streams.length || !streams.every((stream) => stream instanceof PDFRawStream)) continue;
    const content = streams
      .map((stream) => Buffer.from(decodePDFRawStream(stream as PdfRawStream).decode()).toString('latin1'))
      .join('\n');
    if (!content.includes('/ActualText')) continue;
    const anchored = anchorTextLines(content);
    if (anchored === content) continue;
    page.node.set(PDFName.of('Contents'), context.register(context.flateStream(Buffer.from(anchored, 'latin1'))));
  }
}
