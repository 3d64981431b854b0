// Speed never costs output: every bench row compares what it made with what another build made of
// the same input (the baseline checkout, or the contender's own first run). EPUB: every entry of the
// zip, by name and content (text, styles, the cover and images), not the zip's bytes, since another
// deflate may pack the same files differently. PDF: the text layer (pdftotext) and every page as an
// image (pdftoppm at 50 dpi): the same words on the same places.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { default: JSZip } = await import(pathToFileURL(path.join(ROOT, 'node_modules/jszip/lib/index.js')).href);

const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** name → hash of each entry of an EPUB. */
export async function epubFingerprint(file) {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const entries = {};
  for (const [name, entry] of Object.entries(zip.files)) {
    if (!entry.dir) entries[name] = hash(await entry.async('uint8array'));
  }
  return entries;
}

/** The text layer and a hash per page image of a PDF. */
export function pdfFingerprint(file) {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-same-output-'));
  try {
    execFileSync('pdftoppm', ['-r', '50', '-gray', file, path.join(dir, 'p')]);
    const pages = fs
      .readdirSync(dir)
      .sort()
      .map((f) => hash(fs.readFileSync(path.join(dir, f))));
    return { text: hash(text), pages };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What differs between two fingerprints, in a few words; '' when the outputs are the same. */
export function fingerprintDifference(a, b) {
  if (a.pages) {
    if (a.text !== b.text) return 'text differs';
    if (a.pages.length !== b.pages.length) return `${a.pages.length} pages against ${b.pages.length}`;
    const differing = a.pages.flatMap((p, i) => (p === b.pages[i] ? [] : [i + 1]));
    return differing.length ? `page images differ: ${differing.slice(0, 8).join(', ')}` : '';
  }
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const differing = names.filter((n) => a[n] !== b[n]);
  return differing.length ? `entries differ: ${differing.slice(0, 6).join(', ')}` : '';
}

/** Fingerprint of an output file by its kind. */
export async function fingerprint(file) {
  return file.endsWith('.epub') ? epubFingerprint(file) : pdfFingerprint(file);
}

/** 'same output' or what differs, comparing `file` with `reference`. */
export async function sameOutputNote(file, reference) {
  const difference = fingerprintDifference(await fingerprint(file), await fingerprint(reference));
  return difference ? `OUTPUT CHANGED: ${difference}` : 'same output';
}
