#!/usr/bin/env node
/**
 * Imposition benchmark (not a test): times `pamphleteer impose` (through the
 * compiled lib/impose, since it is what the CLI calls) against a naive pdf-lib
 * loop — embed all pages, draw two per sheet, save — as whole processes on a
 * 211-page half-letter PDF, 5 runs each, and reports medians, the ratio and
 * peak RSS. The goal: ratio ≤ 0.5, peak RSS < 300 MiB.
 *
 *   npx tsc -p tsconfig.build.json && node bench/impose.mjs
 *
 * Input: a PDF given as argument, or dist/fading-color.pdf, repeated ten times; otherwise a
 * generated 211-page half-letter PDF of the manuscript's text set in an
 * embedded, subset DejaVu Serif (cached in the OS temp folder).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workDir = join(tmpdir(), 'pamphleteer-impose-bench');
const RUNS = 5;
const TARGET_PAGES = 211;

const require_ = (await import('node:module')).createRequire(join(repo, 'package.json'));

async function makeInput(printPdf = join(repo, 'dist', 'fading-color.pdf')) {
  const { PDFDocument } = await import(pathToFileURL(require_.resolve('pdf-lib')).href);
  if (existsSync(printPdf)) {
    const out = join(workDir, `${basename(printPdf, '.pdf')}-x10.pdf`);
    if (existsSync(out) && statSync(out).mtimeMs > statSync(printPdf).mtimeMs) return out;
    const source = await PDFDocument.load(readFileSync(printPdf), { updateMetadata: false });
    const doc = await PDFDocument.create();
    // Ten independent copies, as concatenating the essay ten times gives.
    for (let copy = 0; copy < 10; copy++) {
      for (const page of await doc.copyPages(source, source.getPageIndices())) doc.addPage(page);
    }
    writeFileSync(out, await doc.save({ useObjectStreams: false }));
    return out;
  }
  const out = join(workDir, `generated-${TARGET_PAGES}.pdf`);
  if (existsSync(out)) return out;
  const fontkit = (await import(pathToFileURL(require_.resolve('@pdf-lib/fontkit')).href)).default;
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const fontFile = [
    '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf',
  ].find(existsSync);
  if (!fontFile) throw new Error('bench: no TrueType font found to embed');
  const font = await doc.embedFont(readFileSync(fontFile), { subset: true });
  const text = readFileSync(join(repo, 'manuscript', 'fading-color.md'), 'utf8')
    .replace(/^---[\s\S]*?---/, '')
    .replace(/[^\x20-\x7e\n\u00a0-\u017f\u2013\u2014\u2018\u2019\u201c\u201d\u2026]/g, '')
    .split(/\s+/)
    .filter(Boolean);
  const [width, height, margin, size, leading] = [396, 612, 45, 10.5, 14];
  const maxWidth = width - 2 * margin;
  let word = 0;
  for (let n = 1; n <= TARGET_PAGES; n++) {
    const page = doc.addPage([width, height]);
    for (let y = height - margin - size; y > margin + leading; y -= leading) {
      let line = '';
      while (true) {
        const next = text[word % text.length];
        const candidate = line ? `${line} ${next}` : next;
        if (font.widthOfTextAtSize(candidate, size) > maxWidth) break;
        line = candidate;
        word++;
      }
      page.drawText(line, { x: margin, y, size, font });
    }
    const folio = String(n);
    page.drawText(folio, { x: (width - font.widthOfTextAtSize(folio, 9)) / 2, y: margin / 2, size: 9, font });
  }
  writeFileSync(out, await doc.save());
  return out;
}

function writeChildScripts() {
  const libImpose = pathToFileURL(join(repo, 'lib', 'impose', 'index.js')).href;
  const pdfLib = pathToFileURL(require_.resolve('pdf-lib')).href;
  const reportRss = `process.stderr.write('maxrss_kib=' + process.resourceUsage().maxRSS + '\\n');`;
  const impose = join(workDir, 'impose-child.mjs');
  writeFileSync(
    impose,
    `import { readFileSync, writeFileSync } from 'node:fs';
import { imposePdf } from ${JSON.stringify(libImpose)};
writeFileSync(process.argv[3], (await imposePdf(readFileSync(process.argv[2]), { layout: 'booklet' })).bytes);
${reportRss}
`,
  );
  // The naive loop: embed all pages, draw two per sheet in booklet order, save.
  const naive = join(workDir, 'naive-child.mjs');
  writeFileSync(
    naive,
    `import { readFileSync, writeFileSync } from 'node:fs';
import { PDFDocument } from ${JSON.stringify(pdfLib)};
const source = await PDFDocument.load(readFileSync(process.argv[2]));
const out = await PDFDocument.create();
const pages = await out.embedPdf(source, source.getPageIndices());
const n = Math.ceil(pages.length / 4) * 4;
const [W, H] = [792, 612];
const draw = (sheet, slot, x) => { const p = pages[slot]; if (!p) return; const s = Math.min(W / 2 / p.width, H / p.height); sheet.drawPage(p, { x: x + (W / 2 - p.width * s) / 2, y: (H - p.height * s) / 2, xScale: s, yScale: s }); };
for (let i = 0; i < n / 4; i++) {
  const front = out.addPage([W, H]); draw(front, n - 2 * i - 1, 0); draw(front, 2 * i, W / 2);
  const back = out.addPage([W, H]); draw(back, 2 * i + 1, 0); draw(back, n - 2 * i - 2, W / 2);
}
writeFileSync(process.argv[3], await out.save());
${reportRss}
`,
  );
  return { impose, naive };
}

const hasGnuTime = existsSync('/usr/bin/time');

function runOnce(script, input, output) {
  return new Promise((resolvePromise, reject) => {
    const args = hasGnuTime ? ['-v', process.execPath, script, input, output] : [script, input, output];
    const started = performance.now();
    const child = spawn(hasGnuTime ? '/usr/bin/time' : process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`${script} exited ${code}: ${stderr}`));
      // GNU time reports the whole process; resourceUsage is the fallback from inside the child.
      const gnu = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const inside = /maxrss_kib=(\d+)/.exec(stderr);
      resolvePromise({ ms, rssMiB: Number((gnu ?? inside)[1]) / 1024 });
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs the benchmark; returns one row per contender, the naive loop being the reference (ratio 1). */
export async function runImposeBench({ runs = RUNS, input: printPdf, log = () => {} } = {}) {
  mkdirSync(workDir, { recursive: true });
  if (!existsSync(join(repo, 'lib', 'impose', 'index.js'))) {
    throw new Error('bench: lib/impose/index.js is missing; run `npx tsc -p tsconfig.build.json` first');
  }
  const input = await makeInput(printPdf);
  const scripts = writeChildScripts();
  log(`input: ${input} (${(statSync(input).size / 1024).toFixed(0)} KiB)`);
  const contenders = [
    { name: 'naive pdf-lib loop', script: scripts.naive, output: join(workDir, 'naive-out.pdf') },
    { name: 'pamphleteer impose', script: scripts.impose, output: join(workDir, 'impose-out.pdf') },
  ];
  const results = [];
  for (const contender of contenders) {
    await runOnce(contender.script, input, contender.output); // warm the file cache
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await runOnce(contender.script, input, contender.output));
    results.push({
      name: contender.name,
      medianMs: median(samples.map((s) => s.ms)),
      peakRssMiB: Math.max(...samples.map((s) => s.rssMiB)),
      outputKiB: statSync(contender.output).size / 1024,
    });
  }
  const reference = results[0].medianMs;
  return results.map((row) => ({ ...row, ratio: row.medianMs / reference, inputKiB: statSync(input).size / 1024 }));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `node bench/impose.mjs some.pdf` benches that PDF repeated ten times instead.
  const rows = await runImposeBench({
    input: process.argv[2] ? resolve(process.argv[2]) : undefined,
    log: (line) => console.log(line),
  });
  console.log(
    `\n${'contender'.padEnd(22)} ${'median ms'.padStart(10)} ${'ratio'.padStart(7)} ${'peak RSS MiB'.padStart(13)} ${'output KiB'.padStart(11)}`,
  );
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(22)} ${row.medianMs.toFixed(0).padStart(10)} ${row.ratio.toFixed(2).padStart(7)} ${row.peakRssMiB.toFixed(0).padStart(13)} ${row.outputKiB.toFixed(0).padStart(11)}`,
    );
  }
  const impose = rows[1];
  console.log(
    `\nratio ${impose.ratio.toFixed(2)} (goal ≤ 0.50), peak RSS ${impose.peakRssMiB.toFixed(0)} MiB (goal < 300), output ${(impose.outputKiB / impose.inputKiB).toFixed(2)}x input (goal ≤ 1.2x)`,
  );
}
