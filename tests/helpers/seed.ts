import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The essay exactly as received (a verbatim copy of the seed). */
export const SEED_FILE = path.join(REPO, 'tests/fixtures/seed/fading-color.txt');
export const FIXTURES = path.join(REPO, 'tests/fixtures');

export interface Seed {
  /** Body paragraphs (headings included), note numbers removed, in order. */
  paragraphs: string[];
  /** The fourteen notes' texts, by number - 1. */
  notes: string[];
  /** The two closing lines: author name and bio. */
  closing: string[];
  /** Each note number's glued word, e.g. "Civil War!" for 1, with the paragraph it stands in. */
  refs: { number: number; before: string; paragraph: number }[];
}

const GLUED = [
  'Civil War!',
  'anti-fascist',
  '2006.',
  'Joe Biden,',
  'vanguards',
  'murdered.',
  'day,',
  'Common Cause',
  'demands',
  'membership',
  'job.',
  'themselves.',
  'statement',
  'neighborhoods',
];

/** Reads the seed text independently of the manuscript, to prove nothing was lost in conversion. */
export function readSeed(): Seed {
  const lines = fs
    .readFileSync(SEED_FILE, 'utf8')
    .split('\n')
    .map((l) => l.trimEnd());
  const firstNote = lines.findIndex((l) => /^ {2}1\. /.test(l));
  const bodyBlocks = lines.slice(0, firstNote).filter((l) => l.trim() !== '');
  const tail = lines.slice(firstNote);
  const notes = tail.filter((l) => /^ {2}\d+\. /.test(l)).map((l) => l.replace(/^ {2}\d+\. /, '').trim());
  const closing = tail.filter((l) => l.trim() !== '' && !/^ {2}\d+\. /.test(l));
  const refs: Seed['refs'] = [];
  const paragraphs = bodyBlocks.map((block, index) => {
    let text = block;
    GLUED.forEach((word, i) => {
      const glued = `${word}${i + 1}`;
      if (text.includes(glued)) {
        refs.push({ number: i + 1, before: word, paragraph: index });
        text = text.replace(glued, word);
      }
    });
    return text.trim();
  });
  return { paragraphs, notes, closing, refs };
}

/** Words of a text for order-preserving comparison: punctuation-insensitive, soft hyphens removed. */
export function words(text: string): string[] {
  return text
    .replace(/\u00ad/g, '')
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
}

/** Index of the first word of `needle` not found, in order, within `haystack`; -1 when all are there. */
export function firstMissingWord(haystack: string[], needle: string[]): number {
  let at = 0;
  for (let i = 0; i < needle.length; i++) {
    const found = haystack.indexOf(needle[i], at);
    if (found === -1) return i;
    at = found + 1;
  }
  return -1;
}
