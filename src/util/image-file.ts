import fs from 'node:fs';

/** The image types every EPUB reader shows (EPUB 3 core media types), by file name extension. */
export const IMAGE_EXTENSIONS: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
};

const KIND_NAMES: Record<string, string> = {
  'image/png': 'a PNG image',
  'image/jpeg': 'a JPEG image',
  'image/gif': 'a GIF image',
  'image/svg+xml': 'an SVG image',
};

export type ImageInspection = { ok: true; mediaType: string } | { ok: false; reason: string };

/**
 * What an image file's bytes say it is, whatever its name: PNG, JPEG and GIF by magic number, SVG by its root
 * element.
 */
export function imageTypeOfBytes(bytes: Uint8Array): string | undefined {
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61)
    return 'image/gif';
  const head = Buffer.from(bytes.subarray(0, 4096))
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>\s*)*<svg[\s>]/i.test(head))
    return 'image/svg+xml';
  return undefined;
}

/**
 * What in an SVG file could run code or fetch something when a reader or the print page shows it.
 * SVG is refused rather than rewritten: a drawing with any of these is not a plain picture, and a
 * PNG export says the same safely. Returns the offending text, or undefined for a safe SVG.
 */
export function unsafeSvgContent(svg: string): string | undefined {
  const checks: [RegExp, string][] = [
    [/<(?:[\w.-]+:)?script\b/i, 'a <script> element'],
    [/<(?:[\w.-]+:)?foreignObject\b/i, 'a <foreignObject> element'],
    [/<!ENTITY/i, 'an entity declaration'],
    [/<\?xml-stylesheet/i, 'an external stylesheet'],
    [/\son[a-z]+\s*=/i, 'an event handler attribute (on…=)'],
    [/@import/i, 'a CSS @import'],
    [/url\(\s*(?!["']?#)/i, 'a url() reference to another file'],
    [
      /\s(?:[\w.-]+:)?href\s*=\s*(?!["']\s*(?:#|data:image\/(?:png|jpeg|gif);))/i,
      'a link (href) to another file or address',
    ],
    [/attributeName\s*=\s*["']?(?:[\w.-]+:)?href/i, 'an animated link'],
  ];
  for (const [pattern, what] of checks) if (pattern.test(svg)) return what;
  return undefined;
}

/**
 * Checks an image file the build is about to use: its bytes must be the type its name says, and an
 * SVG must be a plain drawing. `realPath` must already be known to be inside the project.
 */
export function inspectImageFile(realPath: string, extension: string): ImageInspection {
  const expected = IMAGE_EXTENSIONS[extension.toLowerCase()];
  const bytes = fs.readFileSync(realPath);
  if (bytes.length === 0) return { ok: false, reason: 'is an empty file (0 bytes)' };
  const actual = imageTypeOfBytes(bytes);
  if (!actual)
    return {
      ok: false,
      reason: `is not ${KIND_NAMES[expected] ?? 'an image'}: its bytes are not a PNG, JPEG, GIF or SVG file`,
    };
  if (actual !== expected)
    return {
      ok: false,
      reason:
        `is ${KIND_NAMES[actual]} named ${extension}: ` +
        `rename it to end in ${Object.keys(IMAGE_EXTENSIONS).find((e) => IMAGE_EXTENSIONS[e] === actual)}`,
    };
  if (actual === 'image/svg+xml') {
    const unsafe = unsafeSvgContent(bytes.toString('utf8'));
    if (unsafe)
      return {
        ok: false,
        reason:
          `is an SVG with ${unsafe}, which could run code or fetch files when shown; ` +
          'remove it, or export the drawing as PNG',
      };
  }
  return { ok: true, mediaType: actual };
}
