import { imageSize } from 'image-size';
import { imageTypeOfBytes, unsafeSvgContent } from '../util/image-file.js';
import { IMPORT_LIMITS } from './limits.js';

/** The file name extension of each image type a pamphlet can hold (its real type, from its bytes). */
const EXTENSION_OF: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/svg+xml': 'svg',
};

export type ImageVerdict = { ok: true; extension: string } | { ok: false; reason: string };

/**
 * Whether an image from a document may go into the manuscript: a PNG, JPEG, GIF or plain SVG by its
 * bytes (whatever its name or the document says), and no larger than the pixel limit, read from its
 * header without decoding it.
 */
export function checkImage(bytes: Uint8Array): ImageVerdict {
  const type = imageTypeOfBytes(bytes);
  if (!type) return { ok: false, reason: `not a PNG, JPEG, GIF or SVG image (${describeBytes(bytes)})` };
  if (type === 'image/svg+xml') {
    const unsafe = unsafeSvgContent(Buffer.from(bytes).toString('utf8'));
    if (unsafe) return { ok: false, reason: `an SVG image with ${unsafe}` };
    return { ok: true, extension: 'svg' };
  }
  let size: { width?: number; height?: number };
  try {
    size = imageSize(bytes);
  } catch {
    return { ok: false, reason: 'a damaged image: its header gives no size' };
  }
  const pixels = (size.width ?? 0) * (size.height ?? 0);
  if (pixels > IMPORT_LIMITS.imagePixels)
    return {
      ok: false,
      reason:
        `${size.width} × ${size.height} pixels (${Math.round(pixels / 1e6)} megapixels; ` +
        `limit ${IMPORT_LIMITS.imagePixels / 1e6}): scale it down and add it by hand`,
    };
  return { ok: true, extension: EXTENSION_OF[type] };
}

/** What a file's first bytes say it is, for the few types Word documents carry that a pamphlet cannot. */
function describeBytes(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.readUInt32LE(0) === 1 && bytes.length > 44 && Buffer.from(bytes.subarray(40, 44)).toString() === ' EMF')
    return 'an EMF drawing';
  if (head.readUInt32LE(0) === 0x9ac6cdd7) return 'a WMF drawing';
  if (head.toString('latin1', 0, 2) === 'BM') return 'a BMP image';
  if (head.toString('latin1', 0, 4) === 'II*\0' || head.toString('latin1', 0, 4) === 'MM\0*') return 'a TIFF image';
  if (head.toString('latin1', 0, 4) === 'RIFF') return 'a WebP image';
  return 'an unknown type';
}
