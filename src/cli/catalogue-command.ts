/**
 * The catalogue side of the command line: `--shard K/N` and `--force` for `build`, the site and
 * feed written after a catalogue build, and `pamphleteer catalogue DIR…`, which joins the built
 * outputs of every shard into one site.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ProjectResult } from '../project/index.js';
import { isProject } from '../project/project-folders.js';
import { findCatalogueEntries, writeCatalogue, type CatalogueEntry } from '../catalogue/index.js';
import { readRecord, recordPath } from '../catalogue/title-record.js';
import { UserError } from '../util/user-error.js';
import { shownPath } from '../util/shown-path.js';
import type { ExitCode } from './describe-error.js';

export interface Shard {
  index: number;
  count: number;
}

/** `--shard 2/5` → { index: 2, count: 5 }. */
export function parseShard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UserError(
      `--shard ${value}: give K/N, this runner's part K of N parts, with 1 ≤ K ≤ N (e.g. --shard 1/4).`,
    );
  }
  return { index, count };
}

/**
 * The titles of one shard: the K-th of every N in the catalogue's sorted order (the folders are in
 * name order), so every runner picks the same disjoint part and together they cover the catalogue.
 */
export function selectShard<T>(roots: T[], shard: Shard | undefined): T[] {
  return shard ? roots.filter((_, i) => i % shard.count === shard.index - 1) : roots;
}

/** The folders named on the command line that are catalogues: not projects themselves, with project folders inside. */
export function catalogueFolders(dirs: string[]): string[] {
  return dirs
    .map((d) => path.resolve(d))
    .filter((abs) => {
      if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory() || isProject(abs)) return false;
      return fs
        .readdirSync(abs, { withFileTypes: true })
        .some((e) => e.isDirectory() && !e.name.startsWith('.') && isProject(path.join(abs, e.name)));
    });
}

/** Where a catalogue build writes its site: --site, else a site/ folder inside the (first) catalogue folder. */
export function siteFolder(catalogues: string[], site: string | undefined): string {
  return site ? path.resolve(site) : path.join(catalogues[0], 'site');
}

/** After a catalogue build: the site and feed of the titles that built. Returns the lines to print. */
export async function writeSiteAfterBuild(results: ProjectResult[], siteDir: string, title?: string): Promise<string> {
  const entries: CatalogueEntry[] = [];
  for (const r of results) {
    if (!r.summary) continue;
    const record = readRecord(recordPath(r.summary.outDir, r.summary.slug));
    if (record) entries.push({ record, dir: r.summary.outDir });
  }
  if (entries.length === 0) return '';
  const result = await writeCatalogue(siteDir, entries, { title });
  return (
    `Catalogue of ${result.titles} title${result.titles === 1 ? '' : 's'} ` +
    `→ ${shownPath(siteDir)}/index.html and opds.xml\n`
  );
}

export interface CatalogueCommandOptions {
  out?: string;
  title?: string;
  json?: boolean;
  debug?: boolean;
}

/** `pamphleteer catalogue DIR…`: the site and the OPDS feed from the built outputs found in the folders. */
export async function catalogueCommand(dirs: string[], opts: CatalogueCommandOptions): Promise<ExitCode> {
  const out = path.resolve(opts.out ?? 'site');
  const entries = findCatalogueEntries(dirs.length ? dirs : ['.'], out);
  if (entries.length === 0) {
    throw new UserError(
      `${dirs.join(', ') || '.'}: no built titles found (no <slug>.json beside the ` +
        'outputs); run pamphleteer build on the titles first.',
    );
  }
  const result = await writeCatalogue(out, entries, { title: opts.title });
  if (opts.json) process.stdout.write(JSON.stringify({ ok: true, dir: out, titles: result.titles }, null, 2) + '\n');
  else
    process.stdout.write(
      `Catalogue of ${result.titles} title${result.titles === 1 ? '' : 's'} ` +
        `→ ${shownPath(out)}/index.html and opds.xml\n`,
    );
  return 0;
}
