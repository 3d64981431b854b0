import { convertDocx } from './docx.js';
import { frontMatter, toManuscriptFiles, type ConvertedDocument, type ManuscriptFile } from './manuscript.js';
import type { ImportReport } from './report.js';
import { convertWebPage, type LocalFileReader } from './web.js';
import { ImportRefusal } from './zip-guard.js';

export { ImportRefusal } from './zip-guard.js';
export { IMPORT_LIMITS } from './limits.js';

/** The kinds of document `pamphleteer import` reads, by file name extension. */
export const IMPORT_KINDS: Record<string, 'docx' | 'html'> = {
  '.docx': 'docx',
  '.docm': 'docx',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
};

export interface ImportSource {
  /** As the person named it: used in messages. */
  shown: string;
  /** The file's name without folder and extension, made safe for file names. */
  name: string;
  kind: 'docx' | 'html';
  bytes: Uint8Array;
  /** Reads a file the page refers to (its images), inside the page's folder only. */
  readLocal: LocalFileReader;
}

export interface ImportOptions {
  /** Word style-map lines (mammoth's syntax) tried before the defaults. */
  styleMap?: string[];
  /**
   * The names of the project's manuscript files when importing into an existing project: new files
   * are numbered after them and carry no front matter (the project has its own).
   */
  existing?: string[];
}

export interface ImportResult {
  /** Files to write, relative to the project folder. */
  files: { path: string; bytes: Uint8Array | string }[];
  /** One entry per source, in order: what was made from it and its report. */
  sources: { shown: string; made: ManuscriptFile[]; report: ImportReport }[];
  /** The front matter's values (the first document's), or undefined when the project keeps its own. */
  metadata?: ConvertedDocument['metadata'];
}

/**
 * Converts documents into manuscript files, entirely in memory: a document that cannot be read
 * throws an ImportRefusal (its message names what is wrong) before anything is made, so the shell
 * writes all or nothing. Several sources go into one book, in the order given.
 */
export async function importDocuments(sources: ImportSource[], options: ImportOptions = {}): Promise<ImportResult> {
  const converted: { source: ImportSource; doc: ConvertedDocument }[] = [];
  for (const source of sources) {
    try {
      const doc =
        source.kind === 'docx'
          ? await convertDocx(source.bytes, source.name, { styleMap: options.styleMap })
          : convertWebPage(source.bytes, source.name, source.readLocal);
      converted.push({ source, doc });
    } catch (err) {
      if (err instanceof ImportRefusal) throw new ImportRefusal(`${source.shown}: ${err.message}`);
      throw err;
    }
  }
  const existing = options.existing ?? [];
  let next = Math.max(0, ...existing.map((n) => Number(/^(\d+)/.exec(n)?.[1] ?? 0))) + 1;
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  const files: ImportResult['files'] = [];
  const result: ImportResult = { files, sources: [] };
  const imageNames = new Set<string>();
  for (const [i, { source, doc }] of converted.entries()) {
    const made = toManuscriptFiles(doc, next);
    next += made.length;
    for (const file of made) {
      if (taken.has(file.name.toLowerCase())) throw new Error(`manuscript file ${file.name} chosen twice`);
      taken.add(file.name.toLowerCase());
    }
    if (i === 0 && !options.existing) {
      made[0].text = frontMatter(doc.metadata) + made[0].text;
      result.metadata = doc.metadata;
    } else if (i > 0 && doc.metadata.title) {
      doc.report.guesses.push(
        `its title “${doc.metadata.title}” not written: the book’s front matter is the first document’s`,
      );
    }
    for (const file of made) files.push({ path: `manuscript/${file.name}`, bytes: file.text });
    for (const [name, bytes] of doc.images) {
      if (imageNames.has(name)) throw new Error(`image ${name} chosen twice`);
      imageNames.add(name);
      files.push({ path: `manuscript/images/${name}`, bytes });
    }
    result.sources.push({ shown: source.shown, made, report: doc.report });
  }
  return result;
}
