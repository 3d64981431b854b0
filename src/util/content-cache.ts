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
 * a cache that cannot be written (a read-only project) only costs time. Entries are written when the
 * build has written its outputs (flushCache), so a failed build leaves the project as it was.
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
 * the bundle, lib/bundle/: the CLI's one script and the page's, rewritten by every compile).
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

/** Entries made by this process and not yet written, by project folder, then file name. */
const pending = new Map<string, Map<string, { name: string; data: CacheData }>>();

/** An entry's content, or a function giving it when it is written (for an entry that grows during the build). */
type CacheData = Uint8Array | string | (() => Uint8Array | string);

/** The cached bytes under `name` and `key`, if the project's cache holds them. */
export function readCached(root: string, name: string, key: string): Buffer | undefined {
  const made = pending.get(path.resolve(root))?.get(`${name}-${key}`);
  if (made) return Buffer.from(typeof made.data === 'function' ? made.data() : made.data);
  const dir = cacheFolder(root);
  if (!dir) return undefined;
  try {
    return fs.readFileSync(path.join(dir, `${name}-${key}`));
  } catch {
    return undefined;
  }
}

/** Keeps `data` under `name` and `key` (in place of the entries of `name` it replaces) at the next flushCache. */
export function writeCached(root: string, name: string, key: string, data: CacheData): void {
  const absolute = path.resolve(root);
  const entries = pending.get(absolute) ?? new Map();
  pending.set(absolute, entries);
  entries.set(`${name}-${key}`, { name, data });
}

/** Writes the entries made for the project since the last flush: after its build wrote its outputs. */
export function flushCache(root: string): void {
  const absolute = path.resolve(root);
  const entries = pending.get(absolute);
  pending.delete(absolute);
  for (const [file, { name, data }] of entries ?? [])
    writeEntry(absolute, name, file, typeof data === 'function' ? data() : data);
}

function writeEntry(root: string, name: string, fileName: string, data: Uint8Array | string): void {
  const dir = cacheFolder(root);
  if (!dir) return;
  try {
    fs.mkdirSync(dir, { recursive: true });
    if (path.basename(dir) === '.pamphleteer-cache' && !fs.existsSync(path.join(dir, '.gitignore')))
      fs.writeFileSync(path.join(dir, '.gitignore'), '# made by pamphleteer: a cache, never committed\n*\n');
    for (const old of fs.readdirSync(dir))
      if (old.startsWith(`${name}-`)) fs.rmSync(path.join(dir, old), { force: true });
    const file = path.join(dir, fileName);
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, file);
  } catch {
    // Best effort: the next build makes it again.
  }
}
