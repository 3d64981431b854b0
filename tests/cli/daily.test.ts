// The daily command, through the real command: a new user's mistakes each get their fix, names read
// in any letter case, and one reporter: an error of each kind reads the same in build, check and watch.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LAYOUT_NAMES } from '../../src/impose/index.js';
import { REPO, pamphleteer, startWatch } from './helpers.js';

const temp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-daily-')));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

const FRONT = '---\ntitle: Bread and Roses\nauthor: Ana Núñez\nlang: en\n---\n\n';
const TEXT =
  'The strike began in the mills.[^1]\n\n## Later\n\nIt ended in spring.\n\n[^1]: A note of eight words, long enough.\n';

let count = 0;
/** A small project in its own folder: a manuscript file and any other files. */
function project(files: Record<string, string | Buffer> = {}): string {
  const root = path.join(temp, `p${++count}`);
  const all = { 'manuscript/01-text.md': FRONT + TEXT, ...files };
  for (const [name, content] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  return root;
}

/** `check --no-epubcheck` in a project: its exit code and stderr lines. */
async function check(root: string) {
  const result = await pamphleteer(['check', '--no-epubcheck'], { cwd: root });
  return { ...result, lines: result.stderr.split('\n').filter(Boolean) };
}

/** A tiny valid PDF of `pages` pages (pdf-lib), to impose. */
async function pdfOf(pages: number, size: [number, number]): Promise<Buffer> {
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage(size);
  return Buffer.from(await doc.save());
}

describe('mistakes a new user makes, each with its fix', () => {
  it('an image path with backslashes says to use "/"', async () => {
    const root = project({
      'manuscript/01-text.md': `${FRONT}![A picket](images\\picket.png)\n`,
      'manuscript/images/picket.png': fs.readFileSync(
        path.join(REPO, 'tests/fixtures/epub-cover/manuscript/cover.png'),
      ),
    });
    const { code, lines } = await check(root);
    expect(code).toBe(1);
    expect(lines).toEqual([
      'manuscript/01-text.md:7:1: error: Image "images\\picket.png": write the path with "/", not "\\": ' +
        'images/picket.png. [missing-image]',
    ]);
  });

  it('a missing image that differs in letter case, or sits in the project’s images/, is suggested', async () => {
    const png = fs.readFileSync(path.join(REPO, 'tests/fixtures/epub-cover/manuscript/cover.png'));
    const root = project({
      'manuscript/01-text.md': `${FRONT}![One](images/Picket.png)\n\n![Two](images/march.png)\n`,
      'manuscript/images/picket.png': png,
      'images/march.png': png,
    });
    const { code, lines } = await check(root);
    expect(code).toBe(1);
    expect(lines).toEqual([
      'manuscript/01-text.md:7:1: error: Image "images/Picket.png" not found (looked for ' +
        'manuscript/images/Picket.png). Did you mean "images/picket.png"? [missing-image]',
      'manuscript/01-text.md:9:1: error: Image "images/march.png" not found (looked for ' +
        'manuscript/images/march.png). Did you mean "../images/march.png"? [missing-image]',
    ]);
  });

  const yamlCases: [string, string, string][] = [
    [
      "title: 'Don't Mourn, Organize'",
      'manuscript/01-text.md:2:8',
      `the title goes on after its closing quote. Put the whole title in quotes of the other kind: write title: "Don't Mourn, Organize".`,
    ],
    [
      'title: "Bread" and Roses',
      'manuscript/01-text.md:2:8',
      `the title goes on after its closing quote. Put the whole title in quotes of the other kind: write title: '"Bread" and Roses'.`,
    ],
    ['author:Ana Núñez', 'manuscript/01-text.md:3:8', 'put a space after the colon: write author: Ana Núñez.'],
  ];
  for (const [line, where, words] of yamlCases) {
    it(`YAML quoting in plain words: ${line}`, async () => {
      const front = line.startsWith('title')
        ? FRONT.replace('title: Bread and Roses', line)
        : FRONT.replace('author: Ana Núñez', line);
      const root = project({ 'manuscript/01-text.md': front + TEXT });
      const { code, lines } = await check(root);
      expect(code).toBe(1);
      expect(lines).toEqual([`${where}: error: Front matter: ${words} [front-matter]`]);
    });
  }

  it('names are read in any letter case, in the config as on the command line', async () => {
    const root = project({
      'pamphleteer.config.json': JSON.stringify({
        outputs: ['EPUB', 'Zine', 'PDF'],
        print: { paper: 'A4', pageSize: 'A5' },
        zine: { layout: 'Booklet', sheet: 'A4', flip: 'Long' },
      }),
    });
    const result = await check(root);
    expect(result.code, result.stderr).toBe(0);
    const pdf = path.join(root, 'in.pdf');
    fs.writeFileSync(pdf, await pdfOf(8, [420, 595]));
    const impose = await pamphleteer(['impose', 'in.pdf', 'out.pdf', '--layout', 'Booklet', '--flip', 'LONG'], {
      cwd: root,
    });
    expect(impose.code, impose.stderr).toBe(0);
    const wrong = await pamphleteer(['impose', 'in.pdf', 'out.pdf', '--layout', 'Bookle'], { cwd: root });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(
      new RegExp(`argument 'Bookle' is invalid\\. Allowed choices are ${LAYOUT_NAMES.join(', ')}\\.`),
    );
  });

  it('impose with a pattern that matched several files names them', async () => {
    const root = project();
    fs.mkdirSync(path.join(root, 'dist'));
    for (const f of ['dist/a.pdf', 'dist/a-zine.pdf']) fs.writeFileSync(path.join(root, f), await pdfOf(4, [420, 595]));
    const result = await pamphleteer(['impose', 'dist/a-zine.pdf', 'dist/a.pdf', 'zine.pdf'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'error: impose takes one PDF and the PDF to write, but got 3 files: dist/a-zine.pdf, dist/a.pdf, zine.pdf. ' +
        'A pattern such as dist/*.pdf matches every PDF there; name the one to impose.',
    );
    expect(fs.existsSync(path.join(root, 'zine.pdf'))).toBe(false);
  });

  it('a half-letter minizine does not warn that it is small; a shrunk booklet does', async () => {
    const root = project();
    fs.writeFileSync(path.join(root, 'in.pdf'), await pdfOf(8, [396, 612]));
    const mini = await pamphleteer(['impose', 'in.pdf', 'mini.pdf', '--layout', 'minizine'], { cwd: root });
    expect(mini.code, mini.stderr).toBe(0);
    expect(mini.stderr).toBe('');
    const booklet = await pamphleteer(['impose', 'in.pdf', 'b.pdf', '--sheet', 'a4'], { cwd: root });
    expect(booklet.code, booklet.stderr).toBe(0);
    expect(booklet.stderr).toMatch(/^warning: the pages are shrunk to \d+ %/);
  });

  it('"Manuscript/" gets a did-you-mean, with or without a config', async () => {
    const root = project();
    fs.renameSync(path.join(root, 'manuscript'), path.join(root, 'Manuscript'));
    const bare = await check(root);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toMatch(/There is Manuscript\/: did you mean manuscript\/\? Rename it/);
    fs.writeFileSync(path.join(root, 'pamphleteer.config.json'), '{}\n');
    const configured = await check(root);
    expect(configured.code).toBe(1);
    expect(configured.stderr).toMatch(/there is Manuscript\/: did you mean manuscript\/\? Rename it/);
  });

  it('word counts include the notes', async () => {
    const result = await check(project());
    expect(result.code, result.stderr).toBe(0);
    // 11 words of text (the heading's included) and 7 in the note.
    expect(result.stdout).toMatch(/1 note, 18 words, 7 of them in notes\n/);
  });

  it('the EPUB is out of date only when a file it is made from changed', async () => {
    const root = project();
    const build = await pamphleteer(['build', '--only', 'epub'], { cwd: root });
    expect(build.code, build.stderr).toBe(0);
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(root, 'dist/bread-and-roses.epub'), new Date(), new Date());
    for (const f of ['manuscript/01-text.md']) fs.utimesSync(path.join(root, f), past, past);
    // The user's own files beside the project: a copy of the book, a tarball, a lib/ folder.
    fs.writeFileSync(path.join(root, 'book.epub'), 'x');
    fs.writeFileSync(path.join(root, 'pamphleteer-0.1.0.tgz'), 'x');
    fs.mkdirSync(path.join(root, 'lib'));
    fs.writeFileSync(path.join(root, 'lib/x.js'), 'x');
    const fresh = await pamphleteer(['check'], { cwd: root });
    expect(fresh.code, fresh.stderr).toBe(0);
    if (/EPUBCheck: not installed/.test(fresh.stdout)) throw new Error('EPUBCheck is needed for this test');
    expect(fresh.stdout).toMatch(/EPUBCheck: dist\/bread-and-roses\.epub is valid \(.*\)\n/);
    expect(fresh.stdout).not.toMatch(/built before your latest changes/);
    fs.appendFileSync(path.join(root, 'manuscript/01-text.md'), '\nOne more line.\n');
    const stale = await pamphleteer(['check'], { cwd: root });
    expect(stale.stdout).toMatch(/built before your latest changes/);
  });

  it('an unchanged catalogue says it is up to date, not built', async () => {
    const titles = path.join(temp, 'titles');
    for (const name of ['one', 'two']) {
      fs.mkdirSync(path.join(titles, name, 'manuscript'), { recursive: true });
      fs.writeFileSync(
        path.join(titles, name, 'manuscript/01-text.md'),
        FRONT.replace('Bread and Roses', `Title ${name}`) + TEXT,
      );
    }
    const first = await pamphleteer(['build', '--all', titles, '--only', 'epub']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/\n2 of 2 pamphlets built in /);
    const again = await pamphleteer(['build', '--all', titles, '--only', 'epub']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/\n2 pamphlets up to date, nothing built in /);
  });

  it('help and docs agree: defaults, the reference’s place, the environment', async () => {
    const top = await pamphleteer(['--help']);
    expect(top.stdout).toContain(path.join(REPO, 'docs', 'options.md'));
    expect(top.stdout).toMatch(/EPUBCHECK/);
    expect(top.stdout).toMatch(/PUPPETEER_EXECUTABLE_PATH/);
    const build = await pamphleteer(['build', '--help']);
    expect(build.stdout).not.toContain('["."]');
    expect(build.stdout).toMatch(/default:\s+this folder/);
    expect(build.stdout).toMatch(/diagram\s+of\s+each\s+sheet/);
    const watch = await pamphleteer(['--help']);
    expect(watch.stdout).not.toMatch(/127\.0\.0\.1: /);
    const docs = fs.readFileSync(path.join(REPO, 'docs/options.md'), 'utf8');
    const checkSection = docs.slice(docs.indexOf('## `pamphleteer check'), docs.indexOf('## `pamphleteer impose'));
    expect(checkSection).toContain('`--all`');
    for (const name of ['EPUBCHECK', 'PUPPETEER_EXECUTABLE_PATH', 'PAMPHLETEER_BROWSER', '<slug>.json'])
      expect(docs).toContain(name);
    const gitignore = fs.readFileSync(path.join(REPO, 'templates/init/gitignore'), 'utf8');
    expect(gitignore.split('\n')).toContain('*.tgz');
  });

  it('inline <svg> with a <script> in raw HTML is removed with a warning, never an internal error', async () => {
    const root = project({
      'manuscript/01-text.md': `${FRONT}${TEXT}\n<svg width="10" height="10"><script>alert(1)</script><rect width="5" height="5"/></svg>\n`,
    });
    const result = await pamphleteer(['build', '--only', 'epub'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/warning: Raw HTML with scripts.*\[unsafe-html\]/);
    expect(result.stderr).not.toMatch(/internal error/);
  });
});

/** `pamphleteer watch --no-build` until it prints an error line; its error lines then. */
async function watchErrors(root: string): Promise<string[]> {
  const watch = await startWatch(root);
  try {
    for (let waited = 0; !/error: /.test(watch.terminal()); waited += 200) {
      if (waited > 60_000) throw new Error(`watch printed no error in 60 s:\n${watch.terminal()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // The error's lines come in one write; give it a moment to finish.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return watch
      .terminal()
      .split('\n')
      .filter((l) => / error: |^error: /.test(l));
  } finally {
    watch.child.kill('SIGINT');
  }
}

describe('one reporter: an error of each kind reads the same in build, check and watch', () => {
  const png = () => fs.readFileSync(path.join(REPO, 'tests/fixtures/epub-cover/manuscript/cover.png'));
  const kinds: [string, () => string, RegExp][] = [
    [
      'manuscript',
      () => project({ 'manuscript/01-text.md': `${FRONT}A call to nowhere.[^9]\n` }),
      /^manuscript\/01-text\.md:7:19: error: Note reference \[\^9\] has no definition\..* \[undefined-note\]$/,
    ],
    [
      'config',
      () => project({ 'pamphleteer.config.json': '{\n  "print": { "paper": "B4" }\n}\n' }),
      /^pamphleteer\.config\.json:2:14: error: "print\.paper" cannot be "B4"; use one of "letter", "a4"\. \[config\]$/,
    ],
    [
      'style',
      () => project({ 'styles/print.css': 'p { margin: 0 }\n@import url("https://example.com/x.css");\n' }),
      /^styles\/print\.css:2:1: error: @import "https:\/\/example\.com\/x\.css" cannot be loaded: .* \[style\]$/,
    ],
    [
      'encoding',
      () =>
        project({
          'manuscript/01-text.md': Buffer.concat([
            Buffer.from(`${FRONT}Caf`),
            Buffer.from([0xe9]),
            Buffer.from(' au lait.\n'),
          ]),
        }),
      /^manuscript\/01-text\.md:7:4: error: the file is not valid UTF-8 text\. Save it as UTF-8 in your editor\. \[encoding\]$/,
    ],
    [
      'image',
      () =>
        project({ 'manuscript/01-text.md': `${FRONT}![Gone](images/gone.png)\n`, 'manuscript/images/here.png': png() }),
      /^manuscript\/01-text\.md:7:1: error: Image "images\/gone\.png" not found \(looked for manuscript\/images\/gone\.png\)\. \[missing-image\]$/,
    ],
  ];
  const SHAPE = /^(\S+?)(:\d+:\d+)?: error: .+ \[[a-z-]+\]$/;

  for (const [kind, make, expected] of kinds) {
    it(`${kind}: the same message, in the same shape`, { timeout: 120_000 }, async () => {
      const root = make();
      const build = await pamphleteer(['build', '--only', 'epub,pdf', '--quiet'], { cwd: root });
      const checked = await check(root);
      const watched = await watchErrors(root);
      expect(build.code, build.stderr).toBe(1);
      expect(checked.code, checked.stderr).toBe(1);
      const built = build.stderr.split('\n').filter(Boolean);
      for (const lines of [built, checked.lines, watched]) {
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(SHAPE);
        expect(lines[0]).toMatch(expected);
      }
      expect(checked.lines).toEqual(built);
      expect(watched).toEqual(built);
      expect(fs.existsSync(path.join(root, 'dist'))).toBe(false);
    });
  }

  it('a broken PDF for impose: a message on that file, in the same shape', async () => {
    const root = project();
    fs.writeFileSync(path.join(root, 'notes.pdf'), 'not a pdf at all');
    const result = await pamphleteer(['impose', 'notes.pdf', 'zine.pdf'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('notes.pdf: error: not a PDF: the file does not start with %PDF- [not-pdf]');
    expect(result.stderr.trim()).toMatch(SHAPE);
  });
});

describe('one home for each concern', () => {
  it('the build (src/project) and the catalogue (src/catalogue) do not import each other', () => {
    const importsOf = (dir: string) =>
      fs
        .readdirSync(path.join(REPO, 'src', dir))
        .filter((f) => f.endsWith('.ts'))
        .flatMap((f) =>
          [
            ...fs.readFileSync(path.join(REPO, 'src', dir, f), 'utf8').matchAll(/from '([^']+)'|import\('([^']+)'\)/g),
          ].map((m) => `${dir}/${f}: ${m[1] ?? m[2]}`),
        );
    expect(importsOf('project').filter((i) => /\/catalogue\//.test(i))).toEqual([]);
    expect(importsOf('catalogue').filter((i) => /\/project\//.test(i))).toEqual([]);
    // build-command uses the catalogue's library, never the catalogue command.
    expect(fs.readFileSync(path.join(REPO, 'src/cli/build-command.ts'), 'utf8')).not.toContain('catalogue-command');
  });
});
