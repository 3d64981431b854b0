import { countWords, directionOf, localeLowerCase, slugOf } from '../language/index.js';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import { raw } from 'hast-util-raw';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import type { FootnoteDefinition, FootnoteReference, Root as MdastRoot, Nodes as MdastNodes } from 'mdast';
import { toHast, type State } from 'mdast-util-to-hast';
import { EXIT, SKIP, visit } from 'unist-util-visit';
import { v5 as uuidv5 } from 'uuid';
import type { FrontMatter } from '../manuscript/frontmatter.js';
import type { ParsedFile } from '../manuscript/parse.js';
import type { VFile } from 'vfile';
import { reportWarning } from '../util/diagnostics.js';
import { implicitFigures } from './figures.js';
import { labelsFor, labelsInEnglish, type LabelOverrides } from '../templates/labels.js';
import {
  NOTE_REF_TAG,
  type Asset,
  type Book,
  type BookMetadata,
  type Chapter,
  type Heading,
  type Note,
} from './book-types.js';
import { withoutNonXmlCharacters } from '../util/xml-characters.js';

export interface BuildOptions {
  /** Absolute path of the project folder. */
  root: string;
  /** Front matter of the book (from the first file that has one). */
  frontMatter: FrontMatter;
  /** Absolute path of the cover image named by the front matter, resolved by the caller. */
  cover?: string;
  /** Labels set in the config (`labels:`); the front matter's win over them. */
  labels?: LabelOverrides;
}

/**
 * Attributes that name a URL outside the book and that a reader or the print page would fetch or
 * follow by itself (`<source srcset>`, `<img longdesc>`, `cite`, `action`): dropped. Styles, SVG,
 * media (poster) and `xlink:href` are not in the allowed lists at all. Link `href`s stay: a reader
 * follows them only when asked to.
 */
const OUTSIDE_URL_ATTRIBUTES = new Set(['srcSet', 'longDesc', 'cite', 'action']);
const withoutOutsideUrls = (list: NonNullable<Schema['attributes']>[string] = []) =>
  list.filter((a) => !OUTSIDE_URL_ATTRIBUTES.has(Array.isArray(a) ? String(a[0]) : a));

const sanitizeSchema: Schema = {
  ...defaultSchema,
  // Ids from raw HTML get a prefix, so they can never collide with the ones assigned here.
  clobberPrefix: 'user-',
  // <picture> keeps its <img>; its <source>s would fetch other files.
  tagNames: [
    ...(defaultSchema.tagNames ?? []).filter((t) => t !== 'source'),
    NOTE_REF_TAG,
    'figure',
    'figcaption',
    'small',
    'abbr',
    'cite',
    'mark',
    'span',
  ],
  attributes: {
    ...Object.fromEntries(
      Object.entries(defaultSchema.attributes ?? {}).map(([tag, list]) => [tag, withoutOutsideUrls(list)]),
    ),
    [NOTE_REF_TAG]: ['dataNote', 'dataRef', 'dataNonce'],
    '*': [...withoutOutsideUrls(defaultSchema.attributes?.['*']), 'className', 'lang', 'dir'],
  },
  // Every image src reaches the image rules as written (file:, data:, http:…), so the message says
  // what is wrong with it instead of "image without a source".
  protocols: { ...defaultSchema.protocols, src: undefined },
};

/** Namespace of the derived identifiers: the same title and authors always give the same UUID. */
const BOOK_ID_NAMESPACE = '6f4d3c1e-8a57-4b0e-9a55-7a6d5a1b2c3d';

/**
 * Builds the Book from parsed manuscript files. Reads nothing from disk: the manuscript checks
 * (src/manuscript/image-checks.ts) have already decided every image, and refused the ones that break the rules.
 * Notes are numbered 1…N in order of first reference across the whole book; labels are scoped per file.
 */
