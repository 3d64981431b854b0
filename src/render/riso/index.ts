/**
 * Riso separations (output "riso"): one grayscale PDF per ink drum, each the print edition laid
 * out again with the drum's colours (drums.ts), converted to gray by Ghostscript, with the same
 * registration marks on every drum, and imposed like the zine when asked; plus a preview that
 * overprints the drums in their inks' colours.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { pdfLib } from '../../util/pdf-lib-bundle.js';
import { UserError } from '../../util/user-error.js';
import { convertPdf, findGhostscript } from '../press/ghostscript.js';
import { type RisoInk, inkRgb } from './inks.js';

export { drumCss, drumRoles, type DrumRole, type RisoConfig } from './drums.js';
export { RISO_INKS, RISO_INK_NAMES, type RisoInk } from './inks.js';

/** Marks at the middle of each side edge, this far in from the edge (points). */
const MARK_INSET = 10;
const MARK_RADIUS = 3.5;
const MARK_ARM = 6;

/** A drum's laid-out PDF made gray, with the registration marks every drum shares. */
export async function grayDrum(pdf: Uint8Array, ink: RisoInk, title: string): Promise<Uint8Array> {
  const { pdf: gray } = await convertPdf(pdf, { color: 'gray', title, what: `the ${ink} riso drum` });
  const { PDFDocument, grayscale } = pdfLib();
  const doc = await PDFDocument.load(gray, { updateMetadata: false });
  for (const page of doc.getPages()) {
    const { x, y, width, height } = page.getMediaBox();
    for (const cx of [x + MARK_INSET, x + width - MARK_INSET]) {
      const cy = y + height / 2;
      const line = { thickness: 0.3, color: grayscale(0) };
      page.drawCircle({ x: cx, y: cy, size: MARK_RADIUS, borderWidth: 0.3, borderColor: grayscale(0) });
      page.drawLine({ start: { x: cx - MARK_ARM, y: cy }, end: { x: cx + MARK_ARM, y: cy }, ...line });
      page.drawLine({ start: { x: cx, y: cy - MARK_ARM }, end: { x: cx, y: cy + MARK_ARM }, ...line });
    }
  }
  return doc.save({ useObjectStreams: true });
}

/** The first pages of the drums (or the first sheet side, imposed), overprinted in the inks' colours. */
export async function overprintPreview(
  drums: { ink: RisoInk; pdf: Uint8Array }[],
  { pages = 4, dpi = 50 } = {},
): Promise<Uint8Array> {
  const gs = findGhostscript();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-riso-'));
  try {
    const rasters: Gray[][] = [];
    for (const [i, drum] of drums.entries()) {
      const input = path.join(work, `drum-${i}.pdf`);
      fs.writeFileSync(input, drum.pdf);
      const stem = path.join(work, `drum-${i}-%03d.pgm`);
      await new Promise<void>((resolve, reject) =>
        execFile(
          gs,
          ['-dBATCH', '-dNOPAUSE', '-dQUIET', '-dSAFER', '-sDEVICE=pgmraw', `-r${dpi}`, '-dFirstPage=1'].concat([
            `-dLastPage=${pages}`,
            `-sOutputFile=${stem}`,
            input,
          ]),
          (error, _out, stderr) =>
            error
              ? reject(new UserError(`Ghostscript could not draw the riso preview: ${stderr.split('\n')[0]}`, 2))
              : resolve(),
        ),
      );
      rasters.push(
        fs
          .readdirSync(work)
          .filter((f) => f.startsWith(`drum-${i}-`) && f.endsWith('.pgm'))
          .sort()
          .map((f) => readPgm(fs.readFileSync(path.join(work, f)))),
      );
    }
    return overprint(
      rasters,
      drums.map((d) => inkRgb(d.ink)),
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

interface Gray {
  width: number;
  height: number;
  /** 0 black … 255 white, row by row. */
  data: Uint8Array;
}

/** A binary PGM (P5) as Ghostscript's pgmraw writes it. */
export function readPgm(bytes: Uint8Array): Gray {
  const header = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  const match = /^P5\s+(?:#[^\n]*\s+)*(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!match) throw new Error('not a binary PGM');
  const [, width, height] = match.map(Number);
  return { width, height, data: bytes.subarray(match[0].length, match[0].length + width * height) };
}

/**
 * Pages side by side, each pixel the product of the inks laid on it (inks are transparent and
 * overprint: where black and red meet, the paper shows both), as RGB.
 */
export function overprint(drums: Gray[][], inks: [number, number, number][]): Uint8Array {
  const pages = Math.min(...drums.map((d) => d.length));
  const first = drums[0][0];
  const gap = 8;
  const width = pages * first.width + (pages + 1) * gap;
  const height = first.height + 2 * gap;
  const rgb = new Uint8Array(width * height * 3).fill(200);
  for (let p = 0; p < pages; p++) {
    const left = gap + p * (first.width + gap);
    for (let y = 0; y < first.height; y++) {
      for (let x = 0; x < first.width; x++) {
        const out = [255, 255, 255];
        drums.forEach((drum, d) => {
          const page = drum[p];
          const coverage = 1 - (page.data[y * page.width + x] ?? 255) / 255;
          for (let c = 0; c < 3; c++) out[c] *= 1 - coverage * (1 - inks[d][c] / 255);
        });
        const at = ((y + gap) * width + left + x) * 3;
        rgb.set(out.map(Math.round), at);
      }
    }
  }
  return encodePng(width, height, rgb);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** An 8-bit RGB PNG. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}
