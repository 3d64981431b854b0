// Hyphens only at line ends, where hyphenation points fall inside ff/fi/fl/ffi ligatures
// ("dif-ferent", "signif-icantly"): a generated book dense with such words, in running text, notes,
// list items, block quotes and table cells, built through the real command with both line
// breakings and read back with pdftotext.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/seed.js';
import { seededRandom } from '../helpers/random.js';

const LIGATURE_WORDS = (
  'different difficult significantly efficient affirmative suffering official offering effectively sufficient ' +
  'influence confident affluent fluffy baffling office effort afflicted conflict reflection flourishing inflation ' +
  'fifty fictional magnificent beneficial artificial sacrifice superficial specifically classification ' +
  'identification justification qualification differentiation insufficiently inefficiency scaffolding chauffeur ' +
  'coffee staffing traffickers suffocating offline affidavit waffling muffled sniffing difference'
).split(' ');
const SHORT_WORDS =
  'the of and a to in is that it was for on are with as his they be at one have this from or had by'.split(' ');

/** A small deterministic generator (mulberry32). */

function manuscript(seed: number): string {
  const rnd = seededRandom(seed);
  const pick = (list: string[]) => list[Math.floor(rnd() * list.length)];
  const sentence = (n: number) => {
    const words = Array.from({ length: n }, () => (rnd() < 0.5 ? pick(LIGATURE_WORDS) : pick(SHORT_WORDS)));
    const text = words.join(' ');
    return `${text[0].toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = (sentences: number) =>
    Array.from({ length: sentences }, () => sentence(8 + Math.floor(rnd() * 9))).join(' ');
  const body: string[] = [];
  const notes: string[] = [];
  for (let i = 0; i < 12; i++) {
    body.push(`${paragraph(4)}[^n${i}]`);
    notes.push(`[^n${i}]: ${paragraph(2 + Math.floor(rnd() * 4))}`);
    if (i % 3 === 0) body.push(Array.from({ length: 3 }, () => `- ${paragraph(2)}`).join('\n'));
    if (i % 4 === 1) body.push(`> ${paragraph(3)}`);
    if (i % 4 === 2)
      body.push(
        `| First | Second |\n|---|---|\n${Array.from({ length: 3 }, () => `| ${sentence(6)} | ${sentence(10)} |`).join('\n')}`,
      );
  }
  return `---\ntitle: Ligatures\nlang: en\n---\n\n${body.join('\n\n')}\n\n${notes.join('\n\n')}\n`;
}

describe('print: no hyphen inside a word mid-line, where hyphenation points fall in ligatures', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-ligatures-'));
  const texts: Record<string, string> = {};
  const sources: Record<string, string> = {};

  beforeAll(() => {
    const env = { ...process.env };
    delete env.PAMPHLETEER_LINE_BREAKING;
    for (const [name, lineBreaking, seed] of [
      ['knuth-plass', 'knuth-plass', 11],
      ['browser', 'browser', 12],
    ] as const) {
      const project = path.join(work, name);
      fs.mkdirSync(path.join(project, 'manuscript'), { recursive: true });
      sources[name] = manuscript(seed);
      fs.writeFileSync(path.join(project, 'manuscript', 'text.md'), sources[name]);
      fs.writeFileSync(path.join(project, 'pamphleteer.config.json'), JSON.stringify({ print: { lineBreaking } }));
      execFileSync(process.execPath, [path.join(REPO, 'bin/pamphleteer.js'), 'build', project, '--only', 'pdf', '-q'], {
        stdio: 'pipe',
        env,
      });
      const dist = path.join(project, 'dist');
      const pdf = path.join(dist, fs.readdirSync(dist).find((f) => f.endsWith('.pdf'))!);
      // -raw: lines as drawn, no dehyphenation by poppler.
      texts[name] = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' });
    }
  }, 240_000);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  for (const name of ['knuth-plass', 'browser']) {
    it(`${name} line breaking: a hyphen only at a line end, every word there`, () => {
      const text = texts[name];
      // No generated word holds a hyphen: any letter-hyphen-letter is a hyphen drawn mid-line.
      const midLine = text.split('\n').filter((line) => /\p{L}-\p{L}/u.test(line));
      expect(midLine).toEqual([]);
      expect(text).not.toContain('\u00AD');
      // The test can fail: words are hyphenated at line ends, inside ligatures among them.
      expect(text).toMatch(/f-\n/);
      const joined = text.replace(/(\p{L})-\n(\p{L})/gu, '$1$2');
      const printed = new Set(joined.split(/[^\p{L}]+/u).map((w) => w.toLowerCase()));
      const body = sources[name].split('---\n').slice(2).join('');
      for (const word of new Set(body.replace(/\[\^n\d+\]:?/g, ' ').split(/[^\p{L}]+/u)))
        if (word && word !== 'n') expect(printed, word).toContain(word.toLowerCase());
    });
  }
});
