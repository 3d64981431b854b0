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
        result = hyphenateWord(word);
        words.set(word, result);
      }
      return result;
    };
    cache.set(name, fn);
  }
  return fn;
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
  const root: Root = Array.isArray(tree) ? { type: 'root', children: tree } : tree.type === 'root' ? tree : { type: 'root', children: [tree] };
  visit(root, (node) => {
    if (node.type === 'element' && NO_HYPHENS.has(node.tagName)) return SKIP;
    if (node.type === 'text') {
      node.value = node.value.replace(/\S+/g, (token) => (URL_LIKE.test(token) ? token : hyphenate(token)));
    }
    return undefined;
  });
}
