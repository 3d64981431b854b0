import type { Book, Chapter } from '../../book/book-types.js';
import type { PageStart } from '../../book/blocks.js';
import type { Labels } from '../../templates/labels.js';
import { pageBreakId } from './pagebreaks.js';

/** One XHTML file of the reading order. */
export interface XhtmlDocument {
  /** Manifest id. */
  id: string;
  filename: string;
  /** The document's <title>. */
  title: string;
  /** XHTML fragment for <body>. */
  body: string;
  bodyClass?: string;
}

export interface ManifestItem {
  id: string;
  href: string;
  mediaType: string;
  properties?: string;
}

export interface NavItem {
  label: string;
  href: string;
  children: NavItem[];
}

export interface Landmark {
  type: 'cover' | 'titlepage' | 'toc' | 'bodymatter' | 'backmatter';
  label: string;
  href: string;
}

export interface PageTarget {
  label: string;
  href: string;
}

export interface Accessibility {
  accessModes: string[];
  accessModesSufficient: string[];
  features: string[];
  summary: string;
}

/** Everything the package templates (OPF, nav, NCX) print: computed here, so the templates only loop. */
export interface PackageModel {
  meta: Book['metadata'];
  /** `dcterms:modified`, `YYYY-MM-DDThh:mm:ssZ`. */
  modified: string;
  /** The print edition, when page numbers come from it (EPUB 3.2 `source-of pagination`). */
  printSource?: string;
  accessibility: Accessibility;
  manifest: ManifestItem[];
  /** Manifest ids in reading order; the nav document is one of them. */
  spine: string[];
  /** `<guide>` references for EPUB 2 reading systems. */
  guide: { type: string; title: string; href: string }[];
  toc: NavItem[];
  tocDepth: number;
  landmarks: Landmark[];
  pages: PageTarget[];
  labels: Labels;
}

export const NAV_FILE = 'toc.xhtml';

export const chapterFilename = (index: number) => `chapter-${String(index + 1).padStart(2, '0')}.xhtml`;

/**
 * The nested table of contents of the chapters: one entry per chapter (an untitled opening section
 * reads under the book's title), with every deeper heading nested by level.
 */
export function chapterToc(book: Book, fileOf: (chapterId: string) => string): NavItem[] {
  return book.chapters.map((chapter) => chapterNavItem(chapter, fileOf(chapter.id), book.metadata.title));
}

function chapterNavItem(chapter: Chapter, file: string, bookTitle: string): NavItem {
  const titled = chapter.title !== null;
  const root: NavItem = { label: chapter.title ?? bookTitle, href: file, children: [] };
  const stack = [{ depth: titled ? chapter.headings[0].depth : 0, item: root }];
  for (const heading of titled ? chapter.headings.slice(1) : chapter.headings) {
    const item: NavItem = { label: heading.text, href: `${file}#${heading.id}`, children: [] };
    while (stack.length > 1 && stack[stack.length - 1].depth >= heading.depth) stack.pop();
    stack[stack.length - 1].item.children.push(item);
    stack.push({ depth: heading.depth, item });
  }
  return root;
}

export function navDepth(items: NavItem[]): number {
  return items.reduce((max, item) => Math.max(max, 1 + navDepth(item.children)), 0);
}

/** page-list entries, in page order, pointing at the pagebreak markers. */
export function pageTargets(
  starts: PageStart[],
  fileOf: (chapterId: string) => string,
  formatNumber: (n: number) => string = String,
): PageTarget[] {
  return [...starts]
    .sort((a, b) => a.page - b.page)
    .map((s) => ({ label: formatNumber(s.page), href: `${fileOf(s.chapterId)}#${pageBreakId(s.page)}` }));
}

/**
 * schema.org accessibility metadata (EPUB Accessibility 1.1), stated from what the book actually has.
 * Content images bring the visual mode; their alt text keeps textual sufficient.
 */
export function accessibility(book: Book, hasPageList: boolean): Accessibility {
  const hasImages = book.assets.some((a) => a.mediaType.startsWith('image/'));
  const features = ['structuralNavigation', 'tableOfContents', 'readingOrder'];
  if (hasImages) features.push('alternativeText');
  if (hasPageList) features.push('printPageNumbers', 'pageNavigation');
  const summary = [
    'A text publication with structured headings, a navigable table of contents and a logical reading order.',
    book.notes.length ? 'Footnotes are linked to and from their references.' : '',
    hasImages ? 'Images have text alternatives.' : '',
    hasPageList ? 'Page numbers of the print edition are marked in the text and listed for navigation.' : '',
    'No known hazards.',
  ];
  return {
    accessModes: hasImages ? ['textual', 'visual'] : ['textual'],
    accessModesSufficient: hasImages ? ['textual', 'textual,visual'] : ['textual'],
    features,
    summary: summary.filter(Boolean).join(' '),
  };
}

/** `dcterms:modified` from SOURCE_DATE_EPOCH when given, else from the book's own date: never the clock. */
export function modifiedDate(book: Book, sourceDateEpoch: number | undefined): Date {
  return sourceDateEpoch !== undefined ? new Date(sourceDateEpoch * 1000) : new Date(book.metadata.dateISO);
}

export const w3cdtf = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
