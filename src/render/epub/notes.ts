import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { NOTE_REF_TAG, type Book, type Note } from '../../book/book-types.js';
import type { Labels } from '../../templates/labels.js';

/** A note as one chapter file shows it: the aside's id there and the references it answers there. */
export interface ChapterNote {
  note: Note;
  asideId: string;
  refIds: string[];
}

/**
 * The notes a chapter file carries: every note referenced in it, in order of first reference there.
 * Readers only pop up a note that is in the same file, so a note cited again in a later chapter is
 * repeated at the end of that chapter too (as a printed book repeats an endnote), under its own id;
 * the copy in the chapter of its first reference keeps the Book's id ("fn-3").
 */
export function chapterNotes(tree: Root, chapterId: string, chapterIndex: number, book: Book): ChapterNote[] {
  const byNumber = new Map<number, ChapterNote>();
  visit(tree, 'element', (el: Element) => {
    if (el.tagName !== NOTE_REF_TAG) return;
    const note = book.notes[Number(el.properties.dataNote) - 1];
    let entry = byNumber.get(note.number);
    if (!entry) {
      const asideId = note.chapterId === chapterId ? note.id : `${note.id}-c${chapterIndex + 1}`;
      entry = { note, asideId, refIds: [] };
      byNumber.set(note.number, entry);
    }
    entry.refIds.push(String(el.properties.id));
  });
  return [...byNumber.values()];
}

/** Replaces the Book's note-reference placeholders with EPUB 3 noterefs to the notes of the same file. */
export function replaceNoteRefs(tree: Root, notes: ChapterNote[], formatNumber: (n: number) => string = String) {
  const asideOf = new Map(notes.map((n) => [n.note.number, n.asideId]));
  visit(tree, 'element', (el: Element, index, parent) => {
    if (el.tagName !== NOTE_REF_TAG || !parent || index === undefined) return;
    const number = Number(el.properties.dataNote);
    parent.children[index] = noteRef(formatNumber(number), String(el.properties.id), asideOf.get(number)!);
    return SKIP;
  });
}

function noteRef(number: string, refId: string, asideId: string): Element {
  const link: Element = {
    type: 'element',
    tagName: 'a',
    properties: { 'epub:type': 'noteref', role: 'doc-noteref', href: `#${asideId}`, id: refId, className: ['noteref'] },
    children: [{ type: 'text', value: number }],
  };
  return { type: 'element', tagName: 'sup', properties: {}, children: [link] };
}

/**
 * The notes block closing a chapter: one <aside epub:type="footnote"> per note, which pop-up readers
 * hide from the flow and the others show as endnotes. The note number links back to the first
 * reference; further references get their own back links at the end of the note.
 */
export function footnotesSection(notes: ChapterNote[], labels: Labels): Element {
  return {
    type: 'element',
    tagName: 'section',
    properties: { className: ['footnotes'], 'epub:type': 'footnotes', ariaLabel: labels.notes },
    children: notes.map((n) => footnote(n, labels)),
  };
}

function footnote({ note, asideId, refIds }: ChapterNote, labels: Labels): Element {
  const [numberLink, ...moreLinks] = refIds.map((refId, i) =>
    backlink(
      `#${refId}`,
      i === 0 ? labels.number(note.number) : '↩\uFE0E',
      labels.backToReference(note.number, i + 1),
      i === 0 ? 'note-number' : 'note-backlink',
    ),
  );
  // Inter-block whitespace text would only be stray text inside the aside.
  const content = structuredClone(note.content).filter((c) => !(c.type === 'text' && !c.value.trim()));
  prependToFirstParagraph(content, [numberLink, { type: 'text', value: ' ' }]);
  appendToLastParagraph(
    content,
    moreLinks.flatMap((link): ElementContent[] => [{ type: 'text', value: ' ' }, link]),
  );
  return {
    type: 'element',
    tagName: 'aside',
    properties: { id: asideId, 'epub:type': 'footnote', role: 'doc-footnote', className: ['footnote'] },
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

const paragraph = (children: ElementContent[]): Element => ({
  type: 'element',
  tagName: 'p',
  properties: {},
  children,
});

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
