#!/usr/bin/env node
// Print benchmark: pamphleteer's renderer against pagedjs-cli 0.4.3 on the same HTML and styles.
//
// Times whole processes (`pamphleteer build --only pdf`: node start, Book load, browser launch,
// layout, PDF, write), medians of 5 runs for the essay and 3 for a generated manuscript ten times
// as long, and prints the ratios and pages per second. Uses the compiled lib/ (`npm run compile`).
// `node bench/print.mjs`, or through bench/run.mjs via runPrintBench().
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeLongProject } from '../scripts/long-project.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeRuns(runs, command, args, env) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
    times.push(ms);
  }
  return median(times);
}

function pageCount(pdf) {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
}

export async function runPrintBench({ essayRuns = 5, longRuns = 3, log = console.log } = {}) {
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
  const cli = path.join(ROOT, 'node_modules', '.bin', 'pagedjs-cli');
  const cliEnv = { PUPPETEER_EXECUTABLE_PATH: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium' };

  const rows = [];
  for (const [name, root, runs] of [
    ['essay', ROOT, essayRuns],
    ['long (10x)', longRoot, longRuns],
  ]) {
    const { book } = loadBook(root, config);
    const html = path.join(work, `${book.slug}-${rows.length}.html`);
    fs.writeFileSync(html, printHtml(book, config.print));
    const oursDir = path.join(work, `ours-${rows.length}`);
    const ours = path.join(oursDir, `${book.slug}.pdf`);
    const theirs = path.join(work, `cli-${rows.length}.pdf`);
    // The command as people run it (the bundled CLI), making only the print PDF.
    const oursMs = timeRuns(runs, process.execPath, [path.join(ROOT, 'bin/pamphleteer.js'), 'build', root, '--only', 'pdf', '--out', oursDir, '-q'], {});
    // The same with the Chromium shipped in @sparticuz/chromium (a lean headless shell), which the
    // discovery order only picks when no browser is installed, or when asked for ("bundled").
    const bundledMs = timeRuns(runs, process.execPath, [path.join(ROOT, 'bin/pamphleteer.js'), 'build', root, '--only', 'pdf', '--out', oursDir + '-bundled', '-q'], { PAMPHLETEER_BROWSER: 'bundled' });
    // As root (containers, CI) Chromium needs --no-sandbox; pamphleteer adds it in the same case.
    const cliArgs = [html, '-o', theirs, ...(process.getuid?.() === 0 ? ['--browserArgs', '--no-sandbox'] : [])];
    const cliMs = timeRuns(runs, cli, cliArgs, cliEnv);
    const cliSameMs = ourBrowser === cliEnv.PUPPETEER_EXECUTABLE_PATH ? cliMs : timeRuns(runs, cli, cliArgs, { PUPPETEER_EXECUTABLE_PATH: ourBrowser });
    const pages = pageCount(ours);
    const row = {
      name,
      medianMs: Math.round(oursMs),
      ratio: Math.round((oursMs / cliMs) * 100) / 100,
      pagedjsCliMs: Math.round(cliMs),
      browser: ourBrowser,
      pagedjsCliSameBrowserMs: Math.round(cliSameMs),
      sameBrowserRatio: Math.round((oursMs / cliSameMs) * 100) / 100,
      pages,
      cliPages: pageCount(theirs),
      pagesPerSecond: Math.round((pages / (oursMs / 1000)) * 10) / 10,
      bundledMs: Math.round(bundledMs),
      bundledRatio: Math.round((bundledMs / cliMs) * 100) / 100,
      bundledPagesPerSecond: Math.round((pages / (bundledMs / 1000)) * 10) / 10,
    };
    rows.push(row);
    log(
      `print ${name}: pamphleteer ${row.medianMs} ms (${pages} pages, ${row.pagesPerSecond} pages/s, ${ourBrowser}) vs pagedjs-cli ${row.pagedjsCliMs} ms (${row.cliPages} pages, ${cliEnv.PUPPETEER_EXECUTABLE_PATH}): ratio ${row.ratio}; ` +
        `vs pagedjs-cli on the same browser ${row.pagedjsCliSameBrowserMs} ms: ratio ${row.sameBrowserRatio}; ` +
        `with the bundled Chromium ${row.bundledMs} ms (${row.bundledPagesPerSecond} pages/s): ratio ${row.bundledRatio}`,
    );
  }
  fs.rmSync(work, { recursive: true, force: true });
  const [essay, long] = rows;
  log(`goals: essay ratio ${essay.ratio} (≤ 0.5), long ratio ${long.ratio} (≤ 0.8), long pages/s ${long.pagesPerSecond} ≥ essay ${essay.pagesPerSecond}`);
  log(`  on the same browser as pagedjs-cli: essay ${essay.sameBrowserRatio}, long ${long.sameBrowserRatio}`);
  log(`  bundled Chromium: essay ${essay.bundledRatio}, long ${long.bundledRatio}, pages/s ${long.bundledPagesPerSecond} vs ${essay.bundledPagesPerSecond}`);
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runPrintBench();
}
