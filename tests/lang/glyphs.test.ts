/**
 * A character no font can draw stops the build at its place, naming a font to add; the config can
 * make it a warning, and a font that the project's own styles add with @font-face counts.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { pamphleteer, REPO } from '../cli/helpers.js';

const RUNES = `---
title: Runes
lang: en
---

The stone says ᚠᛖᚺᚢ, and the next line
says ᚱᚢᚾᛅ again.
`;

function project(files: Record<string, string | Buffer>): string {
  const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-glyphs-')), 'runes');
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  return root;
}

const run = promisify(execFile);

const RUNIC_FONT = path.join(
  REPO,
  'node_modules/@fontsource/noto-sans-runic/files/noto-sans-runic-runic-400-normal.woff2',
);

describe('a character no font draws', () => {
  it('fails the build at file:line:col, names the font to add, and writes nothing', async () => {
    const root = project({ 'manuscript/text.md': RUNES });
    const result = await pamphleteer(['build', '--only', 'epub', root]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('manuscript/text.md:6:16: error: Characters "ᚠᛖᚺᚢ"');
    expect(result.stderr).toContain('manuscript/text.md:7:6: error: Character "ᚱ"');
    expect(result.stderr).toContain('Noto Sans Runic (npm package @fontsource/noto-sans-runic)');
    expect(result.stderr).toContain('[missing-glyph]');
    expect(fs.existsSync(path.join(root, 'dist'))).toBe(false);
  });

  it('is a warning when the config says so', async () => {
    const root = project({
      'manuscript/text.md': RUNES,
      'pamphleteer.config.json': JSON.stringify({ manuscript: { missingGlyphs: 'warning' } }),
    });
    const result = await pamphleteer(['build', '--only', 'epub', root]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('manuscript/text.md:6:16: warning: Characters "ᚠᛖᚺᚢ"');
    expect(fs.readdirSync(path.join(root, 'dist'))).toContain('runes.epub');
  });

  it('passes once the project’s style adds a font that has it, and the PDF embeds that font', async () => {
    const css =
      '@font-face { font-family: "Runes"; src: url(fonts/runic.woff2) format("woff2"); }\n' +
      ':root { --text-font: "EB Garamond", "Runes", serif; }\n';
    const root = project({
      'manuscript/text.md': RUNES,
      'styles/base.css': css,
      'styles/fonts/runic.woff2': fs.readFileSync(RUNIC_FONT),
    });
    const result = await pamphleteer(['build', '--only', 'pdf', root]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('missing-glyph');
    const { stdout: fonts } = await run('pdffonts', [path.join(root, 'dist', 'runes.pdf')]);
    expect(fonts).toMatch(/\+NotoSansRunic/);
    const { stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', path.join(root, 'dist', 'runes.pdf'), '-']);
    expect(text).toContain('ᚠᛖᚺᚢ');
  }, 120_000);

  it('still fails for a character the project’s font lacks', async () => {
    const root = project({
      'manuscript/text.md': RUNES.replace('again.', 'and ગુજરાતી.'),
      'styles/base.css': '@font-face { font-family: "Runes"; src: url(fonts/runic.woff2); }\n',
      'styles/fonts/runic.woff2': fs.readFileSync(RUNIC_FONT),
    });
    const result = await pamphleteer(['check', root]);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain('ᚠᛖᚺᚢ');
    expect(result.stderr).toContain('manuscript/text.md:7:15: error: Characters "ગુજરાતી"');
    expect(result.stderr).toContain('Noto Serif Gujarati');
  });
});
