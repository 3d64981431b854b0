import { Readability } from '@mozilla/readability';
import type { Element, Parent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { parseHTML } from 'linkedom';
import { checkImage } from './images.js';
import { countWords, type ConvertedDocument, type DocumentMetadata } from './manuscript.js';
import { CALL_PATTERN, recognizeNotes } from './notes.js';
import { count, emptyReport, type ImportReport } from './report.js';
import { ImportRefusal } from './zip-guard.js';
import { IMPORT_LIMITS } from './limits.js';

/** A file beside the page, read only when it lies inside the page's folder (the shell decides). */
export type LocalFileReader = (reference: string) => { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/** What a page holds that may run or fetch something: counted for the report, never copied. */
const ACTIVE_ELEMENTS: [string, string][] = [
  ['script', 'script'],
  ['iframe', 'frame'],
  ['frame', 'frame'],
  ['object', 'embedded object'],
  ['embed', 'embedded object'],
  ['form', 'form'],
  ['style', 'style sheet'],
  ['link', 'linked file (style sheet, icon…)'],
];

/**
 * A saved web page as a converted document: the notes are recognized on the whole page (the article
 * extractor would drop a notes section or an aside), then Readability keeps the article alone, then
 * its images are taken from the page's own folder (remote ones become links, never fetched).
 */
export function convertWebPage(bytes: Uint8Array, name: string, readLocal: LocalFileReader): ConvertedDocument {
  const html = decodePage(bytes);
  const page = fromHtml(html);
  const report = emptyReport();
  const metadata = pageMetadata(page);
  countActiveContent(page, report);
  const pageWords = countWords(toString(bodyOf(page) as Root));
  const { notes, shapes, guesses } = recognizeNotes(page);
  report.guesses.push(...guesses);

  const article = extractArticle(toHtml(page), page, report);
  if (!metadata.title && article.title) {
    metadata.title = article.title;
    report.guesses.push(`title “${article.title}”: from the page’s <title>`);
  }
  if (!metadata.author && article.byline) {
    metadata.author = [article.byline.replace(/^by\s+/i, '').trim()];
    report.guesses.push(`author “${metadata.author[0]}”: from the article’s byline`);
  }
  const body = fromHtml(article.content, { fragment: true });
  const images = new Map<string, Uint8Array>();
  takeImages(body, name, readLocal, images, report);
  for (const content of notes.values())
    takeImages({ type: 'root', children: content }, name, readLocal, images, report);

  const articleWords = countWords(toString(body).replace(CALL_PATTERN, ''));
  const noteWords = [...notes.values()].reduce(
    (sum, c) => sum + countWords(toString({ type: 'root', children: c })),
    0,
  );
  report.imported.push(
    `the article: ${count(articleWords, 'word')} and ${count(notes.size, 'note')}` +
      (shapes.size ? ` (${[...shapes].join(', ')})` : ''),
  );
  const left = pageWords - articleWords - noteWords;
  if (left > 0) report.dropped.push(`${count(left, 'word')} around the article: navigation, sidebars, comments`);
  if (images.size) report.imported.push(`${count(images.size, 'image')} into manuscript/images/`);
  return { name, metadata, body, notes, images, report };
}

/** The page's text: UTF-8 unless its BOM or <meta charset> says otherwise; binary data is refused. */
function decodePage(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 8192));
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (head.includes(0)) throw new ImportRefusal('not a web page: it holds binary data');
  const declared = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head.toString('latin1'))?.[1];
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared ?? 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  const text = decoder.decode(bytes);
  if (!/<[a-z!]/i.test(text)) throw new ImportRefusal('not a web page: no HTML in it');
  return text;
}

function bodyOf(page: Root): Parent {
  let body: Parent = page;
  const find = (p: Parent) => {
    for (const c of p.children) {
      if (c.type !== 'element') continue;
      if (c.tagName === 'body') body = c;
      else find(c);
    }
  };
  find(page);
  return body;
}

function elements(tree: Parent, test: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  const walk = (p: Parent) => {
    for (const c of p.children)
      if (c.type === 'element') {
        if (test(c)) out.push(c);
        walk(c);
      }
  };
  walk(tree);
  return out;
}

/** Title, author, date, language, description and site from the page's <head>, as sites write them. */
function pageMetadata(page: Root): DocumentMetadata {
  const meta = new Map<string, string>();
  for (const el of elements(page, (e) => e.tagName === 'meta')) {
    const key = String(el.properties.property ?? el.properties.name ?? el.properties.itemProp ?? '').toLowerCase();
    const value = String(el.properties.content ?? '').trim();
    if (key && value && !meta.has(key)) meta.set(key, value);
  }
  const metadata: DocumentMetadata = {};
  metadata.title = meta.get('og:title') ?? meta.get('twitter:title') ?? meta.get('dc.title') ?? meta.get('title');
  const author = meta.get('author') ?? meta.get('article:author') ?? meta.get('dc.creator');
  if (author && !/^https?:/.test(author)) metadata.author = [author];
  const published =
    meta.get('article:published_time') ?? meta.get('date') ?? meta.get('dc.date') ?? meta.get('datepublished');
  const date = published && /^(\d{4}(-\d{2}(-\d{2})?)?)/.exec(published)?.[1];
  if (date) metadata.date = date;
  const html = elements(page, (e) => e.tagName === 'html')[0];
  const lang = String(html?.properties.lang ?? '') || meta.get('og:locale')?.replace('_', '-') || '';
  if (/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(lang)) metadata.lang = lang;
  metadata.description = meta.get('description') ?? meta.get('og:description');
  const site = meta.get('og:site_name');
  const url = meta.get('og:url');
  if (site || url) metadata.source = [site, url].filter(Boolean).join(', ');
  return metadata;
}

