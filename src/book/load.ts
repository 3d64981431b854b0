import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import type { Config } from '../config/schema.js';
import { readManuscript } from '../manuscript/load.js';
import { parseFiles, type ParsedFile } from '../manuscript/parse.js';
import { checkImage, type ImageRules } from './images.js';
import { inspectImageFile } from '../util/image-file.js';
import { resolveInProject } from '../util/project-path.js';
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
  // A file past a limit (or with front matter that never closes) was not read: its errors alone say why.
  if (parsed.some((p) => p.file.data.unread)) throw new ManuscriptError(messagesOf(files));

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
  const images: ImageRules = {
    locate: (reference, fromDir) => resolveInProject(absRoot, reference, fromDir),
    inspect: inspectImageFile,
  };
  let cover: string | undefined;
  if (frontMatter?.cover) {
    const checked = checkImage(frontMatter.cover, path.dirname(withMatter!.file.path), images);
    // The path as written (a link inside the project may name its file differently): its name gives the type.
    if (checked.kind === 'local') cover = path.join(absRoot, checked.href);
    else {
      const m = withMatter!.file.message(`Front matter: cover ${checked.reason.replace(/^Image/, 'image')}`, { place: coverPlace(withMatter!), ruleId: 'front-matter', source: 'pamphleteer' });
      m.fatal = true;
    }
  }

  if (!frontMatter) throw new ManuscriptError(messagesOf(files));
  // The builder adds its own findings (images) to the files' messages: look at all of them after it.
  const book = buildBook(parsed, {
    root: absRoot,
    frontMatter,
    cover,
    images,
  });
  const messages = messagesOf(files);
  if (messages.some((m) => m.fatal)) throw new ManuscriptError(messages);
  return { book, warnings: messages };
}

/** Where the front matter's `cover:` key is written (the line after the opening `---` when not found). */
function coverPlace({ tree }: ParsedFile): { line: number; column: number } {
  const yaml = tree.children.find((n) => n.type === 'yaml');
  const first = (yaml?.position?.start.line ?? 1) + 1;
  const lines = yaml && 'value' in yaml ? String(yaml.value).split('\n') : [];
  const at = lines.findIndex((l) => /^cover\s*:/.test(l));
  return { line: at >= 0 ? first + at : first, column: 1 };
}
