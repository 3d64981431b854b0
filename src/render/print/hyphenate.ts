import { createRequire } from 'node:module';
import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { patternNameFor } from './hyphenation-patterns.js';

export { patternNameFor };

const require = createRequire(import.meta.url);

type Hyphenator = (text: string) => string;
type CreateHyphenator = (patterns: unknown, options?: { minWordLength?: number; hyphenChar?: string }) => Hyphenator;

const cache = new Map<string, Hyphenator | null>();

/** A function inserting soft hyphens (U+00AD) into text of the language, or null when unsupported. */
export function hyphenatorFor(lang: string): Hyphenator | null {
  const name = patternNameFor(lang);
  if (!name) return null;
  let fn = cache.get(name);
  if (fn === undefined) {
    const createHyphenator = require('hyphen') as CreateHyphenator;
    const patterns = require(`hyphen/patterns/${name}.js`) as unknown;
    // Short words are never broken in print: the gain is small and the break looks fussy.
    const hyphenateWord = createHyphenator(patterns, { minWordLength: 6 });
    // Words repeat: a cache makes hyphenating a long book several times faster.
    const words = new Map<string, string>();
    fn = (word) => {
      let result = words.get(word);
      if (result === undefined) {
        result = bookBreaks(hyphenateWord(word));
        words.set(word, result);
      }
      return result;
    };
    cache.set(name, fn);
  }
  return fn;
}

/**
 * Fewest letters a hyphen may leave at the end of a line, and carry to the next (a book's rule: "ex-" is fussy, "-ly"
 * and "-ed" look wrong).
 */
export const MIN_LETTERS_BEFORE = 2;
export const MIN_LETTERS_AFTER = 3;

/**
 * Keeps only the hyphenation points a book would use: none leaving fewer than 2 letters before or
 * 3 after (punctuation and digits around the word do not count), none in a word of fewer than 6 letters.
 */
export function bookBreaks(hyphenated: string): string {
  if (!hyphenated.includes('\u00AD')) return hyphenated;
  const parts = hyphenated.split('\u00AD');
  const letters = (s: string) => (s.match(/\p{L}/gu) ?? []).length;
  const total = letters(parts.join(''));
  if (total < 6) return parts.join('');
  let out = parts[0];
  let before = letters(parts[0]);
  for (let i = 1; i < parts.length; i++) {
    const after = total - before;
    // A hyphen also needs a letter on each side (not "word\u00AD," or "\u00AD's").
    const ok =
      before >= MIN_LETTERS_BEFORE &&
      after >= MIN_LETTERS_AFTER &&
      /\p{L}$/u.test(parts[i - 1]) &&
      /^\p{L}/u.test(parts[i]);
    out += (ok ? '\u00AD' : '') + parts[i];
    before += letters(parts[i]);
  }
  return out;
}

/** Elements whose text is not hyphenated: headings, code, and links (often URLs). */
const NO_HYPHENS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'code', 'kbd', 'samp', 'a', 'abbr']);
/** Tokens that look like URLs, e-mail addresses or paths: break them at a soft hyphen and they copy wrong. */
const URL_LIKE = /[/@\\]|www\.|\.\w{2,4}\b/;

/**
 * Inserts soft hyphens into the text of a hast tree, in place. Headless Chromium ignores
 * `hyphens: auto`, so the pipeline hyphenates; the browser then breaks only where a soft hyphen is.
 */
export function hyphenateTree(tree: Root | Element | ElementContent[], hyphenate: Hyphenator): void {
  const root: Root = Array.isArray(tree)
    ? { type: 'root', children: tree }
    : tree.type === 'root'
      ? tree
      : { type: 'root', children: [tree] };
  visit(root, (node) => {
    if (node.type === 'element' && NO_HYPHENS.has(node.tagName)) return SKIP;
    if (node.type === 'text') {
      node.value = node.value.replace(/\S+/g, (token) => (URL_LIKE.test(token) ? token : hyphenate(token)));
    }
    return undefined;
  });
}