function countActiveContent(page: Root, report: ImportReport): void {
  const found = new Map<string, number>();
  for (const el of elements(page, () => true)) {
    const kind = ACTIVE_ELEMENTS.find(([tag]) => tag === el.tagName)?.[1];
    if (kind) found.set(kind, (found.get(kind) ?? 0) + 1);
    for (const key of Object.keys(el.properties))
      if (/^on[a-z]/i.test(key)) found.set('event handler', (found.get('event handler') ?? 0) + 1);
    const href = String(el.properties.href ?? el.properties.src ?? '');
    if (/^\s*javascript:/i.test(href)) found.set('javascript: link', (found.get('javascript: link') ?? 0) + 1);
  }
  if (found.size)
    report.dropped.push(
      `${[...found].map(([kind, n]) => count(n, kind)).join(', ')}: never copied, nothing of the page runs`,
    );
}

/**
 * Readability's article, unless it kept clearly less than the page's one <article> or <main>
 * element holds (short pages confuse its scoring): then that element, and the report says so.
 */
function extractArticle(
  html: string,
  page: Root,
  report: ImportReport,
): { content: string; title?: string; byline?: string } {
  const { document } = parseHTML(html);
  const parsed = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
  const marked = [
    ...elements(page, (e) => e.tagName === 'article'),
    ...elements(page, (e) => e.tagName === 'main' || e.properties.role === 'main'),
  ];
  const holder = marked.length ? marked[0] : undefined;
  const readabilityWords = parsed?.content ? countWords(toString(fromHtml(parsed.content, { fragment: true }))) : 0;
  const holderWords = holder ? countWords(toString(holder)) : 0;
  if (parsed?.content && readabilityWords >= holderWords * 0.9)
    return { content: parsed.content, title: parsed.title ?? undefined, byline: parsed.byline ?? undefined };
  if (holder) {
    report.guesses.push(
      `the article: the page’s <${holder.tagName}> element (the extractor kept ${count(readabilityWords, 'word')} ` +
        `of its ${count(holderWords, 'word')})`,
    );
    return { content: toHtml(holder), title: parsed?.title ?? undefined, byline: parsed?.byline ?? undefined };
  }
  report.guesses.push('the article: the whole page (no article could be told apart from the rest)');
  return { content: toHtml(bodyOf(page) as Root), title: parsed?.title ?? undefined };
}

/**
 * Each image of the article: copied from the page's folder when it is there (and passes the image
 * checks), decoded from a data: address, or, when remote, turned into a link to it, never fetched.
 */
function takeImages(
  tree: Parent,
  name: string,
  readLocal: LocalFileReader,
  images: Map<string, Uint8Array>,
  report: ImportReport,
): void {
  const byReference = new Map<string, string>();
  const walk = (parent: Parent) => {
    parent.children = parent.children.map((child) => {
      if (child.type !== 'element') return child;
      walk(child);
      if (child.tagName !== 'img') return child;
      const src = String(child.properties.src ?? '').trim();
      const alt = String(child.properties.alt ?? '').trim();
      if (/^(https?:)?\/\//i.test(src)) {
        report.dropped.push(`a remote image (${src}): not fetched; a link to it stands in its place`);
        return {
          type: 'element',
          tagName: 'a',
          properties: { href: src.startsWith('//') ? `https:${src}` : src },
          children: [{ type: 'text', value: alt || 'image' }],
        } satisfies Element;
      }
      let file = byReference.get(src);
      if (!file) {
        const bytes = imageBytes(src, readLocal, report);
        const verdict = bytes ? checkImage(bytes) : undefined;
        if (!bytes || !verdict) return drop(child);
        if (!verdict.ok) {
          report.dropped.push(`an image (${shortReference(src)}): ${verdict.reason}`);
          return drop(child);
        }
        file = `${name}-${images.size + 1}.${verdict.extension}`;
        images.set(file, bytes);
        byReference.set(src, file);
      }
      return { ...child, properties: { src: `images/${file}`, alt, title: child.properties.title } };
    });
  };
  walk(tree);
}

function drop(img: Element): Element {
  return { ...img, properties: { src: 'pamphleteer-dropped:', alt: img.properties.alt } };
}

function imageBytes(src: string, readLocal: LocalFileReader, report: ImportReport): Uint8Array | undefined {
  if (src === '') return undefined;
  const data = /^data:([^;,]*)(;base64)?,(.*)$/is.exec(src);
  if (data) {
    const bytes = data[2] ? Buffer.from(data[3], 'base64') : Buffer.from(decodeURIComponent(data[3]));
    if (bytes.length > IMPORT_LIMITS.inputBytes) {
      report.dropped.push('an image in a data: address larger than the input limit');
      return undefined;
    }
    return bytes;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('/')) {
    report.dropped.push(`an image outside the page’s folder (${shortReference(src)}): not read`);
    return undefined;
  }
  let reference = src.split(/[?#]/)[0];
  try {
    reference = decodeURIComponent(reference);
  } catch {
    // Keep it as written.
  }
  const read = readLocal(reference);
  if (!read.ok) {
    report.dropped.push(`an image (${shortReference(src)}): ${read.reason}`);
    return undefined;
  }
  return read.bytes;
}

function shortReference(src: string): string {
  return src.length > 80 ? `${src.slice(0, 77)}…` : src;
}
