// A distro's catalogue: 24 generated titles built by one `pamphleteer build --all titles/` (one browser,
// several titles laid out at once), against `pamphleteer build <title>` run once per title in turn.
// Also times a second, unchanged catalogue build (incremental: nothing is laid out again) and
// prints the peak memory of the whole process tree (node and every browser process).
// Goals: catalogue ≤ 0.4× the one-by-one builds; unchanged rebuild ≤ 0.01× the catalogue build.
// runSiteBench: the site and feeds alone for 1,000 title records written directly (no builds), by
// `pamphleteer catalogue`: cold, with the thumbnails the titles' builds draw (src/templates/thumbnail.ts),
// against the site drawing every thumbnail itself (records of builds without them); then unchanged.
// Goal: site + feeds ≤ 10 s and ≤ 300 MB (summed over processes), cold.
// Run alone with `node bench/catalogue.mjs` (`--site` for the site rows only), or as part of `npm run bench`.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/pamphleteer.js');
const TITLES = 24;

/** A deterministic pseudo-random generator, so every run builds the same catalogue. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS =
  'the workers union strike picket wage rent tenant landlord boss shift factory meeting vote solidarity neighbour street flat building contract hours safety organize committee leaflet struggle together history memory city council archive letter distro press print copy share night morning door floor'.split(
    ' ',
  );

function sentence(rand, n) {
  const words = Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]);
  return `${words[0][0].toUpperCase()}${words[0].slice(1)} ${words.slice(1).join(' ')}.`;
}

/** `count` project folders of 1–6 sections each, with notes; every fourth has a cover image. */
export function makeCatalogue(dir, count = TITLES) {
  fs.mkdirSync(dir, { recursive: true });
  const cover = path.join(ROOT, 'tests/fixtures/epub-cover/manuscript/cover.png');
  const designs = ['classic', 'bold', 'minimal'];
  for (let i = 1; i <= count; i++) {
    const rand = random(i * 7919);
    const name = `title-${String(i).padStart(2, '0')}`;
    const manuscript = path.join(dir, name, 'manuscript');
    fs.mkdirSync(manuscript, { recursive: true });
    const withCover = i % 4 === 0;
    if (withCover) fs.copyFileSync(cover, path.join(manuscript, 'cover.png'));
    const lines = [
      '---',
      `title: "${sentence(rand, 2 + Math.floor(rand() * 6)).slice(0, -1)} ${i}"`,
      `author: "Author ${String.fromCharCode(65 + (i % 7))}. Example"`,
      `lang: ${i % 5 === 0 ? 'fr' : 'en'}`,
      'publisher: Bench Distro',
      `description: "${sentence(rand, 18)}"`,
      ...(withCover ? ['cover: cover.png'] : []),
      '---',
      '',
    ];
    let note = 0;
    const sections = 1 + Math.floor(rand() * 6);
    for (let s = 1; s <= sections; s++) {
      lines.push(`## ${sentence(rand, 3).slice(0, -1)}`, '');
      const paragraphs = 3 + Math.floor(rand() * 6);
      for (let p = 0; p < paragraphs; p++) {
        const text = Array.from({ length: 3 + Math.floor(rand() * 5) }, () =>
          sentence(rand, 8 + Math.floor(rand() * 14)),
        ).join(' ');
        if (rand() < 0.35) {
          note++;
          lines.push(`${text}[^${note}]`, '', `[^${note}]: ${sentence(rand, 10 + Math.floor(rand() * 20))}`, '');
        } else lines.push(text, '');
      }
    }
    fs.writeFileSync(path.join(manuscript, 'text.md'), lines.join('\n'));
    fs.writeFileSync(
      path.join(dir, name, 'pamphleteer.config.json'),
      JSON.stringify({ cover: { design: designs[i % 3] } }),
    );
  }
  return fs
    .readdirSync(dir)
    .filter((n) => n.startsWith('title-'))
    .sort()
    .map((n) => path.join(dir, n));
}

