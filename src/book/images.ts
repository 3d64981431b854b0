import path from 'node:path';

/** The image formats every EPUB reader shows (EPUB 3 core media types). */
export const IMAGE_TYPES = ['.png', '.jpg', '.jpeg', '.gif', '.svg'];

export interface ImageRules {
  /** Absolute path of the project folder: images must live inside it. */
  root: string;
  allowRemote: boolean;
  exists: (absolutePath: string) => boolean;
}

export type ImageCheck =
  | { kind: 'remote' }
  | { kind: 'local'; path: string; href: string }
  | { kind: 'refused'; reason: string; rule: string };

/**
 * Decides what an image `src` written in a manuscript file may be: a file inside the project of a
 * type every reader shows, or (only when allowed) a remote URL. The same rules for Markdown images
 * and raw HTML `<img>`, so no file outside the project can reach an output.
 */
export function checkImage(src: string, fromDir: string, rules: ImageRules): ImageCheck {
  if (!src) return { kind: 'refused', reason: 'Image without a source: give it a file name.', rule: 'missing-image' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) {
    if (/^https?:/i.test(src) && rules.allowRemote) return { kind: 'remote' };
    const why = /^https?:/i.test(src)
      ? 'remote images are not fetched unless the config sets manuscript.allowRemoteImages; download it into the project instead'
      : 'only image files inside the project can be used';
    return { kind: 'refused', reason: `Image "${src}" refused: ${why}.`, rule: 'remote-image' };
  }
  const absolute = path.resolve(fromDir, decodePath(src.split(/[?#]/)[0]));
  const relative = path.relative(rules.root, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return { kind: 'refused', reason: `Image "${src}" is outside the project folder; copy it into the project and link it from there.`, rule: 'image-outside' };
  }
  if (!rules.exists(absolute)) return { kind: 'refused', reason: `Image "${src}" not found (looked for ${relative}).`, rule: 'missing-image' };
  if (!IMAGE_TYPES.includes(path.extname(absolute).toLowerCase())) {
    return {
      kind: 'refused',
      reason: `Image "${src}": use a PNG, JPEG, GIF or SVG file; e-readers cannot show ${path.extname(absolute) || 'this file'}.`,
      rule: 'image-type',
    };
  }
  return { kind: 'local', path: absolute, href: relative.split(path.sep).join('/') };
}

/** `my%20picture.png` names "my picture.png"; a stray `%` is taken literally. */
function decodePath(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
