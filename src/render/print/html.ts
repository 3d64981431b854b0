import { pathToFileURL } from 'node:url';
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import { leafBlocks } from '../../book/blocks.js';
import { NOTE_REF_TAG, type Book, type Chapter, type Note } from '../../book/book-types.js';
import type { Config } from '../../config/schema.js';
import { labelsFor, type Labels } from '../../templates/labels.js';
import { escapeHtml } from '../../util/escape-html.js';
import { readStyle, renderTemplate } from '../../templates/render.js';
import { codeFontFaces } from './code-font.js';
import { bundledFontFaces, type FontUrl } from './fonts.js';
import { hyphenateTree, hyphenatorFor } from './hyphenate.js';
import { cssString, pageCss, pageGeometry } from './page-setup.js';
import { counterStyle, formatNumber } from '../../language/index.js';
import { backCoverHtml, frontCoverHtml, printCoverCss, type CoverConfig } from './cover.js';
import {
  BLOCK_ATTR,
  CHAPTER_ATTR,
  CLASS,
  NOTE_AGAIN_ATTR,
  NOTE_NUMBER_ATTR,
  NO_RUNNING_HEAD_ATTR,
  PRINT_ONLY_ATTR,
} from './page/contract.js';

type PrintConfig = Config['print'];

export interface AssembleOptions {
  /** `<base href>` for relative asset URLs: the project folder as file:// by default. */
  baseHref?: string;
  /**
   * A Content-Security-Policy for the page (renderPrint sets one; the plain pre-layout HTML has none so Paged.js's
   * polyfill can be added to it).
   */
  csp?: string;
  /** Front and back covers (config `cover`); none when absent. */
  cover?: CoverConfig;
  /** How the page names the bundled font files: data: URLs (self-contained) unless given. */
  fontUrl?: FontUrl;
  /** Style rules after all others (a riso drum's colours). */
  extraCss?: string;
}

/**
 * The print edition as one HTML document before layout: bundled fonts, the shared and print
 * styles, the generated @page rules, then title page, colophon, contents, text, notes and about.
 */
export function assemblePrintHtml(book: Book, print: PrintConfig, options: AssembleOptions = {}): string {
  const meta = book.metadata;
  const geometry = pageGeometry(print);
  const hyphenate = print.hyphenate ? hyphenatorFor(meta.lang) : null;
  const baseHref = options.baseHref ?? pathToFileURL(book.root + '/').href;

  // Shared by all chapters: a note is printed once, at its first call; link notes count on.
  const printed = new Map<number, number>();
  const linkNotes = { count: 0 };
  const chapters = book.chapters
    .map((chapter, i) => chapterHtml(book, chapter, i, print, hyphenate, printed, linkNotes))
    .join('\n');
  const endnotes =
    print.notes === 'endnotes' ? endnotesHtml(book.notes, hyphenate, labelsFor(book.metadata.lang), meta.lang) : '';
  const pageRules =
    pageCss(geometry, print, meta.title, { dir: meta.dir, counterStyle: counterStyle(meta.lang) }) +
    noteCallCss(book.notes, meta.lang) +
    linkNoteCallCss(linkNotes.count);
  const frontCover = options.cover?.print ? frontCoverHtml(book, options.cover, geometry) : '';
  const backCover = options.cover?.back ? backCoverHtml(book, options.cover) : '';
  const body = [
    frontCover,
    renderTemplate('title-page', book),
    renderTemplate('colophon', book),
    print.toc ? tocHtml(book) : '',
    `<main class="text${print.toc ? ' after-toc' : ''}">`,
    chapters,
    '</main>',
    endnotes,
    `<div class="back-matter${print.padToMultipleOf4 ? ' padded' : ''}${backCover ? ' with-back-cover' : ''}">`,
    book.about ? renderTemplate('about', withHyphenatedAbout(book, hyphenate)) : '',
    backCover,
    '</div>',
  ];
  // EB Garamond has no narrow no-break space (French spacing): print sets a no-break space, which it has.
  for (let i = 0; i < body.length; i++) body[i] = body[i].replace(/\u202F/g, '\u00A0');
  const head = [
    '<meta charset="utf-8"/>',
    options.csp ? `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(options.csp)}"/>` : '',
    `<base href="${escapeHtml(baseHref)}"/>`,
    `<title>${escapeHtml(meta.title)}</title>`,
    metaTag('author', meta.authors.join(', ')),
    metaTag('subject', meta.description),
    metaTag('keywords', meta.keywords.join(', ')),
    metaTag('generator', 'pamphleteer'),
    // Fonts stay out of Paged.js's CSS processing (data-pagedjs-ignore): it would only re-parse half a megabyte of
    // data: URLs.
    `<style data-pagedjs-ignore="">${bundledFontFaces(meta.lang, body.join('') + pageRules, options.fontUrl)}</style>`,
    `<style data-pagedjs-ignore="">${codeFontFaces(options.fontUrl)}</style>`,
    `<style>${styleText(readStyle('base.css', book.root))}</style>`,
    `<style>${styleText(readStyle('print.css', book.root))}</style>`,
    `<style>${styleText(pageRules)}</style>`,
    frontCover || backCover ? `<style>${styleText(printCoverCss(geometry))}</style>` : '',
    options.extraCss ? `<style>${styleText(options.extraCss)}</style>` : '',
  ];
  const bodyClass = `notes-${print.notes}`;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(meta.lang)}" dir="${meta.dir}">
