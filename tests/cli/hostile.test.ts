/**
 * Through the real command: outputs that would replace an input, outputs blocked by a
 * folder, a browser that is not a browser, and signals. Every case checks the message, the exit
 * code, that dist/ (or the output) is byte-identical, that no file is left beside the outputs, and
 * that the child's own temp folder (TMPDIR) is empty afterwards: no browser profile, no temp file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { tempDirs } from '../helpers/temp-dirs.js';
import { FIXTURES } from '../helpers/seed.js';
import { BIN, snapshot } from './helpers.js';

const tempDir = tempDirs();

/** A copy of a fixture project in a fresh folder. */
function project(fixture: string): string {
  const root = path.join(tempDir('pamphleteer-hostile-'), fixture);
  fs.cpSync(path.join(FIXTURES, fixture), root, { recursive: true });
  return root;
}

interface Run {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output: () => { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts the real command with its own empty TMPDIR. */
function start(args: string[], opts: { cwd?: string; tmp: string; stdin?: 'ignore' | 'pipe' }): Run {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? os.tmpdir(),
    env: { ...process.env, CI: '1', NO_COLOR: '1', TMPDIR: opts.tmp },
    stdio: [opts.stdin ?? 'ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    },
  );
  return { child, output: () => ({ stdout, stderr }), exited };
}

const run = (args: string[], opts: { cwd?: string; tmp: string }) => start(args, opts).exited;

/** Resolves when `test` holds, checking every 20 ms; rejects if the process ends first. */
async function until(test: () => boolean, exited: Promise<unknown>): Promise<void> {
  let over = false;
  void exited.then(() => (over = true));
  while (!test()) {
    if (over) throw new Error('the command ended before the moment the test waits for');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Processes whose command line mentions `text` (a temp folder: the browser's profile is inside it). */
function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) pids.push(Number(entry));
    } catch {
      // The process ended meanwhile.
    }
  }
  return pids;
}

/** Gone: the temp folder is empty and no process uses it (browser processes may take a moment to be reaped). */
async function expectNothingLeft(tmp: string): Promise<void> {
  for (let i = 0; i < 50 && processesMentioning(tmp).length; i++) await new Promise((r) => setTimeout(r, 100));
  expect(processesMentioning(tmp)).toEqual([]);
  expect(fs.readdirSync(tmp)).toEqual([]);
}

/** Names in a folder that are not the expected outputs: temp files, backups. */
function strays(dir: string): string[] {
  return fs.readdirSync(dir).filter((name) => name.startsWith('.'));
}

describe('impose never overwrites its input', () => {
  let dir: string;
  let input: string;
  let inputBytes: Buffer;
  beforeAll(async () => {
    dir = tempDir('pamphleteer-impose-');
    fs.mkdirSync(path.join(dir, 'in'));
    const doc = await PDFDocument.create();
    for (let i = 0; i < 8; i++) doc.addPage([300, 420]).drawText(`page ${i + 1}`, { x: 40, y: 200, size: 24 });
    input = path.join(dir, 'in', 'in.pdf');
    fs.writeFileSync(input, await doc.save());
    inputBytes = fs.readFileSync(input);
    fs.symlinkSync(path.join(dir, 'in'), path.join(dir, 'link'));
  });

  it('-o through a symlinked folder to the input is refused', async () => {
    const tmp = tempDir('pamphleteer-tmp-');
    const result = await run(['impose', 'in/in.pdf', '-o', 'link/in.pdf'], { cwd: dir, tmp });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'error: link/in.pdf: this is the input in/in.pdf, which would be lost; choose another output. Nothing was written.',
    );
    expect(fs.readFileSync(input).equals(inputBytes)).toBe(true);
    expect(strays(path.join(dir, 'in'))).toEqual([]);
    await expectNothingLeft(tmp);
  });

  it('-o to another name of the same file (a hard link) is refused', async () => {
    fs.linkSync(input, path.join(dir, 'same.pdf'));
    const tmp = tempDir('pamphleteer-tmp-');
    const result = await run(['impose', 'in/in.pdf', '-o', 'same.pdf'], { cwd: dir, tmp });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: same\.pdf: this is the input in\/in\.pdf, which would be lost/);
    expect(fs.readFileSync(input).equals(inputBytes)).toBe(true);
    await expectNothingLeft(tmp);
  });

