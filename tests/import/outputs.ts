// Import a document through the real command, build it through the real command, and read the
// outputs back: the EPUB's chapters in spine order, the PDF's words with their pages (pdftotext).
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { expect } from 'vitest';
import { loadBook } from '../../src/book/load-book.js';
import type { Book } from '../../src/book/book-types.js';
import { configSchema } from '../../src/config/schema.js';
import { pageGeometry } from '../../src/render/print/page-setup.js';
import { pamphleteer, type RunResult } from '../cli/helpers.js';
import { firstMissingWord } from '../helpers/seed.js';
import { expectedText, pdfWords, splitStreams, tokens } from '../print/pdf-text.js';

export const config = configSchema.parse({});

/** What a source document says, as words to find in the outputs (letters only, lower case). */
export interface SourceText {
  /** The text's words in reading order, notes left out. */
  body: string[];
  /** Each note's words, in the order of their calls. */
  notes: string[][];
}

export function sourceText(body: string, notes: string[]): SourceText {
  return { body: tokens(body), notes: notes.map(tokens) };
}

export async function runImport(args: string[], cwd: string): Promise<RunResult> {
  return pamphleteer(['import', ...args], { cwd });
}

/** Builds the project (EPUB and print PDF) with the real command; returns the two files. */
export async function build(root: string): Promise<{ epub: string; pdf: string; book: Book }> {
  const result = await pamphleteer(['build', '.', '--quiet', '--only', 'epub,pdf'], { cwd: root });
  expect(result.code, result.stderr).toBe(0);
  const dist = path.join(root, 'dist');
  const epub = fs.readdirSync(dist).find((f) => f.endsWith('.epub'))!;
  const pdf = fs.readdirSync(dist).find((f) => f.endsWith('.pdf'))!;
  return { epub: path.join(dist, epub), pdf: path.join(dist, pdf), book: loadBook(root, config).book };
}

/** The text of the EPUB's documents in spine order. */
export async function epubText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const container = await zip.file('META-INF/container.xml')!.async('string');
  const opfPath = /full-path="([^"]+)"/.exec(container)![1];
  const opf = await zip.file(opfPath)!.async('string');
  const hrefs = new Map([...opf.matchAll(/<item\b[^>]*\bid="([^"]+)"[^>]*\bhref="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const texts: string[] = [];
  for (const m of opf.matchAll(/<itemref\b[^>]*\bidref="([^"]+)"/g)) {
    const href = path.posix.join(path.posix.dirname(opfPath), decodeURIComponent(hrefs.get(m[1])!));
    const xhtml = await zip.file(href)!.async('string');
    texts.push(
      xhtml
        .replace(/<head>[\s\S]*?<\/head>/, ' ')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
        .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>'),
    );
  }
  return texts.join('\n');
}

/** Index of the first place `seq` occurs in `words` at or after `from`, or -1. */
function locate(words: string[], seq: string[], from = 0): number {
  outer: for (let i = from; i + seq.length <= words.length; i++) {
    for (let j = 0; j < seq.length; j++) if (words[i + j] !== seq[j]) continue outer;
    return i;
  }
  return -1;
}

function missing(haystack: string[], needle: string[], what: string): string | undefined {
  const at = firstMissingWord(haystack, needle);
  return at === -1 ? undefined : `${what}: word ${at} “${needle.slice(at, at + 6).join(' ')}” not found in order`;
}

/**
 * Every word of the source is in the EPUB and in the PDF, in order (each note's too), and each
 * note's text sits on the page of its call in the PDF (read with pdftotext, word by word).
 */
export async function expectEveryWordAndNote(source: SourceText, built: { epub: string; pdf: string; book: Book }) {
  const epub = tokens(await epubText(built.epub));
  expect(missing(epub, source.body, 'EPUB text')).toBeUndefined();
  for (const [i, note] of source.notes.entries()) expect(missing(epub, note, `EPUB note ${i + 1}`)).toBeUndefined();

  // Read as two streams, text and notes, so that a word hyphenated at a page's foot is read whole.
  const words = pdfWords(built.pdf);
  const lastPage = Math.max(...words.map((w) => w.page));
  const { body, small } = splitStreams(words, 1, lastPage, parseFloat(pageGeometry(config.print).margins.top));
  expect(
    missing(
      body.map((w) => w.norm),
      source.body,
      'PDF text',
    ),
  ).toBeUndefined();
  const noteWords = small.map((w) => w.norm);
  for (const [i, note] of source.notes.entries()) expect(missing(noteWords, note, `PDF note ${i + 1}`)).toBeUndefined();

  // Where each call and each note landed, from the Book of the imported project.
  const book = built.book;
  expect(book.notes.length).toBe(source.notes.length);
  const expected = expectedText(book);
  const bodyNorms = body.map((w) => w.norm);
  const smallNorms = small.map((w) => w.norm);
  let noteFrom = 0;
  let callFrom = locate(bodyNorms, expected.body.slice(0, 3));
  expect(callFrom, `the text's first words “${expected.body.slice(0, 3).join(' ')}”`).toBeGreaterThanOrEqual(0);
  for (const note of book.notes) {
    const after = expected.callAfter.get(note.number)!;
    const lead = expected.body.slice(Math.max(0, after - 4), after + 1);
    const callAt = locate(bodyNorms, lead, callFrom);
    expect(callAt, `the call of note ${note.number} after “${lead.join(' ')}”`).toBeGreaterThanOrEqual(0);
    callFrom = callAt;
    const call = body[callAt + lead.length - 1];
    const callPage = call.page;
    const [from, to] = expected.noteRanges.get(note.number)!;
    const noteWords = expected.notes.slice(from, to);
    const noteAt = locate(smallNorms, noteWords.slice(0, 4), noteFrom);
    expect(noteAt, `note ${note.number} “${noteWords.slice(0, 4).join(' ')}” at a page foot`).toBeGreaterThanOrEqual(0);
    noteFrom = noteAt;
    const pages = new Set(small.slice(noteAt, noteAt + noteWords.length).map((w) => w.page));
    // The note starts at the foot of its call's page (a long one may go on at the next page's foot).
    expect(Math.min(...pages), `note ${note.number}: its call is on page ${callPage}`).toBe(callPage);
  }
}
