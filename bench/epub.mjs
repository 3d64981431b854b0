#!/usr/bin/env node
/**
 * EPUB benchmark (not a test): times building the essay's EPUB as a whole process, through the
 * compiled lib/ (loadBook + renderEpub + write the file), side by side with
 * `pandoc manuscript/*.md -o x.epub` in the same run when pandoc is installed. 5 runs each,
 * interleaved so that a busy machine slows every contender alike; medians; ratio to pandoc.
 * Goals: `build --only epub` ≤ 1.0 × pandoc; `check` without EPUBCheck ≤ 0.2 s.
 *
 *   npm run compile && node bench/epub.mjs [--runs N] [--baseline DIR]
 *
 * --baseline DIR: another pamphleteer checkout (say main's, compiled), timed in the same rounds; its
 * EPUB must hold the same files with the same bytes (bench/same-output.mjs), or the row says so.
 *
 * Extra rows break the pamphleteer process down (node startup, reading the Book, loading the EPUB
 * renderer), so a slow result says where the time goes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { epubFingerprint, fingerprintDifference } from './same-output.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workDir = join(tmpdir(), 'pamphleteer-epub-bench');
// The essay as a project of its own (the repository's folder is also pamphleteer's own styles/).
const project = join(workDir, 'essay');
const RUNS = 5;

const lib = (file) => JSON.stringify(pathToFileURL(join(repo, 'lib', file)).href);

/** The child processes, each a tiny script doing one thing. */
function writeChildScripts() {
  const loadBook = `import { loadBook } from ${lib('book/load-book.js')};
import { configSchema } from ${lib('config/schema.js')};
const { book } = loadBook(${JSON.stringify(project)}, configSchema.parse({}));`;
  const scripts = {
    epub: `import { writeFileSync } from 'node:fs';
import { renderEpub } from ${lib('render/epub/index.js')};
${loadBook}
writeFileSync(process.argv[2], await renderEpub(book));`,
    loadBook,
    importRenderer: `await import(${lib('render/epub/index.js')});`,
    startup: ``,
  };
  const files = {};
  for (const [name, source] of Object.entries(scripts)) {
    files[name] = join(workDir, `${name}.mjs`);
    writeFileSync(files[name], `${source}\n`);
  }
  return files;
}

function findPandoc() {
  const found = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
  return found.status === 0 ? { command: 'pandoc', version: found.stdout.split('\n')[0] } : undefined;
}

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * Wall time of one whole process, and its CPU time (user + system) when GNU time is there: on a
 * busy machine the CPU time says more about the program than the wall time does.
 */