  it('-o onto an existing folder is refused, and no .tmp file is left beside it', async () => {
    fs.mkdirSync(path.join(dir, 'outdir'));
    const tmp = tempDir('pamphleteer-tmp-');
    const result = await run(['impose', 'in/in.pdf', '-o', 'outdir'], { cwd: dir, tmp });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'error: outdir: a folder stands where the output file goes; move it away or choose another output. Nothing was written.',
    );
    expect(fs.readdirSync(path.join(dir, 'outdir'))).toEqual([]);
    expect(strays(dir)).toEqual([]);
    await expectNothingLeft(tmp);
  });

  it('Ctrl-C during a 1,000-page imposition exits 130, one line, the old output unchanged', async () => {
    const big = await PDFDocument.create();
    for (let i = 0; i < 1000; i++) big.addPage([300, 420]).drawText(`page ${i + 1}`, { x: 40, y: 200, size: 24 });
    const fifo = path.join(dir, 'big.pdf');
    // Read from a named pipe: the imposition starts exactly when the pipe closes, so the signal
    // sent then arrives while it runs (never before the command is ready for it).
    fs.rmSync(fifo, { force: true });
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [fifo]);
    const out = path.join(dir, 'big-zine.pdf');
    fs.writeFileSync(out, 'the previous output');
    const tmp = tempDir('pamphleteer-tmp-');
    const running = start(['impose', 'big.pdf', '-o', 'big-zine.pdf'], { cwd: dir, tmp });
    const bytes = await big.save();
    await new Promise<void>((resolve, reject) => {
      const stream = fs.createWriteStream(fifo);
      stream.on('error', reject);
      stream.end(bytes, () => resolve());
    });
    running.child.kill('SIGINT');
    const result = await running.exited;
    expect(result.code).toBe(130);
    expect(result.stderr).toBe('interrupted (SIGINT): stopped; nothing half-done was written.\n');
    expect(result.stdout).toBe('');
    expect(fs.readFileSync(out, 'utf8')).toBe('the previous output');
    expect(strays(dir)).toEqual([]);
    await expectNothingLeft(tmp);
  });
});

describe('a build replaces all its outputs together, or none', () => {
  let root: string;
  let dist: string;
  beforeAll(async () => {
    root = project('robust-small');
    dist = path.join(root, 'dist');
    const tmp = tempDir('pamphleteer-tmp-');
    const result = await run(['build', root], { tmp });
    expect(result.code, result.stderr).toBe(0);
    expect(fs.readdirSync(dist).sort()).toEqual([
      'low-tide-ledger-zine.pdf',
      'low-tide-ledger.epub',
      'low-tide-ledger.json',
      'low-tide-ledger.pdf',
    ]);
  });

  // The outputs are renamed in this order: PDF, EPUB, zine, then the title record.
  for (const [which, blocked] of [
    ['first', 'low-tide-ledger.pdf'],
    ['zine', 'low-tide-ledger-zine.pdf'],
    ['last', 'low-tide-ledger.json'],
  ] as const) {
    it(`a folder where the ${which} output goes: exit 1, dist/ byte-identical, nothing left behind`, async () => {
      const moved = path.join(root, 'moved-aside');
      fs.renameSync(path.join(dist, blocked), moved);
      fs.mkdirSync(path.join(dist, blocked));
      fs.writeFileSync(path.join(dist, blocked, 'keep.txt'), 'mine');
      try {
        const before = snapshot(dist);
        const tmp = tempDir('pamphleteer-tmp-');
        const result = await run(['build', root, '--quiet'], { cwd: root, tmp });
        expect(result.code).toBe(1);
        expect(result.stderr.trim()).toBe(
          `error: dist/${blocked}: a folder stands where the output file goes; move it away or choose another output. Nothing was written.`,
        );
        expect(snapshot(dist)).toEqual(before);
        expect(strays(dist)).toEqual([]);
        await expectNothingLeft(tmp);
      } finally {
        fs.rmSync(path.join(dist, blocked), { recursive: true });
        fs.renameSync(moved, path.join(dist, blocked));
      }
    });
  }

  it('an output that is a link to an input is refused', async () => {
    const epub = path.join(dist, 'low-tide-ledger.epub');
    const kept = path.join(root, 'kept.epub');
    fs.renameSync(epub, kept);
    fs.symlinkSync(path.join(root, 'manuscript', '01-tide.md'), epub);
    try {
      const text = fs.readFileSync(path.join(root, 'manuscript', '01-tide.md'));
      const tmp = tempDir('pamphleteer-tmp-');
      const result = await run(['build', '.', '--quiet', '--only', 'epub'], { cwd: root, tmp });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        'error: dist/low-tide-ledger.epub: this is the input manuscript/01-tide.md, which would be lost; choose another output. Nothing was written.',
      );
      expect(fs.readFileSync(path.join(root, 'manuscript', '01-tide.md')).equals(text)).toBe(true);
      expect(strays(dist)).toEqual([]);
      await expectNothingLeft(tmp);
    } finally {
      fs.rmSync(epub);
      fs.renameSync(kept, epub);
    }
  });
});