/** Sum of the resident memory of a process and all its descendants, in KiB (Linux: ps). */
function treeRssKiB(pid) {
  let table;
  try {
    table = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' });
  } catch {
    return 0;
  }
  const rows = table
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const children = new Map();
  for (const [p, pp] of rows) children.set(pp, [...(children.get(pp) ?? []), p]);
  const rss = new Map(rows.map(([p, , r]) => [p, r]));
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    total += rss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

const LANGS = ['en', 'fr', 'de', 'es', 'ar', 'pt'];

/**
 * `count` title records in `dir`/title-N/dist/, as builds leave them, with small stand-ins for the
 * PDF and zine (no EPUB: each thumbnail is the typographic cover, the costlier drawing). About
 * count/2 authors, a third of the titles by two.
 */
export function makeTitleRecords(dir, count) {
  const authors = Math.max(1, Math.floor(count / 2));
  const author = (n) => `Author ${String.fromCharCode(65 + (n % 26))}. Writer-${n}`;
  for (let i = 0; i < count; i++) {
    const rand = random(i * 104729 + 1);
    const slug = `title-${i + 1}`;
    const out = path.join(dir, slug, 'dist');
    fs.mkdirSync(out, { recursive: true });
    const outputs = [
      { kind: 'pdf', file: `${slug}.pdf`, bytes: 2000 + i, pages: 12 },
      { kind: 'zine', file: `${slug}-zine.pdf`, bytes: 1000 + i, sheets: 3 },
    ];
    for (const o of outputs) fs.writeFileSync(path.join(out, o.file), Buffer.alloc(o.bytes, 32));
    const record = {
      format: 'pamphleteer-title/1',
      generator: 'bench',
      inputHash: String(i).padStart(64, '0'),
      inputs: [],
      slug,
      title: `${sentence(rand, 2 + Math.floor(rand() * 6)).slice(0, -1)} ${i + 1}`,
      authors: i % 3 === 0 ? [author(i % authors), author((i * 7 + 1) % authors)] : [author(i % authors)],
      lang: LANGS[i % LANGS.length],
      publisher: 'Bench Distro',
      description: sentence(rand, 18),
      keywords: [],
      identifier: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      updated: '2026-12-01T00:00:00Z',
      book: { chapters: 3, notes: 2, words: 1500 },
      outputs,
    };
    fs.writeFileSync(path.join(out, `${slug}.json`), JSON.stringify(record));
  }
}

/** Bytes of every file under a folder. */
function folderBytes(dir) {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) total += fs.statSync(path.join(e.parentPath ?? e.path, e.name)).size;
  return total;
}

/**
 * Each record's thumbnail drawn as a catalogue build draws it with the title (src/templates/thumbnail.ts),
 * written beside the record and named in it. Resolves with the time it took, in this process and the
 * drawing children it starts.
 */
export async function drawRecordThumbnails(dir) {
  const { thumbnailFileName, titleThumbnail } = await import(path.join(ROOT, 'lib/templates/thumbnail.js'));
  const started = performance.now();
  const folders = fs.readdirSync(dir).map((n) => path.join(dir, n, 'dist'));
  let next = 0;
  const worker = async () => {
    while (next < folders.length) {
      const out = folders[next++];
      const file = fs.readdirSync(out).find((f) => f.endsWith('.json'));
      const record = JSON.parse(fs.readFileSync(path.join(out, file), 'utf8'));
      const png = await titleThumbnail(out, record, undefined);
      record.thumbnail = { file: thumbnailFileName(record.slug), bytes: png.byteLength };
      fs.writeFileSync(path.join(out, record.thumbnail.file), png);
      fs.writeFileSync(path.join(out, file), JSON.stringify(record));
    }
  };
  await Promise.all(Array.from({ length: os.availableParallelism() * 2 }, worker));
  return performance.now() - started;
}

/**
 * The site and feeds of 1,000 title records. The reference: records as builds made them before
 * thumbnails were drawn with the title, so the site draws every one. Ours: the same records with the
 * thumbnails their builds drew, the site made cold (no site, no cache), then again unchanged.
 */
