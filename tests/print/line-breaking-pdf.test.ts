// The print PDF's text layer through the real command: no soft hyphen (U+00AD) anywhere, read raw
// (no stripping), a line-end hyphen reads as a plain hyphen, and no word is lost.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO } from '../helpers/seed.js';

const FIXTURE = path.join(FIXTURES, 'print-typeset');

describe('print: the text layer of a justified, hyphenated book', () => {
  let raw: string;
  let layout: string;

  beforeAll(() => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-typeset-'));
    fs.cpSync(FIXTURE, work, { recursive: true });
    // Knuth–Plass line breaking is the default (print.lineBreaking): no switch needed.
    const env = { ...process.env };
    delete env.PAMPHLETEER_LINE_BREAKING;
    execFileSync(process.execPath, [path.join(REPO, 'bin/pamphleteer.js'), 'build', work, '--only', 'pdf', '-q'], {
      stdio: 'pipe',
      env,
    });
    const pdf = path.join(work, 'dist', fs.readdirSync(path.join(work, 'dist')).find((f) => f.endsWith('.pdf'))!);
    // -raw: the content stream's order, no dehyphenation or joining by poppler.
    raw = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' });
    layout = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8' });
  }, 120_000);

  it('holds no soft hyphen, read raw', () => {
    expect(raw).not.toContain('\u00AD');
    expect(layout).not.toContain('\u00AD');
    expect(layout).not.toContain('&#173;');
  });

  it('ends hyphenated lines in a plain hyphen that joins back into the word', () => {
    const lineEnds = raw.split('\n').filter((l) => /\p{L}-$/u.test(l));
    expect(lineEnds.length).toBeGreaterThan(0);
    // Every word of the manuscript is there, once line-end hyphens are joined (the only change).
    const joined = raw.replace(/(\p{L})-\n(\p{L})/gu, '$1$2').replace(/\s+/g, ' ');
    const source = fs
      .readFileSync(path.join(FIXTURE, 'manuscript/text.md'), 'utf8')
      .split('---\n')
      .slice(2)
      .join('---\n');
    const words = source
      .replace(/\[\^\w+\]:?/g, ' ')
      .replace(/\]\([^)]*\)/g, ' ')
      .replace(/[*#[\]]/g, ' ')
      .split(/\s+/)
      .map((w) => w.replace(/[^\p{L}-]/gu, ''))
      .filter((w) => w.length > 0);
    // (Hyphens aside: a word's own hyphen may fall at a line end.)
    // (Lower case: a section's first line is set in capitals.)
    const text = joined.replace(/[’'-]/g, '').toLowerCase();
    for (const w of words) expect(text, w).toContain(w.replace(/[’'-]/g, '').toLowerCase());
  });
});
