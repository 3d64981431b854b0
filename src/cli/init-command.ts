import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILES } from '../config/load-config.js';
import { UserError } from '../util/user-error.js';
import { shownPath } from '../util/shown-path.js';

/** templates/init/ in the package: the files of a new project. */
const INIT_TEMPLATE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates/init');
/** npm drops files named .gitignore from published packages, so the template stores it without the dot. */
const RENAMED_ON_COPY: Record<string, string> = { gitignore: '.gitignore' };

interface InitCommandOptions {
  title?: string;
  author?: string;
  /** What the new project's package.json asks npm for: a version range, a tarball, a folder, a git URL. */
  pamphleteer?: string;
}

/** This package's folder: where the running command is installed (or the clone it runs from). */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * What a new project should install as pamphleteer: what npm recorded the running command was
 * installed from, when it recorded it (a project's node_modules/.package-lock.json: a tarball, or
 * the registry's version), else the folder the command runs from (a clone, or a global install, for
 * which npm keeps no record), so `npm install` in the new project resolves even while pamphleteer
 * is not on the registry.
 */
function installedFrom(): string {
  const root = fs.realpathSync(PACKAGE_ROOT);
  const { name, version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const nodeModules = path.dirname(root);
  try {
    const lock = JSON.parse(fs.readFileSync(path.join(nodeModules, '.package-lock.json'), 'utf8')) as {
      packages?: Record<string, { resolved?: string }>;
    };
    const resolved = lock.packages?.[`node_modules/${name}`]?.resolved;
    if (resolved?.startsWith('file:')) {
      const file = path.resolve(path.dirname(nodeModules), resolved.slice(5));
      if (fs.existsSync(file)) return `file:${file}`;
    }
    if (resolved && /^https?:/.test(resolved)) return `^${version}`;
  } catch {
    // No record: a clone, a folder, or a global install.
  }
  return `file:${root}`;
}

/**
 * The dependency spec written into the new project's package.json: by default what this command was
 * installed from. A path to a tarball or a folder (an unpublished build) becomes an absolute `file:`
 * spec, so it still resolves from the project.
 */
function dependencySpec(given: string | undefined, cwd = process.cwd()): string {
  if (!given) return installedFrom();
  const local = given.startsWith('file:') ? given.slice(5) : given;
  if (/^(\.{1,2}[\\/]|[\\/]|~[\\/]|[A-Za-z]:[\\/])/.test(local) || /\.t(ar\.)?gz$/.test(local)) {
    const abs = path.resolve(cwd, local.replace(/^~(?=[\\/])/, process.env.HOME ?? '~'));
    if (!fs.existsSync(abs)) throw new UserError(`--pamphleteer ${given}: no such file or folder.`);
    return `file:${abs}`;
  }
  return given;
}

/** npm's rules for a package name: lower case, URL-safe, at most 214 characters. */
function packageName(root: string): string {
  const name = path
    .basename(root)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '')
    .slice(0, 214);
  return name || 'my-pamphlet';
}

/**
 * `pamphleteer init [dir]`: a new project that builds at once. Never overwrites: a folder that
 * already holds a config file or a manuscript/ folder is refused before anything is written.
 */
export function initCommand(dir: string | undefined, opts: InitCommandOptions): void {
  const root = path.resolve(dir ?? '.');
  if (fs.existsSync(root) && !fs.statSync(root).isDirectory())
    throw new UserError(`${dir}: exists and is not a folder.`);
  const existing = [...CONFIG_FILES, 'manuscript'].filter((f) => fs.existsSync(path.join(root, f)));
  if (existing.length) {
    throw new UserError(
      `${shownPath(root)} already holds a pamphlet project (${existing.join(', ')}); ` +
        'init never overwrites. Choose a new folder, e.g. pamphleteer init my-pamphlet.',
    );
  }
  const spec = dependencySpec(opts.pamphleteer);
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
  // package.json, as Vivliostyle's create-book writes one: pamphleteer as a dev dependency and the
  // commands as npm scripts, so `npm install && npm run build` works without a global install,
  // and the config's $schema (./node_modules/pamphleteer/schema/…) resolves in an editor.
  const packageFile = path.join(root, 'package.json');
  if (!fs.existsSync(packageFile)) {
    const manifest = {
      name: packageName(root),
      version: '0.1.0',
      private: true,
      description: title,
      scripts: { build: 'pamphleteer build', watch: 'pamphleteer watch', check: 'pamphleteer check' },
      devDependencies: { pamphleteer: spec },
    };
    fs.writeFileSync(packageFile, JSON.stringify(manifest, null, 2) + '\n', { flag: 'wx' });
    written.push(shownPath(packageFile));
  } else {
    process.stderr.write(
      `warning: ${shownPath(packageFile)} exists and was left alone; for the npm scripts below, ` +
        `add pamphleteer (npm install -D ${spec}) and the scripts build: "pamphleteer build", ` +
        'watch: "pamphleteer watch", check: "pamphleteer check".\n',
    );
  }
  const cd = shownPath(root) === '.' ? '' : `  cd ${quoteForShell(shownPath(root))}\n`;
  process.stdout.write(
    `Created a pamphlet project in ${shownPath(root)}:\n${written.map((w) => `  ${w}`).join('\n')}\n\nNext:\n${cd}` +
      `  npm install        # once: puts pamphleteer (${spec}) in the project\n` +
      `  npm run watch      # live preview while you write\n` +
      `  npm run build      # EPUB, print PDF and zine in dist/\n` +
      `  npm run check      # report problems without building\n`,
  );
}

/** A path as a person can paste it into a POSIX shell. */
function quoteForShell(p: string): string {
  return /^[\w./~-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

function titleFromFolder(root: string): string {
  const words = path.basename(root).replace(/[-_]+/g, ' ').trim();
  return words ? words.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase()) : 'My Pamphlet';
}
