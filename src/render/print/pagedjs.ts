import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * A file of Paged.js's browser build (dependency `pagedjs`, dist/): `paged.js` exposes window.Paged
 * for the print layout; `paged.polyfill.js` lays out on load, for watch's preview. pagedjs's
 * "exports" hide dist/ from require.resolve, so the package folder is found from its main entry.
 */
export function pagedjsFile(name: 'paged.js' | 'paged.polyfill.js'): string {
  let dir = path.dirname(require.resolve('pagedjs'));
  while (!isPagedjsFolder(dir)) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package pagedjs not found');
    dir = up;
  }
  return path.join(dir, 'dist', name);
}

function isPagedjsFolder(dir: string): boolean {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name === 'pagedjs';
  } catch {
    return false;
  }
}

/**
 * Paged.js's browser build as the print page evaluates it: the minified copy scripts/bundle.mjs
 * writes beside the bundled CLI (lib/bundle/paged.js), which the page parses in about half the
 * time; run from elsewhere (the TypeScript sources, lib/), the package's own dist/paged.js.
 */
export function pagedjsForPage(): string {
  const minified = path.join(path.dirname(fileURLToPath(import.meta.url)), 'paged.js');
  return fs.readFileSync(fs.existsSync(minified) ? minified : pagedjsFile('paged.js'), 'utf8');
}

/**
 * Runs in the laid-out page, just before it is printed: Paged.js names each note `note-<uuid>` (from
 * the clock and Math.random) and links its call to that name, and Chromium writes the names into the
 * PDF as named destinations. Renamed in document order, the same book gives the same PDF bytes
 * (reproducible builds); the links still reach their notes.
 */
export function stableNoteIds(): number {
  const uuidNote = /^note-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const renamed = new Map<string, string>();
  for (const element of Array.from(document.querySelectorAll('[id^="note-"]'))) {
    if (!uuidNote.test(element.id)) continue;
    let stable = renamed.get(element.id);
    if (!stable) {
      stable = `pagedjs-note-${renamed.size + 1}`;
      renamed.set(element.id, stable);
    }
    element.id = stable;
  }
  for (const link of Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href^="#note-"]'))) {
    const stable = renamed.get(link.getAttribute('href')!.slice(1));
    if (stable) link.setAttribute('href', `#${stable}`);
  }
  return renamed.size;
}
