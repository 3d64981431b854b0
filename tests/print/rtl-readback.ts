// Reading right-to-left pages back from the PDF: MuPDF's glyphs (each with its size and line) and pdftotext's
// words, put back in reading order.
import { execFileSync } from 'node:child_process';
import type { PdfWord } from './pdf-text.js';

/** One glyph as MuPDF draws it: its page and line, box, baseline, font size and character. */
export interface Glyph {
  page: number;
  line: number;
  c: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

export function pdfGlyphs(file: string): Glyph[] {
  const xml = execFileSync('mutool', ['draw', '-q', '-F', 'stext', '-o', '-', file], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const glyphs: Glyph[] = [];
  let page = 0;
  let line = 0;
  let size = 0;
  for (const m of xml.matchAll(
    /<page |<line |<font name="[^"]*" size="([\d.]+)"|<char quad="([-\d. ]+)" x="[-\d.]+" y="([-\d.]+)"[^>]* c="([^"]*)"/g,
  )) {
    if (m[0] === '<page ') page++;
    else if (m[0] === '<line ') line++;
    else if (m[1]) size = Number(m[1]);
    else {
      const quad = m[2].split(' ').map(Number);
      glyphs.push({ page, line, c: decodeXml(m[4]), x0: quad[0], x1: quad[2], y: Number(m[3]), size });
    }
  }
  return glyphs;
}

function decodeXml(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return s.replace(/&(#x[\da-f]+|#\d+|\w+);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(Number(e[1] === 'x' ? `0${e.slice(1)}` : e.slice(1))) : named[e],
  );
}

/** The value of a run of digits in any script (0-9, Arabic-Indic, Persian). */
export function digitsValue(text: string): number {
  return Number([...text].map((c) => (/\d/.test(c) ? c : String((c.codePointAt(0)! - 0x0660) % 0x90))).join(''));
}
export const DIGIT = /^\p{Nd}$/u;

/** Letters only, decomposed and without marks, lower case: what survives any text extraction. */
export function letters(text: string): string[] {
  return [...text.normalize('NFKD').toLowerCase()].filter((c) => /\p{L}/u.test(c));
}

export function countLetters(texts: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) for (const c of letters(text)) counts.set(c, (counts.get(c) ?? 0) + 1);
  return counts;
}

/** Letters the PDF has more (+) or fewer (−) of than expected, as "c:+n". */
export function letterDifference(actual: Map<string, number>, expected: Map<string, number>): string[] {
  const keys = new Set([...actual.keys(), ...expected.keys()]);
  return [...keys]
    .map((c) => [c, (actual.get(c) ?? 0) - (expected.get(c) ?? 0)] as const)
    .filter(([, d]) => d !== 0)
    .map(([c, d]) => `${c}:${d > 0 ? '+' : ''}${d}`);
}

export const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;

/**
 * The words of right-to-left lines in reading order. pdftotext gives each line's words as drawn, left to right,
 * and a right-to-left word's letters drawn left to right too: the line's runs are read from the right, a
 * left-to-right run (a Latin name) from its left.
 */
export function readingOrder(words: (PdfWord & { norm: string })[]): string[] {
  const lines: (PdfWord & { norm: string })[][] = [];
  for (const w of [...words].sort((a, b) => a.page - b.page || a.y - b.y)) {
    const line = lines.at(-1);
    if (line && line[0].page === w.page && Math.abs(line[0].y - w.y) < Math.min(line[0].height, w.height) / 2)
      line.push(w);
    else lines.push([w]);
  }
  return lines.flatMap((line) => {
    const runs: { rtl: boolean; words: string[] }[] = [];
    for (const w of line.sort((a, b) => a.x - b.x)) {
      const rtl = RTL_LETTER.test(w.norm);
      const word = rtl ? [...w.norm].reverse().join('') : w.norm;
      const run = runs.at(-1);
      if (run && run.rtl === rtl) run.words.push(word);
      else runs.push({ rtl, words: [word] });
    }
    return runs.reverse().flatMap((run) => (run.rtl ? run.words.reverse() : run.words));
  });
}

/**
 * Glyphs grouped into MuPDF's lines (a mark above or below a letter stays on its letter's line), each ordered
 * right to left, in the PDF's order.
 */
export function lines(glyphs: Glyph[]): Glyph[][] {
  const byLine = new Map<number, Glyph[]>();
  for (const g of glyphs) byLine.set(g.line, [...(byLine.get(g.line) ?? []), g]);
  return [...byLine.values()].map((line) => line.sort((a, b) => b.x1 - a.x1));
}

/** The number a right-to-left line opens with (digits and a period at its right end), if any. */
export function leadingRun(line: Glyph[]): number | undefined {
  const run: string[] = [];
  for (const g of line) {
    if (DIGIT.test(g.c)) run.push(g.c);
    else if (g.c !== '.') break;
  }
  // Collected from the right; a number is drawn left to right.
  return run.length ? digitsValue(run.reverse().join('')) : undefined;
}

/** Runs of adjacent digits on a line, as numbers with their page. */
export function digitRuns(glyphs: Glyph[]): { page: number; value: number }[] {
  const runs: { page: number; value: number }[] = [];
  for (const line of lines(glyphs)) {
    const ltr = [...line].reverse();
    let digits = '';
    let end = Number.NEGATIVE_INFINITY;
    for (const g of [...ltr, undefined]) {
      if (g && DIGIT.test(g.c) && (!digits || g.x0 - end < 1)) {
        digits += g.c;
        end = g.x1;
        continue;
      }
      if (digits) runs.push({ page: line[0].page, value: digitsValue(digits) });
      digits = g && DIGIT.test(g.c) ? g.c : '';
      end = g?.x1 ?? end;
    }
  }
  return runs;
}