<head>
${head.filter(Boolean).join('\n')}
</head>
<body class="${bodyClass}">
${body.filter(Boolean).join('\n')}
</body>
</html>
`;
}

/** The book with its about text hyphenated, for the about template. */
function withHyphenatedAbout(book: Book, hyphenate: ((t: string) => string) | null): Book {
  if (!hyphenate || !book.about) return book;
  const about = structuredClone(book.about);
  hyphenateTree(about, hyphenate);
  return { ...book, about };
}

/** Running head for a section: the title up to a colon (long subtitles do not fit the head line). */
export function runningHead(title: string): string {
  const short = title.split(/:\s/)[0].trim();
  return short.length > 48 ? `${short.slice(0, 46).replace(/\s+\S*$/, '')}…` : short;
}

function chapterHtml(
  book: Book,
  chapter: Chapter,
  index: number,
  print: PrintConfig,
  hyphenate: ((t: string) => string) | null,
  printed: Map<number, number>,
  linkNotes: { count: number },
): string {
  // Work on a copy: the Book is shared with the other renderers.
  const tree = structuredClone(chapter.tree) as Root;
  leafBlocks(tree).forEach((block, i) => {
    block.properties[dataProp(BLOCK_ATTR)] = `${chapter.id}/${i}`;
  });
  if (hyphenate) hyphenateTree(tree, hyphenate);
  const notes = new Map(book.notes.map((n) => [n.number, n]));
  replaceNoteRefs(tree, (number) => {
    const note = notes.get(number);
    if (!note) return [];
    // The note's text is printed once, at its first call; later calls carry the same number.
    const calls = printed.get(number) ?? 0;
    printed.set(number, calls + 1);
    if (print.notes === 'endnotes') return [endnoteCall(note, calls, book.metadata.lang)];
    return calls === 0
      ? [footnoteElement(note, hyphenate, book.metadata.lang)]
      : [repeatedCall(note, book.metadata.lang)];
  });
  printLinkTargets(tree, print.linkTargets, linkNotes);
  const head = runningHead(chapter.title ?? book.metadata.title);
  const { title, subtitle, authors } = book.metadata;
  const opening =
    index === 0
      ? `<header class="${CLASS.textOpening}" ${NO_RUNNING_HEAD_ATTR}="">` +
        `<p class="text-title">${escapeHtml(title)}</p>` +
        (subtitle ? `<p class="text-subtitle">${escapeHtml(subtitle)}</p>` : '') +
        (authors.length ? `<p class="text-author">${escapeHtml(authors.join(', '))}</p>` : '') +
        '</header>'
      : '';
  const cls = `chapter${index === 0 ? ' first-chapter' : ''}${chapter.title ? '' : ' untitled'}`;
  const id = escapeHtml(chapter.id);
  return `<section class="${cls}" id="chapter-${id}" ${CHAPTER_ATTR}="${id}" data-running-head="${escapeHtml(head)}">
