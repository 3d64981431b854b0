// Broken and hostile manuscripts through the real command: the message, exit code 1, the previous
// dist/ byte-identical and nothing left behind in the project.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/seed.js';
import { pamphleteer, snapshot } from './helpers.js';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-bad-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

/** A project in temp: a fixture's files (or the given ones), plus a dist/ from an earlier build. */
function project(name: string, files: Record<string, string | Buffer> = {}, fixture?: string): string {
  const root = path.join(temp, name);
  if (fixture) fs.cpSync(path.join(FIXTURES, fixture), root, { recursive: true });
  for (const [file, contents] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), contents);
  }
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(root, 'dist/earlier.epub'), 'the EPUB of an earlier build');
  fs.writeFileSync(path.join(root, 'dist/earlier.pdf'), 'the PDF of an earlier build');
  return root;
}

/** Builds and expects a refusal: exit 1, every expected line on stderr, no stack, the project untouched. */
async function expectRefused(root: string, expected: (string | RegExp)[], args = ['build', '--only', 'epub']) {
  const before = snapshot(root);
  const result = await pamphleteer(args, { cwd: root });
  expect(result.code, result.stderr).toBe(1);
  for (const line of expected) {
    if (typeof line === 'string') expect(result.stderr).toContain(line);
    else expect(result.stderr).toMatch(line);
  }
  expect(result.stderr).not.toMatch(/internal error|Maximum call stack|^\s+at /m);
  expect(snapshot(root)).toEqual(before);
  return result;
}

const FRONT = '---\ntitle: Limits\n---\n\n';

describe('every diagnostics fixture with errors, through the command', () => {
  const cases = fs.readdirSync(FIXTURES).filter((d) => d.startsWith('diag-'));
  for (const name of cases) {
    const errors = fs
      .readFileSync(path.join(FIXTURES, name, 'expected.txt'), 'utf8')
      .trimEnd()
      .split('\n')
      .filter((l) => l.includes(': error: '));
    if (!errors.length) continue;
    it(name, async () => {
      await expectRefused(project(name, {}, name), errors);
    });
  }
});

describe('limits: a clear positioned message, never a stack overflow or a hang', () => {
  it('a 50,000-line paragraph', async () => {
    const text = FRONT + 'word word word word word\n'.repeat(50_000);
    await expectRefused(project('long-paragraph', { 'manuscript/text.md': text }), [
      'manuscript/text.md:5:1: error: This paragraph (lines 5–50004) is 1,250,000 characters long, more than the paragraph size limit of 50,000',
    ]);
  });

  it('10,000 levels of blockquote', async () => {
    await expectRefused(project('deep-quote', { 'manuscript/text.md': `${FRONT}${'>'.repeat(10_000)} deep\n` }), [
      'manuscript/text.md:5:1: error: Blockquotes and lists here are nested 10,000 levels deep, more than the nesting limit of 100. [nesting-depth]',
    ]);
  });

  it('nested lists past the limit', async () => {
    const list = Array.from({ length: 150 }, (_, i) => `${'  '.repeat(i)}- item ${i + 1}`).join('\n');
    await expectRefused(project('deep-list', { 'manuscript/text.md': `${FRONT}${list}\n` }), [
      'manuscript/text.md:105:1: error: Blockquotes and lists here are nested 101 levels deep, more than the nesting limit of 100. [nesting-depth]',
    ]);
  });

  it('10,000 levels of raw <div>', async () => {
    const divs = '<div>\n\n'.repeat(10_000) + 'deep\n';
    await expectRefused(project('deep-div', { 'manuscript/text.md': FRONT + divs }), [
      'manuscript/text.md:205:1: error: Raw HTML elements here are nested more than 100 levels deep, more than the nesting limit. [nesting-depth]',
    ]);
  });

  it('10,000 levels of emphasis, as one run and alternating', async () => {
    await expectRefused(
      project('deep-em', { 'manuscript/text.md': `${FRONT}${'*'.repeat(10_000)}x${'*'.repeat(10_000)}\n` }),
      [
        'manuscript/text.md:5:1: error: This paragraph (lines 5–5) has 20,000 emphasis marks (the characters *, _ and ~), more than the limit of 1,000 in one paragraph.',
      ],
    );
    await expectRefused(
      project('deep-em-150', { 'manuscript/text.md': `${FRONT}${'*a _'.repeat(75)}x${'_ a*'.repeat(75)}\n` }),
      [/manuscript\/text\.md:5:\d+: error: Text here is nested more than 100 levels deep .* \[nesting-depth\]/],
    );
  });
});

describe('encodings and line endings', () => {
  it('a UTF-16 manuscript is named as such, with how to save it as UTF-8', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${FRONT}Text.\n`, 'utf16le')]);
    await expectRefused(project('utf16', { 'manuscript/text.md': utf16 }), [
      'manuscript/text.md: error: the file is saved as UTF-16LE text; pamphleteer reads UTF-8. In your editor, save it again with the encoding "UTF-8"',
    ]);
    const bigEndianNoBom = Buffer.from(`${FRONT}Text.\n`, 'utf16le').swap16();
    await expectRefused(project('utf16be', { 'manuscript/text.md': bigEndianNoBom }), [
      'manuscript/text.md: error: the file is saved as UTF-16BE text',
    ]);
  });

  it('CR-only line endings are read as lines (front matter, notes and positions)', async () => {
    const text =
      '---\rtitle: Old Mac\rauthor: A. Writer\r---\r\rA sentence.[^1] And a missing note.[^2]\r\r[^1]: The note.\r';
    await expectRefused(project('cr-only', { 'manuscript/text.md': text }), [
      'manuscript/text.md:6:36: error: Note reference [^2] has no definition.',
    ]);
  });
});

describe('config', () => {
  it('manuscript.allowRemoteImages is gone, and says why', async () => {
    const root = project('remote-option', {
      'manuscript/text.md': `${FRONT}Text.\n`,
      'pamphleteer.config.json': '{\n  "manuscript": { "allowRemoteImages": true }\n}\n',
    });
    await expectRefused(root, [
      'pamphleteer.config.json:2:19: error: "manuscript.allowRemoteImages" is no longer an option: remote images are never fetched.',
    ]);
  });
});
