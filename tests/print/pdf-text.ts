// Reading the real PDF back with poppler: word boxes (pdftotext -bbox), fonts (pdffonts), info.
import { execFileSync, spawnSync } from 'node:child_process';
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { leafBlocks } from '../../src/book/blocks.js';
import { NOTE_REF_TAG, type Book } from '../../src/book/book-types.js';

/** True when the tool runs; under CI a missing tool is an error, never a skip. */
export function haveTools(...tools: string[]): boolean {
  const missing = tools.filter((t) => spawnSync(t, ['-v'], { stdio: 'ignore' }).error);
  if (missing.length && process.env.CI)
    throw new Error(`missing tools under CI: ${missing.join(', ')} (apt-get install poppler-utils)`);
  return missing.length === 0;
}

export interface PdfWord {
  page: number;
  text: string;
  x: number;
  y: number;
  height: number;
  pageWidth: number;
  pageHeight: number;
}

/** Every word of the PDF with its page and box, line-end hyphens rejoined, soft hyphens removed. */
export function pdfWords(file: string): PdfWord[] {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const raw: PdfWord[] = [];
  let page = 0;
  let pageWidth = 0;
  let pageHeight = 0;
  for (const m of xml.matchAll(
    /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    if (m[1]) {
      page++;
      pageWidth = Number(m[1]);
      pageHeight = Number(m[2]);
      continue;
    }
    raw.push({
      page,
      text: decode(m[6]),
      x: Number(m[3]),
      y: Number(m[4]),
      height: Number(m[5]) - Number(m[4]),
      pageWidth,
      pageHeight,
    });
  }
  const words: PdfWord[] = [];
  for (let i = 0; i < raw.length; i++) {
    const w = { ...raw[i] };
    // A word ending a line in a hyphen continues on the next line: a soft hyphen (U+00AD before
    // the drawn hyphen) disappears, a hard one ("anti-" + "Trump") stays.
    // (Only on the next line of the same size: a page's last line is followed by its notes.)
    const nextLine = (next: PdfWord | undefined) =>
      !!next &&
      next.page === w.page &&
      next.y > w.y + w.height / 2 &&
      next.y < w.y + w.height * 2 &&
      Math.abs(next.height - w.height) < w.height * 0.1;
    while (/[^-]-$/.test(w.text) && nextLine(raw[i + 1])) {
      const soft = /\u00AD-$/.test(w.text);
      w.text = (soft ? w.text.slice(0, -2) : w.text) + raw[i + 1].text;
      i++;
    }
    w.text = w.text.replace(/\u00AD/g, '');
    words.push(w);
  }
  return words;
}

function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, (_, name: string) =>
    name === 'amp'
      ? '&'
      : name === 'lt'
        ? '<'
        : name === 'gt'
          ? '>'
          : name === 'quot'
            ? '"'
            : name === 'apos'
              ? "'"
              : String.fromCodePoint(Number(name.slice(1))),
  );
}

/** Comparison form of a word: letters only, lower case (numbers and punctuation vary with superscripts). */
export function norm(word: string): string {
  return word
    .toLowerCase()
    .replace(/\u00AD/g, '')
    .replace(/[^\p{L}]+/gu, '');
}

export function tokens(text: string): string[] {
  return text.split(/\s+/).map(norm).filter(Boolean);
}

export interface ExpectedText {
  /** Body words of all chapters, in order. */
  body: string[];
  /** For each note number: the index in `body` of the word its call follows. */
  callAfter: Map<number, number>;
  /** Note words in note order, with the range of each note. */
  notes: string[];
  noteRanges: Map<number, [number, number]>;
}

/** What the PDF must contain, from the Book itself (not from the renderer's HTML). */
export function expectedText(book: Book): ExpectedText {
  const body: string[] = [];
  const callAfter = new Map<number, number>();
  for (const chapter of book.chapters) {
    for (const block of leafBlocks(chapter.tree as Root)) {
      // Walk the block's text, noting where each note reference falls.
      let text = '';
      visit(block, (node) => {
        if (node.type === 'text') text += node.value;
        if (node.type === 'element' && (node as Element).tagName === NOTE_REF_TAG) {
          const n = Number((node as Element).properties.dataNote);
          callAfter.set(n, body.length + tokens(text).length - 1);
        }
      });
      body.push(...tokens(toString(block)));
    }
  }
  const notes: string[] = [];
  const noteRanges = new Map<number, [number, number]>();
  for (const note of book.notes) {
    const start = notes.length;
    notes.push(...tokens(note.text));
    noteRanges.set(note.number, [start, notes.length]);
  }
  return { body, callAfter, notes, noteRanges };
}

