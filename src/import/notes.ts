import type { Element, ElementContent, Parent, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';

/**
 * A note's call, while the document goes through steps that see only text (the article extractor):
 * a private-use character pair around the note's number, which no real text holds.
 */
export const CALL_OPEN = '\uE000';
export const CALL_CLOSE = '\uE001';
export const CALL_PATTERN = /\uE000(\d+)\uE001/g;
export const callToken = (n: number) => `${CALL_OPEN}${n}${CALL_CLOSE}`;

export interface RecognizedNotes {
  /** Each note's content (block elements), by its number (1…N, in the order of first calls). */
  notes: Map<number, ElementContent[]>;
  /** The shapes of notes seen, for the report: "pandoc", "WordPress", "superscript links to a list"… */
  shapes: Set<string>;
  /** Places where the recognizer had to guess, for the report. */
  guesses: string[];
}

const BLOCKS = new Set([
  'p',
  'li',
  'div',
  'aside',
  'section',
  'dd',
  'dt',
  'blockquote',
  'footer',
  'article',
  'td',
  'th',
  'body',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** What a note's call reads: a number, a letter or roman numeral, or a symbol, perhaps in brackets. */
const CALL_TEXT = /^[[(]?\s*(\d{1,4}|[ivxlc]{1,6}|[a-z]|[*†‡§¶]{1,3})\s*[\])]?$/i;
const BACK_LINK_TEXT = /^(?:[↩↑⤴^]\uFE0E?\uFE0F?|back|return|zurück|retour|volver)$/i;
const NOTES_HEADING =
  /^(?:(?:foot|end)?notes?|references|sources|notas|notes de bas de page|anmerkungen|fußnoten|note|примечания)[:.]?$/i;

interface Walked {
  node: Element;
  parent: Parent;
  order: number;
}

/**
 * Finds a document's notes in the common forms (a call is a link, usually in superscript, to an
 * element after it that holds the note): superscript links to an ordered list at the end, pandoc's
 * `section.footnotes`, WordPress's `wp-block-footnotes`, an `aside` or `role="doc-footnote"`, and
 * mammoth's footnotes and endnotes from Word. Each call becomes a call token in the text, each note
 * leaves the tree (and so does the list or section that held the notes once it is empty).
 */
export function recognizeNotes(tree: Root): RecognizedNotes {
  const walked = new Map<Element, Walked>();
  const byId = new Map<string, Element>();
  let order = 0;
  const walk = (parent: Parent) => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      walked.set(child, { node: child, parent, order: order++ });
      for (const key of ['id', 'name'] as const) {
        const value = child.properties[key];
        if (typeof value === 'string' && !byId.has(value)) byId.set(value, child);
      }
      walk(child);
    }
  };
  walk(tree);

  const ancestors = (el: Element): Element[] => {
    const out: Element[] = [];
    let at = walked.get(el)?.parent;
    while (at && at.type === 'element') {
      out.push(at as Element);
      at = walked.get(at as Element)?.parent;
    }
    return out;
  };
  const blockOf = (el: Element): Element | undefined =>
    BLOCKS.has(el.tagName) ? el : ancestors(el).find((a) => BLOCKS.has(a.tagName));

  const notes = new Map<number, ElementContent[]>();
  const shapes = new Set<string>();
  const guesses: string[] = [];
  const numberOf = new Map<Element, number>();
  const callIds = new Set<string>();
  const calls: { replace: Element; note: number }[] = [];

  for (const { node: link } of [...walked.values()].sort((a, b) => a.order - b.order)) {
    if (link.tagName !== 'a') continue;
    const href = link.properties.href;
    if (typeof href !== 'string' || !href.startsWith('#') || href.length < 2) continue;
    let targetId = href.slice(1);
    try {
      targetId = decodeURIComponent(targetId);
    } catch {
      // A malformed escape: use the id as written.
    }
    const target = byId.get(targetId);
    if (!target || !walked.has(target)) continue;
    const inSup = ancestors(link).some((a) => a.tagName === 'sup') || containsTag(link, 'sup');
    const className = classText(link) + ' ' + ancestors(link).slice(0, 2).map(classText).join(' ');
    const marked =
      /\b(footnote|fn|noteref|endnote|note-ref|fnref)/i.test(className) ||
      link.properties.role === 'doc-noteref' ||
      String(link.properties.rel ?? '').includes('footnote');
    const text = toString(link).trim();
    if (!CALL_TEXT.test(text) || !(inSup || marked || /^\[.*\]$/.test(text))) continue;
    // A call comes before its note; the note's own link back to its call points the other way.
    if ((walked.get(target)?.order ?? 0) < (walked.get(link)?.order ?? 0)) continue;
    const definition = blockOf(target);
    const callBlock = blockOf(link);
    if (!definition || definition === callBlock || ancestors(link).includes(definition)) continue;
    if (definition.tagName === 'body' || definition.tagName === 'article') continue;
    let n = numberOf.get(definition);
    if (n === undefined) {
      n = numberOf.size + 1;
      numberOf.set(definition, n);
      shapes.add(shapeOf(definition, ancestors(definition), target));
    }
    if (typeof link.properties.id === 'string') callIds.add(link.properties.id);
    const sup = walked.get(link)?.parent;
    const replace =
      sup && sup.type === 'element' && (sup as Element).tagName === 'sup' && toString(sup as Element).trim() === text
        ? (sup as Element)
        : link;
    if (typeof replace.properties.id === 'string') callIds.add(replace.properties.id);
    calls.push({ replace, note: n });
  }

  for (const [definition, n] of numberOf) {
    notes.set(n, noteContent(definition, callIds));
  }
  for (const { replace, note } of calls) {
    const parent = walked.get(replace)?.parent;
    if (!parent) continue;
    const index = parent.children.indexOf(replace);
    if (index >= 0) parent.children.splice(index, 1, { type: 'text', value: callToken(note) });
  }
  // The notes leave the tree; then whatever held only them (their list, section, a rule and a
  // "Notes" heading above it) goes too.
  for (const definition of numberOf.keys()) {
    const parent = walked.get(definition)?.parent;
    if (!parent) continue;
    parent.children.splice(parent.children.indexOf(definition), 1);
    let container: Parent | undefined = parent;
    while (container && container.type === 'element' && isEmptyOfText(container as Element)) {
      const holder: Parent | undefined = walked.get(container as Element)?.parent;
      if (!holder) break;
      const at = holder.children.indexOf(container as RootContent & ElementContent);
      removeNotesTitle(holder, at, guesses);
      holder.children.splice(holder.children.indexOf(container as RootContent & ElementContent), 1);
      container = holder;
    }
  }
  return { notes, shapes, guesses };
}

/** The note's blocks: its element's content, without its number label and its links back to the call. */
function noteContent(definition: Element, callIds: Set<string>): ElementContent[] {
  const copy = structuredClone(definition);
  removeBackLinks(copy, callIds);
  removeLeadingLabel(copy);
  const inline = copy.children.every((c) => c.type === 'text' || !BLOCKS.has((c as Element).tagName));
  // A note is flow content: the text of a <p>, or of an <li> holding only text, becomes one paragraph.
  if (copy.tagName === 'p' || inline)
    return [{ type: 'element', tagName: 'p', properties: {}, children: copy.children }];
  return copy.children;
}

function removeBackLinks(el: Element, callIds: Set<string>): void {
  el.children = el.children.filter((child) => {
    if (child.type !== 'element') return true;
    if (child.tagName === 'a') {
      const href = String(child.properties.href ?? '');
      const text = toString(child).trim();
      if (href.startsWith('#') && (callIds.has(href.slice(1)) || BACK_LINK_TEXT.test(text))) return false;
      if (child.properties.role === 'doc-backlink' || /footnote-back|fn-back|backref/.test(classText(child)))
        return false;
    }
    removeBackLinks(child, callIds);
    return true;
  });
}

/** A "1." or "[1]" (text, or a link or superscript holding it) that starts the note's text. */
function removeLeadingLabel(el: Element): void {
  let first = el.children.find((c) => !(c.type === 'text' && c.value.trim() === ''));
  if (first?.type === 'element' && first.tagName === 'p') {
    removeLeadingLabel(first);
    return;
  }
  if (!first) return;
  if (first.type === 'text') {
    first.value = first.value.replace(/^\s*(?:\[\d{1,4}\]|\d{1,4}[.)]|\(\d{1,4}\))\s+/, '');
    return;
  }
  if (first.type === 'element' && ['a', 'sup', 'span'].includes(first.tagName)) {
    const label = toString(first).trim();
    if (/^[[(]?\d{1,4}[\]).]?$/.test(label) || label === '') {
      el.children.splice(el.children.indexOf(first), 1);
      first = el.children[0];
      if (first?.type === 'text') first.value = first.value.replace(/^[\s.):]+/, '');
    }
  }
}

