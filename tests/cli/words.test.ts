/**
 * Through the real command: every word of the Book reaches the laid-out
 * print pages visibly, or the build fails, names what is missing and where, and leaves dist/ as it
 * was. The cases: a note far longer than a page, impossible page settings from the config, and
 * project styles that make text vanish (these get past any config limit).
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/temp-dirs.js';
import { FIXTURES } from '../helpers/seed.js';
import { pamphleteer, snapshot } from './helpers.js';

const tempDir = tempDirs();

async function build(root: string, extra: string[] = []) {
  const tmp = tempDir('pamphleteer-tmp-');
  const result = await pamphleteer(['build', '.', '--quiet', '--only', 'pdf', ...extra], {
    cwd: root,
    env: { TMPDIR: tmp },
  });
  return { ...result, leftInTmp: fs.readdirSync(tmp) };
}

const LOSES_TEXT =
  /^error: the print PDF would lose text: ([\d,]+) of the book's ([\d,]+) words are not visible on any page, so no output was written\.$/m;

describe('every word reaches the print PDF, or the build fails', () => {
  let root: string;
  let before: Record<string, string>;
  beforeAll(async () => {
    root = path.join(tempDir('pamphleteer-words-'), 'robust-small');
    fs.cpSync(path.join(FIXTURES, 'robust-small'), root, { recursive: true });
    const result = await build(root);
    expect(result.code, result.stderr).toBe(0);
    before = snapshot(path.join(root, 'dist'));
  });

  const expectRefused = (result: Awaited<ReturnType<typeof build>>) => {
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(snapshot(path.join(root, 'dist'))).toEqual(before);
    expect(fs.readdirSync(path.join(root, 'dist')).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(result.leftInTmp).toEqual([]);
  };

  // Impossible settings in the config: refused by the config's limits, or else by the word check.
  for (const [what, print] of [
    ['page size 0', { pageSize: '0x0mm' }],
    ['page size 1x1 mm', { pageSize: '1x1mm' }],
    ['margins larger than the page', { margins: { top: '300mm', bottom: '300mm' } }],
    ['font size 0', { fontSize: '0pt' }],
    ['font size 500pt', { fontSize: '500pt' }],
  ] as const) {
    it(`config ${what}: exit 1, dist/ unchanged`, async () => {
      fs.writeFileSync(path.join(root, 'pamphleteer.config.json'), JSON.stringify({ print }));
      try {
        const result = await build(root);
        expectRefused(result);
        expect(result.stderr).toMatch(/pamphleteer\.config\.json:\d+:\d+: error: .*print\.|would lose text/);
      } finally {
        fs.rmSync(path.join(root, 'pamphleteer.config.json'));
      }
    });
  }

  // Project styles: no config limit sees these, the word check does.
  // Each with the missing words, and where and why they are not seen.
  for (const [what, css, missing, cause] of [
    [
      'text of size 500pt',
      'p, h2, blockquote, .footnote { font-size: 500pt !important }',
      /the text of manuscript\/01-tide\.md: none of its 26 words printed; missing from "The harbour co-operative kept/,
      /\(on no page: the layout could not place it\)[\s\S]*Check the page size, margins and font size/,
    ],
    [
      'text of size 0',
      'body, p, h2, blockquote, .footnote { font-size: 0 !important }',
      /note 2 \(called in "What the ledger said", manuscript\/01-tide\.md\): none of its 9 words printed; missing from "Paid off, finally, in the winter the quay froze\."/,
      /\(of no size on page \d+\)/,
    ],
    [
      'hidden notes',
      '.footnote { visibility: hidden }',
      /note 1 \(called in manuscript\/01-tide\.md\): none of its 11 words printed; missing from "The ledger survives; its spine/,
      /\(hidden by a style on page \d+\)[\s\S]*Check the project styles/,
    ],
    [
      'a clipped block quote',
      'blockquote { height: 0; overflow: hidden; margin: 0; padding: 0 }',
      /^ {2}the text of "What the ledger said", manuscript\/01-tide\.md: 47 of its 54 words printed; missing from "(The )?sea does not audit\. We do\./m,
      /\(cut off by a box that hides its overflow on page \d+\)/,
    ],
  ] as const) {
    it(`project styles with ${what}: exit 1, the missing words named, dist/ unchanged`, async () => {
      fs.mkdirSync(path.join(root, 'styles'), { recursive: true });
      fs.writeFileSync(path.join(root, 'styles', 'print.css'), css);
      try {
        const result = await build(root);
        expectRefused(result);
        expect(result.stderr).toMatch(LOSES_TEXT);
        expect(result.stderr).toMatch(missing);
        expect(result.stderr).toMatch(cause);
        // Not a fault of the page make-up: the message does not say so.
        expect(result.stderr).not.toMatch(/page make-up/);
      } finally {
        fs.rmSync(path.join(root, 'styles'), { recursive: true });
      }
    });
  }

  it('a note much longer than a page: every word printed, or the build fails naming the note', async () => {
    const long = path.join(tempDir('pamphleteer-words-'), 'long-note');
    fs.mkdirSync(path.join(long, 'manuscript'), { recursive: true });
    const words = [
      'tide',
      'ledger',
      'harbour',
      'quay',
      'sailcloth',
      'winter',
      'treasurer',
      'mooring',
      'gull',
      'anchor',
    ];
    const sentences = Array.from(
      { length: 1500 },
      (_, i) =>
        `Sentence ${i + 1} counts ${words[i % 10]} and ${words[(i * 7) % 10]} “twice”---or ${words[(i * 3) % 10]}-${words[(i + 1) % 10]} once.`,
    );
    // Paragraphs of 100 sentences (continuation lines indented), each under the paragraph-size limit.
    const paragraphs = Array.from({ length: 15 }, (_, k) => sentences.slice(k * 100, k * 100 + 100).join(' '));
    fs.writeFileSync(
      path.join(long, 'manuscript', 'text.md'),
      `---\ntitle: The Long Note\n---\n\nA short paragraph that calls a very long note.[^long] The text goes on a little.\n\n[^long]: ${paragraphs.join('\n\n    ')}\n`,
    );
    const result = await build(long);
    // Long notes split over as many page feet as they need: every sentence is printed.
    expect(result.code, result.stderr).toBe(0);
    const { execFileSync } = await import('node:child_process');
    const text = execFileSync('pdftotext', [path.join(long, 'dist', 'the-long-note.pdf'), '-'], { encoding: 'utf8' })
      .replace(/\u00ad|-\n/g, '')
      .replace(/\s+/g, ' ');
    for (const n of [1, 750, 1500]) expect(text).toMatch(new RegExp(`Sentence ${n} counts`));
    expect(result.leftInTmp).toEqual([]);
  });
});