export async function runSiteBench({ log = console.error, count = 1000 } = {}) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-bench-site-'));
  try {
    const records = path.join(work, 'records');
    const site = path.join(work, 'site');
    const args = ['catalogue', records, '-o', site];
    makeTitleRecords(records, count);
    const drawing = await measured(args);
    log(
      `site of ${count}, every thumbnail drawn by the site: ${Math.round(drawing.ms)} ms, peak ${drawing.peakMiB.toFixed(0)} MiB`,
    );
    fs.rmSync(work, { recursive: true, force: true });

    makeTitleRecords(records, count);
    const drawnMs = await drawRecordThumbnails(records);
    log(`${count} thumbnails drawn as the titles' builds draw them: ${Math.round(drawnMs)} ms`);
    const cold = await measured(args);
    log(
      `site of ${count}, cold, thumbnails from the builds: ${Math.round(cold.ms)} ms, peak ${cold.peakMiB.toFixed(0)} MiB`,
    );
    const feedBytes = folderBytes(path.join(site, 'opds')) + fs.statSync(path.join(site, 'opds.xml')).size;
    const again = await measured(args);
    log(`site of ${count} unchanged: ${Math.round(again.ms)} ms, peak ${again.peakMiB.toFixed(0)} MiB`);
    const mib = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    return [
      {
        name: `site + feeds of ${count} title records, cold (thumbnails drawn by their builds)`,
        oursMs: cold.ms,
        reference: 'the same, every thumbnail drawn by the site',
        referenceMs: drawing.ms,
        note:
          `peak ${cold.peakMiB.toFixed(0)} MiB (site drawing: ${drawing.peakMiB.toFixed(0)} MiB); feeds ${mib(feedBytes)}; ` +
          `drawing in the builds ${(drawnMs / count).toFixed(0)} ms a title; goal ≤ 10 s, ≤ 300 MB`,
      },
      {
        name: `site + feeds of ${count} title records, unchanged`,
        oursMs: again.ms,
        reference: 'the same, cold',
        referenceMs: cold.ms,
        note: `peak ${again.peakMiB.toFixed(0)} MiB`,
      },
    ];
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Runs the command; resolves with its wall time and the peak memory of its process tree (sampled every 100 ms). */
function measured(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, CI: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, treeRssKiB(child.pid))), 100);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`pamphleteer ${args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ ms: performance.now() - started, peakMiB: peak / 1024 });
    });
  });
}

export async function runCatalogueBench({ log = console.error } = {}) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-bench-catalogue-'));
  try {
    const catalogue = path.join(work, 'titles');
    const oneByOne = path.join(work, 'one-by-one');
    makeCatalogue(catalogue);
    const separate = makeCatalogue(oneByOne);
    log(`${TITLES} generated titles in ${work}`);

    // The reference: one process per title, in turn (each starts its own browser).
    let sequentialMs = 0;
    let sequentialPeak = 0;
    for (const title of separate) {
      const r = await measured(['build', title, '--quiet']);
      sequentialMs += r.ms;
      sequentialPeak = Math.max(sequentialPeak, r.peakMiB);
    }
    log(`one by one: ${Math.round(sequentialMs)} ms, peak ${sequentialPeak.toFixed(0)} MiB`);

    const full = await measured(['build', '--all', catalogue, '--quiet']);
    log(
      `catalogue build: ${Math.round(full.ms)} ms, peak ${full.peakMiB.toFixed(0)} MiB (${os.availableParallelism()} titles at once)`,
    );
    const again = await measured(['build', '--all', catalogue, '--quiet']);
    log(`unchanged rebuild: ${Math.round(again.ms)} ms`);

    return [
      {
        name: `catalogue of ${TITLES} titles (build titles/)`,
        oursMs: full.ms,
        reference: `build per title, in turn`,
        referenceMs: sequentialMs,
        note: `peak ${full.peakMiB.toFixed(0)} MiB (tree); one by one ${sequentialPeak.toFixed(0)} MiB; goal ≤ 0.40`,
      },
      {
        // Each title shares the browser and one prepared print page per concurrent build.
        name: `each title of the catalogue`,
        oursMs: full.ms / TITLES,
        reference: `a build of that title alone`,
        referenceMs: sequentialMs / TITLES,
        note: 'goal ≤ 0.15',
      },
      {
        name: `unchanged catalogue rebuild`,
        oursMs: again.ms,
        reference: `the catalogue build`,
        referenceMs: full.ms,
        note: `incremental: nothing laid out; ${(again.ms / sequentialMs).toFixed(3)}× the builds per title; goal ≤ 0.01`,
      },
    ];
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = process.argv.includes('--site') ? [] : await runCatalogueBench();
  rows.push(...(await runSiteBench()));
  for (const r of rows)
    console.log(
      `${r.name}: ${Math.round(r.oursMs)} ms vs ${Math.round(r.referenceMs)} ms → ratio ${(r.oursMs / r.referenceMs).toFixed(3)} (${r.note})`,
    );
}
