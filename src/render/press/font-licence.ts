/**
 * Fonts whose licence forbids embedding (OS/2 fsType "restricted licence embedding"). Chromium
 * does not embed such a font: it draws its glyphs as unnamed Type 3 outlines, which a print shop's
 * preflight flags. So the press output looks at the fonts the project's styles load, before any
 * layout, and names the one that stops it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { resolveInProject } from '../../util/project-path.js';

const require = createRequire(import.meta.url);
const FONT_URL = /url\(\s*(["']?)([^"')]+\.(?:ttf|otf|woff2?))\1\s*\)/gi;

/** The sfnt bytes of a TrueType/OpenType, WOFF or WOFF2 file. */
async function sfnt(bytes: Buffer): Promise<Buffer | undefined> {
  const signature = bytes.subarray(0, 4).toString('latin1');
  if (signature === 'wOF2') {
    const decompress = require('wawoff2/decompress.js') as (woff2: Uint8Array) => Promise<Uint8Array>;
    return Buffer.from(await decompress(bytes));
  }
  if (signature === 'wOFF') return woffTable(bytes);
  return bytes;
}

/** A WOFF 1 file's OS/2 table alone, as a one-table sfnt (enough to read fsType). */
function woffTable(bytes: Buffer): Buffer | undefined {
  const tables = bytes.readUInt16BE(12);
  for (let i = 0; i < tables; i++) {
    const at = 44 + 20 * i;
    if (bytes.subarray(at, at + 4).toString('latin1') !== 'OS/2') continue;
    const offset = bytes.readUInt32BE(at + 4);
    const compressed = bytes.readUInt32BE(at + 8);
    const original = bytes.readUInt32BE(at + 12);
    const data = bytes.subarray(offset, offset + compressed);
    const table = compressed < original ? inflateSync(data) : data;
    const header = Buffer.alloc(28);
    header.writeUInt16BE(1, 4);
    header.write('OS/2', 12, 'latin1');
    header.writeUInt32BE(28, 20);
    header.writeUInt32BE(table.length, 24);
    return Buffer.concat([header, table]);
  }
  return undefined;
}

/** The OS/2 fsType of an sfnt, or undefined without an OS/2 table. */
export function fsType(font: Buffer): number | undefined {
  const tables = font.readUInt16BE(4);
  for (let i = 0; i < tables; i++) {
    const at = 12 + 16 * i;
    if (font.subarray(at, at + 4).toString('latin1') === 'OS/2')
      return font.readUInt16BE(font.readUInt32BE(at + 8) + 8);
  }
  return undefined;
}

/** Whether the licence bits say "restricted licence embedding": the font may not be embedded. */
export function forbidsEmbedding(type: number): boolean {
  return (type & 0x000f) === 0x0002;
}

/** The project's font files, named by its styles, whose licence forbids embedding (relative paths). */
export async function fontsForbiddingEmbedding(root: string): Promise<string[]> {
  const styles = path.join(root, 'styles');
  const found: string[] = [];
  for (const name of ['base.css', 'print.css']) {
    const file = path.join(styles, name);
    if (!fs.existsSync(file)) continue;
    for (const match of fs.readFileSync(file, 'utf8').matchAll(FONT_URL)) {
      const located = resolveInProject(root, match[2], styles);
      if (!located.ok) continue; // the print edition reports those
      const font = await sfnt(fs.readFileSync(located.real)).catch(() => undefined);
      const type = font ? fsType(font) : undefined;
      if (type !== undefined && forbidsEmbedding(type) && !found.includes(located.relative))
        found.push(located.relative);
    }
  }
  return found;
}
