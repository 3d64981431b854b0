import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { REPO } from '../helpers/seed.js';

export { REPO };
export const BIN = path.join(REPO, 'bin/pamphleteer.js');

/** A throwaway project: the repo's manuscript copied into a fresh temp folder (never the repo's own dist/). */
export function tempProject(name = 'project'): string {
  const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-cli-')), name);
  fs.mkdirSync(root, { recursive: true });
  fs.cpSync(path.join(REPO, 'manuscript'), path.join(root, 'manuscript'), { recursive: true });
  return root;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real command as a process, the way a person (or CI) does. */
export function pamphleteer(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? os.tmpdir(),
      env: { ...process.env, CI: '1', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every file under a folder with its content hash, to compare a folder before and after. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

export const MANUSCRIPT_FILE = 'manuscript/fading-color.md';

export interface WatchProcess {
  child: import('node:child_process').ChildProcess;
  /** The preview's URL, as `watch` prints it on stdout. */
  url: string;
  /** Everything `watch` printed on stderr so far. */
  terminal(): string;
}

/** The real `pamphleteer watch --no-build`, run in a project, on a random port; resolves once it serves. */
export function startWatch(root: string): Promise<WatchProcess> {
  const child = spawn(
    process.execPath,
    [BIN, 'watch', '--no-build', '--port', String(4300 + Math.floor(Math.random() * 2000))],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1', NO_COLOR: '1' } },
  );
  let terminal = '';
  child.stderr!.on('data', (d) => (terminal += d));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const match = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (match) resolve({ child, url: match[1], terminal: () => terminal });
    });
    child.on('exit', (code) => reject(new Error(`watch exited with ${code}: ${terminal}`)));
  });
}