${opening}${toHtml(tree)}
</section>`;
}

/** Replaces each `<pamphleteer-noteref data-note="N">` with the renderer's markup. */
function replaceNoteRefs(tree: Root, render: (number: number) => ElementContent[]): void {
  visit(tree, 'element', (el: Element, index, parent) => {
    if (el.tagName !== NOTE_REF_TAG || !parent || index === undefined) return;
    const number = Number(el.properties.dataNote);
    const replacement = render(number);
    parent.children.splice(index, 1, ...replacement);
    return [SKIP, index + replacement.length];
  });
}

/**
 * A Paged.js footnote: an inline span floated to the page foot (`float: footnote` in print.css).
 * Its block content becomes spans (a <p> inside a <p> would break the HTML parse). The number is
 * real text, so it is in the PDF's text and never renumbered by Paged.js's counters.
 */
function footnoteElement(note: Note, hyphenate: ((t: string) => string) | null, lang: string): Element {
  const content = structuredClone(note.content);
  if (hyphenate) hyphenateTree(content, hyphenate);
  const paras = content.map((node, i): ElementContent => {
    if (node.type !== 'element') return node;
    return {
      type: 'element',
      tagName: 'span',
      properties: { className: [`note-${node.tagName}`, ...(i > 0 ? ['note-more'] : [])] },
      children: inlineOnly(node.children),
    };
  });
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: [CLASS.note, `note-${note.number}`], [dataProp(NOTE_NUMBER_ATTR)]: String(note.number) },
    children: [
      {
        type: 'element',
        tagName: 'span',
        properties: { className: [CLASS.noteNumber] },
        children: [{ type: 'text', value: formatNumber(note.number, lang) }],
      },
      { type: 'text', value: ' ' },
      ...paras,
    ],
  };
}

/** Turns nested block elements into spans so they can live inside a paragraph. */
function inlineOnly(children: ElementContent[]): ElementContent[] {
  const BLOCK = /^(p|div|blockquote|ul|ol|li|pre|h[1-6]|figure|figcaption|table|thead|tbody|tr|td|th|dl|dt|dd|hr)$/;
  return children.map((node) => {
    if (node.type !== 'element' || !BLOCK.test(node.tagName)) return node;
    return {
      type: 'element',
      tagName: 'span',
      properties: { className: [`note-${node.tagName}`] },
      children: inlineOnly(node.children),
    };
  });
}

/** Each footnote call shows the Book's own number (Paged.js's counters misnumber on long books). */
function noteCallCss(notes: Note[], lang: string): string {
  return notes
    .map((n) => `.footnote.note-${n.number}::footnote-call { content: "${formatNumber(n.number, lang)}"; }`)
    .join('\n');
}

/** A note's call in the text: its number, superscript, in a link with these properties. */
function noteCall(note: Note, lang: string, properties: Element['properties']): Element {
  const number: Element = {
    type: 'element',
    tagName: 'sup',
    properties: {},
    children: [{ type: 'text', value: formatNumber(note.number, lang) }],
  };
  return {
    type: 'element',
    tagName: 'a',
    properties: { ...properties, [dataProp(PRINT_ONLY_ATTR)]: '' },
    children: [number],
  };
}

/** A later call of a note already printed at its first call: the same number, no second note. */
function repeatedCall(note: Note, lang: string): Element {
  return noteCall(note, lang, {
    className: ['noteref', CLASS.noteAgain],
    [dataProp(NOTE_AGAIN_ATTR)]: String(note.number),
  });
}

/** Link notes are marked a, b, … z, aa, ab …, apart from the Book's numbered notes. */
export function linkNoteMark(index: number): string {
  let mark = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) mark = String.fromCharCode(97 + ((n - 1) % 26)) + mark;
  return mark;
}

/**
 * Prints where each outside link goes, since paper cannot follow it: after the link text in
 * parentheses, or in a note at the page foot. Links whose text already is the address, and links
 * inside the book, print as they are.
 */
function printLinkTargets(tree: Root, mode: PrintConfig['linkTargets'], linkNotes: { count: number }): void {
  if (mode === 'none') return;
  visit(tree, 'element', (el: Element, index, parent) => {
    if (el.tagName !== 'a' || !parent || index === undefined) return;
    const href = typeof el.properties.href === 'string' ? el.properties.href : '';
    if (!/^(https?|mailto):/i.test(href)) return;
    const shown = href.replace(/^mailto:/i, '');
    const text = toString(el)
      .replace(/\u00AD/g, '')
      .trim();
    if (text === shown || text === href || text === shown.replace(/^https?:\/\//i, '').replace(/\/$/, '')) return SKIP;
    // Break opportunities after slashes and dots as <wbr>: no invisible characters in the PDF's text.
    const url: ElementContent = {
      type: 'element',
      tagName: 'span',
      properties: { className: ['url'] },
      children: urlParts(shown),
    };
    let added: ElementContent;
    if (mode === 'after') {
      added = {
        type: 'element',
        tagName: 'span',
        properties: { className: ['link-target'], [dataProp(PRINT_ONLY_ATTR)]: '' },
        children: [{ type: 'text', value: ' (' }, url, { type: 'text', value: ')' }],
      };
    } else {
      const mark = linkNoteMark(linkNotes.count++);
      added = {
        type: 'element',
        tagName: 'span',
        properties: { className: ['footnote', 'link-note', `link-note-${mark}`], [dataProp(PRINT_ONLY_ATTR)]: '' },
        children: [
          {
            type: 'element',
            tagName: 'span',
            properties: { className: ['note-number'] },
            children: [{ type: 'text', value: mark }],
          },
          { type: 'text', value: ' ' },
          url,
        ],
      };
    }
    parent.children.splice(index + 1, 0, added);
    return [SKIP, index + 2];
  });
}

/** An address as text with a <wbr> after each slash, dot, ?, & or = that has more to follow. */
function urlParts(url: string): ElementContent[] {
  const parts: ElementContent[] = [];
  for (const piece of url.split(/(?<=[/.?&=])(?=[^/.?&=])/)) {
    if (parts.length) parts.push({ type: 'element', tagName: 'wbr', properties: {}, children: [] });
    parts.push({ type: 'text', value: piece });
  }
  return parts;
}

function linkNoteCallCss(count: number): string {
  return Array.from({ length: count }, (_, i) => linkNoteMark(i))
    .map((mark) => `.footnote.link-note-${mark}::footnote-call { content: "${mark}"; }`)
    .join('\n');
}

function endnoteCall(note: Note, occurrence: number, lang: string): Element {
  const id = note.refIds[occurrence] ?? `${note.refIds[0]}-${occurrence + 1}`;
  return noteCall(note, lang, { className: ['noteref'], href: `#${note.id}`, id });
}