export function buildBook(parsed: ParsedFile[], options: BuildOptions): Book {
  const slugger = new GithubSlugger();
  // Ids lower-cased by the book's language's rules (Turkish "İ" is "i", with no stray dot above) and NFC.
  const plainSlug = slugger.slug.bind(slugger);
  slugger.slug = (value: string, maintainCase?: boolean) =>
    plainSlug(localeLowerCase(value.normalize('NFC'), options.frontMatter.lang ?? 'en'), maintainCase);
  const notes: Note[] = [];
  const chapters: Chapter[] = [];
  const assets = new Map<string, Asset>();
  // Marks the note references made here, so that the same tag typed as raw HTML is not taken for one.
  const nonce = randomUUID();
  // Chapters start at the highest heading level used anywhere in the book, so a file whose first
  // heading is deeper continues the structure instead of making top-level chapters of its own.
  const topDepth = Math.min(
    7,
    ...parsed.flatMap(({ tree }) => tree.children.flatMap((n) => (n.type === 'heading' ? [n.depth] : []))),
  );
  warnSingleTopHeading(parsed, topDepth);

  parsed.forEach(({ file, tree }, fileIndex) => {
    const sourceFile = path.relative(options.root, file.path).split(path.sep).join('/');
    const definitions = new Map<string, FootnoteDefinition>();
    for (const node of tree.children) if (node.type === 'footnoteDefinition') definitions.set(node.identifier, node);
    const body: MdastRoot = {
      type: 'root',
      children: tree.children.filter((n) => n.type !== 'footnoteDefinition' && n.type !== 'yaml'),
    };

    // Number the notes of this file in reading order, continuing the book's count.
    const numberOf = new Map<string, number>();
    visit(body, 'footnoteReference', (ref: FootnoteReference) => {
      if (numberOf.has(ref.identifier) || !definitions.has(ref.identifier)) return;
      numberOf.set(ref.identifier, notes.length + numberOf.size + 1);
    });
    const refCount = new Map<number, number>();
    const hast = toHtmlTree(body, file, {
      footnoteReference(_state: State, node: FootnoteReference): Element {
        const number = numberOf.get(node.identifier)!;
        const seen = (refCount.get(number) ?? 0) + 1;
        refCount.set(number, seen);
        return {
          type: 'element',
          tagName: NOTE_REF_TAG,
          properties: { dataNote: String(number), dataRef: String(seen), dataNonce: nonce },
          children: [],
        };
      },
    });
    for (const [identifier, number] of numberOf) {
      const content = toHtmlTree(
        { type: 'root', children: definitions.get(identifier)!.children } as MdastRoot,
        file,
        {},
      ).children as ElementContent[];
      notes.push({
        number,
        id: `fn-${number}`,
        refIds: Array.from({ length: refCount.get(number) ?? 1 }, (_, i) =>
          i === 0 ? `fnref-${number}` : `fnref-${number}-${i + 1}`,
        ),
        chapterId: '',
        content,
        text: normalizeSpace(content.map((c) => hastToString(c)).join(' ')),
      });
    }
    notes.sort((a, b) => a.number - b.number);

    liftNoteRefsOutOfLinks(hast);
    implicitFigures(hast);
    collectAssets(hast, file, assets);
    for (const note of notes.slice(notes.length - numberOf.size))
      collectAssets({ type: 'root', children: note.content }, file, assets);
    for (const chapter of splitChapters(hast, topDepth, sourceFile, slugger, fileIndex)) chapters.push(chapter);
  });

  // Now that chapters exist: ids on note references, and each note's chapter.
  for (const chapter of chapters) {
    visit(chapter.tree, 'element', (el: Element, index, parent) => {
      if (el.tagName !== NOTE_REF_TAG) return;
      if (el.properties.dataNonce !== nonce) {
        parent!.children.splice(index!, 1);
        return index;
      }
      const number = Number(el.properties.dataNote);
      const nth = Number(el.properties.dataRef);
      const note = notes[number - 1];
      el.properties = { dataNote: String(number), id: note.refIds[nth - 1] };
      if (nth === 1) {
        note.chapterId = chapter.id;
        chapter.notes.push(number);
      }
    });
  }

  const metadata = toMetadata(options.frontMatter, options.cover, options.labels);
  noteEnglishLabels(parsed, metadata);
  const aboutText = withoutControlCharacters(options.frontMatter).about;
  const about = aboutText ? aboutTree(aboutText) : undefined;
  const headings = chapters.flatMap((c) => c.headings);
  const lang = metadata.lang;
  const words = chapters.reduce((n, c) => n + countWords(hastToString(c.tree), lang), 0);
  const noteWords = notes.reduce((n, note) => n + countWords(note.text, lang), 0);
  return {
    metadata,
    slug: slugOf(metadata.title, metadata.lang) || 'book',
    chapters,
    notes,
    headings,
    about,
    assets: [...assets.values()],
    root: options.root,
    stats: { words, noteWords },
  };
}

