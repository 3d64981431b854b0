/**
 * Through the real command: a project's styles/*.css load only files inside the
 * project. A relative @import is inlined, a url() of a project file (a font) becomes a data: URL;
 * a remote URL, a path out of the project (by .. or by a symlink) or a missing file is an error at
 * file:line:col, exit 1, dist/ unchanged, nothing left in the temp folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/temp-dirs.js';
import { FIXTURES, REPO } from '../helpers/seed.js';
import { pamphleteer, snapshot } from './helpers.js';

const tempDir = tempDirs();

describe('project styles load only files inside the project', () => {
  let root: string;
  let outside: string;
  let before: Record<string, string>;
  beforeAll(async () => {
    root = path.join(tempDir('pamphleteer-styles-'), 'robust-small');
    fs.cpSync(path.join(FIXTURES, 'robust-small'), root, { recursive: true });
    outside = path.join(tempDir('pamphleteer-outside-'), 'secret.css');
    fs.writeFileSync(outside, 'p { color: red } /* OUTSIDE-SECRET */');
    const result = await pamphleteer(['build', '.', '--quiet', '--only', 'pdf'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    before = snapshot(path.join(root, 'dist'));
  });

  const cases: [string, string, RegExp][] = [
    [
      'a remote @import',
      'p { margin: 0 }\n@import url("https://example.com/theme.css");\n',
      /^styles\/print\.css:2:1: error: @import "https:\/\/example\.com\/theme\.css" cannot be loaded: only files inside the project load \(a path relative to this style sheet\), never a URL\. \[style\]$/,
    ],
    [
      'a remote url()',
      'h2 {\n  background: no-repeat url(http://example.com/bg.png);\n}\n',
      /^styles\/print\.css:2:3: error: url\(http:\/\/example\.com\/bg\.png\) in "background" cannot be loaded: only files inside the project load/,
    ],
    [
      'a protocol-relative font',
      '@font-face {\n  font-family: X;\n  src: url(//fonts.example.com/x.woff2);\n}\n',
      /^styles\/print\.css:3:3: error: url\(\/\/fonts\.example\.com\/x\.woff2\) in "src" cannot be loaded/,
    ],
    [
      'an @import out of the project',
      '@import "../../outside.css";\n',
      /^styles\/print\.css:1:1: error: @import "\.\.\/\.\.\/outside\.css" cannot be loaded: \.\.\/\.\.\/outside\.css is outside the project folder; only files inside the project load\. \[style\]$/,
    ],
    [
      'a missing @import',
      '\n\n  @import "parts/none.css" print;\n',
      /^styles\/print\.css:3:3: error: @import "parts\/none\.css" cannot be loaded: styles\/parts\/none\.css does not exist\. \[style\]$/,
    ],
    [
      'a file:// font',
      '@font-face { font-family: Y; src: url("file:///etc/hostname") }\n',
      /^styles\/print\.css:1:30: error: url\(file:\/\/\/etc\/hostname\) in "src" cannot be loaded: only files inside the project load/,
    ],
    [
      'an @import loop',
      '@import "print.css";\n',
      /^styles\/print\.css:1:1: error: @import "print\.css" imports a file that imports it again \(a loop\)\. \[style\]$/,
    ],
  ];
  for (const [what, css, message] of cases) {
    it(`${what}: file:line:col, exit 1, dist/ unchanged`, async () => {
      fs.mkdirSync(path.join(root, 'styles'), { recursive: true });
      fs.writeFileSync(path.join(root, 'styles', 'print.css'), css);
      const tmp = tempDir('pamphleteer-tmp-');
      try {
        const result = await pamphleteer(['build', '.', '--quiet', '--only', 'pdf'], {
          cwd: root,
          env: { TMPDIR: tmp },
        });
        expect(result.code, result.stderr).toBe(1);
        expect(result.stderr.trim()).toMatch(message);
        expect(result.stderr).not.toMatch(/internal error|ProgressEvent/);
        expect(snapshot(path.join(root, 'dist'))).toEqual(before);
        expect(fs.readdirSync(tmp)).toEqual([]);
      } finally {
        fs.rmSync(path.join(root, 'styles'), { recursive: true });
      }
    });
  }

  it('a symlink inside styles/ to a file outside the project is refused, and not read', async () => {
    fs.mkdirSync(path.join(root, 'styles'), { recursive: true });
    fs.symlinkSync(outside, path.join(root, 'styles', 'theme.css'));
    fs.writeFileSync(path.join(root, 'styles', 'print.css'), '@import "theme.css";\n');
    try {
      const result = await pamphleteer(['build', '.', '--quiet', '--only', 'pdf', '--html'], { cwd: root });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        `styles/print.css:1:1: error: @import "theme.css" cannot be loaded: theme.css is a link to ${fs.realpathSync(outside)}, outside the project folder; only files inside the project load. [style]`,
      );
      expect(snapshot(path.join(root, 'dist'))).toEqual(before);
    } finally {
      fs.rmSync(path.join(root, 'styles'), { recursive: true });
    }
  });

  it('a relative @import and a font inside the project load, inlined into the print edition', async () => {
    const copy = path.join(tempDir('pamphleteer-styles-'), 'with-font');
    fs.cpSync(root, copy, { recursive: true });
    fs.mkdirSync(path.join(copy, 'styles', 'parts'), { recursive: true });
    fs.mkdirSync(path.join(copy, 'fonts'));
    const woff2 = fs
      .readdirSync(path.join(REPO, 'node_modules/@fontsource/eb-garamond/files'))
      .find((f) => f.endsWith('.woff2'))!;
    fs.copyFileSync(
      path.join(REPO, 'node_modules/@fontsource/eb-garamond/files', woff2),
      path.join(copy, 'fonts', 'Ledger.woff2'),
    );
    fs.writeFileSync(
      path.join(copy, 'styles', 'parts', 'heads.css'),
      'h2 { letter-spacing: 0.0123em } /* imported-rule */\n',
    );
    fs.writeFileSync(
      path.join(copy, 'styles', 'print.css'),
      '@import "parts/heads.css";\n@font-face { font-family: Ledger; src: url("../fonts/Ledger.woff2") format("woff2") }\nblockquote { font-family: Ledger, serif }\n',
    );
    const result = await pamphleteer(['build', '.', '--quiet', '--only', 'pdf', '--html'], { cwd: copy });
    expect(result.code, result.stderr).toBe(0);
    const html = fs.readFileSync(path.join(copy, 'dist', 'low-tide-ledger.html'), 'utf8');
    // Paged.js rewrites the styles it lays out (comments go), so look for the rules themselves.
    expect(html).toMatch(/letter-spacing:\s*0?\.0123em/);
    expect(html).not.toMatch(/@import|fonts\/Ledger\.woff2/);
    expect(html).toMatch(/@font-face\s*\{[^}]*font-family:\s*["']?Ledger["']?[^}]*url\(["']?data:font\/woff2;base64,/);
  });
});
