import { slug } from 'github-slugger';
import type { ElementContent, Root as HastRoot, Parent as HastParent } from 'hast';
import { sanitize, defaultSchema } from 'hast-util-sanitize';
import { toMdast } from 'hast-util-to-mdast';
import type {
  FootnoteDefinition,
  Heading,
  PhrasingContent,
  Root as MdastRoot,
  RootContent,
  Parent as MdastParent,
} from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import YAML from 'yaml';
import { CALL_OPEN, CALL_PATTERN } from './notes.js';
import { count, type ImportReport } from './report.js';

/** The metadata a document gives about itself, in the front matter's terms. */
export interface DocumentMetadata {
  title?: string;
  subtitle?: string;
  author?: string[];
  lang?: string;
  date?: string;
  description?: string;
  source?: string;
}

/** One converted document, before it becomes manuscript files. */
export interface ConvertedDocument {
  /** The input's name without its folder and extension: names its files and images. */
  name: string;
  metadata: DocumentMetadata;
  /** The text, with each note's call as a call token (see notes.ts). */
  body: HastRoot;
  /** Each note's blocks, by number. */
  notes: Map<number, ElementContent[]>;
  /** Image files to write into manuscript/images/, by name; the body refers to them as images/<name>. */
  images: Map<string, Uint8Array>;
  report: ImportReport;
}

export interface ManuscriptFile {
  /** Relative to manuscript/. */
  name: string;
  text: string;
  words: number;
  notes: number;
}

/** Past this many words, a document with several top-level sections becomes one file per section. */
export const LONG_DOCUMENT_WORDS = 4_000;

/** Elements whose content is never text of the document: dropped whole, never unwrapped into the text. */
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'button',
  'input',
  'select',
  'textarea',
  'canvas',
  'video',
  'audio',
  'svg',
  'math',
  'head',
  'title',
  'meta',
  'link',
  'base',
];

/**
 * The document as Markdown that pamphleteer's own parser reads back: scripts, handlers and every
 * element that could run or fetch something are gone (hast-util-sanitize after the importer has put
 * every image in images/), notes are GFM footnotes at their calls, headings start at `##`, and a long
 * document is one file per top-level section (`01-…md`, `02-…md`, numbered from `firstNumber`).
 */
export function toManuscriptFiles(doc: ConvertedDocument, firstNumber: number): ManuscriptFile[] {
  const mdast = hastToMdast(doc.body, doc.report);
  const definitions = new Map<number, FootnoteDefinition>();
  for (const [n, content] of doc.notes) {
    const note = hastToMdast({ type: 'root', children: content }, doc.report, n);
    definitions.set(n, {
      type: 'footnoteDefinition',
      identifier: String(n),
      label: String(n),
      children: note.children as FootnoteDefinition['children'],
    });
  }
  normalizeHeadings(mdast, doc);
  const calledNotes = new Set<number>();
  visit(mdast, 'footnoteReference', (ref) => {
    calledNotes.add(Number(ref.identifier));
  });
  const uncalled = [...doc.notes.keys()].filter((n) => !calledNotes.has(n));
  if (uncalled.length)
    doc.report.dropped.push(
      `${count(uncalled.length, 'note')} whose call was outside the article text ` +
        `(${uncalled.map((n) => `“${firstWords(mdastToString(definitions.get(n)!))}”`).join(', ')})`,
    );

  const words = countWords(mdastToString(mdast));
  const parts = splitSections(mdast, words, doc);
  const baseName =
    slug(doc.metadata.title ?? doc.name)
      .slice(0, 40)
      .replace(/-+$/, '') || 'text';
  const width = String(firstNumber + parts.length - 1).length > 2 ? 3 : 2;
  return parts.map((part, i) => {
    const used = new Set<number>();
    visit(part, 'footnoteReference', (ref) => {
      used.add(Number(ref.identifier));
    });
    for (const n of [...used].sort((a, b) => a - b)) part.children.push(structuredClone(definitions.get(n)!));
    const heading = part.children.find((c): c is Heading => c.type === 'heading');
    const partName = i === 0 ? baseName : fileSlug(heading ? mdastToString(heading) : baseName) || 'part';
    const number = String(firstNumber + i).padStart(width, '0');
    return {
      name: `${number}-${partName}.md`,
      text: stringify(part),
      words: countWords(mdastToString(part)),
      notes: used.size,
    };
  });
}

