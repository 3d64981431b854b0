import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { PageStart } from '../../book/blocks.js';
import type { Book, Chapter } from '../../book/book-types.js';
import type { Labels } from '../../templates/labels.js';
import { chapterNotes, footnotesSection, replaceNoteRefs } from './notes.js';
import { insertPageBreaks } from './pagebreaks.js';

export interface ChapterContext {
  book: Book;
  labels: Labels;
  /** Zip path (relative to the package) of each image, by the `src` the chapter trees use. */
  imageHrefs: Map<string, string>;
  pageStarts: PageStart[];
}

/**
 * A chapter as the body of its own XHTML file: print page markers, EPUB noterefs, image paths inside
 * the package, then the notes first referenced in this chapter. The Book's tree is left untouched.
 */
export function chapterBody(chapter: Chapter, chapterIndex: number, context: ChapterContext): Root {
  const tree = structuredClone(chapter.tree);
  const starts = context.pageStarts.filter((s) => s.chapterId === chapter.id);
  // Page starts index the Book's blocks, so they go in before anything changes the tree.
  if (starts.length) insertPageBreaks(tree, starts, chapter.id, context.labels.number);
  const notes = chapterNotes(tree, chapter.id, chapterIndex, context.book);
  replaceNoteRefs(tree, notes, context.labels.number);
  const section: Element = {
    type: 'element',
    tagName: 'section',
    properties: chapterSectionProperties(chapter, context.book),
    children: tree.children as ElementContent[],
  };
  const body: Root = {
    type: 'root',
    children: notes.length ? [section, footnotesSection(notes, context.labels)] : [section],
  };
  rewriteImageSources(body, context.imageHrefs);
  replaceObsoleteAlign(body);
  replaceTaskCheckboxes(body);
  return body;
}

function chapterSectionProperties(chapter: Chapter, book: Book): Element['properties'] {
  const base = { 'epub:type': 'chapter', role: 'doc-chapter', className: ['chapter'] };
  // An untitled opening section has no heading to name it; it reads under the book's title.
  return chapter.title === null
    ? { ...base, ariaLabel: book.metadata.title }
    : { ...base, ariaLabelledBy: [chapter.headings[0]?.id ?? chapter.id] };
}

function rewriteImageSources(tree: Root, imageHrefs: Map<string, string>) {
  visit(tree, 'element', (el: Element) => {
    if (el.tagName !== 'img') return;
    const href = imageHrefs.get(String(el.properties.src));
    if (href) el.properties.src = href;
    if (el.properties.alt === undefined) el.properties.alt = '';
  });
}

/** GFM table alignment arrives as `align`, which XHTML5 (and so EPUBCheck) rejects; CSS says the same. */
function replaceObsoleteAlign(tree: Root) {
  visit(tree, 'element', (el: Element) => {
    const align = el.properties.align;
    if (typeof align !== 'string') return;
    delete el.properties.align;
    const style = typeof el.properties.style === 'string' ? `${el.properties.style};` : '';
    el.properties.style = `${style}text-align: ${align}`;
  });
}

/**
 * GFM task-list items arrive as disabled checkboxes: form controls without labels (an Ace critical
 * finding) that a book cannot use anyway. A ballot-box character says the same in any reader.
 */
function replaceTaskCheckboxes(tree: Root) {
  visit(tree, 'element', (el: Element, index, parent) => {
    if (el.tagName !== 'input' || el.properties.type !== 'checkbox' || !parent || index === undefined) return;
    const mark = el.properties.checked ? '\u2611' : '\u2610';
    parent.children[index] = {
      type: 'element',
      tagName: 'span',
      properties: { className: ['task-mark'] },
      children: [{ type: 'text', value: mark }],
    };
  });
}
