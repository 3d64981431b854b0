import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { UserError } from '../util/user-error.js';
import { pdfLib } from '../util/pdf-lib-bundle.js';

const run = promisify(execFile);

/** Reading spreads shown after the cover: pages 2–3 and 4–5. */
const PREVIEW_SPREADS = 2;
/** 72 dpi: big enough to judge a layout, small enough to page through. */
const PREVIEW_DPI = 72;

export interface PreviewImage {
  /** File name inside the preview folder, e.g. "fading-color-spread-2-3.png". */
  name: string;
  bytes: Uint8Array;
}

/**
 * `--preview` rasterizes with `pdftoppm` (Poppler; an optional tool: Debian/Ubuntu
 * `apt install poppler-utils`, macOS `brew install poppler`). Checked before the build starts,
 * so a missing tool costs no waiting.
 */
export async function assertPreviewToolAvailable(): Promise<void> {
  try {
    await run('pdftoppm', ['-v']);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserError(
        '--preview needs pdftoppm (from Poppler), which is not installed. Install it (Debian/Ubuntu: ' +
          'apt install poppler-utils; macOS: brew install poppler), or build without --preview.',
        2,
      );
    }
    // `pdftoppm -v` exits non-zero on some versions while printing its version: it is there.
  }
}

/**
 * The cover, the first reading spreads (two pages side by side, as the reader sees them) and
 * every side of every imposed sheet, as PNGs.
 */
export async function previewImages(
  slug: string,
  printPdf: Uint8Array | undefined,
  zinePdf: Uint8Array | undefined,
  zineSides: string[],
): Promise<PreviewImage[]> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-preview-'));
  try {
    // The two rasterizations run side by side: pdftoppm is single-threaded.
    const printImages = async () => {
      if (!printPdf) return [];
      const { pdf, names } = await coverAndSpreads(printPdf, slug);
      return rasterize(pdf, names, work, 'print');
    };
    const zineImages = async () => {
      if (!zinePdf) return [];
      // Named like the imposition's SVG diagrams (sheet-01-front), so each picture sits beside its diagram.
      return rasterize(
        zinePdf,
        zineSides.map((side) => `${slug}-zine-${side}.png`),
        work,
        'zine',
      );
    };
    const [a, b] = await Promise.all([printImages(), zineImages()]);
    return [...a, ...b];
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The first pages of any PDF (the wraparound cover), as PNGs named `names`. */
export async function pdfPreviewImages(pdf: Uint8Array, names: string[]): Promise<PreviewImage[]> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-preview-'));
  try {
    return await rasterize(pdf, names, work, 'pages');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** A small PDF holding the cover alone, then spreads 2–3, 4–5 drawn side by side. */
async function coverAndSpreads(printPdf: Uint8Array, slug: string): Promise<{ pdf: Uint8Array; names: string[] }> {
  const { PDFDocument } = pdfLib();
  const source = await PDFDocument.load(printPdf, { updateMetadata: false });
  const out = await PDFDocument.create();
  const pageCount = source.getPageCount();
  const names: string[] = [];
  const [cover] = await out.copyPages(source, [0]);
  out.addPage(cover);
  names.push(`${slug}-cover.png`);
  for (let s = 0; s < PREVIEW_SPREADS; s++) {
    const left = 1 + 2 * s; // 0-based: pages 2 and 3, then 4 and 5
    if (left >= pageCount) break;
    const indices = left + 1 < pageCount ? [left, left + 1] : [left];
    const embedded = await out.embedPages(indices.map((i) => source.getPage(i)));
    const width = embedded.reduce((w, e) => w + e.width, 0);
    const height = Math.max(...embedded.map((e) => e.height));
    const page = out.addPage([width, height]);
    let x = 0;
    for (const e of embedded) {
      page.drawPage(e, { x, y: height - e.height });
      x += e.width;
    }
    names.push(`${slug}-spread-${left + 1}-${left + indices.length}.png`);
  }
  return { pdf: await out.save(), names };
}

async function rasterize(pdf: Uint8Array, names: string[], work: string, stem: string): Promise<PreviewImage[]> {
  const input = path.join(work, `${stem}.pdf`);
  fs.writeFileSync(input, pdf);
  await run('pdftoppm', ['-png', '-r', String(PREVIEW_DPI), '-l', String(names.length), input, path.join(work, stem)]);
  // pdftoppm numbers its files stem-1.png … with zero padding that depends on the page count.
  const produced = fs
    .readdirSync(work)
    .filter((f) => f.startsWith(`${stem}-`) && f.endsWith('.png'))
    .sort((a, b) => Number(a.match(/-(\d+)\.png$/)![1]) - Number(b.match(/-(\d+)\.png$/)![1]));
  return produced
    .slice(0, names.length)
    .map((f, i) => ({ name: names[i], bytes: fs.readFileSync(path.join(work, f)) }));
}