function endnotesHtml(notes: Note[], hyphenate: ((t: string) => string) | null, labels: Labels, lang: string): string {
  const items = notes.map((note) => {
    const content = structuredClone(note.content);
    if (hyphenate) hyphenateTree(content, hyphenate);
    const first = content.findIndex((n) => n.type === 'element' && n.tagName === 'p');
    // The number leads the first paragraph, so it sits on the note's first line.
    const number: Element = {
      type: 'element',
      tagName: 'span',
      properties: { className: ['note-number'] },
      children: [{ type: 'text', value: `${formatNumber(note.number, lang)}.` }],
    };
    if (first >= 0) (content[first] as Element).children.unshift(number, { type: 'text', value: ' ' });
    else content.unshift(number);
    return `<div class="endnote" id="${escapeHtml(note.id)}">${toHtml({ type: 'root', children: content })}</div>`;
  });
  return `<section class="endnotes" aria-labelledby="notes-heading">
<h2 id="notes-heading" data-running-head="${escapeHtml(labels.notes)}">${escapeHtml(labels.notes)}</h2>
${items.join('\n')}
</section>`;
}

function tocHtml(book: Book): string {
  const entries = book.chapters
    .filter((c) => c.title && c.headings.length)
    .map((c) => `<li><a href="#${escapeHtml(c.headings[0].id)}">${escapeHtml(c.title!)}</a></li>`);
  return `<nav class="toc" aria-labelledby="toc-heading">
<h2 id="toc-heading" class="toc-heading">${escapeHtml(labelsFor(book.metadata.lang).contents)}</h2>
<ol class="toc-list">
${entries.join('\n')}
</ol>
</nav>`;
}

/** hast property name of a data-* attribute ("data-print-only" → "dataPrintOnly"). */
function dataProp(attr: string): string {
  return attr.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function metaTag(name: string, content: string | undefined): string {
  return content ? `<meta name="${name}" content="${escapeHtml(content)}"/>` : '';
}

/**
 * CSS as the text of a <style> element: "</style" anywhere in it (in a project's style sheet, or a
 * title in a content string) would end the element and let the rest be read as HTML. `<\/style`
 * means the same to CSS (an escaped "/") and nothing to HTML.
 */
function styleText(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

export { cssString };