/** mdast → hast with raw HTML parsed and then sanitized: no script, handler or frame survives. */
function toHtmlTree(tree: MdastRoot, file: VFile, handlers: Record<string, unknown>): HastRoot {
  const hast = toHast(tree as MdastNodes, { allowDangerousHtml: true, handlers: handlers as never }) as HastRoot;
  // Re-parsing through parse5 is only needed where the manuscript has raw HTML; the file gives the
  // parsed elements their positions, for messages about them.
  return sanitize(hasRawHtml(tree) ? raw(hast, { file }) : hast, sanitizeSchema) as HastRoot;
}

function hasRawHtml(tree: MdastRoot): boolean {
  let found = false;
  visit(tree, 'html', () => {
    found = true;
    return EXIT;
  });
  return found;
}

/**
 * One `#` heading above every `##` section (often the title typed again) turns the whole book into
 * one chapter with subsections: a warning at that heading, which says what to do instead.
 */
function warnSingleTopHeading(parsed: ParsedFile[], topDepth: number): void {
  const headings = parsed.flatMap(({ file, tree }) =>
    tree.children.flatMap((n) => (n.type === 'heading' ? [{ file, node: n }] : [])),
  );
  const top = headings.filter((h) => h.node.depth === topDepth);
  const below = headings.filter((h) => h.node.depth === topDepth + 1);
  if (top.length !== 1 || below.length < 2) return;
  const marks = '#'.repeat(topDepth);
  reportWarning(
    top[0].file,
    `The only "${marks}" heading makes the ${below.length} "${marks}#" sections below it subsections of ` +
      'one chapter. If it is the title, put it in the front matter (title:) and remove it here; ' +
      `otherwise give each chapter a "${marks}" heading.`,
    top[0].node.position,
    'single-top-heading',
  );
}

/** Splits one file's tree into chapters at headings of depth `top` (7: the book has no headings). */
function splitChapters(
  tree: HastRoot,
  top: number,
  sourceFile: string,
  slugger: GithubSlugger,
  fileIndex: number,
): Chapter[] {
  const headingDepth = (node: HastContent) =>
    node.type === 'element' && /^h[1-6]$/.test(node.tagName) ? Number(node.tagName[1]) : 0;
  const groups: HastContent[][] = [];
  for (const node of tree.children) {
    if (headingDepth(node) === top || groups.length === 0) groups.push([]);
    groups[groups.length - 1].push(node);
  }
  const chapters: Chapter[] = [];
  for (const children of groups) {
    // Whitespace-only text between blocks does not make an opening section.
    if (!children.some((c) => c.type === 'element' || (c.type === 'text' && c.value.trim()))) continue;
    const headings: Heading[] = [];
    const first = children.find((c) => c.type === 'element') as Element | undefined;
    const titled = first !== undefined && headingDepth(first) === top;
    const title = titled ? normalizeSpace(hastToString(first)) : null;
    const id = titled
      ? slugger.slug(title!)
      : slugger.slug(fileIndex === 0 ? 'opening' : path.basename(sourceFile, '.md'));
    const chapterTree: HastRoot = { type: 'root', children };
    visit(chapterTree, 'element', (el: Element) => {
      const depth = /^h([1-6])$/.exec(el.tagName);
      if (!depth) return;
      const text = normalizeSpace(hastToString(el));
      const headingId = el === first && titled ? id : slugger.slug(text);
      el.properties.id = headingId;
      headings.push({ id: headingId, depth: Number(depth[1]) as Heading['depth'], text, chapterId: id });
    });
    chapters.push({ id, title, tree: chapterTree, notes: [], headings, sourceFile });
  }
  return chapters;
}

/**
 * A note called inside link text would put the note's link inside the other (nested links are
 * invalid in EPUB and ambiguous anywhere): the call moves to just after the link, as a book prints it.
 */
function liftNoteRefsOutOfLinks(tree: HastRoot) {
  visit(tree, 'element', (el: Element, index, parent) => {
    if (el.tagName !== 'a' || !parent || index === undefined) return;
    const refs: Element[] = [];
    visit(el, 'element', (inner: Element, i, p) => {
      if (inner.tagName !== NOTE_REF_TAG || !p || i === undefined) return;
      refs.push(inner);
      p.children.splice(i, 1);
      return i;
    });
    if (refs.length) parent.children.splice(index + 1, 0, ...refs);
    return [SKIP, index + 1 + refs.length];
  });
}

