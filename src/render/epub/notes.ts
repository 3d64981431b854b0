import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { NOTE_REF_TAG, type Book, type Note } from '../../book/types.js';
import type { Labels } from './labels.js';

/** Where an element id lives: `#id` from its own file, `file.xhtml#id` from any other. */
export type Href = (fromChapterId: string, targetChapterId: string, id: string) => string;

export interface NoteLinks {
  /** Chapter holding each note reference, by reference id ("fnref-3-2"). */
  refChapter: Map<string, string>;
  href: Href;
  labels: Labels;
}

/** Finds the chapter of every note reference, so back links can cross files when a note is cited again later. */
export function noteRefChapters(book: Book): Map<string, string> {
  const chapters = new Map<string, string>();
  for (const chapter of book.chapters) {
    visit(chapter.tree, 'element', (el: Element) => {
      if (el.tagName === NOTE_REF_TAG) chapters.set(String(el.properties.id), chapter.id);
    });
  }
  return chapters;
}

/**
 * Replaces the Book's note-reference placeholders with EPUB 3 noterefs. The note itself sits in the
 * chapter of its first reference, so the usual reference opens as a pop-up (readers only pop up
 * notes in the same file); a later reference from another chapter links across files.
 */
export function replaceNoteRefs(tree: Root, chapterId: string, book: Book, links: NoteLinks) {
  visit(tree, 'element', (el: Element, index, parent) => {
    if (el.tagName !== NOTE_REF_TAG || !parent || index === undefined) return;
    const note = book.notes[Number(el.properties.dataNote) - 1];
    parent.children[index] = noteRef(note, String(el.properties.id), links.href(chapterId, note.chapterId, note.id));
    return SKIP;
  });
}

function noteRef(note: Note, refId: string, href: string): Element {
  const link: Element = {
    type: 'element',
    tagName: 'a',
    properties: { 'epub:type': 'noteref', role: 'doc-noteref', href, id: refId, className: ['noteref'] },
    children: [{ type: 'text', value: String(note.number) }],
  };
  return { type: 'element', tagName: 'sup', properties: {}, children: [link] };
}

/**
 * The notes block closing a chapter: one <aside epub:type="footnote"> per note, which pop-up readers
 * hide from the flow and the others show as endnotes. The note number links back to the first
 * reference; further references get their own back links at the end of the note.
 */
export function footnotesSection(notes: Note[], chapterId: string, links: NoteLinks): Element {
  return {
    type: 'element',
    tagName: 'section',
    properties: { className: ['footnotes'], 'epub:type': 'footnotes', ariaLabel: links.labels.notes },
    children: notes.map((note) => footnote(note, chapterId, links)),
  };
}

function footnote(note: Note, chapterId: string, links: NoteLinks): Element {
  const backlinks = note.refIds.map((refId, i) => {
    const href = links.href(chapterId, links.refChapter.get(refId) ?? note.chapterId, refId);
    const text = i === 0 ? String(note.number) : '↩\uFE0E';
    return backlink(href, text, links.labels.backToReference(note.number, i + 1), i === 0 ? 'note-number' : 'note-backlink');
  });
  const content = structuredClone(note.content).filter((c) => !(c.type === 'text' && !c.value.trim()));
  const [numberLink, ...moreLinks] = backlinks;
  prependToFirstParagraph(content, [numberLink, { type: 'text', value: ' ' }]);
  appendToLastParagraph(content, moreLinks.flatMap((link) => [{ type: 'text', value: ' ' } as ElementContent, link]));
  return {
    type: 'element',
    tagName: 'aside',
    properties: { id: note.id, 'epub:type': 'footnote', role: 'doc-footnote', className: ['footnote'] },
    children: content,
  };
}

function backlink(href: string, text: string, label: string, className: string): Element {
  return {
    type: 'element',
    tagName: 'a',
    properties: { href, role: 'doc-backlink', ariaLabel: label, className: [className] },
    children: [{ type: 'text', value: text }],
  };
}

const paragraph = (children: ElementContent[]): Element => ({ type: 'element', tagName: 'p', properties: {}, children });

function prependToFirstParagraph(content: ElementContent[], nodes: ElementContent[]) {
  const first = content[0];
  if (first?.type === 'element' && first.tagName === 'p') first.children.unshift(...nodes);
  else content.unshift(paragraph(nodes));
}

function appendToLastParagraph(content: ElementContent[], nodes: ElementContent[]) {
  if (!nodes.length) return;
  const last = content[content.length - 1];
  if (last?.type === 'element' && last.tagName === 'p') last.children.push(...nodes);
  else content.push(paragraph(nodes));
}
