import type { Root, RootContent, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkSmartypants from 'remark-smartypants';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { innerQuoteMarks, isCjk, primaryLanguage, quoteMarks, type QuoteMarks } from '../language/index.js';

declare module 'vfile' {
  interface DataMap {
    /** The book's language, for files without the front matter (set by parseFiles). */
    bookLang: string;
  }
}

/** What SmartyPants would change: straight quotes, backticks, `--`, `...`. */
const STRAIGHT = /["'`]|--|\.\.\./;

const NBSP = '\u00A0';
const NNBSP = '\u202F';

/** Languages that set a spaced em dash where others set a spaced en dash (Russian тире and its neighbours). */
const EM_DASH_LANGUAGES = new Set(['ru', 'uk', 'be', 'bg', 'sr', 'mk']);

/** The book's language as this file knows it: its own front matter, or the book's (parseFiles). */
function languageOf(file: VFile): string {
  return file.data.frontMatter?.lang ?? file.data.bookLang ?? 'en';
}

/**
 * Typographic punctuation where plain was typed, by the book's language: straight double quotes
 * become the language's quotation marks (“ ” en, « » fr/ru with narrow no-break spaces in French,
 * „ “ de, 「」 ja…), `--`/`---` dashes, `...` an ellipsis, and a hyphen between spaced words a dash
 * (en dash, or em dash in Russian) tied to the word before it. Single quotes stay ‘ ’: the closing
 * one is also the apostrophe. Quotes already typed curly stay as they are.
 *
 * remark-smartypants is applied only to the top-level blocks that have something to change: it runs
 * a natural-language parser over the text twice, which costs more than the rest of the parse.
 */
export const remarkSmartPunctuation: Plugin<[], Root> = () => {
  const transforms = new Map<string, (tree: Root) => void>();
  const transformFor = (lang: string) => {
    const marks = quoteMarks(lang);
    const key = `${marks.open}|${marks.close}`;
    let transform = transforms.get(key);
    if (!transform) {
      transform = (remarkSmartypants as unknown as (options: object) => (tree: Root) => void)({
        dashes: 'oldschool',
        openingQuotes: { double: marks.open, single: '‘' },
        closingQuotes: { double: marks.close, single: '’' },
      });
      transforms.set(key, transform);
    }
    return transform;
  };
  const smarten = (tree: Root, lang: string) => {
    const transform = transformFor(lang);
    // Without spaces between words SmartyPants cannot tell an opening quote from a closing one: pair them.
    const inner = innerQuoteMarks(lang);
    if (isCjk(lang))
      for (const block of tree.children) {
        pairQuotes(block, quoteMarks(lang));
        if (inner) pairQuotes(block, inner, "'");
      }
    visit(tree, 'text', (node: Text) => {
      if (node.value.includes("'")) node.value = singleQuotes(node.value, inner);
    });
    for (const block of tree.children) {
      if (needsSmartening(block)) transform({ type: 'root', children: [block] });
    }
    const dash = EM_DASH_LANGUAGES.has(primaryLanguage(lang)) ? '—' : '–';
    const french = primaryLanguage(lang) === 'fr';
    // After SmartyPants, which maps its changes back by position: text that changes length is changed here.
    visit(tree, 'text', (node: Text) => {
      if (/ [-–—] /.test(node.value)) node.value = spacedHyphenToDash(node.value, dash);
      if (french) node.value = frenchSpacing(node.value);
    });
  };
  const smartenText = (value: string, lang: string): string => {
    if (!STRAIGHT.test(value) && !/ [-–—] /.test(value)) return value;
    const text: Text = { type: 'text', value };
    smarten({ type: 'root', children: [{ type: 'paragraph', children: [text] }] }, lang);
    return text.value;
  };
  return (tree, file) => {
    const lang = languageOf(file);
    smarten(tree, lang);
    // The front matter's words are printed too (cover, title page, running heads, EPUB metadata,
    // catalogue): the same marks as the body.
    const fm = file.data.frontMatter;
    if (fm) {
      for (const key of FRONT_MATTER_TEXT) {
        const value = fm[key];
        if (typeof value === 'string') (fm as Record<string, unknown>)[key] = smartenText(value, lang);
        else if (Array.isArray(value)) (fm as Record<string, unknown>)[key] = value.map((v) => smartenText(v, lang));
      }
    }
  };
};

/** The front matter's keys whose text is printed as prose. */
const FRONT_MATTER_TEXT = ['title', 'subtitle', 'author', 'description', 'about', 'source', 'publisher'] as const;

/**
 * Straight single quotes before SmartyPants: an apostrophe between letters of any script becomes ’
 * (SmartyPants knows only Latin letters: Ukrainian "подвір'я"), and where the language quotes inside
 * quotations with other marks than ‘ ’ (Japanese 『』, Ukrainian „ “), a quote opening before a word
 * and closing after one takes them.
 */
export function singleQuotes(text: string, inner?: QuoteMarks): string {
  let out = text.replace(/(?<=[\p{L}\p{M}])'(?=\p{L})/gu, '’');
  if (inner) {
    out = out
      .replace(/(^|[\s([{«„“"「『—–])'(?=[\p{L}\p{N}])/gu, `$1${inner.open}`)
      .replace(/(?<=[\p{L}\p{M}\p{N}.,!?…])'(?=$|[\s.,;:!?)\]}»“”"」』—–])/gu, inner.close);
  }
  return out;
}

/**
 * "word - word" → "word – word" (the language's dash); a spaced dash typed as such keeps its kind.
 * The space before the dash becomes unbreakable, so no line starts with a dash.
 */
export function spacedHyphenToDash(text: string, dash = '–'): string {
  return text.replace(/(?<=^|\S) ([-–—]) (?=\S|$)/g, (_m, typed: string) => `${NBSP}${typed === '-' ? dash : typed} `);
}

/**
 * French spacing: a narrow no-break space inside « » and before ; ! ? (in place of a typed space, or
 * added), a no-break space before a colon where a space was typed.
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/« ?(?=\S)/g, `«${NNBSP}`)
    .replace(/(?<=\S) ?»/g, `${NNBSP}»`)
    .replace(/ ([;!?])/g, `${NNBSP}$1`)
    .replace(/ :(?=\s|$)/g, `${NBSP}:`);
}

/** Straight double (or single) quotes of a block, alternately opening and closing, in reading order. */
function pairQuotes(block: RootContent, marks: QuoteMarks, straight = '"'): void {
  if (block.type === 'yaml' || block.type === 'code' || block.type === 'html') return;
  let open = true;
  visit(block, 'text', (node: Text) => {
    if (!node.value.includes(straight)) return;
    node.value = node.value.replaceAll(straight, () => {
      const mark = open ? marks.open : marks.close;
      open = !open;
      return mark;
    });
  });
}

function needsSmartening(block: RootContent): boolean {
  if (block.type === 'yaml' || block.type === 'code' || block.type === 'html') return false;
  return STRAIGHT.test(toString(block, { includeHtml: false }));
}
