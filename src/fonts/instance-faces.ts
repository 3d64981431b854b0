import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { instanceNames, renameFace } from './font-names.js';

const require = createRequire(import.meta.url);

/**
 * Changes whenever instances are made differently, so instances made before are not reused: part of
 * every instance's file name.
 */
export const INSTANCE_REVISION = 'r2';

/** One face of a variable font to set at one weight: its woff2 file and where the static TrueType goes. */
export interface InstanceJob {
  source: string;
  weight: number;
  target: string;
}

/**
 * Where static instances of the bundled variable fonts are kept between runs: the user's cache folder
 * (XDG_CACHE_HOME or ~/.cache), or the temp folder when that cannot be written. Named by package and
 * version, so an update makes new files.
 */
export function instanceCacheDir(pkg: string, version: string): string {
  const name = `${pkg.replace(/^@/, '').replace(/\//g, '+')}@${version}`;
  const bases = [process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), os.tmpdir()];
  for (const base of bases) {
    const dir = path.join(base, 'pamphleteer', 'fonts', name);
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.accessSync(dir, fs.constants.W_OK);
      return dir;
    } catch {
      // Not writable here: the next place.
    }
  }
  throw new Error('no writable folder for the font cache (home cache folder or temp folder)');
}

// Runs in a worker: harfbuzz (through subset-font) pins the weight axis and keeps every glyph, and
// writes the instance to the job's raw file, which the waiting thread names. Any failure, even in
// loading, is reported through the shared memory, which the waiting thread reads.
const WORKER = `
const { workerData } = require('node:worker_threads');
const state = new Int32Array(workerData.shared, 0, 1);
const text = new Uint8Array(workerData.shared, 4);
const done = (failed) => {
  if (failed) text.set(Buffer.from(failed).subarray(0, text.length - 1));
  Atomics.store(state, 0, failed ? 2 : 1);
  Atomics.notify(state, 0);
};
(async () => {
  const fs = require('node:fs');
  const subsetFont = require(workerData.subsetFont);
  for (const job of workerData.jobs) {
    const font = await subsetFont(fs.readFileSync(job.source), '', {
      keepAllGlyphs: true,
      variationAxes: { wght: job.weight },
      targetFormat: 'truetype',
    });
    fs.writeFileSync(job.raw, font);
  }
})().then(() => done(''), (error) => done(String((error && error.message) || error)));
`;

/**
 * Makes the static instances the jobs ask for, synchronously (the font catalogue is synchronous): a
 * worker runs harfbuzz, this thread waits for it. Chromium embeds a variable font in a PDF as Type 3
 * outlines with no font name; a static instance is embedded as TrueType, as every other bundled face.
 */
export function makeInstances(jobs: InstanceJob[]): void {
  const stamp = `${process.pid}.${Date.now()}`;
  const todo = jobs
    .filter((job) => !fs.existsSync(job.target))
    .map((job, i) => ({ ...job, raw: `${job.target}.${stamp}.${i}.raw.tmp` }));
  if (!todo.length) return;
  const shared = new SharedArrayBuffer(4 + 1024);
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { subsetFont: require.resolve('subset-font'), jobs: todo, shared },
  });
  const state = new Int32Array(shared, 0, 1);
  // A generous bound: a CJK book's first build instances a few hundred subsets.
  const result = Atomics.wait(state, 0, 0, 600_000);
  void worker.terminate();
  if (result === 'timed-out') throw new Error('making static font instances took more than 10 minutes');
  if (Atomics.load(state, 0) === 2) {
    for (const job of todo) fs.rmSync(job.raw, { force: true });
    const text = Buffer.from(new Uint8Array(shared, 4)).toString('utf8').replace(/\0+$/, '');
    throw new Error(`could not make a static instance of a bundled font: ${text}`);
  }
  // Named as the face it is, written under a temporary name and renamed: a half-written instance is never read.
  for (const job of todo) {
    const raw = fs.readFileSync(job.raw);
    const names = instanceNames(raw, job.weight);
    const temporary = `${job.target}.${stamp}.tmp`;
    fs.writeFileSync(temporary, names ? renameFace(raw, names) : raw);
    fs.renameSync(temporary, job.target);
    fs.rmSync(job.raw, { force: true });
  }
}
