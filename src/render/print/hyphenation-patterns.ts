import { createRequire } from 'node:module';
import { scriptOf } from '../../language/index.js';

const require = createRequire(import.meta.url);

/** A pattern set of the `hyphen` package, as its `createHyphenator` takes it. */
export type Patterns = unknown;

/** Tags whose pattern file is not named by the primary subtag (the `hyphen` package's names). */
const PATTERN_ALIASES: Record<string, string> = {
  en: 'en-us',
  'en-us': 'en-us',
  'en-gb': 'en-gb',
  'en-au': 'en-gb',
  'en-nz': 'en-gb',
  'en-ie': 'en-gb',
  de: 'de-1996',
  'de-ch': 'de-ch-1901',
  el: 'el-monoton',
  mn: 'mn-cyrl',
  sr: 'sr-cyrl',
  'sr-latn': 'sh-latn',
  sh: 'sh-latn',
  ku: 'kmr',
  fi: 'fi',
  nb: 'nb',
  no: 'no',
  'zh-latn': 'zh-latn-pinyin',
};

/**
 * Scripts whose lines break between characters or syllables, never with a hyphen: Chinese, Japanese,
 * Korean, Thai, Lao, Khmer, Myanmar, Tibetan (the `hyphen` package's Thai patterns are not used).
 * Arabic and Hebrew do not hyphenate either; the package has no patterns for them.
 */
const NO_HYPHEN_SCRIPTS = new Set([
  'Hani',
  'Hans',
  'Hant',
  'Jpan',
  'Kore',
  'Hira',
  'Kana',
  'Hang',
  'Thai',
  'Laoo',
  'Khmr',
  'Mymr',
  'Tibt',
  'Arab',
  'Hebr',
]);

/**
 * The `hyphen` package's pattern file for a BCP 47 tag, or undefined when the language has none or its
 * script does not hyphenate (the book is then not hyphenated: wrong patterns are worse than none).
 */
export function patternNameFor(lang: string): string | undefined {
  const script = scriptOf(lang);
  if (script && NO_HYPHEN_SCRIPTS.has(script)) return undefined;
  const tag = lang.toLowerCase();
  const parts = tag.split('-');
  const tries = [tag, parts.slice(0, 2).join('-'), parts[0]];
  for (const t of tries) {
    const name = PATTERN_ALIASES[t] ?? t;
    try {
      require.resolve(`hyphen/patterns/${name}.js`);
      return name;
    } catch {
      // try the next, shorter tag
    }
  }
  return undefined;
}

/** The hyphenation patterns of a language, or null when it is not hyphenated. */
export async function patternsFor(lang: string): Promise<Patterns | null> {
  const name = patternNameFor(lang);
  if (!name) return null;
  const mod = (await import(`hyphen/patterns/${name}.js`)) as { default?: Patterns };
  return mod.default ?? mod;
}