/**
 * Splits text-page words into body text and note text: notes are smaller and below the page's
 * running text (smaller text above it, inline, is running text).
 */
export function splitStreams(words: PdfWord[], firstPage: number, lastPage: number, topMarginPt: number) {
  const onText = words.filter((w) => w.page >= firstPage && w.page <= lastPage && w.y > topMarginPt - 2);
  const heights = new Map<number, number>();
  for (const w of onText) heights.set(Math.round(w.height), (heights.get(Math.round(w.height)) ?? 0) + 1);
  const bodyHeight = [...heights.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const textSize = (w: PdfWord) => w.height >= bodyHeight * 0.9;
  const lowestText = new Map<number, number>();
  for (const w of onText) if (textSize(w)) lowestText.set(w.page, Math.max(lowestText.get(w.page) ?? 0, w.y));
  const isBody = (w: PdfWord) => textSize(w) || w.y < (lowestText.get(w.page) ?? -Infinity);
  const body = withNorms(joinedAcrossPages(onText.filter(isBody)));
  const small = withNorms(joinedAcrossPages(onText.filter((w) => !isBody(w) && norm(w.text))));
  return { body, small, bodyHeight };
}

/**
 * A page may end in a hyphenated word (a verso's body, as in LaTeX's books; a split note's part): the
 * word continues at the head of the next page's words of the same stream.
 */
function joinedAcrossPages(words: PdfWord[]): PdfWord[] {
  const joined: PdfWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = { ...words[i] };
    const next = words[i + 1];
    if (/\p{L}-$/u.test(w.text) && next && next.page === w.page + 1) {
      w.text = w.text.slice(0, -1) + next.text;
      i++;
    }
    joined.push(w);
  }
  return joined;
}

const withNorms = (words: PdfWord[]) => words.map((w) => ({ ...w, norm: norm(w.text) })).filter((w) => w.norm);

/** Index of the first difference between two word lists, with context, or undefined when equal. */
export function firstDifference(actual: string[], expected: string[]): string | undefined {
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    if (actual[i] !== expected[i]) {
      return `word ${i}: expected "${expected.slice(i, i + 8).join(' ')}" but the PDF has "${actual.slice(i, i + 8).join(' ')}" (after "${expected.slice(Math.max(0, i - 6), i).join(' ')}")`;
    }
  }
  return undefined;
}

export function pdfFonts(file: string): { name: string; type: string; embedded: boolean }[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((line) => {
      return {
        name: line.slice(0, 37).trim(),
        type: line.slice(37, 55).trim(),
        embedded: line.slice(72, 76).trim() === 'yes',
      };
    });
}

export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Object.fromEntries(
    out
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

/** Plain text of each page (pdftotext separates pages with form feeds), soft hyphens removed. */
export function pageTexts(file: string): string[] {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    .replace(/\u00AD/g, '')
    .split('\f')
    .slice(0, -1);
}

/**
 * The soft hyphens (U+00AD) in a PDF's text layer, read raw: `pdftotext -raw` (content-stream
 * order, no joining) and `-bbox-layout` (each word as drawn, U+00AD possibly as `&#173;`).
 * Nothing is stripped: every one counts.
 */
export function rawSoftHyphens(file: string): { raw: number; bbox: number } {
  const raw = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const bbox = execFileSync('pdftotext', ['-bbox-layout', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return {
    raw: raw.split('\u00AD').length - 1,
    bbox: bbox.split('\u00AD').length - 1 + bbox.split('&#173;').length - 1,
  };
}

/** A line as pdftotext -bbox-layout reads it: its words with their boxes. */
export interface BboxLine {
  words: { x0: number; x1: number; text: string; height: number }[];
}

/** The lines of each page, from pdftotext -bbox-layout (lines without words left out). */
export function bboxLines(pdf: string): BboxLine[][] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return xml
    .split('<page ')
    .slice(1)
    .map((page) =>
      page
        .split('<line ')
        .slice(1)
        .map((line) => ({
          words: [
            ...line.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
          ].map((m) => ({ x0: Number(m[1]), x1: Number(m[3]), text: m[5], height: Number(m[4]) - Number(m[2]) })),
        }))
        .filter((l) => l.words.length > 0),
    );
}
