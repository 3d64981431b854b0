import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, MANUSCRIPT_FILE, pamphleteer, snapshot, tempProject, type RunResult } from './helpers.js';

// One full build (PDF, EPUB, zine) is shared by the tests below: it is the slow part.
describe('pamphleteer build', () => {
  let root: string;
  let full: RunResult;
  beforeAll(async () => {
    root = tempProject();
    full = await pamphleteer(['build', root, '--json']);
  });

  it('--json prints only a machine-readable summary on stdout', () => {
    expect(full.code, full.stderr).toBe(0);
    const summary = JSON.parse(full.stdout);
    expect(summary.ok).toBe(true);
    const [project] = summary.projects;
    expect(project).toMatchObject({
      ok: true,
      slug: 'fading-color',
      title: 'Fading Color',
      book: { chapters: 4, notes: 14 },
    });
    const byKind = Object.fromEntries(project.outputs.map((o: { kind: string }) => [o.kind, o]));
    expect(byKind.pdf.path).toBe(path.join(root, 'dist/fading-color.pdf'));
    expect(byKind.pdf.pages).toBeGreaterThan(4);
    expect(byKind.epub.chapters).toBe(4);
    expect(byKind.zine.sheets).toBe(Math.ceil(byKind.pdf.pages / 4));
    for (const o of project.outputs) expect(fs.statSync(o.path).size).toBe(o.bytes);
    expect(Object.keys(project.steps)).toEqual(['parse', 'pdf', 'epub', 'zine', 'write']);
  });

  it('prints a closing summary with each output’s path, size, pages and step times', async () => {
    const result = await pamphleteer(['build', '.', '--only', 'epub'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Fading Color → dist\//);
    expect(result.stdout).toMatch(/EPUB\s+dist\/fading-color\.epub\s+\d+ KB\s+4 chapters/);
    expect(result.stdout).toMatch(/time\s+parse [\d.]+ m?s · epub [\d.]+ m?s · write [\d.]+ m?s · total/);
    // Not a terminal: plain lines, no spinner or cursor control characters.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC, the start of every terminal control sequence.
    expect(result.stdout).not.toMatch(/\u001b\[/);
    expect(result.stdout).not.toMatch(/PDF\s+dist/);
  });

  it('a failed build leaves dist/ byte-identical and no temporary files', async () => {
    const before = snapshot(path.join(root, 'dist'));
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(['fading-color.pdf', 'fading-color.epub', 'fading-color-zine.pdf']),
    );
    const file = path.join(root, MANUSCRIPT_FILE);
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(
      file,
      good.replace('I attended an anti-Trump demonstration', 'I attended[^99] an anti-Trump demonstration'),
    );
    try {
      const result = await pamphleteer(['build', root]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/fading-color\.md:\d+:\d+: error: Note reference \[\^99\] has no definition/);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace for a user's mistake
      expect(snapshot(path.join(root, 'dist'))).toEqual(before);
    } finally {
      fs.writeFileSync(file, good);
    }
  });

  it('Ctrl-C during the layout exits 130 and leaves dist/ byte-identical, with no temporary files', async () => {
    const before = snapshot(path.join(root, 'dist'));
    const child = spawn(process.execPath, [BIN, 'build', root], {
      env: { ...process.env, CI: '1', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d) => {
        out += d;
        // The manuscript is parsed: the browser is laying out the PDF now.
        if (/Parse manuscript/.test(out)) resolve();
      });
      void exited.then(() => resolve());
    });
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(out).not.toMatch(/Write outputs/);
    expect(snapshot(path.join(root, 'dist'))).toEqual(before);
  });

  it('an output folder blocked by a file is a user error (exit 1), not a crash', async () => {
    const blocker = path.join(root, 'not-a-folder');
    fs.writeFileSync(blocker, 'a file');
    const result = await pamphleteer(['build', root, '--only', 'epub', '--out', path.join(blocker, 'dist')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not-a-folder.*is in the way: a file stands where a folder is needed/);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('--only rejects an unknown output with exit code 1', async () => {
    const result = await pamphleteer(['build', root, '--only', 'epub,mobi']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--only epub,mobi: choose one or more of epub, pdf, zine/);
  });
});

describe('pamphleteer build, several projects', () => {
  it('builds every project of a catalogue folder and reports each', async () => {
    const first = tempProject('first');
    const catalogue = path.dirname(first);
    fs.cpSync(first, path.join(catalogue, 'second'), { recursive: true });
    const result = await pamphleteer(['build', '--all', catalogue, '--only', 'epub', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.projects.map((p: { root: string }) => path.basename(p.root))).toEqual(['first', 'second']);
    for (const name of ['first', 'second'])
      expect(fs.existsSync(path.join(catalogue, name, 'dist/fading-color.epub'))).toBe(true);
  });
});

describe('pamphleteer build --preview, with bleed and crop marks', () => {
  it('draws the cover, spreads and every zine sheet side, and trims the bled PDF', async () => {
    const root = tempProject();
    fs.writeFileSync(
      path.join(root, 'pamphleteer.config.json'),
      JSON.stringify({ print: { bleed: '3mm', cropMarks: true } }),
    );
    const result = await pamphleteer(['build', root, '--preview', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const preview = fs.readdirSync(path.join(root, 'dist/preview'));
    expect(preview).toEqual(
      expect.arrayContaining([
        'fading-color-cover.png',
        'fading-color-spread-2-3.png',
        'fading-color-zine-sheet-01-front.png',
        'fading-color-zine-sheet-01-back.svg',
      ]),
    );
    const [project] = JSON.parse(result.stdout).projects;
    const sheets = project.outputs.find((o: { kind: string }) => o.kind === 'zine').sheets;
    expect(preview.filter((f) => /zine-sheet-\d+-(front|back)\.png$/.test(f))).toHaveLength(sheets * 2);
    for (const png of preview.filter((f) => f.endsWith('.png'))) {
      expect(
        fs
          .readFileSync(path.join(root, 'dist/preview', png))
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
    }
    // Bleed: the pages carry a TrimBox inside a larger MediaBox.
    const boxes = execFileSync('pdfinfo', ['-box', path.join(root, 'dist/fading-color.pdf')], { encoding: 'utf8' });
    const box = (name: string) =>
      /: +([\d.]+) +([\d.]+) +([\d.]+) +([\d.]+)/
        .exec(boxes.split('\n').find((l) => l.startsWith(name))!)!
        .slice(1)
        .map(Number);
    const [mx0, , mx1] = box('MediaBox');
    const [tx0, , tx1] = box('TrimBox');
    expect(tx1 - tx0).toBeLessThan(mx1 - mx0);
  });
});
