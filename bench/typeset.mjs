#!/usr/bin/env node
// Typesetting quality of any PDF, read from its text layer (`pdftotext -bbox-layout`), so LaTeX,
// pagedjs-cli and pamphleteer are measured alike:
// - justified word space ÷ natural word space, median and 95th percentile;
// - lines ending in a hyphen, as a share of the justified lines;
// - runs of 3 or more hyphenated lines in a row;
// - words holding a soft hyphen (U+00AD) in the text layer;
// and page make-up (scripts/page-makeup.mjs, from mutool's baselines): uneven spreads, pages more
// than a line short, empty lines above the notes, notes off their call's page, hyphens inside
// words mid-line, and the word space of justified note lines (95th percentile).
//
// A line is justified when it reaches the right edge of its page's text block. The natural word
// space is the median space of the lines that do not (paragraphs' last lines: set at natural
// width), of the same type size. `node bench/typeset.mjs a.pdf [b.pdf …]` prints the table;
// runTypesetBench() (through bench/run.mjs) builds the essay and a long book with pamphleteer,
// pagedjs-cli and xelatex (pandoc) on the same text, type and page, and compares them.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decode, measurePageMakeup } from '../scripts/page-makeup.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Pages → lines → words with boxes, from pdftotext -bbox-layout. */
export function readLines(pdf) {
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const pages = [];
  for (const page of xml.split('<page ').slice(1)) {
    const lines = [];
    for (const block of page.split('<block ').slice(1)) {
      const blockLines = [];
      for (const line of block.split('<line ').slice(1)) {
        const words = [
          ...line.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
        ].map((m) => ({
          x0: Number(m[1]),
          y0: Number(m[2]),
          x1: Number(m[3]),
          y1: Number(m[4]),
          text: decode(m[5]),
        }));
        if (words.length)
          blockLines.push({
            words,
            x0: Math.min(...words.map((w) => w.x0)),
            x1: Math.max(...words.map((w) => w.x1)),
            y0: words[0].y0,
            height: Math.round(median(words.map((w) => w.y1 - w.y0)) * 2) / 2,
          });
      }
      for (const [i, l] of blockLines.entries()) l.lastOfBlock = i === blockLines.length - 1;
      lines.push(...blockLines);
    }
    pages.push(lines);
  }
  return pages;
}