/** Points every image at its file in the project and lists it as an asset, as the image checks decided. */
function collectAssets(tree: HastRoot, file: VFile, assets: Map<string, Asset>) {
  visit(tree, 'element', (el: Element) => {
    if (el.tagName !== 'img') return;
    const src = typeof el.properties.src === 'string' ? el.properties.src : '';
    const checked = file.data.images?.get(src);
    // Every image reaches the book through the checks; one they did not see must not slip past them.
    if (!checked) throw new Error(`${file.path}: image "${src}" was not checked by the image rules`);
    if (checked.kind === 'local') {
      el.properties.src = checked.href;
      if (!assets.has(checked.href))
        assets.set(checked.href, { href: checked.href, path: checked.path, mediaType: checked.mediaType });
    }
  });
}

/** The front matter without the characters XML cannot hold: every EPUB file shows some of it. */
function withoutControlCharacters(fm: FrontMatter): FrontMatter {
  const clean = (v: unknown): unknown =>
    typeof v === 'string' ? withoutNonXmlCharacters(v) : Array.isArray(v) ? v.map(clean) : v;
  return Object.fromEntries(Object.entries(fm).map(([k, v]) => [k, clean(v)])) as FrontMatter;
}

/**
 * A note on the file with the front matter when some labels are in English: pamphleteer has none for
 * the book's language, and the `labels:` key does not set them all.
 */
function noteEnglishLabels(parsed: ParsedFile[], metadata: BookMetadata): void {
  const english = labelsInEnglish(metadata.lang, metadata.labels);
  if (!english.length) return;
  const file = (parsed.find((p) => p.file.data.metadataFile) ?? parsed[0]).file;
  const yaml = parsed.find((p) => p.file === file)?.tree.children.find((n) => n.type === 'yaml');
  reportWarning(
    file,
    `pamphleteer has no labels for "${metadata.lang}": ${english.join(', ')} are in English. ` +
      'Set them under "labels:" in the front matter or the config (see docs/options.md).',
    yaml?.position?.start,
    'labels',
  );
}

function toMetadata(raw: FrontMatter, cover?: string, configLabels: LabelOverrides = {}): BookMetadata {
  const fm = withoutControlCharacters(raw);
  const labels: LabelOverrides = { ...configLabels, ...fm.labels };
  const authors = fm.author === undefined ? [] : Array.isArray(fm.author) ? fm.author : [fm.author];
  const keywords =
    fm.keywords === undefined ? [] : Array.isArray(fm.keywords) ? fm.keywords : fm.keywords.split(/\s*,\s*/);
  const identifier =
    fm.identifier ?? `urn:uuid:${uuidv5(`${fm.title}\u0000${authors.join('\u0000')}`, BOOK_ID_NAMESPACE)}`;
  return {
    title: fm.title,
    subtitle: fm.subtitle,
    authors,
    authorFileAs: fm['author-file-as'],
    lang: fm.lang,
    dir: fm.dir ?? directionOf(fm.lang),
    date: fm.date,
    dateISO: fm.date
      ? `${fm.date.padEnd(10, fm.date.length === 4 ? '-01-01' : '-01').slice(0, 10)}T00:00:00Z`
      : '2000-01-01T00:00:00Z',
    publisher: fm.publisher,
    source: fm.source,
    rights: fm.rights ?? rightsLine(authors, fm.lang, labels),
    labels,
    description: fm.description,
    keywords,
    identifier,
    cover,
  };
}

/** "© A. Author. All rights belong to the author." in the book's language (its `rights` label). */
function rightsLine(authors: string[], lang: string, labels: LabelOverrides): string {
  const { rights } = labelsFor(lang, labels);
  return authors.length ? `© ${authors.join(', ')}. ${rights(authors.length)}` : rights(0);
}

/** The "about" text is one or more paragraphs of plain text (blank lines separate them). */
function aboutTree(about: string): ElementContent[] {
  return about.split(/\n\s*\n/).map((p) => ({
    type: 'element',
    tagName: 'p',
    properties: {},
    children: [{ type: 'text', value: normalizeSpace(p) }],
  }));
}

export function normalizeSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
