import fs from 'node:fs';
import path from 'node:path';
import { slug } from 'github-slugger';
import { CONFIG_FILES } from '../config/load-config.js';
import {
  IMPORT_KINDS,
  IMPORT_LIMITS,
  ImportRefusal,
  importDocuments,
  type ImportResult,
  type ImportSource,
} from '../import/index.js';
import { formatBytes } from '../import/limits.js';
import { StagedWrite } from '../util/staged-write.js';
import { resolveInProject } from '../util/project-path.js';
import { shownPath } from '../util/shown-path.js';
import { UserError, fileSystemError } from '../util/user-error.js';

export interface ImportCommandOptions {
  /** The project folder to write (a new one, or an existing project to add to). */
  into?: string;
  /** A file of Word style-map lines (mammoth's syntax). */
  styleMap?: string;
}

/**
 * `pamphleteer import FILE… [--into DIR]`: Word documents and saved web pages become a project
 * that builds at once, or new files in an existing project's manuscript/. Every document is read
 * and converted before anything is written; then every file is written at once, or none is.
 */
export async function importCommand(inputs: string[], opts: ImportCommandOptions): Promise<void> {
  if (!inputs.length) throw new UserError('name the documents to import: pamphleteer import essay.docx');
  const sources = inputs.map((input, i) => readSource(input, inputs.slice(0, i)));
  const root = path.resolve(opts.into ?? sources[0].name);
  if (fs.existsSync(root) && !fs.statSync(root).isDirectory())
    throw new UserError(`${shownPath(root)}: exists and is not a folder; choose another with --into.`);
  const manuscriptDir = path.join(root, 'manuscript');
  const isProject =
    CONFIG_FILES.some((f) => fs.existsSync(path.join(root, f))) ||
    (fs.existsSync(manuscriptDir) && fs.readdirSync(manuscriptDir).some((f) => f.endsWith('.md')));
  const existing =
    isProject && fs.existsSync(manuscriptDir)
      ? fs.readdirSync(manuscriptDir).filter((f) => f.endsWith('.md'))
      : undefined;
  const styleMap = opts.styleMap ? readStyleMap(opts.styleMap) : undefined;

  let result: ImportResult;
  try {
    result = await importDocuments(sources, { styleMap, existing: isProject ? (existing ?? []) : undefined });
  } catch (err) {
    if (err instanceof ImportRefusal) throw new UserError(`${err.message}. Nothing was written.`);
    throw err;
  }
  const targets = result.files.map((f) => path.join(root, f.path));
  const inTheWay = targets.find((t) => fs.existsSync(t));
  if (inTheWay)
    throw new UserError(`${shownPath(inTheWay)} already exists; import never overwrites. Nothing was written.`);
  StagedWrite.writeAll(
    (stage) => {
      for (const [i, file] of result.files.entries()) stage(targets[i], file.bytes);
    },
    { inputs: inputs.map((i) => path.resolve(i)) },
  );
  process.stdout.write(reportText(result, root, isProject));
}

function readSource(input: string, before: string[]): ImportSource {
  const file = path.resolve(input);
  const extension = path.extname(file).toLowerCase();
  const kind = IMPORT_KINDS[extension];
  if (extension === '.odt')
    throw new UserError(
      `${input}: .odt is not read (no maintained reader keeps its notes); save it as Word (.docx) ` +
        'in LibreOffice, or run pandoc x.odt -o x.docx, and import that. Nothing was written.',
    );
  if (!kind)
    throw new UserError(
      `${input}: not a document pamphleteer imports (${Object.keys(IMPORT_KINDS).join(', ')}). Nothing was written.`,
    );
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    throw fileSystemError(err, input);
  }
  if (!stat.isFile()) throw new UserError(`${input}: not a file. Nothing was written.`);
  if (stat.size > IMPORT_LIMITS.inputBytes)
    throw new UserError(
      `${input}: ${formatBytes(stat.size)}, over the import limit of ${formatBytes(IMPORT_LIMITS.inputBytes)}. ` +
        'Nothing was written.',
    );
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw fileSystemError(err, input);
  }
  // Two documents of the same name get different names for their files and images.
  const base = slug(path.basename(file, path.extname(file))).slice(0, 40) || 'document';
  const same = before.filter((b) => (slug(path.basename(b, path.extname(b))).slice(0, 40) || 'document') === base);
  const name = same.length ? `${base}-${same.length + 1}` : base;
  const folder = path.dirname(file);
  return {
    shown: input,
    name,
    kind,
    bytes,
    // A saved page's images are in its folder (page_files/); nothing outside that folder is read.
    readLocal: (reference) => {
      const found = resolveInProject(folder, reference, folder);
      if (!found.ok) return { ok: false, reason: `${found.reason}: not read` };
      if (!fs.statSync(found.real).isFile()) return { ok: false, reason: 'not a file' };
      if (fs.statSync(found.real).size > IMPORT_LIMITS.inputBytes)
        return { ok: false, reason: `larger than ${formatBytes(IMPORT_LIMITS.inputBytes)}` };
      return { ok: true, bytes: fs.readFileSync(found.real) };
    },
  };
}

function readStyleMap(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw fileSystemError(err, file);
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

function reportText(result: ImportResult, root: string, addedToProject: boolean): string {
  const lines: string[] = [];
  for (const source of result.sources) {
    lines.push(`${source.shown}:`);
    for (const file of source.made)
      lines.push(
        `  wrote ${shownPath(path.join(root, 'manuscript', file.name))} ` +
          `(${file.words.toLocaleString('en')} words, ${file.notes} notes)`,
      );
    for (const line of source.report.imported) lines.push(`  imported: ${line}`);
    for (const line of source.report.dropped) lines.push(`  dropped: ${line}`);
    for (const line of source.report.guesses) lines.push(`  guessed: ${line}`);
  }
  if (result.metadata) {
    const m = result.metadata;
    lines.push(
      `Front matter: title “${m.title}”${m.author ? `, author ${m.author.join(', ')}` : ''}, ` +
        `lang ${m.lang ?? 'en'}${m.lang ? '' : ' (guessed: the document names no language)'}` +
        `${m.date ? `, date ${m.date}` : ''}.`,
    );
  } else if (addedToProject) lines.push('The project’s front matter was left as it was.');
  const where = shownPath(root);
  lines.push(`Next: check the text, then  pamphleteer build ${where === '.' ? '' : where}`.trimEnd());
  return lines.join('\n') + '\n';
}
