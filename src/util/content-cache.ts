import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isInside, realRoot } from './project-path.js';

/**
 * Things the build makes from content that rarely changes (the typographic cover, drawn as a PNG
 * and laid out as SVG), kept by content inside the project so a rebuild skips the work: in
 * node_modules/.cache/pamphleteer/ when the project has node_modules (git ignores it there, as it
 * does every tool's cache), else in .pamphleteer-cache/, which ignores itself with its own .gitignore.
 * An entry is named by the hash of everything it depends on, pamphleteer's own code included, so a
 * stale entry is never read: it is simply never asked for again. Reading and writing are best effort:
 * a cache that cannot be written (a read-only project) only costs time.
 */

/** The cache folder of a project, or undefined when it would lie outside the project (a symlink). */
export function cacheFolder(root: string): string | undefined {
  // Run from the TypeScript sources (tests, development), the code changes without a build: no cache.
  if (import.meta.url.endsWith('.ts')) return undefined;
  const modules = path.join(root, 'node_modules');
  const dir = isDirectory(modules)
    ? path.join(modules, '.cache', 'pamphleteer')
    : path.join(root, '.pamphleteer-cache');
  // The first folder that exists on the way must really be inside the project (symlinks followed).
  for (let probe = dir; isInside(root, probe); probe = path.dirname(probe)) {
    if (!fs.existsSync(probe)) continue;
    try {
      return isInside(realRoot(root), fs.realpathSync(probe)) ? dir : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function isDirectory(file: string): boolean {
  try {
    return fs.lstatSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** The hash naming a cache entry: of every part (JSON), and of pamphleteer's own code. */
export function cacheKey(...parts: unknown[]): string {
  return crypto.createHash('sha256').update(codeVersion()).update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

let code: string | undefined;
/**
 * What identifies the running code: the names, sizes and times of the files beside this module (in
 * the bundle, lib/bundle/, whose chunk names are hashes of their content).
 */
function codeVersion(): string {
  if (code === undefined) {
    const dir = path.dirname(fileURLToPath(import.meta.url));
    code = fs
      .readdirSync(dir)
      .sort()
      .map((name) => {
        const stat = fs.statSync(path.join(dir, name));
        return `${name}:${stat.size}:${stat.mtimeMs}`;
      })
      .join('\n');
  }
  return code;
}

/** The cached bytes under `name` and `key`, if the project's cache holds them. */
export function readCached(root: string, name: string, key: string): Buffer | undefined {
  const dir = cacheFolder(root);
  if (!dir) return undefined;
  try {
    return fs.readFileSync(path.join(dir, `${name}-${key}`));
  } catch {
    return undefined;
  }
}

/** Keeps `data` under `name` and `key`, in place of the entries of `name` it replaces. */
export function writeCached(root: string, name: string, key: string, data: Uint8Array | string): void {
  const dir = cacheFolder(root);
  if (!dir) return;
  try {
    fs.mkdirSync(dir, { recursive: true });
    if (path.basename(dir) === '.pamphleteer-cache' && !fs.existsSync(path.join(dir, '.gitignore')))
      fs.writeFileSync(path.join(dir, '.gitignore'), '# made by pamphleteer: a cache, never committed\n*\n');
    for (const old of fs.readdirSync(dir))
      if (old.startsWith(`${name}-`)) fs.rmSync(path.join(dir, old), { force: true });
    const file = path.join(dir, `${name}-${key}`);
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, file);
  } catch {
    // Best effort: the next build makes it again.
  }
}
