import fs from 'node:fs';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import type { Config } from '../config/schema.js';
import { readManuscript } from '../manuscript/load.js';
import { parseFiles } from '../manuscript/parse.js';
import { IMAGE_TYPES } from './images.js';
import { ManuscriptError, messagesOf } from '../util/diagnostics.js';
import { buildBook } from './build.js';
import type { Book } from './types.js';

export interface LoadedBook {
  book: Book;
  /** Warnings (non-fatal messages) to show; errors are thrown as ManuscriptError. */
  warnings: VFileMessage[];
}

/** The shell around the pure Book builder: read the manuscript, parse it once, check it, build. */
export function loadBook(root: string, config: Pick<Config, 'manuscript'>): LoadedBook {
  const absRoot = path.resolve(root);
  const { files } = readManuscript(absRoot, config.manuscript.dir, config.manuscript.order);
  const parsed = parseFiles(files);

  const withMatter = parsed.find((p) => p.file.data.frontMatter || p.tree.children.some((n) => n.type === 'yaml'));
  if (!withMatter) {
    const first = parsed[0].file;
    const m = first.message('No front matter: start the first manuscript file with a block of three lines: "---", "title: Your Title", "---".', {
      place: { line: 1, column: 1 },
      ruleId: 'front-matter',
      source: 'pamphleteer',
    });
    m.fatal = true;
  }
  for (const p of parsed) {
    if (p !== withMatter && p.tree.children.some((n) => n.type === 'yaml')) {
      const yaml = p.tree.children.find((n) => n.type === 'yaml')!;
      p.file.message(`Front matter ignored: the book's metadata comes from ${path.basename(withMatter!.file.path)}.`, {
        place: yaml.position,
        ruleId: 'front-matter',
        source: 'pamphleteer',
      });
    }
  }

  const frontMatter = withMatter?.file.data.frontMatter;
  let cover: string | undefined;
  if (frontMatter?.cover) {
    cover = path.resolve(path.dirname(withMatter!.file.path), frontMatter.cover);
    const rel = path.relative(absRoot, cover);
    const problem =
      rel.startsWith('..') || path.isAbsolute(rel)
        ? 'is outside the project folder'
        : !fs.existsSync(cover)
          ? 'was not found'
          : !IMAGE_TYPES.includes(path.extname(cover).toLowerCase())
            ? 'must be a PNG, JPEG, GIF or SVG file'
            : '';
    if (problem) {
      const m = withMatter!.file.message(`Front matter: cover image "${frontMatter.cover}" ${problem}.`, { place: { line: 2, column: 1 }, ruleId: 'front-matter', source: 'pamphleteer' });
      m.fatal = true;
    }
  }

  if (!frontMatter) throw new ManuscriptError(messagesOf(files));
  // The builder adds its own findings (images) to the files' messages: look at all of them after it.
  const book = buildBook(parsed, {
    root: absRoot,
    frontMatter,
    cover,
    allowRemoteImages: config.manuscript.allowRemoteImages,
    exists: fs.existsSync,
  });
  const messages = messagesOf(files);
  if (messages.some((m) => m.fatal)) throw new ManuscriptError(messages);
  return { book, warnings: messages };
}
