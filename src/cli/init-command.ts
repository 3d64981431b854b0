import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILES } from '../config/load.js';
import { UserError } from '../util/errors.js';
import { shownPath } from '../util/shown-path.js';

/** templates/init/ in the package: the files of a new project. */
const INIT_TEMPLATE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates/init');
/** npm drops files named .gitignore from published packages, so the template stores it without the dot. */
const RENAMED_ON_COPY: Record<string, string> = { gitignore: '.gitignore' };

export interface InitCommandOptions {
  title?: string;
  author?: string;
}

/**
 * `pamphleteer init [dir]`: a new project that builds at once. Never overwrites: a folder that
 * already holds a config file or a manuscript/ folder is refused before anything is written.
 */
export function initCommand(dir: string | undefined, opts: InitCommandOptions): void {
  const root = path.resolve(dir ?? '.');
  if (fs.existsSync(root) && !fs.statSync(root).isDirectory()) throw new UserError(`${dir}: exists and is not a folder.`);
  const existing = [...CONFIG_FILES, 'manuscript'].filter((f) => fs.existsSync(path.join(root, f)));
  if (existing.length) {
    throw new UserError(
      `${shownPath(root)} already holds a pamphlet project (${existing.join(', ')}); init never overwrites. Choose a new folder, e.g. pamphleteer init my-pamphlet.`,
    );
  }
  const title = opts.title?.trim() || titleFromFolder(root);
  const author = opts.author?.trim() || 'Your Name';
  // JSON strings are valid YAML scalars: a title with a colon or quote stays one value.
  const values: Record<string, string> = {
    title: JSON.stringify(title),
    author: JSON.stringify(author),
    about: JSON.stringify(`${author} writes pamphlets. Say a line or two about yourself here.`),
    year: String(new Date().getFullYear()),
  };
  const written: string[] = [];
  const copy = (from: string, to: string) => {
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
      const source = path.join(from, entry.name);
      const target = path.join(to, RENAMED_ON_COPY[entry.name] ?? entry.name);
      if (entry.isDirectory()) {
        copy(source, target);
        continue;
      }
      // Never clobber a file the person already has (e.g. their own .gitignore).
      if (fs.existsSync(target)) continue;
      fs.mkdirSync(to, { recursive: true });
      const text = fs.readFileSync(source, 'utf8').replace(/\{\{(\w+)\}\}/g, (m, key: string) => values[key] ?? m);
      fs.writeFileSync(target, text, { flag: 'wx' });
      written.push(shownPath(target));
    }
  };
  copy(INIT_TEMPLATE_DIR, root);
  const cd = shownPath(root) === '.' ? '' : `  cd ${shownPath(root)}\n`;
  process.stdout.write(
    `Created a pamphlet project in ${shownPath(root)}:\n${written.map((w) => `  ${w}`).join('\n')}\n\nNext:\n${cd}  pamphleteer watch    live preview while you write\n  pamphleteer build    EPUB, print PDF and zine in dist/\n`,
  );
}

function titleFromFolder(root: string): string {
  const words = path.basename(root).replace(/[-_]+/g, ' ').trim();
  return words ? words.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase()) : 'My Pamphlet';
}
