// Generated manuscripts for the page make-up tests: paragraphs, lists and notes of chosen lengths,
// in a chosen language and direction, written as a real project (manuscript/, config, styles/).
// Words come from a small vocabulary through a seeded generator, so a case is the same every run.
import fs from 'node:fs';
import path from 'node:path';
import { seededRandom } from './random.js';

export type GeneratedLanguage = 'en' | 'ja';

/** A note: called after word `at` of its paragraph (the paragraph's end if past it). */
export interface GeneratedNote {
  at: number;
  words: number;
  /** Paragraphs of the note after the first, each of this many words. */
  more?: number[];
}

export interface GeneratedBlock {
  kind: 'paragraph' | 'list';
  /** Words of the paragraph; for a list, of each item. */
  words: number;
  /** A list's items. */
  items?: number;
  notes?: GeneratedNote[];
}

export interface GeneratedChapter {
  title: string;
  blocks: GeneratedBlock[];
}

export interface GeneratedBook {
  title: string;
  lang: GeneratedLanguage;
  /** The text's direction, in the front matter (the language's own when left out). */
  dir?: 'ltr' | 'rtl';
  lineBreaking?: 'knuth-plass' | 'browser';
  /** Each chapter opens a page (a project style), so chapters are independent cases in one build. */
  chapterPerPage?: boolean;
  seed: number;
  chapters: GeneratedChapter[];
}

const EN = (
  'the printers met in winter and argued over wages while masters waited above a bakery with sheets of ' +
  'paper and a price for every hour of composition under cold light apprentices learned setting type by ' +
  'hand orders came from the guild pamphlets spread through rooms where canvas hung debated each spring'
).split(' ');
const JA = Array.from(
  '印刷工たちは冬に集まり賃金について議論した親方はパン屋の上で紙の束と組版の値段を持って待っていた冷光',
);

/** `count` words (Japanese: characters, two to a "word") as text, with sentence punctuation. */
function words(lang: GeneratedLanguage, count: number, random: () => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (lang === 'ja') out.push(JA[Math.floor(random() * JA.length)] + JA[Math.floor(random() * JA.length)]);
    else out.push(EN[Math.floor(random() * EN.length)]);
  }
  return out;
}

function sentenceCase(lang: GeneratedLanguage, ws: string[]): string {
  if (lang === 'ja') return `${ws.join('')}。`;
  const text = ws.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

function joinText(lang: GeneratedLanguage, parts: string[]): string {
  return parts.join(lang === 'ja' ? '' : ' ');
}

/** A paragraph's Markdown with its note calls, and the notes' definitions. */
function paragraph(
  lang: GeneratedLanguage,
  count: number,
  notes: GeneratedNote[],
  label: () => string,
  random: () => number,
): { text: string; definitions: string[] } {
  const ws = words(lang, count, random);
  const definitions: string[] = [];
  const calls = new Map<number, string[]>();
  for (const note of notes) {
    const at = Math.max(0, Math.min(count - 1, note.at));
    const id = label();
    calls.set(at, [...(calls.get(at) ?? []), id]);
    const paras = [note.words, ...(note.more ?? [])].map((n) => sentenceCase(lang, words(lang, n, random)));
    definitions.push(`[^${id}]: ${paras.join('\n\n    ')}`);
  }
  const parts: string[] = [];
  ws.forEach((w, i) => {
    const last = i === ws.length - 1;
    let piece = i === 0 && lang === 'en' ? `${w[0].toUpperCase()}${w.slice(1)}` : w;
    if (last) piece += lang === 'ja' ? '。' : '.';
    for (const id of calls.get(i) ?? []) piece += `[^${id}]`;
    parts.push(piece);
  });
  return { text: joinText(lang, parts), definitions };
}

/** Writes the project into `dir` (which must not hold one yet); returns `dir`. */
export function writeGeneratedBook(dir: string, book: GeneratedBook): string {
  const random = seededRandom(book.seed);
  let notes = 0;
  const label = () => `n${++notes}`;
  fs.mkdirSync(path.join(dir, 'manuscript'), { recursive: true });
  book.chapters.forEach((chapter, c) => {
    const out: string[] = [];
    const definitions: string[] = [];
    if (c === 0) {
      const dirLine = book.dir ? `dir: ${book.dir}\n` : '';
      out.push(`---\ntitle: ${book.title}\nauthor: T. Setter\nlang: ${book.lang}\n${dirLine}---`);
    }
    out.push(`## ${chapter.title}`);
    for (const block of chapter.blocks) {
      if (block.kind === 'paragraph') {
        const p = paragraph(book.lang, block.words, block.notes ?? [], label, random);
        out.push(p.text);
        definitions.push(...p.definitions);
      } else {
        const items: string[] = [];
        for (let i = 0; i < (block.items ?? 3); i++) {
          const p = paragraph(book.lang, block.words, i === 0 ? (block.notes ?? []) : [], label, random);
          items.push(`- ${p.text}`);
          definitions.push(...p.definitions);
        }
        out.push(items.join('\n'));
      }
    }
    out.push(...definitions);
    const name = `${String(c + 1).padStart(3, '0')}.md`;
    fs.writeFileSync(path.join(dir, 'manuscript', name), `${out.join('\n\n')}\n`);
  });
  const config = {
    outputs: ['pdf'],
    print: { padToMultipleOf4: false, ...(book.lineBreaking ? { lineBreaking: book.lineBreaking } : {}) },
  };
  fs.writeFileSync(path.join(dir, 'pamphleteer.config.json'), JSON.stringify(config, null, 2));
  if (book.chapterPerPage) {
    fs.mkdirSync(path.join(dir, 'styles'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'styles', 'print.css'), 'section.chapter { break-before: page; }\n');
  }
  return dir;
}

/**
 * One chapter per position: filler paragraphs (the second of `lead` words), growing by `step` words from one chapter to the
 * next, then a paragraph whose tail holds a note call, then a paragraph after it. Across the
 * chapters the tail (and its call) moves line by line through the foot of a page.
 */
export function tailCallSweep(positions: number, lead: number, step: number): GeneratedChapter[] {
  return Array.from({ length: positions }, (_, p) => ({
    title: `Position ${p + 1}`,
    blocks: [
      { kind: 'paragraph' as const, words: 110 },
      { kind: 'paragraph' as const, words: lead + p * step },
      { kind: 'paragraph' as const, words: 80, notes: [{ at: 72, words: 35 }] },
      { kind: 'paragraph' as const, words: 70 },
    ],
  }));
}

/**
 * One chapter per position: filler growing by `step` words, then a short paragraph calling a
 * long note (two paragraphs, `noteWords` in all), then a list and more text. Across the chapters
 * the call moves through the lower half of a page.
 */
export function longNoteSweep(positions: number, lead: number, step: number, noteWords = 650): GeneratedChapter[] {
  const first = Math.round(noteWords * 0.55);
  return Array.from({ length: positions }, (_, p) => ({
    title: `Long note ${p + 1}`,
    blocks: [
      { kind: 'paragraph' as const, words: 90 },
      { kind: 'paragraph' as const, words: lead + p * step },
      { kind: 'paragraph' as const, words: 24, notes: [{ at: 23, words: first, more: [noteWords - first] }] },
      { kind: 'list' as const, words: 14, items: 4 },
      { kind: 'paragraph' as const, words: 120 },
      { kind: 'paragraph' as const, words: 160 },
      { kind: 'paragraph' as const, words: 140 },
    ],
  }));
}
