/**
 * What a book's language tag (BCP 47) decides beyond the words: writing direction, digits, quotation
 * marks, which CJK font and whether words are separated by spaces. Pure: ICU (Intl) data and small tables.
 */

export type Direction = 'ltr' | 'rtl';

/** Scripts written right to left (ISO 15924). */
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Rohg', 'Samr', 'Mand', 'Yezi']);
/** Languages whose usual script is right to left, for tags Intl cannot maximize. */
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'iw', 'ur', 'ps', 'sd', 'ug', 'yi', 'ckb', 'dv', 'syr', 'ku-arab']);

/** The primary language subtag, lower case: "pt-BR" → "pt". */
export function primaryLanguage(lang: string): string {
  return lang.split('-')[0].toLowerCase();
}

/** The script of a language tag, explicit ("sr-Latn") or likely ("fa" → "Arab"). */
export function scriptOf(lang: string): string | undefined {
  try {
    return new Intl.Locale(lang).maximize().script;
  } catch {
    return undefined;
  }
}

/**
 * Writing direction of a language: right to left for Arabic, Persian, Hebrew, Urdu… (and any tag in such a script).
 */
export function directionOf(lang: string): Direction {
  const script = scriptOf(lang);
  if (script) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(primaryLanguage(lang)) ? 'rtl' : 'ltr';
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number written with the language's own digits (Persian ۱۲, Latin 12 for Arabic as ICU has it), no grouping. */
export function formatNumber(n: number, lang: string): string {
  let format = numberFormats.get(lang);
  if (!format) {
    format = safeNumberFormat(lang);
    numberFormats.set(lang, format);
  }
  return format.format(n);
}

function safeNumberFormat(lang: string): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(lang, { useGrouping: false });
  } catch {
    return new Intl.NumberFormat('en', { useGrouping: false });
  }
}

/** CSS counter styles for ICU numbering systems, so folios use the digits the text uses. */
const COUNTER_STYLES: Record<string, string> = {
  arab: 'arabic-indic',
  arabext: 'persian',
  deva: 'devanagari',
  beng: 'bengali',
  mymr: 'myanmar',
  thai: 'thai',
  tibt: 'tibetan',
};

/** The CSS counter style for page numbers in this language ("decimal" for Latin digits). */
export function counterStyle(lang: string): string {
  const system = safeNumberFormat(lang).resolvedOptions().numberingSystem;
  return COUNTER_STYLES[system] ?? 'decimal';
}

/**
 * A date as the language writes it. The calendar stays Gregorian (the year the author gave stays that
 * year), the month names and digits are the language's; "2020" stays a year, "2020-06" a month.
 */
export function formatDate(date: string, lang: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', timeZone: 'UTC', calendar: 'gregory' };
  if (m) options.month = 'long';
  if (d) options.day = 'numeric';
  try {
    return new Intl.DateTimeFormat(lang, options).format(new Date(Date.UTC(y, (m || 1) - 1, d || 1)));
  } catch {
    return date;
  }
}

export interface QuoteMarks {
  /** Opening and closing double quotes, one character each (French spacing is added by smart punctuation). */
  open: string;
  close: string;
}

const GUILLEMETS: QuoteMarks = { open: '«', close: '»' };
const ENGLISH: QuoteMarks = { open: '“', close: '”' };
const LOW_HIGH: QuoteMarks = { open: '„', close: '“' };
const LOW_RIGHT: QuoteMarks = { open: '„', close: '”' };
const CORNER: QuoteMarks = { open: '「', close: '」' };

/** Primary quotation marks by language, for straight quotes typed in the manuscript. */
const QUOTES: Record<string, QuoteMarks> = {
  en: ENGLISH,
  fr: GUILLEMETS,
  de: LOW_HIGH,
  cs: LOW_HIGH,
  sk: LOW_HIGH,
  sl: LOW_HIGH,
  is: LOW_HIGH,
  lt: LOW_HIGH,
  ka: LOW_HIGH,
  bg: LOW_HIGH,
  pl: LOW_RIGHT,
  ro: LOW_RIGHT,
  hu: LOW_RIGHT,
  hr: LOW_RIGHT,
  nl: ENGLISH,
  es: GUILLEMETS,
  it: GUILLEMETS,
  pt: GUILLEMETS,
  ca: GUILLEMETS,
  ru: GUILLEMETS,
  uk: GUILLEMETS,
  be: GUILLEMETS,
  el: GUILLEMETS,
  ar: GUILLEMETS,
  fa: GUILLEMETS,
  ckb: GUILLEMETS,
  ps: GUILLEMETS,
  ur: ENGLISH,
  hy: GUILLEMETS,
  vi: ENGLISH,
  am: GUILLEMETS,
  he: LOW_RIGHT,
  tr: ENGLISH,
  sv: { open: '”', close: '”' },
  fi: { open: '”', close: '”' },
  no: GUILLEMETS,
  nb: GUILLEMETS,
  da: { open: '»', close: '«' },
  ja: CORNER,
  zh: ENGLISH,
  ko: ENGLISH,
};

/** The double quotation marks of a language ("pt-BR" and "zh-Hant" differ from their language's default). */
export function quoteMarks(lang: string): QuoteMarks {
  const tag = lang.toLowerCase();
  if (tag === 'pt-br') return ENGLISH;
  if (cjkFamilyKey(lang) === 'tc') return CORNER;
  if (tag.startsWith('de-ch') || tag.startsWith('fr-ch')) return GUILLEMETS;
  return QUOTES[primaryLanguage(lang)] ?? ENGLISH;
}

