#!/usr/bin/env node
/**
 * Whole-build benchmark (not a test): `pamphleteer build` of the essay (EPUB + print PDF + zine, one
 * process) against the chain a person would run instead, tool by tool on the same manuscript:
 *   pandoc → EPUB;  pandoc → standalone HTML;  pagedjs-cli on that HTML → PDF;  bookletimposer on that PDF → booklet.
 * Rounds alternate (ours, then the chain, then the baseline when given), so a busy machine slows each
 * alike; medians; ratio = ours ÷ the chain's summed time. Goal ≤ 0.35.
 *
 *   npm run compile && node bench/build.mjs [--runs N] [--baseline DIR]
 *
 * Missing tools are named (Debian: apt install pandoc bookletimposer; pagedjs-cli is a dev dependency
 * and needs Chromium) and the row is left without a ratio. Every round's outputs are compared with
 * the baseline checkout's (--baseline), else with our own first build: the EPUB's files, each PDF's
 * text and page images (bench/same-output.mjs).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sameOutputNote } from './same-output.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 3;
const SLUG = 'fading-color';
const OUTPUTS = [`${SLUG}.epub`, `${SLUG}.pdf`, `${SLUG}-zine.pdf`];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Wall time of one whole process in ms; throws with its error output when it fails. */
function timeOnce({ command, args, env, cwd }) {
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  if (result.error || result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed: ${result.error?.message ?? result.stderr.slice(-500)}`);
  }
  return ms;
}

/** Whether a program answers at all (`--version` or `--help`). */
const runs = (command, args = ['--version']) => {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return !result.error && result.status === 0;
};

/** The browser pagedjs-cli drives (puppeteer's own download is not installed). */
function chromium() {
  const named = process.env.PUPPETEER_EXECUTABLE_PATH;
  if (named) return named;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => fs.existsSync(p));
}

/** The reference chain's steps, each a process, and what is missing to run them. */
function referenceChain(project, work) {
  const manuscript = fs
    .readdirSync(path.join(project, 'manuscript'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join('manuscript', f));
  const html = path.join(work, 'chain.html');
  const pdf = path.join(work, 'chain.pdf');
  const cli = path.join(ROOT, 'node_modules/.bin/pagedjs-cli');
  const browser = chromium();
  const steps = [
    { name: 'pandoc → EPUB', command: 'pandoc', args: [...manuscript, '-o', path.join(work, 'chain.epub')] },
    { name: 'pandoc → HTML', command: 'pandoc', args: [...manuscript, '-s', '-o', html] },
    {
      name: 'pagedjs-cli',
      command: cli,
      // As root (containers, CI) Chromium needs --no-sandbox; pamphleteer adds it in the same case.
      args: [html, '-o', pdf, ...(process.getuid?.() === 0 ? ['--browserArgs', '--no-sandbox'] : [])],
      env: { PUPPETEER_EXECUTABLE_PATH: browser },
    },
    {
      name: 'bookletimposer',
      command: 'bookletimposer',
      args: ['-a', '-b', '-o', path.join(work, 'chain-booklet.pdf'), pdf],
    },
  ].map((step) => ({ cwd: project, ...step }));
  const missing = [
    !runs('pandoc') && 'pandoc (apt install pandoc)',
    !fs.existsSync(cli) && 'pagedjs-cli (npm ci)',
    !browser && 'Chromium for pagedjs-cli (apt install chromium, or PUPPETEER_EXECUTABLE_PATH)',
    !runs('bookletimposer', ['--help']) && 'bookletimposer (apt install bookletimposer)',
  ].filter(Boolean);
  return { steps, missing };
}

/** `pamphleteer build` of a checkout (this one or the baseline) into its own output folder. */
function buildOf(checkout, project, out) {
  return {
    command: process.execPath,
    args: [path.join(checkout, 'bin/pamphleteer.js'), 'build', project, '--only', 'epub,pdf,zine', '--out', out, '-q'],
    cwd: project,
  };
}

/** What differs between the outputs in two folders, or 'same output'. */
async function compareOutputs(dir, referenceDir) {
  const notes = [];
  for (const name of OUTPUTS) {
    const note = await sameOutputNote(path.join(dir, name), path.join(referenceDir, name));
    if (note !== 'same output') notes.push(`${name}: ${note}`);
  }
  return notes.length ? notes.join('; ') : 'same output';
}

/**
 * Runs the benchmark; returns `{ oursMs, chainMs, stepsMs, baselineMs, ratio, missing, outputNote }`
 * (times are medians in ms; `ratio` is ours ÷ the chain's).
 */
export async function runBuildBench({ runs: rounds = RUNS, log = () => {}, baseline } = {}) {
  if (!fs.existsSync(path.join(ROOT, 'lib/bundle/main.cjs'))) {
    throw new Error('bench: lib/bundle is missing; run `npm run compile` first');
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-build-bench-'));
  try {
    // Each checkout builds its own copy of the essay: each keeps its own cache there.
    const project = path.join(work, 'essay');
    fs.cpSync(path.join(ROOT, 'manuscript'), path.join(project, 'manuscript'), { recursive: true });
    const baselineProject = path.join(work, 'essay-baseline');
    if (baseline)
      fs.cpSync(path.join(ROOT, 'manuscript'), path.join(baselineProject, 'manuscript'), { recursive: true });

    const ours = buildOf(ROOT, project, path.join(work, 'ours'));
    const firstOutputs = path.join(work, 'ours-first');
    // The warm-up build: fills the project's cache as a person's second build finds it, and keeps
    // the outputs every later build must repeat when there is no baseline.
    timeOnce(buildOf(ROOT, project, firstOutputs));
    const theirs = baseline && buildOf(baseline, baselineProject, path.join(work, 'baseline'));
    if (theirs) timeOnce(theirs);
    const { steps, missing } = referenceChain(project, work);
    if (missing.length) log(`chain: missing ${missing.join(', ')}; timing pamphleteer alone`);
    else for (const step of steps) timeOnce(step);

    const samples = { ours: [], chain: [], baseline: [], steps: steps.map(() => []) };
    for (let i = 0; i < rounds; i++) {
      samples.ours.push(timeOnce(ours));
      if (!missing.length) {
        const times = steps.map(timeOnce);
        for (const [k, ms] of times.entries()) samples.steps[k].push(ms);
        samples.chain.push(times.reduce((a, b) => a + b, 0));
      }
      if (theirs) samples.baseline.push(timeOnce(theirs));
      log(
        `round ${i + 1}: ours ${Math.round(samples.ours.at(-1))} ms, chain ${Math.round(samples.chain.at(-1) ?? 0)} ms`,
      );
    }
    const outputNote = await compareOutputs(
      path.join(work, 'ours'),
      path.join(work, theirs ? 'baseline' : 'ours-first'),
    );
    log(`outputs against ${theirs ? 'the baseline' : 'our first build'}: ${outputNote}`);
    const oursMs = median(samples.ours);
    const chainMs = missing.length ? undefined : median(samples.chain);
    return {
      oursMs,
      chainMs,
      stepsMs: missing.length ? [] : steps.map((s, k) => ({ name: s.name, ms: median(samples.steps[k]) })),
      baselineMs: theirs ? median(samples.baseline) : undefined,
      ratio: chainMs ? oursMs / chainMs : undefined,
      missing,
      outputNote,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const result = await runBuildBench({
    log: (line) => console.log(line),
    runs: Number(value('--runs') ?? RUNS),
    baseline: value('--baseline') && path.resolve(value('--baseline')),
  });
  const ms = (n) => `${Math.round(n)} ms`;
  console.log(
    `\nload average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} on ${os.availableParallelism()} cores`,
  );
  console.log(`pamphleteer build (EPUB + PDF + zine)  ${ms(result.oursMs)}`);
  if (result.chainMs) {
    console.log(`the chain                              ${ms(result.chainMs)}`);
    for (const s of result.stepsMs) console.log(`  ${s.name.padEnd(37)}${ms(s.ms)}`);
    console.log(`ratio ${result.ratio.toFixed(2)} (goal ≤ 0.35)`);
  } else {
    console.log(`no ratio: missing ${result.missing.join(', ')}`);
  }
  if (result.baselineMs)
    console.log(
      `baseline build ${ms(result.baselineMs)}, ours ÷ baseline ${(result.oursMs / result.baselineMs).toFixed(2)}`,
    );
  console.log(`output: ${result.outputNote}`);
}
