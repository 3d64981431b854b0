/** `pamphleteer catalogue DIR…`, which joins the built outputs of every shard into one site. */
import path from 'node:path';
import { findCatalogueEntries, writeCatalogue } from '../catalogue/index.js';
import { UserError } from '../util/user-error.js';
import { catalogueLine } from './format.js';
import type { ExitCode } from './describe-error.js';

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
  else process.stdout.write(catalogueLine(result.titles, out));
  return 0;
}