/** The front matter the first file starts with, written with the yaml package (quoting as needed). */
export function frontMatter(metadata: DocumentMetadata): string {
  const data: Record<string, unknown> = { title: metadata.title ?? 'Untitled' };
  if (metadata.subtitle) data.subtitle = metadata.subtitle;
  if (metadata.author?.length) data.author = metadata.author.length === 1 ? metadata.author[0] : metadata.author;
  data.lang = metadata.lang ?? 'en';
  if (metadata.date) data.date = metadata.date;
  if (metadata.source) data.source = metadata.source;
  if (metadata.description) data.description = metadata.description;
  return `---\n${YAML.stringify(data, { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' })}---\n\n`;
}

function hastToMdast(tree: HastRoot, report: ImportReport, inNote?: number): MdastRoot {
  removeDangerous(tree);
  keepOnlyImportedImages(tree);
  separateFigures(tree);
  unwrapAnchors(tree, report, inNote === undefined);
  // GitHub's schema, as rehype-sanitize uses it: no scripts, handlers, frames, forms or styles, and
  // no javascript: or data: address; the importer has already put every image under images/.
  const clean = sanitize(tree, { ...defaultSchema, clobberPrefix: '' }) as HastRoot;
  const mdast = toMdast(clean) as MdastRoot;
  replaceCallTokens(mdast, report, inNote);
  return mdast;
}

function removeDangerous(tree: HastParent): void {
  tree.children = tree.children.filter(
    (c) => !(c.type === 'element' && DROPPED_WITH_CONTENT.includes(c.tagName)) && c.type !== 'comment',
  );
  for (const c of tree.children) if (c.type === 'element') removeDangerous(c);
}

/**
 * An image the importer did not put in images/ (dropped, with its reason in the report) leaves its
 * alt text, in italics, so no word of the document is lost.
 */
function keepOnlyImportedImages(tree: HastParent): void {
  tree.children = tree.children.flatMap((c): HastParent['children'] => {
    if (c.type !== 'element') return [c];
    if (c.tagName === 'img' && !String(c.properties.src ?? '').startsWith('images/')) {
      const alt = String(c.properties.alt ?? '').trim();
      return alt ? [{ type: 'element', tagName: 'em', properties: {}, children: [{ type: 'text', value: alt }] }] : [];
    }
    keepOnlyImportedImages(c);
    return [c];
  }) as HastParent['children'];
}

/**
 * A figure's image stands alone in its paragraph (pamphleteer makes it a figure captioned with its
 * alt text) and its caption follows as a paragraph of its own, so neither loses a word.
 */
function separateFigures(tree: HastParent): void {
  tree.children = tree.children.flatMap((c): HastParent['children'] => {
    if (c.type !== 'element') return [c];
    separateFigures(c);
    if (c.tagName !== 'figure') return [c];
    return c.children.flatMap((part): HastParent['children'] => {
      if (part.type !== 'element') return part.type === 'text' && part.value.trim() === '' ? [] : [part];
      if (part.tagName === 'img') return [{ type: 'element', tagName: 'p', properties: {}, children: [part] }];
      if (part.tagName === 'figcaption') return [{ ...part, tagName: 'p' }];
      return [part];
    });
  }) as HastParent['children'];
}

/** Links within the document lead nowhere once it is a book (their targets are gone): their text stays. */
function unwrapAnchors(tree: HastParent, report: ImportReport, count: boolean): void {
  let internal = 0;
  const walk = (parent: HastParent) => {
    parent.children = parent.children.flatMap((c): HastParent['children'] => {
      if (c.type !== 'element') return [c];
      walk(c);
      if (c.tagName !== 'a') return [c];
      const href = c.properties.href;
      if (typeof href === 'string' && href !== '' && !href.startsWith('#')) return [c];
      if (typeof href === 'string' && href.startsWith('#') && c.children.length) internal++;
      return c.children;
    }) as HastParent['children'];
  };
  walk(tree);
  if (internal && count)
    report.guesses.push(
      `${internal === 1 ? 'a link' : `${internal} links`} to places within the document kept as plain text`,
    );
}

