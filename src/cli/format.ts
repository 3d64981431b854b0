import path from 'node:path';
import { shownPath } from '../util/shown-path.js';
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function padEnd(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

/** A project's name in messages: its path, or the folder's own name for the current folder. */
export function projectLabel(root: string): string {
  const shown = shownPath(root);
  return shown === '.' ? path.basename(path.resolve(root)) : shown;
}

/** The line after a catalogue is written, by `build --all` and `catalogue` alike. */
export function catalogueLine(titles: number, siteDir: string): string {
  return `Catalogue of ${titles} title${titles === 1 ? '' : 's'} → ${shownPath(siteDir)}/index.html and opds.xml\n`;
}
