import path from 'node:path';

/** A path as messages show it: relative to the current folder when inside it, else absolute. */
export function shownPath(p: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, p);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
}
