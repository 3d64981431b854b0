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
