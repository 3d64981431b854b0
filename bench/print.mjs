#!/usr/bin/env node
// Print benchmark: pamphleteer's renderer against pagedjs-cli 0.4.3 on the same HTML and styles.
//
// Times whole processes (`pamphleteer build --only pdf`: node start, Book load, browser launch,
// layout, PDF, write), medians of 5 rounds for the essay and 3 for a generated manuscript ten times
// as long, the contenders taking turns in each round, and prints the ratios and pages per second,
// for the browser's line breaking and for Knuth–Plass (PAMPHLETEER_LINE_BREAKING=knuth-plass).
// Uses the compiled lib/ (`npm run compile`).
// `node bench/print.mjs [--runs N] [--long-runs N] [--line-breaking browser|knuth-plass] [--no-bundled] [--no-long]
// [--no-essay] [--baseline DIR]`,
// or through bench/run.mjs via runPrintBench().
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeLongProject } from '../scripts/long-project.mjs';
import { sameOutputNote } from './same-output.mjs';
import { xelatexCommand } from './typeset.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Wall time of one whole process, in ms. */
function timeOnce(command, args, env, cwd) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return ms;
}

/**
 * Medians of `runs` rounds, the contenders taking turns within each round (after one warm-up
 * round): on a shared, busy machine a burst of load then slows every contender alike, so the
 * ratios of one run stay comparable even when the absolute times are not.
 */
function timeInterleaved(runs, contenders) {
  const samples = contenders.map(() => []);
  for (const c of contenders) timeOnce(c.command, c.args, c.env, c.cwd);
  for (let i = 0; i < runs; i++) {
    for (const [k, c] of contenders.entries()) samples[k].push(timeOnce(c.command, c.args, c.env, c.cwd));
  }
  return samples.map(median);
}

/** Resident memory of a process and all its descendants (Linux /proc), in bytes. */
function treeRss(rootPid) {
  const parents = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const inTree = (pid) => {
    for (let p = pid, depth = 0; p > 1 && depth < 64; p = parents.get(p) ?? 0, depth++) if (p === rootPid) return true;
    return false;
  };
  let bytes = 0;
  for (const pid of parents.keys()) {
    if (!inTree(pid)) continue;
    try {
      bytes += Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
    } catch {
      // Gone meanwhile.
    }
  }
  return bytes;
}

/**
 * Peak memory of one run, summed over every process it starts (Chromium's browser, renderer and
 * utility processes; xelatex under pandoc), sampled every 50 ms; in MiB. Linux only (undefined elsewhere).
 */
async function peakMemoryMiB({ command, args, env, cwd }) {
  if (!fs.existsSync('/proc/self/statm')) return undefined;
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: 'ignore' });
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(child.pid))), 50);
  await new Promise((resolve) => child.on('close', resolve));
  clearInterval(timer);
  return Math.round(peak / 2 ** 20);
}