/** Which of the bundled CJK fonts sets a book's Han characters: the forms differ by region. */
export type CjkKey = 'sc' | 'tc' | 'jp' | 'kr';

export function cjkFamilyKey(lang: string): CjkKey {
  const primary = primaryLanguage(lang);
  if (primary === 'ja') return 'jp';
  if (primary === 'ko') return 'kr';
  const tag = lang.toLowerCase();
  if (primary === 'zh' || primary === 'yue') {
    if (/-hant\b|-(tw|hk|mo)\b/.test(tag) || primary === 'yue') return 'tc';
  }
  return 'sc';
}

/** Languages written without spaces between words (Chinese, Japanese): no hyphens, CJK line breaking. */
export function isCjk(lang: string): boolean {
  return ['zh', 'ja', 'yue', 'ko'].includes(primaryLanguage(lang));
}

/** Quotation marks inside quotation marks, where a language's differ from ‘ ’ (typed as straight single quotes). */
const INNER_QUOTES: Record<string, QuoteMarks> = {
  ja: { open: '『', close: '』' },
  ru: LOW_HIGH,
  uk: LOW_HIGH,
  be: LOW_HIGH,
  de: { open: '‚', close: '‘' },
  cs: { open: '‚', close: '‘' },
  sk: { open: '‚', close: '‘' },
  pl: GUILLEMETS,
  fr: ENGLISH,
  es: ENGLISH,
  pt: ENGLISH,
  it: ENGLISH,
  ckb: { open: '‹', close: '›' },
  ar: { open: '‹', close: '›' },
  fa: { open: '‹', close: '›' },
};

/** The marks of a quotation inside a quotation, or undefined where they are ‘ ’ (English and most others). */
export function innerQuoteMarks(lang: string): QuoteMarks | undefined {
  if (cjkFamilyKey(lang) === 'tc' && primaryLanguage(lang) === 'zh') return { open: '『', close: '』' };
  if (lang.toLowerCase() === 'pt-br') return undefined;
  return INNER_QUOTES[primaryLanguage(lang)];
}

/** Every pair of quotation marks, the opening one first: „ closes with “ in German and ” in Polish. */
const QUOTE_PAIRS: Array<[string, string[]]> = [
  ['“', ['”']],
  ['„', ['“', '”']],
  ['«', ['»']],
  ['»', ['«']],
  ['‹', ['›']],
  ['「', ['」']],
  ['『', ['』']],
  ['‚', ['‘', '’']],
];

/**
 * The text with the closing marks of quotations it opens and does not close added at its end, in
 * order ("Bread & “Roses" → "Bread & “Roses”"): a title cut short must not leave a quotation open.
 */
export function closeOpenQuotes(text: string, lang = 'en'): string {
  const { close } = quoteMarks(lang);
  const open: string[][] = [];
  for (const ch of text) {
    const top = open[open.length - 1];
    if (top?.includes(ch)) {
      open.pop();
      continue;
    }
    const pair = QUOTE_PAIRS.find(([o]) => o === ch);
    // Danish and Swedish quote »…« and ”…”: a mark that is also the language's closing one opens only once.
    if (pair) open.push(ch === '„' ? [close, ...pair[1]] : pair[1]);
  }
  return (
    text +
    open
      .reverse()
      .map((closers) => closers[0])
      .join('')
  );
}

/** Scripts written without spaces between words: words are counted by Intl.Segmenter. */
const UNSPACED_SCRIPTS = new Set([
  'Hani',
  'Hans',
  'Hant',
  'Jpan',
  'Hira',
  'Kana',
  'Thai',
  'Laoo',
  'Khmr',
  'Mymr',
  'Tibt',
]);
const wordSegmenters = new Map<string, Intl.Segmenter>();

/**
 * The number of words of a text: runs of non-space characters, or for a language written without
 * spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese) the words Intl.Segmenter finds.
 */
export function countWords(text: string, lang = 'en'): number {
  const script = scriptOf(lang);
  if (script && UNSPACED_SCRIPTS.has(script)) {
    let segmenter = wordSegmenters.get(lang);
    if (!segmenter) {
      segmenter = new Intl.Segmenter(lang, { granularity: 'word' });
      wordSegmenters.set(lang, segmenter);
    }
    let n = 0;
    for (const s of segmenter.segment(text)) if (s.isWordLike) n++;
    return n;
  }
  return text.match(/\S+/g)?.length ?? 0;
}

/**
 * A file-name slug of a title, as its language writes it: Unicode NFC, lower case by the language's
 * rules (Turkish "İ" → "i", not "i̇"), letters, marks and digits of every script kept with the
 * joiners some scripts need (Persian ZWNJ), everything else one hyphen, never two in a row.
 */
export function slugOf(title: string, lang = 'en'): string {
  return localeLowerCase(title.normalize('NFC'), lang)
    .replace(/[^\p{L}\p{M}\p{N}\u200C\u200D]+/gu, '-')
    .replace(/^[-\u200C\u200D]+|[-\u200C\u200D]+$/g, '')
    .normalize('NFC');
}

/** Lower case by the language's rules (Turkish and Azeri dotted and dotless i, Lithuanian accents). */
export function localeLowerCase(text: string, lang: string): string {
  try {
    return text.toLocaleLowerCase(lang);
  } catch {
    return text.toLowerCase();
  }
}
