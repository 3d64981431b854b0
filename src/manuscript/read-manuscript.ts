import fs from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { UserError, fileSystemError } from '../util/user-error.js';
import { DiagnosticError, fileError, pointAt } from '../util/diagnostics.js';
import { shownPath } from '../util/shown-path.js';
import { resolveInProject } from '../util/project-path.js';

/** Larger than any pamphlet: a file this size is almost surely a mistake, and parsing it would take minutes. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface ManuscriptSource {
  /** Absolute path of the project folder. */
  root: string;
  files: VFile[];
}

/**
 * Reads the manuscript's Markdown files (name order, or `order`) into vfiles, refusing what is not
 * Markdown text with a message that says what to fix.
 */
export function readManuscript(root: string, dir = 'manuscript', order?: string[]): ManuscriptSource {
  try {
    return readFolder(root, dir, order);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw fileSystemError(err, shownPath((err as NodeJS.ErrnoException).path ?? path.join(root, dir)));
  }
}

function readFolder(root: string, dir: string, order?: string[]): ManuscriptSource {
  const folder = path.resolve(root, dir);
  const shownFolder = shownPath(folder);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw new UserError(
      `${shownFolder}: no manuscript folder here. Put your Markdown files in ${dir}/ (or run \`pamphleteer init\`).`,
    );
  }
  const located = resolveInProject(root, dir);
  if (!located.ok) {
    throw new UserError(
      `${shownFolder}: the manuscript folder (manuscript.dir "${dir}") ${located.reason}. ` +
        'Only files inside the project are read: put the manuscript in the project folder.',
    );
  }
  const present = fs
    .readdirSync(folder)
    .filter((n) => n.toLowerCase().endsWith('.md') && fs.statSync(path.join(folder, n)).isFile())
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  let names = present;
  if (order) {
    const missing = order.filter((n) => !present.includes(n));
    if (missing.length)
      throw new UserError(
        `manuscript.order names ${missing.map((m) => `"${m}"`).join(', ')}, not found in ${shownFolder}/.`,
      );
    const left = present.filter((n) => !order.includes(n));
    if (left.length)
      throw new UserError(
        `manuscript.order leaves out ${left.map((m) => `"${m}"`).join(', ')}: ` +
          'list every file, or remove the order to use name order.',
      );
    names = order;
  }
  if (names.length === 0)
    throw new UserError(
      `${shownFolder}/ has no .md files: write your pamphlet in a Markdown file there, for example ${dir}/01-text.md.`,
    );
  return {
    root: path.resolve(root),
    files: names.map((n) => readMarkdownFile(insideProject(root, path.join(folder, n)))),
  };
}

/** A manuscript file the build may read: its real path is inside the project (a link may not lead out). */
function insideProject(root: string, file: string): string {
  const located = resolveInProject(root, file);
  if (!located.ok && located.problem === 'outside') {
    throw new UserError(
      `${shownPath(file)}: this manuscript file ${located.reason}. ` +
        'Only files inside the project are read: copy the file into the project instead of linking to it.',
    );
  }
  return file;
}

export function readMarkdownFile(file: string): VFile {
  const shown = shownPath(file);
  const size = fs.statSync(file).size;
  if (size > MAX_FILE_BYTES) {
    throw new UserError(
      `${shown}: ${(size / 1024 / 1024).toFixed(1)} MB is too large for one manuscript file (at ` +
        `most ${MAX_FILE_BYTES / 1024 / 1024} MB, about 800,000 words). ` +
        'Is it really the text? Split a long book into several files.',
    );
  }
  const bytes = fs.readFileSync(file);
  const utf16 = utf16Encoding(bytes);
  if (utf16) {
    throw new DiagnosticError([
      fileError(
        file,
        `the file is saved as ${utf16} text; pamphleteer reads UTF-8. In your editor, ` +
          'save it again with the encoding "UTF-8" (Notepad: File › Save as › Encoding: ' +
          `UTF-8; or \`iconv -f ${utf16} -t UTF-8\`).`,
        undefined,
        'encoding',
      ),
    ]);
  }
  if (bytes.includes(0))
    throw new DiagnosticError([
      fileError(
        file,
        'this is a binary file, not Markdown text. Keep only .md text files in the manuscript folder.',
        undefined,
        'encoding',
      ),
    ]);
  let value: string;
  try {
    value = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    throw new DiagnosticError([
      fileError(
        file,
        'the file is not valid UTF-8 text. Save it as UTF-8 in your editor.',
        pointAt(lossy)(lossy.indexOf('\uFFFD')),
        'encoding',
      ),
    ]);
  }
  return new VFile({ path: file, value: normalizeLineEndings(value.replace(/^\uFEFF/, '')), cwd: process.cwd() });
}

/** UTF-16 by its byte-order mark, or without one by the zero bytes of mostly-ASCII text. */
function utf16Encoding(bytes: Buffer): 'UTF-16LE' | 'UTF-16BE' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  const sample = bytes.subarray(0, Math.min(bytes.length, 1024));
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = sample.length / 2;
  if (oddZeros > pairs * 0.3 && evenZeros === 0) return 'UTF-16LE';
  if (evenZeros > pairs * 0.3 && oddZeros === 0) return 'UTF-16BE';
  return undefined;
}

/**
 * Old Mac files end lines with CR alone, which Markdown and YAML would read as one long line. Only a
 * file with no LF at all is converted (one line for one line, so positions stay right); CRLF is
 * already read as it is.
 */
function normalizeLineEndings(text: string): string {
  return text.includes('\r') && !text.includes('\n') ? text.replace(/\r/g, '\n') : text;
}