function removeNotesTitle(holder: Parent, at: number, guesses: string[]): void {
  let titled = false;
  for (let i = at - 1; i >= 0; i--) {
    const before = holder.children[i];
    if (before.type === 'text' && before.value.trim() === '') continue;
    if (before.type !== 'element') return;
    const text = toString(before).trim();
    if (before.tagName === 'hr') holder.children.splice(i, 1);
    else if (!titled && (HEADINGS.has(before.tagName) || before.tagName === 'p') && NOTES_HEADING.test(text)) {
      holder.children.splice(i, 1);
      titled = true;
      guesses.push(`took “${text}” for the title of the notes list and left it out (the notes go to their pages)`);
    } else return;
  }
}

function shapeOf(definition: Element, ancestors: Element[], target: Element): string {
  const classes = [definition, ...ancestors].map(classText).join(' ');
  if (/wp-block-footnotes/.test(classes)) return 'WordPress footnotes';
  if (/\bfootnotes\b/.test(classes) && ancestors.some((a) => a.tagName === 'section')) return 'pandoc footnotes';
  if (definition.tagName === 'aside' || /doc-(foot|end)note/.test(String(definition.properties.role ?? '')))
    return 'asides (doc-footnote)';
  if (/^(foot|end)note-\d+$/.test(String(target.properties.id ?? ''))) return 'Word footnotes and endnotes';
  if (definition.tagName === 'li') return 'superscript links to a numbered list';
  return `links to notes in <${definition.tagName}> elements`;
}

function classText(el: Element): string {
  const c = el.properties.className;
  return Array.isArray(c) ? c.join(' ') : typeof c === 'string' ? c : '';
}

function containsTag(el: Element, tag: string): boolean {
  return el.children.some((c) => c.type === 'element' && (c.tagName === tag || containsTag(c, tag)));
}

function isEmptyOfText(el: Element): boolean {
  return (
    toString(el).trim() === '' && !containsTag(el, 'img') && !['body', 'html', 'article', 'main'].includes(el.tagName)
  );
}
