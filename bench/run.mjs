#!/usr/bin/env node
// `npm run bench`: every benchmark script of the project, the whole `pamphleteer build` of the essay
// as one process against the chain of reference tools (pandoc for the EPUB and the HTML, pagedjs-cli
// for the PDF, bookletimposer for the booklet: bench/build.mjs), printed as one table of ratios with
// the machine it ran on. Ratio = pamphleteer's time / the reference's (below 1 is faster).
// Uses the compiled lib/ (`npm ci` or `npm run compile` makes it). Not a test: nothing asserts.
// `npm run bench -- --baseline DIR`: also times another compiled checkout (say main's) in the same
// rounds, and checks that the EPUB and print PDFs are the same as its own (bench/same-output.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const baselineArg = process.argv.includes('--baseline')
  ? path.resolve(process.argv[process.argv.indexOf('--baseline') + 1])
  : undefined;

if (!fs.existsSync(path.join(ROOT, 'lib/cli/main.js'))) {
  console.error('bench: lib/ is missing; run `npm run compile` first.');
  process.exit(2);
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

// The whole command, as a person runs it (EPUB, PDF, zine in one process), against the chain of tools
// a person would run instead: pandoc twice, pagedjs-cli, bookletimposer (bench/build.mjs).
const build = await benchScript('build.mjs', 'runBuildBench');
if (build) {
  row(
    'whole build of the essay (EPUB + PDF + zine)',
    build.oursMs,
    'pandoc ×2 + pagedjs-cli + bookletimposer',
    build.chainMs,
    build.missing.length
      ? `missing: ${build.missing.join(', ')}`
      : `${build.stepsMs.map((s) => `${s.name} ${Math.round(s.ms)}`).join(' + ')} ms; ${build.outputNote}`,
  );
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
