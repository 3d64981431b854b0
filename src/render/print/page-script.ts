import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The source of the script that runs in the print page (src/render/print/page/, entry.ts), as
 * one file: bundled by scripts/bundle.mjs at compile time into lib/bundle/page-script.js (shipped with the CLI
 * bundle). Run from the
 * TypeScript sources (tests), it is bundled here with esbuild, so it never goes stale.
 */
export const PAGE_SCRIPT_FILE = 'lib/bundle/page-script.js';

let cached: string | undefined;

export async function pageScript(): Promise<string> {
  if (cached) return cached;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const entry = path.join(here, 'page', 'entry.ts');
  if (import.meta.url.endsWith('.ts') && fs.existsSync(entry)) {
    const { build } = await import('esbuild');
    const result = await build({ ...PAGE_SCRIPT_BUILD, entryPoints: [entry], write: false });
    cached = result.outputFiles[0].text;
  } else {
    cached = fs.readFileSync(path.join(packageRoot(here), PAGE_SCRIPT_FILE), 'utf8');
  }
  return cached;
}

/** esbuild options for the page script (shared with scripts/bundle.mjs). */
export const PAGE_SCRIPT_BUILD = {
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'chrome110',
  logLevel: 'warning',
} as const;

/** The folder holding pamphleteer's package.json, from any depth (src/…, lib/…, lib/bundle/). */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'pamphleteer') return dir;
    if (path.dirname(dir) === dir) throw new Error(`pamphleteer: ${PAGE_SCRIPT_FILE} not found (run npm run compile)`);
  }
}
