/**
 * What the colour conversion does to the book's images, said before it is done: an RGB image is
 * converted to the press colour, and one without a colour profile is taken as sRGB (a guess a
 * print shop would want to know about). Read from the files' bytes: PNG IHDR, iCCP and sRGB
 * chunks; JPEG SOF components and the APP2 ICC_PROFILE marker.
 */
import type { Asset } from '../../book/book-types.js';

export interface ImageColour {
  /** The colour the file is in. */
  model: 'rgb' | 'gray' | 'cmyk' | 'indexed' | 'other';
  /** Carries an ICC profile (or the PNG sRGB chunk). */
  profile: boolean;
}

export function imageColour(bytes: Uint8Array): ImageColour {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.subarray(1, 4).toString('latin1') === 'PNG') {
    const colourType = buf[25];
    let profile = false;
    for (let at = 8; at + 8 <= buf.length; ) {
      const length = buf.readUInt32BE(at);
      const type = buf.subarray(at + 4, at + 8).toString('latin1');
      if (type === 'iCCP' || type === 'sRGB') profile = true;
      if (type === 'IDAT' || type === 'IEND') break;
      at += 12 + length;
    }
    const model = colourType === 0 || colourType === 4 ? 'gray' : colourType === 3 ? 'indexed' : 'rgb';
    return { model, profile };
  }
  if (buf[0] === 0xff && buf[1] === 0xd8) {
    let components = 0;
    let profile = false;
    for (let at = 2; at + 4 <= buf.length && buf[at] === 0xff; ) {
      const marker = buf[at + 1];
      const length = buf.readUInt16BE(at + 2);
      if (marker === 0xe2 && buf.subarray(at + 4, at + 15).toString('latin1') === 'ICC_PROFILE') profile = true;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        components = buf[at + 9];
      if (marker === 0xda) break;
      at += 2 + length;
    }
    const model = components === 1 ? 'gray' : components === 3 ? 'rgb' : components === 4 ? 'cmyk' : 'other';
    return { model, profile };
  }
  return { model: 'other', profile: true };
}

/** One line naming the images the conversion changes, or none. */
export function imageConversionNotice(
  images: { name: string; bytes: Uint8Array }[],
  target: 'gray' | 'cmyk',
): string | undefined {
  const converted = images
    .map((image) => ({ ...image, colour: imageColour(image.bytes) }))
    .filter(
      ({ colour }) =>
        colour.model === 'rgb' || colour.model === 'indexed' || (target === 'gray' && colour.model === 'cmyk'),
    );
  if (converted.length === 0) return undefined;
  const names = converted.map(
    ({ name, colour }) => `${name}${colour.profile ? '' : ' (no colour profile: taken as sRGB)'}`,
  );
  return `${converted.length} image${converted.length === 1 ? '' : 's'} converted to ${target}: ${names.join(', ')}`;
}

/** The book's raster images (SVG is drawn as vectors and converted with the text). */
export function rasterAssets(assets: Asset[]): Asset[] {
  return assets.filter((asset) => asset.mediaType === 'image/png' || asset.mediaType === 'image/jpeg');
}
