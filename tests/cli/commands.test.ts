import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { MANUSCRIPT_FILE, REPO, pamphleteer, tempProject } from './helpers.js';

describe('pamphleteer init', () => {
  it('makes a project that builds at once, and refuses to overwrite it', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-init-')), 'my-first-zine');
    const init = await pamphleteer(['init', dir, '--author', 'A. Writer']);
    expect(init.code, init.stderr).toBe(0);
    for (const f of ['pamphleteer.config.json', 'manuscript/01-pamphlet.md', '.gitignore'])
      expect(fs.existsSync(path.join(dir, f))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'pamphleteer.config.json'), 'utf8')).$schema).toMatch(
      /pamphleteer\.config\.schema\.json$/,
    );
    // A package.json as create-book writes one: npm scripts, pamphleteer as a dev dependency: the one
    // running init (here the clone's folder, which npm resolves while pamphleteer is not published).
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))).toEqual({
      name: 'my-first-zine',
      version: '0.1.0',
      private: true,
      description: 'My First Zine',
      scripts: { build: 'pamphleteer build', watch: 'pamphleteer watch', check: 'pamphleteer check' },
      devDependencies: { pamphleteer: `file:${fs.realpathSync(REPO)}` },
    });
    // Next steps that work from where the person is: cd, then npm install and the npm scripts.
    expect(init.stdout).toMatch(
      /Next:\n {2}cd \S+my-first-zine\n {2}npm install .*\n {2}npm run watch .*\n {2}npm run build .*\n {2}npm run check /,
    );

    const build = await pamphleteer(['build', dir, '--json']);
    expect(build.code, build.stderr).toBe(0);
    const [project] = JSON.parse(build.stdout).projects;
    expect(project).toMatchObject({ title: 'My First Zine', slug: 'my-first-zine', book: { notes: 1 } });
    expect(project.outputs.map((o: { kind: string }) => o.kind)).toEqual(['pdf', 'epub', 'zine']);
    expect(build.stderr).toBe(''); // the sample has no warnings

    const before = fs.readFileSync(path.join(dir, 'manuscript/01-pamphlet.md'));
    const again = await pamphleteer(['init', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds a pamphlet project .*init never overwrites/);
    expect(fs.readFileSync(path.join(dir, 'manuscript/01-pamphlet.md'))).toEqual(before);
  });
});

describe('pamphleteer check', () => {
  it('exits 1 naming file:line:col for a note reference without definition', async () => {
    const root = tempProject();
    const file = path.join(root, MANUSCRIPT_FILE);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const lineIndex = lines.findIndex((l) => l.startsWith('Following the election'));
    lines[lineIndex] = `Broken[^99] ${lines[lineIndex]}`;
    fs.writeFileSync(file, lines.join('\n'));
    const result = await pamphleteer(['check'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `manuscript/fading-color.md:${lineIndex + 1}:7: error: Note reference [^99] has no definition`,
    );
  });

  it('exits 0 with a one-line report on a good project', async () => {
    const root = tempProject();
    const result = await pamphleteer(['check', root, '--no-epubcheck']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/ok: “Fading Color”, 4 chapters, 14 notes, [\d,]+ words/);
  });
});

describe('pamphleteer impose', () => {
  it('imposes a PDF and refuses a broken one in one line, exit 1, no output file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-impose-'));
    const doc = await PDFDocument.create();
    for (let i = 0; i < 8; i++) doc.addPage([396, 612]);
    fs.writeFileSync(path.join(dir, 'in.pdf'), await doc.save());
    const ok = await pamphleteer(['impose', 'in.pdf', '-o', 'out.pdf', '--layout', 'minizine', '--preview'], {
      cwd: dir,
    });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/out\.pdf: 1 sheet of letter \(8 pages, minizine\)/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.svg')).length).toBe(1);

    fs.writeFileSync(path.join(dir, 'broken.pdf'), 'this is not a pdf');
    const bad = await pamphleteer(['impose', 'broken.pdf', '-o', 'bad-out.pdf'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/not a PDF/);
    expect(fs.readdirSync(dir).filter((f) => f.includes('bad-out'))).toEqual([]);
  });
});

describe('help, version and missing browser', () => {
  it('--help of each command lists its options with examples; --version prints the version', async () => {
    for (const [command, option] of [
      ['build', '--only'],
      ['check', '--no-epubcheck'],
      ['impose', '--creep'],
      ['init', '--title'],
      ['watch', '--port'],
    ]) {
      const result = await pamphleteer([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(option);
      expect(result.stdout).toContain('Examples:');
    }
    const version = await pamphleteer(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 with a clear message when the browser cannot be found', async () => {
    const root = tempProject();
    const result = await pamphleteer(['build', root, '--only', 'pdf'], {
      env: { PAMPHLETEER_BROWSER: '/nonexistent/chrome' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/PAMPHLETEER_BROWSER was not found: \/nonexistent\/chrome/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(root, 'dist'))).toBe(false);
  });
});
