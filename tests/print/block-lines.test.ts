// List items, table cells, block quotes and notes set by the Knuth–Plass breaker, through the real
// command, in four languages (English, German with its long compounds, French, Russian): generated
// books read back with pdftotext. Every word printed, a hyphen only at a line's end, list items
// justified to the measure, and the word space of justified lines within a bound.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../helpers/random.js';
import { REPO } from '../helpers/seed.js';
import { bboxLines } from './pdf-text.js';

/** Short words (most of running text) and long ones, per language. */
const WORDS: Record<string, [string, string]> = {
  en: [
    'the of and to in that a is was for on are with as they at from or by it be this have not but we',
    'workers organization neighbourhood responsibilities institutionalization characteristically ' +
      'comprehensive documentation movement international solidarity different efficient significantly ' +
      'representatives association bureaucracies establishment communities incarceration',
  ],
  de: [
    'die der und zu den das nicht von sie ist mit sich des auf für im dem ein eine als auch es an wird aus',
    'Gewerkschaftsbewegung Arbeitsschutzbestimmungen Sozialversicherungsleistungen Rationalisierungsmaßnahmen ' +
      'Mitbestimmungsrechte Betriebsräte Unternehmensangelegenheiten Gerichtsentscheidungen Auseinandersetzungen ' +
      'Verantwortungsbereitschaft Durchsetzungsfähigkeit Tarifverhandlungen Arbeitskämpfen verarbeitenden',
  ],
  fr: [
    'le la les de des et à un une qui dans pour sur pas il elle nous au du ce est sont par plus avec',
    'travailleurs organisation responsabilités institutionnalisation caractéristique documentation mouvement ' +
      'internationale solidarité différent efficacement représentants association bureaucraties établissement ' +
      'communautés incarcération',
  ],
  ru: [
    'и в не на что с по как из за от он она мы они это был для его но так же',
    'рабочие организация ответственность институционализация характеристика документация движение ' +
      'международная солидарность представители ассоциация бюрократия учреждение сообщества заключение ' +
      'профессиональных союзов',
  ],
};