function pageCount(pdf) {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/**
 * Options: essayRuns/longRuns (rounds), lineBreaking ('browser', 'knuth-plass' or both, each timed
 * as its own contender through PAMPHLETEER_LINE_BREAKING), bundled (also time the Chromium of
 * @sparticuz/chromium), long (also the 10× book), baseline (the folder of another pamphleteer
 * build, e.g. a copy of an older commit's bin/ and lib/: timed in the same rounds, so a change is
 * measured before and after under the same load).
 */
export async function runPrintBench({
  essayRuns = 5,
  longRuns = 3,
  log = console.log,
  lineBreaking = ['browser', 'knuth-plass'],
  bundled = true,
  long = true,
  essay = true,
  baseline,
} = {}) {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'render', 'print', 'index.js'))) {
    throw new Error('lib/ is missing: run `npx tsc -p tsconfig.build.json` first');
  }
  const { loadBook } = await import(pathToFileURL(path.join(ROOT, 'lib/book/load-book.js')).href);
  const { configSchema } = await import(pathToFileURL(path.join(ROOT, 'lib/config/schema.js')).href);
  const { printHtml, launchBrowser } = await import(pathToFileURL(path.join(ROOT, 'lib/render/print/index.js')).href);
  // The browser pamphleteer picks here: pagedjs-cli is also timed on it, so the ratio compares tools, not browsers.
  const picked = await launchBrowser();
  const ourBrowser = picked.executablePath;
  await picked.close();

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-print-bench-'));
  const config = configSchema.parse({});
  const longRoot = writeLongProject(path.join(work, 'long'), 10);
  // The essay as a project of its own (the repository's folder is also pamphleteer's own styles/).
  const essayRoot = path.join(work, 'essay');
  fs.cpSync(path.join(ROOT, 'manuscript'), path.join(essayRoot, 'manuscript'), { recursive: true });
  // The baseline builds its own copy: each version keeps its own cache (cover, hyphenation) there.
  const copyFor = (root) => {
    const copy = `${root}-baseline`;
    fs.cpSync(path.join(root, 'manuscript'), path.join(copy, 'manuscript'), { recursive: true });
    return copy;
  };
  const cli = path.join(ROOT, 'node_modules', '.bin', 'pagedjs-cli');
  const cliEnv = { PUPPETEER_EXECUTABLE_PATH: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium' };
  const modes = [lineBreaking].flat();
  log(
    `print bench: load average ${loadAverage()} (${os.availableParallelism()} cores); line breaking ${modes.join(', ')}`,
  );

  const rows = [];
  for (const [name, root, runs] of [
    ...(essay ? [['essay', essayRoot, essayRuns]] : []),
    ...(long ? [['long (10x)', longRoot, longRuns]] : []),
  ]) {
    const { book } = loadBook(root, config);
    const html = path.join(work, `${book.slug}-${rows.length}.html`);
    fs.writeFileSync(html, printHtml(book, config.print));
    const index = rows.length;
    const out = (tag) => path.join(work, `${tag}-${index}`);
    const theirs = path.join(work, `cli-${index}.pdf`);
    // The command as people run it (the bundled CLI), making only the print PDF; one contender per line-breaking mode.
    const ours = modes.map((mode) => ({
      mode,
      command: process.execPath,
      args: [path.join(ROOT, 'bin/pamphleteer.js'), 'build', root, '--only', 'pdf', '--out', out(`ours-${mode}`), '-q'],
      env: { PAMPHLETEER_LINE_BREAKING: mode },
    }));
    // The same with the Chromium shipped in @sparticuz/chromium (a lean headless shell), which the
    // discovery order only picks when no browser is installed, or when asked for ("bundled").
    const shipped = bundled
      ? [
          {
            ...ours[0],
            args: [...ours[0].args.slice(0, 6), out('bundled'), '-q'],
            env: { ...ours[0].env, PAMPHLETEER_BROWSER: 'bundled' },
          },
        ]
      : [];
    // As root (containers, CI) Chromium needs --no-sandbox; pamphleteer adds it in the same case.
    const cliArgs = [html, '-o', theirs, ...(process.getuid?.() === 0 ? ['--browserArgs', '--no-sandbox'] : [])];
    const before = baseline
      ? modes.map((mode) => ({
          mode,
          command: process.execPath,
          args: [
            path.join(baseline, 'bin/pamphleteer.js'),
            'build',
            copyFor(root),
            '--only',
            'pdf',
            '--out',
            out(`baseline-${mode}`),
            '-q',
          ],
          env: { PAMPHLETEER_LINE_BREAKING: mode },
        }))
      : [];
    const theirsCli = [{ command: cli, args: cliArgs, env: cliEnv }];
    // The long book also against xelatex (pandoc's LaTeX route), same text, font and page: pages per second.
    const xelatexPdf = path.join(work, `xelatex-${index}.pdf`);
    const manuscripts = fs
      .readdirSync(path.join(root, 'manuscript'))
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => path.join(root, 'manuscript', f));
    const xelatex =
      name !== 'essay' && spawnSync('xelatex', ['--version']).status === 0
        ? [{ ...xelatexCommand(manuscripts, xelatexPdf, work), env: {} }]
        : [];
    const sameBrowser =
      ourBrowser === cliEnv.PUPPETEER_EXECUTABLE_PATH
        ? []
        : [{ command: cli, args: cliArgs, env: { PUPPETEER_EXECUTABLE_PATH: ourBrowser } }];
    const times = timeInterleaved(runs, [...ours, ...shipped, ...theirsCli, ...sameBrowser, ...before, ...xelatex]);
    const xelatexMs = xelatex.length ? times.pop() : undefined;
    const beforeTimes = times.slice(times.length - before.length);
    const oursTimes = times.slice(0, ours.length);
    const bundledMs = bundled ? times[ours.length] : undefined;
    const cliMs = times[ours.length + shipped.length];
    const cliSameMs = sameBrowser.length ? times[ours.length + shipped.length + 1] : cliMs;
    const pages = pageCount(path.join(out(`ours-${modes[0]}`), `${book.slug}.pdf`));
    const round = (x) => Math.round(x * 100) / 100;
    const perSecond = (p, ms) => Math.round((p / (ms / 1000)) * 10) / 10;
    const byMode = Object.fromEntries(
      modes.map((mode, k) => {
        const p = pageCount(path.join(out(`ours-${mode}`), `${book.slug}.pdf`));
        return [
          mode,
          {
            medianMs: Math.round(oursTimes[k]),
            pages: p,
            ratio: round(oursTimes[k] / cliMs),
            sameBrowserRatio: round(oursTimes[k] / cliSameMs),
            pagesPerSecond: perSecond(p, oursTimes[k]),
          },
        ];
      }),
    );
    const first = byMode[modes[0]];
    const row = {
      name,
      medianMs: first.medianMs,
      ratio: first.ratio,
      pagedjsCliMs: Math.round(cliMs),
      browser: ourBrowser,
      pagedjsCliSameBrowserMs: Math.round(cliSameMs),
      sameBrowserRatio: first.sameBrowserRatio,
      pages,
      cliPages: pageCount(theirs),
      pagesPerSecond: first.pagesPerSecond,
      byMode,
      ...(bundled
        ? {
            bundledMs: Math.round(bundledMs),
            bundledRatio: round(bundledMs / cliMs),
            bundledPagesPerSecond: perSecond(pages, bundledMs),
          }
        : {}),
    };
    if (xelatexMs) {
      const xelatexPages = pageCount(xelatexPdf);
      row.xelatex = {
        medianMs: Math.round(xelatexMs),
        pages: xelatexPages,
        pagesPerSecond: perSecond(xelatexPages, xelatexMs),
      };
    }
    if (name !== 'essay') {
      // Peak memory, whole process trees, one run each.
      row.peakMiB = {
        pamphleteer: await peakMemoryMiB(ours[ours.length - 1]),
        pagedjsCli: await peakMemoryMiB(theirsCli[0]),
        ...(xelatex.length ? { xelatex: await peakMemoryMiB(xelatex[0]) } : {}),
      };
    }
    rows.push(row);
    log(
      `print ${name}: pagedjs-cli ${row.pagedjsCliMs} ms (${row.cliPages} pages, ${cliEnv.PUPPETEER_EXECUTABLE_PATH})` +
        (sameBrowser.length ? `, on ${ourBrowser} ${row.pagedjsCliSameBrowserMs} ms` : ''),
    );
    for (const mode of modes) {
      const m = byMode[mode];
      log(
        `  pamphleteer, ${mode} line breaking: ${m.medianMs} ms (${m.pages} pages, ${m.pagesPerSecond} pages/s, ${ourBrowser}): ratio ${m.ratio}, on the same browser ${m.sameBrowserRatio}`,
      );
    }
    for (const [k, b] of before.entries()) {
      const ms = beforeTimes[k];
      const baselinePdf = path.join(out(`baseline-${b.mode}`), `${book.slug}.pdf`);
      const p = pageCount(baselinePdf);
      // Speed never costs output: the same text and the same page images as the baseline's PDF.
      const outputNote = await sameOutputNote(path.join(out(`ours-${b.mode}`), `${book.slug}.pdf`), baselinePdf);
      row.byMode[b.mode].outputNote = outputNote;
      row.byMode[b.mode].baseline = {
        medianMs: Math.round(ms),
        ratio: round(ms / cliMs),
        pagesPerSecond: perSecond(p, ms),
      };
      log(
        `  baseline (${baseline}), ${b.mode} line breaking: ${Math.round(ms)} ms (${p} pages, ${perSecond(p, ms)} pages/s): ratio ${round(ms / cliMs)}; now/baseline ${round(oursTimes[k] / ms)}; ${outputNote}`,
      );
    }
    if (row.xelatex)
      log(
        `  xelatex (pandoc): ${row.xelatex.medianMs} ms (${row.xelatex.pages} pages, ${row.xelatex.pagesPerSecond} pages/s)`,
      );
    if (row.peakMiB)
      log(
        `  peak memory, all processes: ${Object.entries(row.peakMiB)
          .map(([k, v]) => `${k} ${v} MiB`)
          .join(', ')}`,
      );
    if (bundled)
      log(
        `  pamphleteer with the bundled Chromium: ${row.bundledMs} ms (${row.bundledPagesPerSecond} pages/s): ratio ${row.bundledRatio}`,
      );
  }
  fs.rmSync(work, { recursive: true, force: true });
  log(`load average after: ${loadAverage()}`);
  const essayRow = rows.find((r) => r.name === 'essay');
  const longRow = rows.find((r) => r.name !== 'essay');
  for (const mode of modes) {
    const e = essayRow?.byMode[mode];
    const l = longRow?.byMode[mode];
    log(
      `goals (${mode}):` +
        (e ? ` essay ratio ${e.ratio} (≤ 0.5)` : '') +
        (l
          ? ` long pages/s ${l.pagesPerSecond} ≥ xelatex ${longRow.xelatex?.pagesPerSecond ?? '?'}, peak ` +
            `${longRow.peakMiB?.pamphleteer ?? '?'} MiB ≤ 400`
          : ''),
    );
  }
  if (bundled && essayRow)
    log(
      `  bundled Chromium: essay ${essayRow.bundledRatio}` +
        (longRow
          ? `, long ${longRow.bundledRatio}, pages/s ${longRow.bundledPagesPerSecond} vs ${essayRow.bundledPagesPerSecond}`
          : ''),
    );
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // node bench/print.mjs [--runs N] [--long-runs N] [--line-breaking browser|knuth-plass] [--no-bundled] [--no-long]
  // [--no-essay] [--baseline DIR]
  const args = process.argv.slice(2);
  const value = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  await runPrintBench({
    essayRuns: Number(value('--runs') ?? 5),
    longRuns: Number(value('--long-runs') ?? 3),
    lineBreaking: value('--line-breaking') ?? ['browser', 'knuth-plass'],
    bundled: !args.includes('--no-bundled'),
    baseline: value('--baseline') && path.resolve(value('--baseline')),
    long: !args.includes('--no-long'),
    essay: !args.includes('--no-essay'),
  });
}
