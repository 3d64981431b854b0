#!/usr/bin/env node
// `npm run bench`: every benchmark script of the project, then a whole `pamphleteer build` of the
// essay as one process against the sum of the reference tools (pandoc for the EPUB, pagedjs-cli
// for the PDF, a naive pdf-lib loop for the imposition), printed as one table of ratios with the
// machine it ran on. Ratio = pamphleteer's time / the reference's (below 1 is faster).
// Uses the compiled lib/ (`npm ci` or `npm run compile` makes it). Not a test: nothing asserts.
// `npm run bench -- --baseline DIR`: also times another compiled checkout (say main's) in the same
// rounds, and checks that the EPUB and print PDFs are the same as its own (bench/same-output.mjs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_RUNS = 3;
const baselineArg = process.argv.includes('--baseline')
  ? path.resolve(process.argv[process.argv.indexOf('--baseline') + 1])
  : undefined;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (!fs.existsSync(path.join(ROOT, 'lib/cli/main.js'))) {
  console.error('bench: lib/ is missing; run `npm run compile` first.');
  process.exit(2);
}

/** Wall time of a whole process, in ms; null when the command is missing or fails. */
function timeProcess(command, args, options = {}) {
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
  const ms = performance.now() - started;
  if (result.error || result.status !== 0) return null;
  return ms;
}

function timeRuns(runs, command, args, options) {
  timeProcess(command, args, options); // warm the file cache
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const ms = timeProcess(command, args, options);
    if (ms === null) return null;
    samples.push(ms);
  }
  return median(samples);
}

const rows = [];
const row = (name, oursMs, reference, referenceMs, note = '') =>
  rows.push({ name, oursMs, reference, referenceMs, ratio: oursMs && referenceMs ? oursMs / referenceMs : null, note });
const log = (line) => console.error(`  ${line}`);

/** The renderers' own benchmarks, each if its script is there. */
async function benchScript(file, exportName) {
  const full = path.join(ROOT, 'bench', file);
  if (!fs.existsSync(full)) return null;
  console.error(`bench/${file}…`);
  try {
    const mod = await import(pathToFileURL(full).href);
    return await mod[exportName]({ log, baseline: baselineArg });
  } catch (err) {
    console.error(`  failed: ${err.message.split('\n')[0]}`);
    return null;
  }
}

const epub = await benchScript('epub.mjs', 'runEpubBench');
if (epub) {
  const ours = epub.find((r) => r.name === 'pamphleteer epub');
  const pandoc = epub.find((r) => r.name === 'pandoc');
  row(
    'EPUB of the essay',
    ours?.medianMs,
    'pandoc',
    pandoc?.medianMs,
    pandoc ? (ours?.outputNote ?? '') : 'pandoc not installed',
  );
  const check = epub.find((r) => r.name === 'pamphleteer check');
  if (check) row('check --no-epubcheck, essay', check.medianMs, '(goal 200 ms)', 200);
}
const print = await benchScript('print.mjs', 'runPrintBench');
if (print) {
  for (const r of print) {
    row(
      `print PDF, ${r.name}`,
      r.medianMs,
      'pagedjs-cli (Debian chromium)',
      r.pagedjsCliMs,
      [
        `${r.pages} pages, ${path.basename(r.browser)}`,
        ...Object.entries(r.byMode).map(([mode, m]) => `${mode}: ${m.outputNote ?? 'no baseline to compare'}`),
      ].join('; '),
    );
    if (r.pagedjsCliSameBrowserMs !== r.pagedjsCliMs) {
      row(
        `print PDF, ${r.name}`,
        r.medianMs,
        `pagedjs-cli (${path.basename(r.browser)})`,
        r.pagedjsCliSameBrowserMs,
        'same browser for both',
      );
    }
  }
}
// Typesetting quality (not speed): the table of bench/typeset.mjs, pamphleteer beside xelatex and pagedjs-cli.
const typeset = await benchScript('typeset.mjs', 'runTypesetBench');
const impose = await benchScript('impose.mjs', 'runImposeBench');
if (impose) {
  const naive = impose.find((r) => r.name === 'naive pdf-lib loop');
  const ours = impose.find((r) => r.name === 'pamphleteer impose');
  row(
    'zine imposition, essay x10',
    ours?.medianMs,
    'naive pdf-lib loop',
    naive?.medianMs,
    ours ? `peak RSS ${ours.peakRssMiB.toFixed(0)} MiB` : '',
  );
}

for (const r of (await benchScript('catalogue.mjs', 'runCatalogueBench')) ?? [])
  row(r.name, r.oursMs, r.reference, r.referenceMs, r.note);
for (const r of (await benchScript('catalogue.mjs', 'runSiteBench')) ?? [])
  row(r.name, r.oursMs, r.reference, r.referenceMs, r.note);

