// Details of the print edition's lines, through the real command and read back with pdftotext:
// a heading breaks at its punctuation; a Chinese paragraph never ends in a line of one character
// (a sweep of paragraph lengths, each ending in a note call); a section's first line is set in
// capitals and still fills the measure.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/seed.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-line-details-'));

/** Builds a one-file book and returns its PDF's text (`pdftotext` with `args`). */
function build(name: string, markdown: string, args: string[]): string {
  const project = path.join(work, name);
  fs.mkdirSync(path.join(project, 'manuscript'), { recursive: true });
  fs.writeFileSync(path.join(project, 'manuscript', 'text.md'), markdown);
  const env = { ...process.env };
  delete env.PAMPHLETEER_LINE_BREAKING;
  execFileSync(process.execPath, [path.join(REPO, 'bin/pamphleteer.js'), 'build', project, '--only', 'pdf', '-q'], {
    stdio: 'pipe',
    env,
  });
  const dist = path.join(project, 'dist');
  const pdf = path.join(dist, fs.readdirSync(dist).find((f) => f.endsWith('.pdf'))!);
  return execFileSync('pdftotext', [...args, pdf, '-'], { encoding: 'utf8' });
}

const FILLER =
  'Tenants meet in kitchens and halls after long shifts to plan the union and argue about rent, repairs, ' +
  'evictions and the courts; the landlords count on their patience, and the committees on their trust.';

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('print: line details', () => {
  it('breaks a heading at its colon or dash, not one word after it', { timeout: 120_000 }, () => {
    const headings = [
      'Convergence into Populism: From Mass Movement to “Our Movement”',
      'The Long Strike — How the Dockers Held Out Through the Winter',
      'Rent Strikes; or, the Slow and Patient Work of Organising a Whole Building, Floor by Floor',
    ];
    const text = build(
      'headings',
      `---\ntitle: Headings\nlang: en\n---\n\n${headings.map((h) => `## ${h}\n\n${FILLER} ${FILLER}`).join('\n\n')}\n`,
      ['-layout'],
    );
    const lines = text.split('\n').map((l) => l.trim());
    for (const heading of headings) {
      const clause = heading.split(/(?<=[:;])\s|\s(?=—)/)[0];
      const first = lines.find((l) => heading.startsWith(l) && l.length > 10);
      // Each heading is too long for one line: its first line is its first clause, whole.
      expect(first, heading).toBe(clause);
    }
  });

  it('never ends a Chinese paragraph in a line of one character', { timeout: 120_000 }, () => {
    const sentence = '我们在工厂宿舍里讨论工会的未来和工人的时间，大家都说劳动的人应当拥有自己的生活';
    const paragraphs: string[] = [];
    const notes: string[] = [];
    // Lengths around every multiple of a line's length: some paragraphs would leave one character over.
    for (let n = 20; n < 100; n++) {
      const body = sentence.repeat(4).slice(0, n);
      paragraphs.push(`${body}境。[^n${n}]`);
      notes.push(`[^n${n}]: 注释${n}。`);
    }
    const text = build(
      'zh',
      `---\ntitle: 工厂里的夜班\nlang: zh\n---\n\n${paragraphs.join('\n\n')}\n\n${notes.join('\n\n')}\n`,
      ['-raw'],
    );
    const han = (line: string) => (line.match(/\p{Script=Han}/gu) ?? []).length;
    const lines = text.split('\n').filter((l) => han(l) > 0);
    expect(lines.length).toBeGreaterThan(60);
    const short = lines.filter((l) => han(l) < 2);
    expect(short).toEqual([]);
  });

  it("sets a section's first line in capitals that fill the measure", { timeout: 120_000 }, () => {
    const text = build(
      'opening',
      `---\ntitle: Openings\nlang: en\n---\n\n${FILLER} ${FILLER}\n\n## A Section\n\n${FILLER} ${FILLER}\n`,
      ['-bbox-layout'],
    );
    const lines = [...text.matchAll(/<line [^>]*>([\s\S]*?)<\/line>/g)].map((m) =>
      [...m[1].matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((w) => ({
        x0: Number(w[1]),
        x1: Number(w[2]),
        text: w[3],
      })),
    );
    const right = Math.max(...lines.flat().map((w) => w.x1));
    const openings = lines.filter((l) => l[0]?.text === 'TENANTS');
    // The text's opening and the section's: each first line in capitals, ending at the margin.
    expect(openings.length).toBe(2);
    for (const line of openings) {
      const words = line.map((w) => w.text).join(' ');
      expect(words).toBe(words.toUpperCase());
      expect(right - line[line.length - 1].x1).toBeLessThan(1);
    }
    // The second line is in the text's own case.
    const next = lines[lines.indexOf(openings[0]) + 1].map((w) => w.text).join(' ');
    expect(next).not.toBe(next.toUpperCase());
  });
});