/** Call tokens in the text become GFM footnote references; in a note (a note in a note) they are dropped. */
function replaceCallTokens(tree: MdastRoot, report: ImportReport, inNote?: number): void {
  visit(tree, 'text', (node, index, parent) => {
    if (!parent || index === undefined || !node.value.includes(CALL_OPEN)) return;
    const parts: PhrasingContent[] = [];
    let last = 0;
    for (const m of node.value.matchAll(CALL_PATTERN)) {
      if (m.index > last) parts.push({ type: 'text', value: node.value.slice(last, m.index) });
      if (inNote === undefined) parts.push({ type: 'footnoteReference', identifier: m[1], label: m[1] });
      else
        report.guesses.push(`note ${inNote} called note ${m[1]}; a note cannot hold a note, so that call was left out`);
      last = m.index + m[0].length;
    }
    if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
    (parent as MdastParent).children.splice(index, 1, ...(parts as MdastParent['children']));
    return index + parts.length;
  });
}

/** Headings start at `##` (the title is the front matter's); a first heading that repeats the title goes. */
function normalizeHeadings(tree: MdastRoot, doc: ConvertedDocument): void {
  const first = tree.children.find((c) => !(c.type === 'paragraph' && mdastToString(c).trim() === ''));
  if (first?.type === 'heading') {
    const text = mdastToString(first).trim();
    if (!doc.metadata.title) {
      doc.metadata.title = text;
      doc.report.guesses.push(`title “${text}”: from the first heading (the document names none)`);
      tree.children.splice(tree.children.indexOf(first), 1);
    } else if (sameText(text, doc.metadata.title)) tree.children.splice(tree.children.indexOf(first), 1);
  }
  if (!doc.metadata.title) {
    doc.metadata.title = doc.name.replace(/[-_]+/g, ' ').trim() || 'Untitled';
    doc.report.guesses.push(`title “${doc.metadata.title}”: from the file name (the document names none)`);
  }
  const depths = tree.children.filter((c): c is Heading => c.type === 'heading').map((h) => h.depth);
  if (!depths.length) return;
  const shift = 2 - Math.min(...depths);
  if (shift === 0) return;
  let merged = false;
  visit(tree, 'heading', (h) => {
    const depth = h.depth + shift;
    if (depth > 6) merged = true;
    h.depth = Math.min(6, Math.max(1, depth)) as Heading['depth'];
  });
  if (merged) doc.report.guesses.push('headings deeper than six levels set as level six');
}

function splitSections(tree: MdastRoot, words: number, doc: ConvertedDocument): MdastRoot[] {
  const top = tree.children.filter((c): c is Heading => c.type === 'heading' && c.depth === 2);
  if (words <= LONG_DOCUMENT_WORDS || top.length < 2) return [tree];
  const parts: MdastRoot[] = [];
  let current: RootContent[] = [];
  for (const child of tree.children) {
    if (child.type === 'heading' && child.depth === 2 && current.length) {
      parts.push({ type: 'root', children: current });
      current = [];
    }
    current.push(child);
  }
  if (current.length) parts.push({ type: 'root', children: current });
  doc.report.guesses.push(
    `${count(words, 'word')}: long, so one file per top-level section (${count(parts.length, 'file')})`,
  );
  return parts;
}

function stringify(tree: MdastRoot): string {
  return unified()
    .use(remarkGfm)
    .use(remarkStringify, {
      bullet: '-',
      emphasis: '*',
      strong: '*',
      rule: '*',
      fences: true,
      listItemIndent: 'one',
    })
    .stringify(tree);
}

/** Words as a reader counts them: runs of text holding a letter (call numbers and figures aside). */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
}

/** A file name part from a title: accents dropped (Bäckerei → backerei), other scripts kept. */
function fileSlug(text: string): string {
  return slug(text.normalize('NFKD').replace(/\p{M}/gu, '')).slice(0, 40).replace(/-+$/, '');
}

function firstWords(text: string): string {
  const words = text.trim().split(/\s+/);
  return words.slice(0, 6).join(' ') + (words.length > 6 ? '…' : '');
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return norm(a) === norm(b);
}