/** A book of paragraphs, lists with long items (one nested), block quotes, tables of narrow cells and notes. */
function manuscript(lang: string, seed: number): string {
  const rnd = seededRandom(seed);
  const [short, long] = WORDS[lang].map((list) => list.split(' '));
  const pick = () => {
    const list = rnd() < 0.6 ? short : long;
    return list[Math.floor(rnd() * list.length)];
  };
  const sentence = (n: number) => {
    const text = Array.from({ length: n }, pick).join(' ');
    return `${text[0].toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = (sentences: number) =>
    Array.from({ length: sentences }, () => sentence(7 + Math.floor(rnd() * 10))).join(' ');
  const body: string[] = [];
  const notes: string[] = [];
  for (let i = 0; i < 8; i++) {
    body.push(`${paragraph(3)}[^n${i}]`);
    notes.push(`[^n${i}]: ${paragraph(1 + Math.floor(rnd() * 4))}`);
    if (i % 2 === 0)
      body.push(
        [
          `- ${paragraph(2)}`,
          `- ${sentence(4)}`,
          `- ${paragraph(2)}`,
          `    - ${paragraph(1)}`,
          `    - ${paragraph(2)}`,
          `- ${paragraph(3)}`,
        ].join('\n'),
      );
    if (i % 3 === 1) body.push(`> ${paragraph(3)}`);
    if (i % 3 === 2) {
      const row = () => `| ${sentence(2)} | ${sentence(5)} | ${sentence(3)} | ${sentence(6)} |`;
      body.push(
        `| ${sentence(1)} | ${sentence(1)} | ${sentence(1)} | ${sentence(1)} |\n|---|---|---|---|\n${row()}\n${row()}`,
      );
    }
  }
  return `---\ntitle: Blocks\nlang: ${lang}\n---\n\n${body.join('\n\n')}\n\n${notes.join('\n\n')}\n`;
}

interface PdfLine {
  x0: number;
  x1: number;
  height: number;
  gaps: number[];
}

/** The lines of each page, with their word gaps, from pdftotext -bbox-layout. */
function pdfLines(pdf: string): PdfLine[][] {
  return bboxLines(pdf).map((page) =>
    page.map(({ words }) => ({
      x0: Math.min(...words.map((w) => w.x0)),
      x1: Math.max(...words.map((w) => w.x1)),
      height: Math.round(words[0].height * 2) / 2,
      gaps: words.slice(1).map((w, i) => w.x0 - words[i].x1),
    })),
  );
}

const percentile = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** List lines (and how many reach the measure) and the justified lines' word space ÷ natural, 95th percentile. */
function measure(pages: PdfLine[][]): { listLines: number; listJustified: number; space95: number } {
  const justified: PdfLine[] = [];
  const ragged: PdfLine[] = [];
  let listLines = 0;
  let listJustified = 0;
  for (const lines of pages) {
    const full = lines.filter((l) => l.gaps.length >= 3);
    if (full.length < 5) continue;
    const left = Math.min(...full.map((l) => l.x0));
    const right = Math.max(...full.map((l) => l.x1));
    for (const l of full) {
      const atRight = right - l.x1 < 1;
      (atRight ? justified : ragged).push(l);
      // A list item's lines start at the list's indent (a nested list's further in), left of any
      // table column; the block quotes' are indented less.
      const indent = l.x0 - left;
      if (indent > 22 && indent < 70 && right - l.x0 > 200) {
        listLines++;
        if (atRight) listJustified++;
      }
    }
  }
  // The natural space: the median space of lines set at their natural width (last lines, cells).
  const natural = new Map<number, number>();
  for (const h of new Set(ragged.map((l) => l.height))) {
    const gaps = ragged.filter((l) => l.height === h).flatMap((l) => l.gaps.filter((g) => g > 0.3));
    if (gaps.length >= 20) natural.set(h, percentile(gaps, 50));
  }
  const sizes = [...natural.keys()];
  const nearest = (h: number) => sizes.reduce((a, b) => (Math.abs(b - h) < Math.abs(a - h) ? b : a), sizes[0]);
  const ratios = justified.flatMap((l) =>
    l.gaps.filter((g) => g > 0.3).map((g) => g / natural.get(nearest(l.height))!),
  );
  return { listLines, listJustified, space95: percentile(ratios, 95) };
}

describe('print: lists, tables, quotes and notes by the Knuth–Plass breaker', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-block-lines-'));
  const built: Record<string, { source: string; text: string; lines: PdfLine[][] }> = {};
  const langs = Object.keys(WORDS);

  beforeAll(async () => {
    const env = { ...process.env };
    delete env.PAMPHLETEER_LINE_BREAKING;
    for (const [i, lang] of langs.entries()) {
      const source = manuscript(lang, 40 + i);
      // The same book with the browser's line breaking, for comparison.
      for (const lineBreaking of ['knuth-plass', 'browser']) {
        const project = path.join(work, `${lang}-${lineBreaking}`);
        fs.mkdirSync(path.join(project, 'manuscript'), { recursive: true });
        fs.writeFileSync(path.join(project, 'manuscript', 'text.md'), source);
        fs.writeFileSync(path.join(project, 'pamphleteer.config.json'), JSON.stringify({ print: { lineBreaking } }));
        const bin = path.join(REPO, 'bin/pamphleteer.js');
        // (Not execFileSync: a build takes seconds, and the test worker must keep answering meanwhile.)
        await promisify(execFile)(process.execPath, [bin, 'build', project, '--only', 'pdf', '-q'], { env });
        const dist = path.join(project, 'dist');
        const pdf = path.join(dist, fs.readdirSync(dist).find((f) => f.endsWith('.pdf'))!);
        // -raw: lines as drawn, no dehyphenation by poppler.
        const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' });
        built[`${lang}-${lineBreaking}`] = { source, text, lines: pdfLines(pdf) };
      }
    }
  }, 600_000);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  for (const lang of langs) {
    it(`${lang}: every word printed, a hyphen only at a line's end`, () => {
      const { source, text } = built[`${lang}-knuth-plass`];
      // No generated word holds a hyphen: any letter-hyphen-letter is a hyphen drawn mid-line.
      expect(text.split('\n').filter((line) => /\p{L}-\p{L}/u.test(line))).toEqual([]);
      expect(text).not.toContain('\u00AD');
      // (The test can fail: long words are broken at line ends.)
      expect(text).toMatch(/\p{L}-\n/u);
      const joined = text.replace(/(\p{L})-\n(\p{L})/gu, '$1$2');
      const printed = new Set(joined.split(/[^\p{L}]+/u).map((w) => w.toLowerCase()));
      const body = source.split('---\n').slice(2).join('');
      for (const word of new Set(body.replace(/\[\^n\d+\]:?/g, ' ').split(/[^\p{L}]+/u)))
        if (word && word !== 'n') expect(printed, word).toContain(word.toLowerCase());
    });

    it(`${lang}: list items justified to the measure, word space no wider than the browser's`, () => {
      const ours = measure(built[`${lang}-knuth-plass`].lines);
      const browser = measure(built[`${lang}-browser`].lines);
      // Most of a list's lines are full lines, justified; only each item's last is not.
      expect(ours.listLines).toBeGreaterThan(20);
      expect(ours.listJustified / ours.listLines).toBeGreaterThan(0.5);
      // The 95th percentile of justified word space ÷ natural: no wider than the greedy breaker's on
      // the same book (these books are dense with long words: ~1.7–2.5 either way, the essay's 1.5).
      expect(ours.space95).toBeLessThanOrEqual(browser.space95 + 0.02);
      expect(ours.space95).toBeLessThan(2.7);
    });
  }
});
