import path from 'node:path';
import { isInside } from './project-path.js';

/** A path as messages show it: relative to the current folder when inside it, else absolute. */
export function shownPath(p: string, cwd = process.cwd()): string {
  const absolute = path.resolve(p);
  return isInside(cwd, absolute) ? path.relative(cwd, absolute) || '.' : p;
}