// The whole command, as a person runs it: parse once, PDF, EPUB, zine, write.
console.error('whole build…');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-bench-run-'));
try {
  const project = path.join(work, 'essay');
  fs.cpSync(path.join(ROOT, 'manuscript'), path.join(project, 'manuscript'), { recursive: true });
  const buildMs = timeRuns(BUILD_RUNS, process.execPath, [
    path.join(ROOT, 'bin/pamphleteer.js'),
    'build',
    project,
    '--quiet',
  ]);

  // The reference pipeline, tool by tool, on the same essay.
  const manuscripts = fs
    .readdirSync(path.join(project, 'manuscript'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(project, 'manuscript', f));
  const pandocMs = timeRuns(BUILD_RUNS, 'pandoc', [...manuscripts, '-o', path.join(work, 'pandoc.epub')]);
  const { loadBook } = await import(pathToFileURL(path.join(ROOT, 'lib/book/load-book.js')).href);
  const { configSchema } = await import(pathToFileURL(path.join(ROOT, 'lib/config/schema.js')).href);
  const { printHtml } = await import(pathToFileURL(path.join(ROOT, 'lib/render/print/index.js')).href);
  const config = configSchema.parse({});
  const { book } = loadBook(project, config);
  const html = path.join(work, 'essay.html');
  fs.writeFileSync(html, printHtml(book, config.print));
  const cli = path.join(ROOT, 'node_modules/.bin/pagedjs-cli');
  const cliPdf = path.join(work, 'pagedjs.pdf');
  const cliArgs = [html, '-o', cliPdf, ...(process.getuid?.() === 0 ? ['--browserArgs', '--no-sandbox'] : [])];
  const cliEnv = {
    ...process.env,
    PUPPETEER_EXECUTABLE_PATH: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
  };
  const pagedMs = timeRuns(BUILD_RUNS, cli, cliArgs, { env: cliEnv });
  const naiveScript = path.join(work, 'naive-impose.mjs');
  fs.writeFileSync(
    naiveScript,
    `import fs from 'node:fs';
import { PDFDocument } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'node_modules/pdf-lib/cjs/index.js')).href)};
const src = await PDFDocument.load(fs.readFileSync(process.argv[2]));
const out = await PDFDocument.create();
const pages = await out.embedPages(src.getPages());
const n = Math.ceil(pages.length / 4) * 4;
for (let i = 0; i < n / 2; i++) {
  const [l, r] = i % 2 === 0 ? [n - 1 - i, i] : [i, n - 1 - i];
  const sheet = out.addPage([792, 612]);
  if (pages[l]) sheet.drawPage(pages[l], { x: 0, y: 0, width: 396, height: 612 });
  if (pages[r]) sheet.drawPage(pages[r], { x: 396, y: 0, width: 396, height: 612 });
}
fs.writeFileSync(process.argv[3], await out.save());
`,
  );
  const naiveMs = fs.existsSync(cliPdf)
    ? timeRuns(BUILD_RUNS, process.execPath, [naiveScript, cliPdf, path.join(work, 'naive.pdf')])
    : null;
  const referenceMs = pandocMs && pagedMs && naiveMs ? pandocMs + pagedMs + naiveMs : null;
  const missing = [!pandocMs && 'pandoc', !pagedMs && 'pagedjs-cli', !naiveMs && 'naive loop'].filter(Boolean);
  row(
    'whole build of the essay',
    buildMs,
    'pandoc + pagedjs-cli + naive loop',
    referenceMs,
    missing.length
      ? `missing: ${missing.join(', ')}`
      : `${Math.round(pandocMs)} + ${Math.round(pagedMs)} + ${Math.round(naiveMs)} ms`,
  );
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

const cpus = os.cpus();
const fmt = (ms) => (ms ? `${Math.round(ms)} ms` : '—');
console.log(`\npamphleteer benchmarks, ${new Date().toISOString().slice(0, 10)}`);
console.log(
  `machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}\n`,
);
const header = ['benchmark', 'pamphleteer', 'reference', 'reference time', 'ratio', 'notes'];
const table = rows.map((r) => [
  r.name,
  fmt(r.oursMs),
  r.reference,
  fmt(r.referenceMs),
  r.ratio ? r.ratio.toFixed(2) : '—',
  r.note,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => String(t[i]).length)));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const t of table) console.log(line(t));
console.log('\nratio = pamphleteer time / reference time (whole processes, medians); below 1 is faster.');
if (typeset) {
  const { formatTable } = await import(pathToFileURL(path.join(ROOT, 'bench/typeset.mjs')).href);
  for (const t of typeset)
    console.log(
      `\ntypesetting, ${t.name} (same text, EB Garamond 10.5/14.7 pt, half letter):\n${formatTable(t.columns)}`,
    );
  console.log(
    '\nword space ÷ natural: justified lines only; hyphens: share of the justified lines (bench/typeset.mjs).',
  );
}
