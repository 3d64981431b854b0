import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ejs from 'ejs';
import { toHtml } from 'hast-util-to-html';
import type { Book } from '../book/book-types.js';
import { labelsFor } from './labels.js';
import { loadProjectStyle } from './user-styles.js';

/** The project's shared templates/ folder (title page, colophon, about, cover), used by every renderer. */
export const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates');
/** The shared styles/ folder: base.css for both editions, epub.css and print.css for each. */
export const STYLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../styles');

export type TemplateName = 'title-page' | 'colophon' | 'about' | 'cover';

const compiled = new Map<string, { mtimeMs: number; fn: ejs.TemplateFunction }>();

/**
 * A compiled template of templates/, compiled again when its file changes (so `watch` shows
 * template edits). Its absolute file name lets a template include() its neighbours.
 */
export function template(file: string): ejs.TemplateFunction {
  const full = path.join(TEMPLATES_DIR, file);
  const { mtimeMs } = fs.statSync(full);
  let entry = compiled.get(file);
  if (!entry || entry.mtimeMs !== mtimeMs) {
    entry = { mtimeMs, fn: ejs.compile(fs.readFileSync(full, 'utf8'), { filename: full }) };
    compiled.set(file, entry);
  }
  return entry.fn;
}

/**
 * Renders a shared page from the Book as an XHTML-compatible fragment (well-formed, so it serves
 * the EPUB's XHTML and the print HTML alike). `about` is undefined when the book has no about text.
 */
export function renderTemplate(name: TemplateName, book: Book): string {
  const aboutHtml = book.about ? toHtml({ type: 'root', children: book.about }, { closeSelfClosing: true }) : '';
  return template(`${name}.html.ejs`)({
    meta: book.metadata,
    aboutHtml,
    book,
    labels: labelsFor(book.metadata.lang, book.metadata.labels),
  });
}

/**
 * A stylesheet: pamphleteer's own from styles/, followed by the project's file of the same name in
 * its own styles/ folder, if it has one, so that a pamphlet's rules win over the defaults.
 */
export function readStyle(name: 'base.css' | 'epub.css' | 'print.css', projectRoot?: string): string {
  const own = fs.readFileSync(path.join(STYLES_DIR, name), 'utf8');
  if (!projectRoot) return own;
  const projectStyles = path.resolve(projectRoot, 'styles');
  const override = path.join(projectStyles, name);
  if (projectStyles === STYLES_DIR || !fs.existsSync(override)) return own;
  // Self-contained: its @imports and url()s of project files inlined, anything else refused.
  return `${own}\n/* ${path.relative(projectRoot, override)} */\n${loadProjectStyle(override, projectRoot)}`;
}
