import path from 'node:path';
import type { ImageInspection } from '../util/image-file.js';
import { IMAGE_EXTENSIONS } from '../util/image-file.js';
import type { ProjectPath } from '../util/project-path.js';

/** The image formats every EPUB reader shows (EPUB 3 core media types). */
export const IMAGE_TYPES = Object.keys(IMAGE_EXTENSIONS);

/** What the image rules ask of the disk, injected so that the Book builder stays pure. */
export interface ImageRules {
  /** Where a reference leads: src/util/project-path.ts resolveInProject, bound to the project. */
  locate: (reference: string, fromDir: string) => ProjectPath;
  /** What the file's bytes are: src/util/image-file.ts inspectImageFile. */
  inspect: (realPath: string, extension: string) => ImageInspection;
  /** For a missing image: an existing file it probably meant (other letter case, the project's images/). */
  similar?: (reference: string, fromDir: string) => string | undefined;
}

export type ImageCheck =
  | { kind: 'local'; path: string; href: string; mediaType: string }
  | { kind: 'refused'; reason: string; rule: string };

/**
 * Decides what an image `src` written in a manuscript file (or the front matter's cover) may be: a
 * file whose real path is inside the project, whose bytes are a type every reader shows. Nothing
 * else: there is no network at build time, and no other file may reach an output. The same rules
 * for Markdown images, raw HTML `<img>`, images in notes and the cover.
 */
export function checkImage(src: string, fromDir: string, rules: ImageRules): ImageCheck {
  if (!src.trim())
    return { kind: 'refused', reason: 'Image without a source: give it a file name.', rule: 'missing-image' };
  if (/^file:/i.test(src)) {
    return {
      kind: 'refused',
      reason:
        `Image "${src}" refused: file: URLs are not allowed; ` +
        'write the path relative to the manuscript file, to a file inside the project.',
      rule: 'image-outside',
    };
  }
  if (/^https?:|^\/\//i.test(src)) {
    return {
      kind: 'refused',
      reason:
        `Image "${src}" refused: remote images are never fetched; ` +
        'download it into the project and link it by its path.',
      rule: 'remote-image',
    };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) {
    return {
      kind: 'refused',
      reason: `Image "${src}" refused: only image files inside the project can be used.`,
      rule: 'remote-image',
    };
  }
  const written = decodePath(src.split(/[?#]/)[0]);
  if (written.includes('\\')) {
    // A Windows path: a URL's separator is "/", and "\\" is a letter of the name everywhere else.
    return {
      kind: 'refused',
      reason: `Image "${written}": write the path with "/", not "\\": ${written.replace(/\\/g, '/')}.`,
      rule: 'missing-image',
    };
  }
  const located = rules.locate(written, fromDir);
  if (!located.ok) {
    return located.problem === 'outside'
      ? {
          kind: 'refused',
          reason: `Image "${src}" ${located.reason}; copy it into the project and link it from there.`,
          rule: 'image-outside',
        }
      : {
          kind: 'refused',
          reason: `Image "${src}" not found (looked for ${located.relative}).${didYouMean(
            rules.similar?.(written, fromDir),
          )}`,
          rule: 'missing-image',
        };
  }
  const extension = path.extname(located.absolute).toLowerCase();
  if (!IMAGE_TYPES.includes(extension)) {
    return {
      kind: 'refused',
      reason: `Image "${src}": use a PNG, JPEG, GIF or SVG file; e-readers cannot show ${extension || 'this file'}.`,
      rule: 'image-type',
    };
  }
  const inspected = rules.inspect(located.real, extension);
  if (!inspected.ok) return { kind: 'refused', reason: `Image "${src}" ${inspected.reason}.`, rule: 'image-type' };
  return { kind: 'local', path: located.real, href: located.relative, mediaType: inspected.mediaType };
}

/** `my%20picture.png` names "my picture.png"; a stray `%` is taken literally. */
function decodePath(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

function didYouMean(suggestion: string | undefined): string {
  return suggestion ? ` Did you mean "${suggestion}"?` : '';
}