function median(values) {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function percentile(values, p) {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

const HYPHEN_END = /\p{L}\u00AD?[-\u2010\u00AD]$/u;

/** The typesetting measures of one PDF. */
export function measureTypesetting(pdf) {
  const pages = readLines(pdf);
  // The text block's right edge, per page: most full lines end there.
  const justified = [];
  const ragged = [];
  let softHyphenWords = 0;
  let words = 0;
  for (const lines of pages) {
    for (const l of lines) {
      words += l.words.length;
      softHyphenWords += l.words.filter((w) => w.text.includes('\u00AD')).length;
    }
    const body = lines.filter((l) => l.words.length >= 4);
    if (!body.length) continue;
    const edges = body.map((l) => Math.round(l.x1 * 2) / 2);
    const counts = new Map();
    for (const e of edges) counts.set(e, (counts.get(e) ?? 0) + 1);
    const right = Math.max(
      ...[...counts.entries()].filter(([, c]) => c >= Math.max(2, Math.max(...counts.values()) / 3)).map(([e]) => e),
    );
    for (const l of body) (Math.abs(l.x1 - right) <= 1 ? justified : ragged).push(l);
  }
  const gapsOf = (l) =>
    l.words
      .slice(1)
      .map((w, i) => w.x0 - l.words[i].x1)
      .filter((g) => g > 0.3);
  // Natural space by type size: from the ragged lines (set at natural width).
  const natural = new Map();
  const byHeight = new Map();
  for (const l of ragged) {
    const list = byHeight.get(l.height) ?? [];
    list.push(...gapsOf(l));
    byHeight.set(l.height, list);
  }
  for (const [h, gaps] of byHeight) if (gaps.length >= 20) natural.set(h, median(gaps));
  const nearest = (h) => {
    let best;
    for (const k of natural.keys()) if (best === undefined || Math.abs(k - h) < Math.abs(best - h)) best = k;
    return best === undefined ? undefined : natural.get(best);
  };
  const ratios = [];
  const noteRatios = [];
  let hyphenated = 0;
  let run = 0;
  let runs3 = 0;
  // The body's size: that of most justified lines; notes are set smaller.
  const bodyHeight = median(justified.map((l) => l.height));
  for (const l of justified) {
    const space = nearest(l.height);
    if (space) for (const g of gapsOf(l)) (l.height < bodyHeight * 0.92 ? noteRatios : ratios).push(g / space);
  }
  // Hyphenated lines and runs, in reading order.
  const justifiedSet = new Set(justified);
  for (const lines of pages) {
    for (const l of lines) {
      const ends = justifiedSet.has(l) && HYPHEN_END.test(l.words[l.words.length - 1].text);
      if (ends) {
        hyphenated++;
        run++;
        if (run === 3) runs3++;
      } else run = 0;
    }
  }
  return {
    pages: pages.length,
    words,
    justifiedLines: justified.length,
    spaceMedian: median(ratios),
    space95: percentile(ratios, 95),
    noteSpace95: percentile(noteRatios, 95),
    hyphenShare: justified.length ? hyphenated / justified.length : NaN,
    hyphenated,
    runs3,
    softHyphenWords,
  };
}

export function formatTable(columns) {
  const rows = [
    ['justified word space ÷ natural, median', (m) => m.spaceMedian.toFixed(2)],
    ['same, 95th percentile', (m) => m.space95.toFixed(2)],
    ['lines ending in a hyphen', (m) => `${(m.hyphenShare * 100).toFixed(1)} % (${m.hyphenated}/${m.justifiedLines})`],
    ['runs of 3+ hyphenated lines', (m) => String(m.runs3)],
    ['words holding U+00AD', (m) => String(m.softHyphenWords)],
    ['pages', (m) => String(m.pages)],
  ];
  return table(columns, rows);
}

/** The page make-up table: one column per PDF measured (`measures` from measurePageMakeup). */
export function formatMakeupTable(columns) {
  const rows = [
    ['uneven spreads', (m) => `${m.makeup.unevenSpreads} of ${m.makeup.spreads}`],
    ['pages more than a line short', (m) => String(m.makeup.shortPages)],
    ['empty lines above notes', (m) => String(m.makeup.emptyLinesAboveNotes)],
    ["notes off their call's page", (m) => `${m.makeup.notesOffCallPage} of ${m.makeup.notes}`],
    ['hyphens inside words', (m) => String(m.makeup.hyphensInsideWords)],
    ['note-line word space, 95th percentile', (m) => (Number.isNaN(m.noteSpace95) ? '—' : m.noteSpace95.toFixed(2))],
  ];
  return table(columns, rows);
}

function table(columns, rows) {
  const header = ['', ...columns.map((c) => c.name)];
  const table = rows.map(([name, f]) => [name, ...columns.map((c) => (c.measures ? f(c.measures) : '—'))]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...table.map(line)].join('\n');
}

/** The xelatex edition of a project's manuscript: pandoc, EB Garamond 10.5/14.7 pt, the same page. */
function xelatexPdf(manuscripts, out, work) {
  const { command, args, cwd } = xelatexCommand(manuscripts, out, work);
  const result = spawnSync(command, args, { encoding: 'utf8', cwd });
  if (result.error || result.status !== 0)
    throw new Error(`pandoc/xelatex failed: ${result.error?.message ?? result.stderr.slice(0, 400)}`);
  return out;
}

/** The command making the xelatex edition (also timed by bench/print.mjs): pandoc with xelatex, in `work`. */
export function xelatexCommand(manuscripts, out, work) {
  const header = path.join(work, 'typeset-header.tex');
  // The print edition's geometry (src/render/print/page-setup.ts): half letter, margins in
  // proportion (head 7.5 %, foot 9 %, inside 12 %, outside 10 %), 10.5/14.7 pt type.
  fs.writeFileSync(
    header,
    String.raw`\usepackage{fontspec}
\setmainfont{EB Garamond}[Numbers=OldStyle]
\usepackage[paperwidth=5.5in,paperheight=8.5in,top=45.9pt,bottom=55.1pt,inner=47.5pt,outer=39.6pt,twoside]{geometry}
\AtBeginDocument{\fontsize{10.5pt}{14.7pt}\selectfont}
\renewcommand{\normalsize}{\fontsize{10.5pt}{14.7pt}\selectfont}
\renewcommand{\footnotesize}{\fontsize{8.6pt}{11.2pt}\selectfont}
`,
  );
  return {
    command: 'pandoc',
    args: [
      ...manuscripts,
      '--pdf-engine=xelatex',
      '-H',
      header,
      '-V',
      'documentclass=article',
      '-V',
      'lang=en',
      '-o',
      out,
    ],
    cwd: work,
  };
}

/** Builds the essay and a long book three ways and prints the typesetting table for each. */
export async function runTypesetBench({ log = console.log, times = 10 } = {}) {
  const { writeLongProject } = await import(pathToFileURL(path.join(ROOT, 'scripts/long-project.mjs')).href);
  const { loadBook } = await import(pathToFileURL(path.join(ROOT, 'lib/book/load-book.js')).href);
  const { configSchema } = await import(pathToFileURL(path.join(ROOT, 'lib/config/schema.js')).href);
  const { printHtml } = await import(pathToFileURL(path.join(ROOT, 'lib/render/print/index.js')).href);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-typeset-'));
  const config = configSchema.parse({});
  const results = [];
  try {
    const long = writeLongProject(path.join(work, 'long'), times);
    for (const [name, root] of [
      ['essay', ROOT],
      [`long (${times}x)`, long],
    ]) {
      const columns = [];
      // (The manuscript's own hyphenated words are not hyphens inside words.)
      const manuscript = path.join(root, 'manuscript');
      const source = fs
        .readdirSync(manuscript)
        .filter((f) => f.endsWith('.md'))
        .map((f) => fs.readFileSync(path.join(manuscript, f), 'utf8'))
        .join('\n');
      const attempt = (label, make) => {
        try {
          const pdf = make();
          const makeup = measurePageMakeup(pdf, { source });
          columns.push({ name: label, measures: { ...measureTypesetting(pdf), makeup } });
        } catch (err) {
          log(`${label}: ${err.message.split('\n')[0]}`);
          columns.push({ name: label });
        }
      };
      const tag = name.replace(/\W+/g, '');
      // pamphleteer as it ships (Knuth–Plass line breaking), and with print.lineBreaking "browser".
      for (const [label, lineBreaking] of [
        ['pamphleteer', undefined],
        ['browser', 'browser'],
      ]) {
        attempt(label, () => {
          const out = path.join(work, `ours-${tag}-${label.length}`);
          let project = root;
          if (lineBreaking) {
            // A copy of the project whose config sets the key (the original is left as it is).
            project = path.join(work, `project-${tag}-${lineBreaking}`);
            fs.rmSync(project, { recursive: true, force: true });
            fs.cpSync(path.join(root, 'manuscript'), path.join(project, 'manuscript'), { recursive: true });
            const configFile = path.join(root, 'pamphleteer.config.json');
            const current = fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : {};
            fs.writeFileSync(
              path.join(project, 'pamphleteer.config.json'),
              JSON.stringify({ ...current, print: { ...current.print, lineBreaking } }, null, 2),
            );
          }
          const env = { ...process.env };
          delete env.PAMPHLETEER_LINE_BREAKING;
          execFileSync(
            process.execPath,
            [path.join(ROOT, 'bin/pamphleteer.js'), 'build', project, '--only', 'pdf', '--out', out, '-q'],
            { stdio: 'pipe', env },
          );
          return path.join(
            out,
            fs.readdirSync(out).find((f) => f.endsWith('.pdf')),
          );
        });
      }
      attempt('xelatex', () => {
        const dir = path.join(root, 'manuscript');
        const files = fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.md'))
          .sort()
          .map((f) => path.join(dir, f));
        return xelatexPdf(files, path.join(work, `xelatex-${tag}.pdf`), work);
      });
      attempt('pagedjs-cli', () => {
        const { book } = loadBook(root, config);
        const html = path.join(work, `${tag}.html`);
        fs.writeFileSync(html, printHtml(book, config.print));
        const out = path.join(work, `pagedjs-${tag}.pdf`);
        const env = {
          ...process.env,
          PUPPETEER_EXECUTABLE_PATH: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
        };
        execFileSync(
          path.join(ROOT, 'node_modules/.bin/pagedjs-cli'),
          [html, '-o', out, ...(process.getuid?.() === 0 ? ['--browserArgs', '--no-sandbox'] : [])],
          { env, stdio: 'pipe' },
        );
        return out;
      });
      log(`typesetting, ${name}:\n${formatTable(columns)}`);
      log(`page make-up, ${name}:\n${formatMakeupTable(columns)}`);
      results.push({ name, columns });
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2);
  if (files.length) {
    const columns = files.map((f) => ({
      name: path.basename(f),
      measures: { ...measureTypesetting(f), makeup: measurePageMakeup(f) },
    }));
    console.log(formatTable(columns));
    console.log(formatMakeupTable(columns));
  } else await runTypesetBench();
}
