/**
 * Incremental builds: a title is built again only when something it is made from changed (its
 * manuscript, config, styles and images; pamphleteer's version, templates, styles and fonts; the
 * build's settings). The hash is kept in the title record beside the outputs (title-record.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Book } from '../book/book-types.js';
import type { Config } from '../config/schema.js';
import type { BuildSummary, OutputSummary } from './project-types.js';
import { recordPath, type TitleRecord } from '../util/title-record-format.js';
import { bookInputs, inputHash, projectInputs, titleRecord, upToDateSummary } from './title-record.js';

/** What, besides the files, decides the outputs: the effective config and the build's options. */
export function buildSettings(
  config: Config,
  outDir: string,
  options: { preview?: boolean; sourceDateEpoch?: number },
): unknown {
  return { config, outDir, preview: !!options.preview, sourceDateEpoch: options.sourceDateEpoch ?? null };
}

/** The earlier build's summary when its outputs are current; undefined when the title must be built. */
export function upToDate(root: string, config: Config, outDir: string, settings: unknown): BuildSummary | undefined {
  try {
    return upToDateSummary(root, outDir, config, settings);
  } catch {
    // An unreadable record or input: build, and let the build report what is wrong.
    return undefined;
  }
}

let version: string | undefined;
function generator(): string {
  version ??= (
    JSON.parse(
      fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'), 'utf8'),
    ) as { version: string }
  ).version;
  return `pamphleteer ${version}`;
}

/** The title record to write with the outputs: `<outDir>/<slug>.json`. */
export function titleRecordFile(
  root: string,
  config: Config,
  book: Book,
  outDir: string,
  settings: unknown,
  outputs: OutputSummary[],
  updated: Date,
  thumbnail?: TitleRecord['thumbnail'],
): { path: string; json: string } {
  const inputs = projectInputs(root, config, bookInputs(root, book));
  const record = titleRecord(book, {
    inputHash: inputHash(root, inputs, settings),
    inputs,
    updated,
    outputs,
    generator: generator(),
  });
  if (thumbnail) record.thumbnail = thumbnail;
  return { path: recordPath(outDir, book.slug), json: `${JSON.stringify(record, null, 2)}\n` };
}