function timeProcess(command, args) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const [file, fileArgs] = gnuTime ? [gnuTime, ['-f', 'cpu_s=%U+%S', command, ...args]] : [command, args];
    const child = spawn(file, fileArgs, { cwd: project, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`));
      const cpu = /cpu_s=([\d.]+)\+([\d.]+)/.exec(stderr);
      resolvePromise({ ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined });
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Runs the benchmark; returns one row per contender, `{ name, medianMs, ratio, medianCpuMs }`, the
 * ratio being of wall times to pandoc's (to pamphleteer's own when pandoc is missing). Breakdown
 * rows start with "  ".
 */
export async function runEpubBench({ runs = RUNS, log = () => {}, baseline } = {}) {
  if (!existsSync(join(repo, 'lib', 'render', 'epub', 'index.js'))) {
    throw new Error('bench: lib/render/epub/index.js is missing; run `npx tsc -p tsconfig.build.json` first');
  }
  mkdirSync(workDir, { recursive: true });
  rmSync(project, { recursive: true, force: true });
  cpSync(join(repo, 'manuscript'), join(project, 'manuscript'), { recursive: true });
  const scripts = writeChildScripts();
  const manuscript = readdirSync(join(project, 'manuscript'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => join('manuscript', f));
  const pandoc = findPandoc();
  const outDir = join(workDir, 'pamphleteer');
  const epubOut = join(outDir, 'fading-color.epub');
  const contenders = [
    ...(pandoc
      ? [{ name: 'pandoc', command: pandoc.command, args: [...manuscript, '-o', join(workDir, 'pandoc.epub')] }]
      : []),
    // The command as people run it (the bundled CLI), making only the EPUB.
    {
      name: 'pamphleteer epub',
      command: process.execPath,
      args: [join(repo, 'bin/pamphleteer.js'), 'build', project, '--only', 'epub', '--out', outDir, '-q'],
    },
    {
      name: 'pamphleteer check',
      command: process.execPath,
      args: [join(repo, 'bin/pamphleteer.js'), 'check', project, '--no-epubcheck'],
    },
    ...(baseline
      ? [
          {
            name: 'baseline epub',
            command: process.execPath,
            args: [
              join(baseline, 'bin/pamphleteer.js'),
              'build',
              project,
              '--only',
              'epub',
              '--out',
              join(workDir, 'baseline'),
              '-q',
            ],
          },
          {
            name: 'baseline check',
            command: process.execPath,
            args: [join(baseline, 'bin/pamphleteer.js'), 'check', project, '--no-epubcheck'],
          },
        ]
      : []),
    { name: '  the same from lib/', command: process.execPath, args: [scripts.epub, join(workDir, 'lib.epub')] },
    { name: '  node startup', command: process.execPath, args: [scripts.startup] },
    { name: '  + read the Book', command: process.execPath, args: [scripts.loadBook] },
    { name: '  + load renderer only', command: process.execPath, args: [scripts.importRenderer] },
  ];
  log(pandoc ? `pandoc: ${pandoc.version}` : 'pandoc: not installed, no comparison');
  for (const c of contenders) await timeProcess(c.command, c.args); // warm the file cache
  const samples = contenders.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, c] of contenders.entries()) samples[k].push(await timeProcess(c.command, c.args));
  }
  const rows = contenders.map((c, k) => ({
    name: c.name,
    medianMs: median(samples[k].map((s) => s.ms)),
    medianCpuMs: gnuTime ? median(samples[k].map((s) => s.cpuMs)) : undefined,
  }));
  const referenceMs = rows[0].medianMs;
  log(`EPUB: ${(statSync(epubOut).size / 1024).toFixed(1)} KiB`);
  // The same book as before: the baseline's EPUB when there is one, else the renderer called from lib/.
  const reference = baseline ? join(workDir, 'baseline', 'fading-color.epub') : join(workDir, 'lib.epub');
  const difference = fingerprintDifference(await epubFingerprint(epubOut), await epubFingerprint(reference));
  const outputNote = difference ? `OUTPUT CHANGED against ${reference}: ${difference}` : 'same output';
  log(`EPUB output: ${outputNote}`);
  return rows.map((row) => ({ ...row, ratio: row.medianMs / referenceMs, outputNote }));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const rows = await runEpubBench({
    log: (line) => console.log(line),
    runs: Number(value('--runs') ?? RUNS),
    baseline: value('--baseline') && resolve(value('--baseline')),
  });
  console.log(`\n${'contender'.padEnd(24)} ${'median ms'.padStart(10)} ${'ratio'.padStart(7)} ${'CPU ms'.padStart(8)}`);
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(24)} ${row.medianMs.toFixed(0).padStart(10)} ${row.ratio.toFixed(2).padStart(7)} ${(row.medianCpuMs?.toFixed(0) ?? '-').padStart(8)}`,
    );
  }
  const ours = rows.find((r) => r.name === 'pamphleteer epub');
  if (rows[0].name === 'pandoc') console.log(`\nratio to pandoc ${ours.ratio.toFixed(2)} (goal ≤ 1.00)`);
  const check = rows.find((r) => r.name === 'pamphleteer check');
  console.log(`check without EPUBCheck ${(check.medianMs / 1000).toFixed(3)} s (goal ≤ 0.200 s)`);
}
