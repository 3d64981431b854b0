/** Shared by the EPUB tests: fixture books, unzipping, and the real EPUBCheck and Ace. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DOMParser, type Document } from '@xmldom/xmldom';
import { toString } from 'hast-util-to-string';
import JSZip from 'jszip';
import { leafBlocks, type PageStart } from '../../src/book/blocks.js';
import { loadBook } from '../../src/book/load-book.js';
import type { Book } from '../../src/book/book-types.js';
import { epubcheckCommand } from '../../src/util/tools.js';

export { epubcheckCommand };
import { configSchema } from '../../src/config/schema.js';

export { FIXTURES, REPO } from '../helpers/seed.js';
import { FIXTURES, REPO } from '../helpers/seed.js';
const run = promisify(execFile);

export function loadProject(root: string): Book {
  return loadBook(root, configSchema.parse({})).book;
}
export const loadEssay = () => loadProject(REPO);
export const loadFixture = (name: string) => loadProject(path.join(FIXTURES, name));

/** The unzipped EPUB: entry names in zip order and each entry's text (binary entries as bytes). */
export interface Unzipped {
  names: string[];
  zip: JSZip;
  text(name: string): Promise<string>;
}

export async function unzip(bytes: Uint8Array): Promise<Unzipped> {
  const zip = await JSZip.loadAsync(bytes);
  return {
    names: Object.keys(zip.files),
    zip,
    text: (name) => {
      const file = zip.file(name);
      if (!file) throw new Error(`${name} is not in the EPUB`);
      return file.async('string');
    },
  };
}

export function parseXml(xml: string): Document {
  return new DOMParser().parseFromString(xml, 'application/xml');
}

export const XHTML_NS = 'http://www.w3.org/1999/xhtml';
export const OPS_NS = 'http://www.idpf.org/2007/ops';

/** The content documents in spine order, as parsed XML, keyed by href. */
export async function spineDocuments(epub: Unzipped): Promise<{ href: string; doc: Document }[]> {
  const opf = parseXml(await epub.text('OEBPS/content.opf'));
  const hrefOf = new Map(
    Array.from(opf.getElementsByTagName('item')).map((i) => [i.getAttribute('id'), i.getAttribute('href')!]),
  );
  const hrefs = Array.from(opf.getElementsByTagName('itemref')).map((r) => hrefOf.get(r.getAttribute('idref'))!);
  return Promise.all(hrefs.map(async (href) => ({ href, doc: parseXml(await epub.text(`OEBPS/${href}`)) })));
}

export async function writeTemp(bytes: Uint8Array, name: string): Promise<string> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'pamphleteer-epub-'));
  const file = path.join(dir, name);
  await fs.promises.writeFile(file, bytes);
  return file;
}

/**
 * A missing validator fails under CI (CI=true, as .ci/run sets) (CI installs it) and skips elsewhere with the reason:
 * passing without having checked would be a lie.
 */
export function requireTool(what: string, found: unknown, skip: (note: string) => void): void {
  if (found) return;
  const message = `${what} is not installed`;
  if (process.env.CI) throw new Error(`${message}; CI must install it.`);
  skip(message);
}

export interface EpubcheckResult {
  fatals: number;
  errors: number;
  warnings: number;
  /** Every message, "SEVERITY ID file:line: text", for a readable failure. */
  messages: string[];
}

interface EpubcheckJson {
  checker: { nFatal: number; nError: number; nWarning: number };
  messages: { ID: string; severity: string; message: string; locations: { path: string; line: number }[] }[];
}

export async function epubcheck(epubPath: string): Promise<EpubcheckResult> {
  const command = epubcheckCommand()!;
  const report = `${epubPath}.epubcheck.json`;
  // EPUBCheck exits 1 when it finds errors; the JSON report is what we read either way.
  await run(command.file, [...command.args, epubPath, '--json', report], { maxBuffer: 16 << 20 }).catch(
    () => undefined,
  );
  const json = JSON.parse(await fs.promises.readFile(report, 'utf8')) as EpubcheckJson;
  return {
    fatals: json.checker.nFatal,
    errors: json.checker.nError,
    warnings: json.checker.nWarning,
    messages: json.messages.map(
      (m) => `${m.severity} ${m.ID} ${m.locations.map((l) => `${l.path}:${l.line}`).join(', ')}: ${m.message}`,
    ),
  };
}

/**
 * Page starts as the print renderer would report them, made up from the Book: a page at the start of
 * every chapter, and one in the middle of every third block.
 */
export function syntheticPageStarts(book: Book): PageStart[] {
  const starts: PageStart[] = [];
  let page = 3;
  for (const chapter of book.chapters) {
    leafBlocks(chapter.tree).forEach((block, i) => {
      if (i === 0) starts.push({ page: page++, chapterId: chapter.id, block: 0, offset: 0 });
      else if (i % 3 === 0)
        starts.push({ page: page++, chapterId: chapter.id, block: i, offset: Math.floor(toString(block).length / 2) });
    });
  }
  return starts;
}
