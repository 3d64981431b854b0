import path from 'node:path';
import type { Element, Root as HastRoot } from 'hast';
import { raw } from 'hast-util-raw';
import type { Definition, Html, Image, ImageReference, Root, Yaml } from 'mdast';
import { normalizeUri } from 'micromark-util-sanitize-uri';
import type { Plugin } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { reportError } from '../util/diagnostics.js';
import { checkImage, type ImageCheck, type ImageRules } from './image-rules.js';

/*
 * The image rules (image-rules.ts) as manuscript checks: every image a file shows (Markdown images,
 * raw HTML <img>, images in notes) and the front matter's cover. A refused image is an error where
 * it is written; an accepted one is kept in `file.data.images` under its `src` as the HTML tree
 * will have it, so the Book builder takes its place in the book without asking the disk again.
 */

/** Every image of a file by its `src` (as the HTML tree has it): what the rules decided. */
export type ImageDecisions = Map<string, ImageCheck>;

declare module 'vfile' {
  interface DataMap {
    images: ImageDecisions;
    /** The front matter's cover, when it names one that the rules accept. */
    cover: Extract<ImageCheck, { kind: 'local' }>;
    /** Set on the file whose front matter is the book's (the first that has one). */
    metadataFile: boolean;
  }
}

/** Checks every image of a file. Notes never referenced are left out of the book, and so are their images. */
export const remarkImageChecks: Plugin<[ImageRules], Root> = (rules) => (tree, file) => {
  const images: ImageDecisions = new Map();
  file.data.images = images;
  const fromDir = path.dirname(file.path);
  const check = (src: string, place: Element['position']) => {
    const checked = images.get(src) ?? checkImage(src, fromDir, rules);
    images.set(src, checked);
    if (checked.kind === 'refused') reportError(file, checked.reason, place, checked.rule);
  };
  const definitions = new Map<string, Definition>();
  const referenced = new Set<string>();
  visit(tree, (node) => {
    if (node.type === 'definition') definitions.set(node.identifier, node);
    if (node.type === 'footnoteReference') referenced.add(node.identifier);
  });
  visit(tree, (node) => {
    if (node.type === 'footnoteDefinition' && !referenced.has(node.identifier)) return SKIP;
    if (node.type === 'yaml') return SKIP;
    // The `src` mdast-util-to-hast gives these: the URL, percent-encoded where it must be.
    if (node.type === 'image') check(normalizeUri((node as Image).url), node.position);
    if (node.type === 'imageReference') {
      const definition = definitions.get((node as ImageReference).identifier);
      // Without a definition the reference stays text, as in the HTML.
      if (definition) check(normalizeUri(definition.url), node.position);
    }
    if (node.type === 'html') for (const img of rawImages(node as Html, file)) check(img.src, img.position);
  });
};

/** The <img> elements of a piece of raw HTML, parsed as the HTML tree parses it (with their positions in the file). */
function rawImages(node: Html, file: VFile): { src: string; position: Element['position'] }[] {
  if (!/<img\b/i.test(node.value)) return [];
  const tree = raw(
    { type: 'root', children: [{ type: 'raw', value: node.value, position: node.position }] } as HastRoot,
    { file },
  ) as HastRoot;
  const found: { src: string; position: Element['position'] }[] = [];
  visit(tree, 'element', (el: Element) => {
    if (el.tagName === 'img')
      found.push({ src: typeof el.properties.src === 'string' ? el.properties.src : '', position: el.position });
  });
  return found;
}

/** The front matter's cover follows the image rules; an error points at its `cover:` line. */
export const remarkCoverCheck: Plugin<[ImageRules], Root> = (rules) => (tree, file) => {
  const cover = file.data.frontMatter?.cover;
  if (!cover || !file.data.metadataFile) return;
  const checked = checkImage(cover, path.dirname(file.path), rules);
  if (checked.kind === 'local') file.data.cover = checked;
  else
    reportError(
      file,
      `Front matter: cover ${checked.reason.replace(/^Image/, 'image')}`,
      coverPlace(tree),
      'front-matter',
    );
};

/** Where the front matter's `cover:` key is written (the line after the opening `---` when not found). */
function coverPlace(tree: Root): { line: number; column: number } {
  const yaml = tree.children.find((n): n is Yaml => n.type === 'yaml');
  const first = (yaml?.position?.start.line ?? 1) + 1;
  const lines = yaml ? yaml.value.split('\n') : [];
  const at = lines.findIndex((l) => /^cover\s*:/.test(l));
  return { line: at >= 0 ? first + at : first, column: 1 };
}
