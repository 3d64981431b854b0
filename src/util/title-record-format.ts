/**
 * The format of the title record, the small JSON file a build writes beside each title's outputs
 * (`<outDir>/<slug>.json`): the one contract between the build, which writes it
 * (src/project/title-record.ts), and the catalogue, which reads it (src/catalogue).
 */
import fs from 'node:fs';
import path from 'node:path';

/** Marks a JSON file as a title record (other JSON files in an output folder are left alone). */
export const RECORD_FORMAT = 'pamphleteer-title/1';

export interface RecordedOutput {
  kind: 'epub' | 'pdf' | 'zine';
  /** File name, in the record's own folder. */
  file: string;
  bytes: number;
  pages?: number;
  sheets?: number;
  chapters?: number;
}

export interface TitleRecord {
  format: typeof RECORD_FORMAT;
  generator: string;
  /** sha256 of the inputs (see inputHash). */
  inputHash: string;
  /** The project files the outputs were made from, relative to the project folder ('/'-separated). */
  inputs: string[];
  slug: string;
  title: string;
  subtitle?: string;
  authors: string[];
  authorFileAs?: string;
  lang: string;
  date?: string;
  publisher?: string;
  description?: string;
  rights?: string;
  keywords: string[];
  identifier: string;
  /** ISO date-time of the edition (the EPUB's dcterms:modified). */
  updated: string;
  book: { chapters: number; notes: number; words: number };
  outputs: RecordedOutput[];
  /** The cover image inside the EPUB, for catalogue thumbnails. */
  cover?: { epubEntry: string; mediaType: string };
  /** The catalogue thumbnail a catalogue build drew beside the outputs (src/templates/thumbnail.ts). */
  thumbnail?: { file: string; bytes: number };
}

export function recordPath(outDir: string, slug: string): string {
  return path.join(outDir, `${slug}.json`);
}

export function readRecord(file: string): TitleRecord | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as TitleRecord;
    return value && value.format === RECORD_FORMAT && typeof value.slug === 'string' && Array.isArray(value.outputs)
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}