describe('a browser that is not a browser', () => {
  let root: string;
  let before: Record<string, string>;
  let hang: string;
  beforeAll(async () => {
    root = project('robust-small');
    const result = await run(['build', root, '--only', 'epub'], { tmp: tempDir('pamphleteer-tmp-') });
    expect(result.code, result.stderr).toBe(0);
    before = snapshot(path.join(root, 'dist'));
    // A program that starts and never answers (and records its pid, to check it is killed).
    hang = path.join(tempDir('pamphleteer-hang-'), 'never-answers.sh');
    fs.writeFileSync(hang, `#!/bin/sh\necho $$ > "${hang}.pid"\nexec sleep 600\n`, { mode: 0o755 });
  });

  for (const program of ['/bin/echo', '/bin/false', '/bin/true']) {
    it(`--browser ${program}: exit 2 at once, "could not start the browser", nothing left`, async () => {
      const tmp = tempDir('pamphleteer-tmp-');
      const result = await run(['build', root, '--quiet', '--browser', program], { tmp });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        new RegExp(
          `^error: could not start the browser ${program} \\(set by --browser or browser\\.executablePath\\): `,
        ),
      );
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toMatch(/Protocol error|Target closed|\(config\)/);
      expect(snapshot(path.join(root, 'dist'))).toEqual(before);
      await expectNothingLeft(tmp);
    });
  }

  it('a program that never answers is killed after the launch timeout: exit 2', async () => {
    const tmp = tempDir('pamphleteer-tmp-');
    const result = await run(['build', root, '--quiet', '--browser', hang], { tmp });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      `error: could not start the browser ${hang} (set by --browser or browser.executablePath): it did not answer within 10 seconds`,
    );
    const pid = Number(fs.readFileSync(`${hang}.pid`, 'utf8'));
    // Killed: gone once reaped, which may come a moment after the command exits (as in expectNothingLeft).
    for (let i = 0; i < 50 && fs.existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 100));
    expect(fs.existsSync(`/proc/${pid}`)).toBe(false);
    expect(snapshot(path.join(root, 'dist'))).toEqual(before);
    await expectNothingLeft(tmp);
  });
});

describe('signals: exit 128+n, one line, outputs unchanged, the browser and its profile gone', () => {
  let root: string;
  let before: Record<string, string>;
  beforeAll(async () => {
    root = project('robust-small');
    const result = await run(['build', root], { tmp: tempDir('pamphleteer-tmp-') });
    expect(result.code, result.stderr).toBe(0);
    before = snapshot(path.join(root, 'dist'));
  });

  const interrupted = (signal: string) => `interrupted (${signal}): stopped; nothing half-done was written.\n`;

  it('Ctrl-C during the parse', async () => {
    const tmp = tempDir('pamphleteer-tmp-');
    const running = start(['build', root, '--quiet'], { tmp });
    // The browser's profile appears in TMPDIR when it is launched, which is when the parse starts.
    await until(() => fs.readdirSync(tmp).length > 0, running.exited);
    running.child.kill('SIGINT');
    const result = await running.exited;
    expect(result.code).toBe(130);
    expect(result.stderr).toBe(interrupted('SIGINT'));
    expect(snapshot(path.join(root, 'dist'))).toEqual(before);
    await expectNothingLeft(tmp);
  });

  for (const [name, signals] of [
    ['Ctrl-C', ['SIGINT']],
    ['SIGTERM', ['SIGTERM']],
    ['SIGHUP', ['SIGHUP']],
    ['a second Ctrl-C', ['SIGINT', 'SIGINT']],
  ] as const) {
    it(`${name} during the layout`, async () => {
      const tmp = tempDir('pamphleteer-tmp-');
      const running = start(['build', root], { tmp });
      await until(() => /Parse manuscript/.test(running.output().stdout), running.exited);
      for (const signal of signals) running.child.kill(signal);
      const result = await running.exited;
      expect(result.code).toBe(128 + os.constants.signals[signals[0]]);
      expect(result.stderr).toBe(interrupted(signals[0]));
      expect(result.stdout).not.toMatch(/Write outputs|internal error/);
      expect(snapshot(path.join(root, 'dist'))).toEqual(before);
      expect(strays(path.join(root, 'dist'))).toEqual([]);
      await expectNothingLeft(tmp);
    });
  }
});
