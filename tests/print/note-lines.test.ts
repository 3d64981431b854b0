// Notes are set by the same Knuth–Plass breaker as the body: a generated book with many notes of one
// to three paragraphs (some long enough to split across pages), built through the real command and
// read back with pdftotext: note lines are spaced no looser than the body's, no three hyphenated
// note lines in a row, every word printed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/seed.js';
import { seededRandom } from '../helpers/random.js';
import { bboxLines } from './pdf-text.js';

const WORDS = (
  'the of and a to in is that it was for on are with as his they be at one have this from or had by word but what ' +
  'some we can out other were all there when up use your how said an each she which do their time if will way ' +
  'about many then them write would like so these her long make thing see him two has look more day could go come ' +
  'did number sound most people over know water than call first who may down side been now find any new work ' +
  'part take get place made live where after back little only round man year came show every good give our under ' +
  'name very through just form sentence great think say help low line differ turn cause much mean before move ' +
  'right boy old too same tell does set three want air well also play small end put home read hand port large ' +
  'spell add even land here must big high such follow act why ask men change went light kind off need house ' +
  'picture try again animal point mother world near build self earth father government organisation responsibility ' +
  'understanding international extraordinary particularly infrastructure consciousness determination'
).split(' ');

function manuscript(seed: number): string {
  const rnd = seededRandom(seed);
  const sentence = () => {
    const n = 6 + Math.floor(rnd() * 14);
    const text = Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
    return `${text[0].toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = (sentences: number) => Array.from({ length: sentences }, sentence).join(' ');
  const body: string[] = [];
  const notes: string[] = [];
  for (let i = 0; i < 30; i++) {
    body.push(`${paragraph(2 + Math.floor(rnd() * 5))}[^n${i}]`);
    const parts = 1 + Math.floor(rnd() * 3);
    const note = Array.from({ length: parts }, () => paragraph(1 + Math.floor(rnd() * 5)));
    notes.push(`[^n${i}]: ${note.join('\n\n    ')}`);
  }
  return `---\ntitle: Notes\nlang: en\n---\n\n${body.join('\n\n')}\n\n${notes.join('\n\n')}\n`;
}

interface PdfLine {
  words: { x0: number; x1: number; text: string }[];
  height: number;
}

/** Lines per page from pdftotext -bbox-layout. */
function readLines(pdf: string): PdfLine[][] {
  return bboxLines(pdf).map((page) =>
    page.map(({ words }) => ({ words, height: Math.round(words[0].height * 10) / 10 })),
  );
}

const gapsOf = (l: PdfLine) =>
  l.words
    .slice(1)
    .map((w, i) => w.x0 - l.words[i].x1)
    .filter((g) => g > 0.3);
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(q * values.length)];

/** Word-space ratios (gap ÷ the median gap of the ragged lines of that size) and hyphen runs of lines of one size. */
function spacing(pages: PdfLine[][], size: (h: number) => boolean) {
  const justified: PdfLine[] = [];
  const ragged: PdfLine[] = [];
  let run = 0;
  let longestRun = 0;
  for (const lines of pages) {
    const mine = lines.filter((l) => size(l.height) && l.words.length >= 4);
    if (mine.length === 0) continue;
    const right = Math.max(...mine.map((l) => l.words[l.words.length - 1].x1));
    for (const l of lines) {
      if (!mine.includes(l)) continue;
      const full = Math.abs(l.words[l.words.length - 1].x1 - right) <= 1;
      (full ? justified : ragged).push(l);
      run = full && /\p{L}-$/u.test(l.words[l.words.length - 1].text) ? run + 1 : 0;
      longestRun = Math.max(longestRun, run);
    }
  }
  const natural = quantile(ragged.flatMap(gapsOf), 0.5);
  const ratios = justified.flatMap(gapsOf).map((g) => g / natural);
  return { lines: justified.length, p95: quantile(ratios, 0.95), median: quantile(ratios, 0.5), longestRun };
}

describe('print: notes broken into lines like the body', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-note-lines-'));
  let pages: PdfLine[][];
  let text: string;
  let source: string;

  beforeAll(() => {
    source = manuscript(5);
    fs.mkdirSync(path.join(work, 'manuscript'));
    fs.writeFileSync(path.join(work, 'manuscript', 'text.md'), source);
    const env = { ...process.env };
    delete env.PAMPHLETEER_LINE_BREAKING;
    execFileSync(process.execPath, [path.join(REPO, 'bin/pamphleteer.js'), 'build', work, '--only', 'pdf', '-q'], {
      stdio: 'pipe',
      env,
    });
    const dist = path.join(work, 'dist');
    const pdf = path.join(dist, fs.readdirSync(dist).find((f) => f.endsWith('.pdf'))!);
    pages = readLines(pdf);
    text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' });
  }, 180_000);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('spaces note lines no looser than the body, with no run of three hyphens', () => {
    const sizes = new Map<number, number>();
    for (const l of pages.flat()) sizes.set(l.height, (sizes.get(l.height) ?? 0) + 1);
    // The body's size: the largest that many lines share (titles are larger, notes smaller).
    const bodySize = Math.max(...[...sizes.entries()].filter(([, n]) => n >= 50).map(([h]) => h));
    const body = spacing(pages, (h) => h === bodySize);
    const notes = spacing(pages, (h) => h < bodySize - 1);
    // Enough note lines to judge (the book has dozens of notes, several split across pages).
    expect(notes.lines).toBeGreaterThan(60);
    expect(notes.p95).toBeLessThanOrEqual(body.p95 + 0.05);
    expect(notes.median).toBeLessThanOrEqual(body.median + 0.05);
    expect(notes.longestRun).toBeLessThan(3);
  });

  it('prints every word of the notes', () => {
    const printed = new Set(
      text
        .replace(/(\p{L})-\n(\p{L})/gu, '$1$2')
        .toLowerCase()
        .split(/[^\p{L}]+/u),
    );
    const words = new Set(
      source
        .split('---\n')
        .slice(2)
        .join('')
        .replace(/\[\^n\d+\]:?/g, ' ')
        .split(/[^\p{L}]+/u),
    );
    for (const word of words) if (word && word !== 'n') expect(printed, word).toContain(word.toLowerCase());
  });
});
