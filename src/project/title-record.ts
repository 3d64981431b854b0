/**
 * The title record written beside each title's outputs (format: util/title-record-format.ts): what the
 * catalogue needs to list the title (metadata, output files, where the cover is), and the hash of
 * everything the outputs were made from, so an unchanged title is not built again. A catalogue is
 * made from these files alone, so shards built on different machines join into one site.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Book } from '../book/book-types.js';
import type { Config } from '../config/schema.js';
import { findConfigFile } from '../config/load-config.js';
import type { BuildSummary, OutputSummary } from './project-types.js';
import { RECORD_FORMAT, readRecord, type RecordedOutput, type TitleRecord } from '../util/title-record-format.js';
import { STYLES_DIR, TEMPLATES_DIR } from '../templates/render.js';

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let toolFingerprint: string | undefined;

/** pamphleteer's version, its templates and styles, and the bundled font's version. */
function tools(): string {
  if (toolFingerprint) return toolFingerprint;
  const hash = crypto.createHash('sha256');
  const pkg = (p: string) => (JSON.parse(fs.readFileSync(p, 'utf8')) as { version: string }).version;
  hash.update(`pamphleteer ${pkg(path.join(PACKAGE_ROOT, 'package.json'))}\n`);
  try {
    hash.update(`fonts ${pkg(path.join(PACKAGE_ROOT, 'node_modules/@fontsource/eb-garamond/package.json'))}\n`);
  } catch {
    // Installed elsewhere (hoisted): the version of pamphleteer pins it.
  }
  // The catalogue site's own templates and styles make no title's outputs.
  const made = (file: string) => !file.startsWith('catalogue/') && file !== 'catalogue.css';
  for (const dir of [TEMPLATES_DIR, STYLES_DIR])
    for (const file of listFiles(dir).filter(made))
      hash.update(`${file}\n`).update(fs.readFileSync(path.join(dir, file)));
  toolFingerprint = hash.digest('hex');
  return toolFingerprint;
}

/** Files under a folder, relative and sorted ('/'-separated); hidden entries skipped. */
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else if (e.isFile()) out.push(r);
    }
  };
  walk(dir, '');
  return out.sort();
}

/**
 * The project files a build reads, as far as they are known before parsing: the config file, the
 * manuscript folder and the project's styles/; `extra` adds what the last build also read (images).
 */
export function projectInputs(root: string, config: Config, extra: string[] = []): string[] {
  const configFile = findConfigFile(root);
  const files = new Set<string>(extra);
  if (configFile) files.add(path.basename(configFile));
  for (const dir of [config.manuscript.dir, 'styles'])
    for (const f of listFiles(path.resolve(root, dir)))
      files.add(toPosix(path.relative(root, path.resolve(root, dir, f))));
  return [...files].sort();
}

/** sha256 over the tools, the build's settings and every input file's name and bytes. */
export function inputHash(root: string, inputs: string[], settings: unknown): string {
  const hash = crypto.createHash('sha256').update(tools()).update(JSON.stringify(settings));
  for (const rel of inputs) {
    hash.update(`\n${rel}\n`);
    const file = path.resolve(root, rel);
    hash.update(fs.existsSync(file) ? fs.readFileSync(file) : 'missing');
  }
  return hash.digest('hex');
}

/** What else the Book read: its images and cover. */
export function bookInputs(root: string, book: Book): string[] {
  const files = book.assets.map((a) => a.path);
  if (book.metadata.cover) files.push(book.metadata.cover);
  return files.map((f) => toPosix(path.relative(root, f)));
}

export function titleRecord(
  book: Book,
  fields: { inputHash: string; inputs: string[]; updated: Date; outputs: OutputSummary[]; generator: string },
): TitleRecord {
  const meta = book.metadata;
  const outputs: RecordedOutput[] = fields.outputs
    .filter(
      (o): o is OutputSummary & { kind: RecordedOutput['kind'] } =>
        o.kind === 'epub' || o.kind === 'pdf' || o.kind === 'zine',
    )
    .map((o) => ({
      kind: o.kind,
      file: path.basename(o.path),
      bytes: o.bytes,
      pages: o.pages,
      sheets: o.sheets,
      chapters: o.chapters,
    }));
  const hasEpub = outputs.some((o) => o.kind === 'epub');
  const coverExt = meta.cover ? path.extname(meta.cover).toLowerCase() : '.png';
  return {
    format: RECORD_FORMAT,
    generator: fields.generator,
    inputHash: fields.inputHash,
    inputs: fields.inputs,
    slug: book.slug,
    title: meta.title,
    subtitle: meta.subtitle,
    authors: meta.authors,
    authorFileAs: meta.authorFileAs,
    lang: meta.lang,
    date: meta.date,
    publisher: meta.publisher,
    description: meta.description,
    rights: meta.rights,
    keywords: meta.keywords,
    identifier: meta.identifier,
    updated: fields.updated.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    book: { chapters: book.chapters.length, notes: book.notes.length, words: book.stats.words },
    outputs,
    cover: hasEpub
      ? {
          epubEntry: `OEBPS/cover${coverExt}`,
          mediaType:
            coverExt === '.png'
              ? 'image/png'
              : coverExt === '.gif'
                ? 'image/gif'
                : coverExt === '.svg'
                  ? 'image/svg+xml'
                  : 'image/jpeg',
        }
      : undefined,
  };
}

/**
 * The summary of an earlier build whose outputs are still current, or undefined when the title
 * must be built: its record in the output folder matches the inputs' hash now, and every output it
 * lists is there with the size it had.
 */
export function upToDateSummary(
  root: string,
  outDir: string,
  config: Config,
  settings: unknown,
): BuildSummary | undefined {
  if (!fs.existsSync(outDir)) return undefined;
  for (const name of fs
    .readdirSync(outDir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const record = readRecord(path.join(outDir, name));
    if (!record || `${record.slug}.json` !== name) continue;
    const inputs = projectInputs(root, config, record.inputs);
    if (inputHash(root, inputs, settings) !== record.inputHash) continue;
    const outputs = record.outputs.map((o) => ({ ...o, path: path.join(outDir, o.file) }));
    if (!outputs.every((o) => fs.existsSync(o.path) && fs.statSync(o.path).size === o.bytes)) continue;
    return {
      root,
      slug: record.slug,
      title: record.title,
      outDir,
      outputs: outputs.map(({ kind, path: p, bytes, pages, sheets, chapters }) => ({
        kind,
        path: p,
        bytes,
        pages,
        sheets,
        chapters,
      })),
      book: record.book,
      warnings: [],
      steps: {},
      totalMs: 0,
      upToDate: true,
    };
  }
  return undefined;
}

const toPosix = (p: string) => p.split(path.sep).join('/');
