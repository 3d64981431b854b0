import { createRequire } from 'node:module';
import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { cacheKey, readCached, writeCached } from '../../util/content-cache.js';
import { patternNameFor } from './hyphenation-patterns.js';

export { patternNameFor };

const require = createRequire(import.meta.url);

type Hyphenator = (text: string) => string;
type CreateHyphenator = (patterns: unknown, options?: { minWordLength?: number; hyphenChar?: string }) => Hyphenator;

const cache = new Map<string, { words: Map<string, string>; hyphenate: Hyphenator }>();

/**
 * A function inserting soft hyphens (U+00AD) into text of the language, or null when unsupported.
 * Given the project folder, the words hyphenated by its last build come from the project's cache
 * (src/util/content-cache.ts), and this build's words go to it: a rebuild hyphenates only the words
 * it has not seen, and loads no patterns when there are none.
 */
export function hyphenatorFor(lang: string, root?: string): Hyphenator | null {
  const name = patternNameFor(lang);
  if (!name) return null;
  let shared = cache.get(name);
  if (!shared) {
    let hyphenateWord: Hyphenator | undefined;
    // Words repeat: a cache makes hyphenating a long book several times faster.
    const words = new Map<string, string>();
    const hyphenate = (word: string) => {
      let result = words.get(word);
      if (result === undefined) {
        // Short words are never broken in print: the gain is small and the break looks fussy.
        hyphenateWord ??= (require('hyphen') as CreateHyphenator)(require(`hyphen/patterns/${name}.js`), {
          minWordLength: 6,
        });
        result = bookBreaks(hyphenateWord(word));
        words.set(word, result);
      }
      return result;
    };
    shared = { words, hyphenate };
    cache.set(name, shared);
  }
  return root ? projectHyphenator(root, name, shared) : shared.hyphenate;
}

/** The shared hyphenator, fed the project's kept words first, keeping the words this build uses. */
function projectHyphenator(
  root: string,
  patterns: string,
  shared: { words: Map<string, string>; hyphenate: Hyphenator },
): Hyphenator {
  const name = `hyphenation-${patterns}`;
  const key = cacheKey(patterns, MIN_LETTERS_BEFORE, MIN_LETTERS_AFTER, 'marks');
  const kept = readCached(root, name, key);
  let keptWords = 0;
  if (kept) {
    try {
      for (const [word, result] of Object.entries(JSON.parse(kept.toString('utf8')) as Record<string, unknown>)) {
        // Only soft hyphens may differ from the word: the cache never changes a word's text.
        if (typeof result !== 'string' || result.replaceAll('\u00AD', '') !== word) continue;
        if (!shared.words.has(word)) shared.words.set(word, result);
        keptWords++;
      }
    } catch {
      // A damaged entry: its words are hyphenated again.
    }
  }
  const used = new Map<string, string>();
  const hyphenate = (word: string) => {
    const result = shared.hyphenate(word);
    used.set(word, result);
    return result;
  };
  writeCached(root, name, key, () =>
    kept && used.size === keptWords && [...used.keys()].every((w) => shared.words.has(w))
      ? kept
      : JSON.stringify(Object.fromEntries([...used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))),
  );
  return hyphenate;
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
    // A hyphen also needs a letter on each side (not "word\u00AD," or "\u00AD's"); before it, a
    // letter's vowel sign or virama counts (Tamil "செய்\u00ADகி", Hindi "बा\u00ADज़ार").
    const ok =
      before >= MIN_LETTERS_BEFORE &&
      after >= MIN_LETTERS_AFTER &&
      /[\p{L}\p{M}]$/u.test(parts[i - 1]) &&
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
