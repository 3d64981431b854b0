import fs from 'node:fs';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import type { Config } from '../config/schema.js';
import { readManuscript } from '../manuscript/read-manuscript.js';
import { parseFiles } from '../manuscript/parse.js';
import type { ImageRules } from '../manuscript/image-rules.js';
import { inspectImageFile } from '../util/image-file.js';
import { resolveInProject } from '../util/project-path.js';
import { DiagnosticError, messagesOf, reportError, reportWarning } from '../util/diagnostics.js';
import { projectFonts, type ProjectFonts } from '../fonts/project-fonts.js';
import { buildBook } from './build-book.js';
import type { Book } from './book-types.js';

export interface LoadedBook {
  book: Book;
  /** Warnings (non-fatal messages) to show; errors are thrown as DiagnosticError. */
  warnings: VFileMessage[];
}

/** The shell around the pure Book builder: read the manuscript, parse it once, check it, build. */
export function loadBook(root: string, config: Pick<Config, 'manuscript'>): LoadedBook {
  const absRoot = path.resolve(root);
  const { files } = readManuscript(absRoot, config.manuscript.dir, config.manuscript.order);
  const images: ImageRules = {
    locate: (reference, fromDir) => resolveInProject(absRoot, reference, fromDir),
    inspect: inspectImageFile,
    similar: (reference, fromDir) => similarFile(absRoot, reference, fromDir),
  };
  // The project's own fonts are read only when some character is in no bundled font.
  let fonts: ProjectFonts | undefined;
  const parsed = parseFiles(files, images, {
    missingGlyphs: config.manuscript.missingGlyphs,
    projectHas: (cp) => {
      fonts ??= projectFonts(absRoot);
      return fonts.has(cp);
    },
  });
  // A file past a limit (or with front matter that never closes) was not read: its errors alone say why.
  if (parsed.some((p) => p.file.data.unread)) throw new DiagnosticError(messagesOf(files));

  const withMatter = parsed.find((p) => p.file.data.frontMatter || p.tree.children.some((n) => n.type === 'yaml'));
  if (!withMatter) {
    const first = parsed[0].file;
    reportError(
      first,
      'No front matter: start the first manuscript file with a block of three ' +
        'lines: "---", "title: Your Title", "---".',
      { line: 1, column: 1 },
      'front-matter',
    );
  }
  for (const p of parsed) {
    if (p !== withMatter && p.tree.children.some((n) => n.type === 'yaml')) {
      const yaml = p.tree.children.find((n) => n.type === 'yaml')!;
      reportWarning(
        p.file,
        `Front matter ignored: the book's metadata comes from ${path.basename(withMatter!.file.path)}.`,
        yaml.position,
        'front-matter',
      );
    }
  }

  const frontMatter = withMatter?.file.data.frontMatter;
  // The cover as written (a link inside the project may name its file differently): its name gives the type.
  const cover = withMatter?.file.data.cover;

  if (!frontMatter) throw new DiagnosticError(messagesOf(files));
  // The builder adds its own warning (a lone top heading) to the files' messages: look at all of them after it.
  const book = buildBook(parsed, {
    root: absRoot,
    frontMatter,
    cover: cover && path.join(absRoot, cover.href),
  });
  const messages = messagesOf(files);
  if (messages.some((m) => m.fatal)) throw new DiagnosticError(messages);
  return { book, warnings: messages };
}

/**
 * An existing file a missing image reference probably meant: the same name in another letter case
 * (a manuscript written on a case-insensitive disk), or the path taken from the project folder
 * instead of the manuscript's (`images/` beside `manuscript/`). As the person would write it.
 */
function similarFile(root: string, reference: string, fromDir: string): string | undefined {
  const wanted = path.resolve(fromDir, reference);
  const dir = path.dirname(wanted);
  // Only a folder inside the project is listed (a linked folder may lead out).
  if (resolveInProject(root, dir).ok && fs.statSync(dir).isDirectory()) {
    const name = path.basename(wanted).toLowerCase();
    const match = fs.readdirSync(dir).find((entry) => entry.toLowerCase() === name);
    if (match) return toPosix(path.relative(fromDir, path.join(dir, match)));
  }
  const fromRoot = path.resolve(root, reference);
  if (!path.isAbsolute(reference) && fromRoot !== wanted && resolveInProject(root, fromRoot).ok)
    return toPosix(path.relative(fromDir, fromRoot));
  return undefined;
}

const toPosix = (p: string) => p.split(path.sep).join('/');
