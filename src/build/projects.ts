import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_FILES } from '../config/load.js';
import { UserError } from '../util/errors.js';

/** A folder is a pamphlet project when it has a config file or a manuscript/ folder. */
export function isProject(dir: string): boolean {
  return CONFIG_FILES.some((f) => fs.existsSync(path.join(dir, f))) || isDirectory(path.join(dir, 'manuscript'));
}

/**
 * The project folders named on the command line. A folder that is not a project itself but has
 * project subfolders is a catalogue (a distro's shelf of titles): each subfolder builds.
 * A folder that is neither is returned as is, so the build reports what is missing there.
 */
export function resolveProjects(dirs: string[]): string[] {
  const roots: string[] = [];
  for (const dir of dirs.length ? dirs : ['.']) {
    const abs = path.resolve(dir);
    if (!fs.existsSync(abs)) throw new UserError(`${dir}: no such folder.`);
    if (!isDirectory(abs)) throw new UserError(`${dir}: not a folder; give the pamphlet's project folder (the one holding manuscript/).`);
    if (isProject(abs)) {
      roots.push(abs);
      continue;
    }
    const children = fs
      .readdirSync(abs, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
      .map((e) => path.join(abs, e.name))
      .filter(isProject)
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    roots.push(...(children.length ? children : [abs]));
  }
  // The same folder named twice (or via a catalogue and directly) builds once.
  return [...new Set(roots)];
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
