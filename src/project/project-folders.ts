import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_FILES } from '../config/load-config.js';
import { UserError } from '../util/user-error.js';

/** A folder is a pamphlet project when it has a config file or a manuscript/ folder. */
export function isProject(dir: string): boolean {
  return CONFIG_FILES.some((f) => fs.existsSync(path.join(dir, f))) || isDirectory(path.join(dir, 'manuscript'));
}

export interface ResolveOptions {
  /** `--all`: every project folder inside each named folder (a catalogue), the folder itself if it is one. */
  all?: boolean;
}

/**
 * The project folders named on the command line. A folder that is not a project is an error
 * ("no manuscript/ here"), even when project folders lie below it: building a whole catalogue
 * must be asked for with `--all`, so a build started in the wrong folder never writes anywhere.
 */
export function resolveProjects(dirs: string[], options: ResolveOptions = {}): string[] {
  const roots: string[] = [];
  for (const dir of dirs.length ? dirs : ['.']) {
    const abs = path.resolve(dir);
    if (!fs.existsSync(abs)) throw new UserError(`${dir}: no such folder.`);
    if (!isDirectory(abs))
      throw new UserError(`${dir}: not a folder; give the pamphlet's project folder (the one holding manuscript/).`);
    const children = () => projectFolders(abs);
    if (options.all) {
      const found = isProject(abs) ? [abs, ...children()] : children();
      if (!found.length)
        throw new UserError(
          `${dir}: no project folders inside (folders holding manuscript/ or a pamphleteer.config.* file).`,
        );
      roots.push(...found);
      continue;
    }
    if (isProject(abs)) {
      roots.push(abs);
      continue;
    }
    const below = children();
    const hint = below.length
      ? ` It holds ${below.length} project folder${below.length === 1 ? '' : 's'} (${below
          .slice(0, 3)
          .map((c) => path.basename(c))
          .join(', ')}${below.length > 3 ? ', …' : ''}): to build them all, run pamphleteer build --all ${quoted(dir)}.`
      : ' Start one with pamphleteer init, or name the project folder.';
    throw new UserError(
      `${dir === '.' ? 'this folder' : dir}: ` +
        `no manuscript/ here (and no pamphleteer.config.*), so it is not a pamphlet project.${hint}`,
    );
  }
  // The same folder named twice (or via a catalogue and directly) builds once.
  return [...new Set(roots)];
}

/** The project folders directly inside a folder, in name order (numbers compared as numbers). */
function projectFolders(abs: string): string[] {
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
    .map((e) => path.join(abs, e.name))
    .filter(isProject)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

function quoted(p: string): string {
  return /^[\w./~-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export interface Shard {
  index: number;
  count: number;
}

/** `--shard 2/5` → { index: 2, count: 5 }. */
export function parseShard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UserError(
      `--shard ${value}: give K/N, this runner's part K of N parts, with 1 ≤ K ≤ N (e.g. --shard 1/4).`,
    );
  }
  return { index, count };
}

/**
 * The titles of one shard: the K-th of every N in the catalogue's sorted order (the folders are in
 * name order), so every runner picks the same disjoint part and together they cover the catalogue.
 */
export function selectShard<T>(roots: T[], shard: Shard | undefined): T[] {
  return shard ? roots.filter((_, i) => i % shard.count === shard.index - 1) : roots;
}

/** The folders named on the command line that are catalogues: not projects themselves, with project folders inside. */
export function catalogueFolders(dirs: string[]): string[] {
  return dirs
    .map((d) => path.resolve(d))
    .filter((abs) => {
      if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory() || isProject(abs)) return false;
      return fs
        .readdirSync(abs, { withFileTypes: true })
        .some((e) => e.isDirectory() && !e.name.startsWith('.') && isProject(path.join(abs, e.name)));
    });
}
