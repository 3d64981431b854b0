import fs from 'node:fs';
import path from 'node:path';

/**
 * The one answer to "may the build read this file?": a path is inside the project when its real
 * path (every symlink followed) is inside the project folder's real path. A project may come from a
 * stranger, so a link to /etc/passwd, a linked folder or `../..` are all refused the same way.
 */

export type ProjectPath =
  | {
      ok: true;
      /** The real path (symlinks resolved): the one to read. */
      real: string;
      /** The path as written, made absolute. */
      absolute: string;
      /** Relative to the project folder, forward slashes (as written, not the link's target). */
      relative: string;
    }
  | { ok: false; problem: 'outside' | 'missing'; absolute: string; relative: string; reason: string };

/** Whether `child` is `parent` or lies below it (both absolute; no file-system access). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!path.isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${path.sep}`));
}

const realRoots = new Map<string, string>();

/** The project folder's real path (cached: it is asked for every image). */
export function realRoot(root: string): string {
  const absolute = path.resolve(root);
  let real = realRoots.get(absolute);
  if (real === undefined) {
    try {
      real = fs.realpathSync(absolute);
    } catch {
      real = absolute;
    }
    realRoots.set(absolute, real);
  }
  return real;
}

/**
 * Resolves `reference` (relative to `fromDir`, the project folder by default) and says whether the
 * build may read it: it must exist and its real path must be inside the project's real path.
 */
export function resolveInProject(root: string, reference: string, fromDir: string = root): ProjectPath {
  const absoluteRoot = path.resolve(root);
  const absolute = path.resolve(fromDir, reference);
  const relative = path.relative(absoluteRoot, absolute).split(path.sep).join('/');
  if (!isInside(absoluteRoot, absolute)) {
    return { ok: false, problem: 'outside', absolute, relative, reason: 'is outside the project folder' };
  }
  let real: string;
  try {
    real = fs.realpathSync(absolute);
  } catch {
    // A broken link says nothing about where it points once it exists: refuse it as missing.
    return { ok: false, problem: 'missing', absolute, relative, reason: 'was not found' };
  }
  if (!isInside(realRoot(absoluteRoot), real)) {
    return {
      ok: false,
      problem: 'outside',
      absolute,
      relative,
      reason: `is a link to ${real}, outside the project folder`,
    };
  }
  return { ok: true, real, absolute, relative };
}
