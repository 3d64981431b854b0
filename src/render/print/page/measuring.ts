/**
 * Measuring a justified paragraph for the line breaking: its text as Knuth–Plass boxes, glue and
 * penalties, with widths from a canvas in the page's own fonts, and where in the DOM each possible
 * break lies.
 */
import { CLASS, HEADINGS, NOTE_NUMBER_ATTR, OPENING_PARAGRAPHS, dot } from './contract.js';
import { FORCED, type Item } from './knuth-plass.js';

/** How the text's items are made: TeX's values for a book face, with a dear hyphen (books hyphenate sparingly). */
export const ITEM_SETTINGS = {
  /** A hyphen is taken only where the paragraph cannot be set within the tolerance without one. */
  hyphenPenalty: 1000,
  explicitHyphenPenalty: 50,
  /** Space stretch and shrink, as a share of the space's width (TeX's for a book face: 1/2, 1/3). */
  stretch: 0.5,
  shrink: 1 / 3,
};

/** Paged.js footnotes: float out of the line, leaving only their call. */
export const NOTE_SELECTOR = dot(CLASS.note);
export const SOFT_HYPHEN = '\u00AD';
/** Scripts broken by other rules than spaces and hyphens (or set right to left): left to the browser. */
const OTHER_SCRIPT_NAMES =
  'Arabic Hebrew Syriac Thaana Nko Han Hiragana Katakana Hangul Thai Lao Khmer Myanmar Tibetan';
export const OTHER_SCRIPTS = new RegExp(
  `[${OTHER_SCRIPT_NAMES.split(' ')
    .map((name) => `\\p{Script=${name}}`)
    .join('')}]`,
  'u',
);
/** Blocks set ragged-right when they are not justified: table cells (narrow, where justifying opens wide gaps). */
export const RAGGED_BLOCKS = 'td, th';

export const RTL_OR_CJK_LANG = /^(ar|he|iw|fa|ur|yi|ps|sd|ug|dv|syr|ja|zh|ko|th|lo|km|my|bo)$/i;

export interface Source {
  /** For glue: the whitespace run; for a penalty: the soft hyphen or the character it follows. */
  node: Text;
  start: number;
  end: number;
}

/** A paragraph as the line breaking sees it. */
export interface MeasuredParagraph {
  el: HTMLElement;
  items: Item[];
  /** DOM place of each item that can end a line (glue and penalties), by item index. */
  sources: Map<number, Source>;
  /** The canvas width of each note call, in order (in the model, hidden when measuring the layout). */
  calls: number[];
  /** The first line's width and the others'. */
  widths: [number, number];
  /** True when the first line is set in its own face (`firstLine` of the options). */
  firstLine: boolean;
  /**
   * Blocks inside `el` set as paragraphs of their own (a note's later paragraphs, a list item's
   * nested list): not part of its lines.
   */
  nested: Element[];
  /** Set ragged-right (a table cell): word spaces keep their width, the lines' ends vary. */
  ragged: boolean;
  /** The font size (px): a ragged line's end stretch is measured in ems. */
  fontSize: number;
  /** A note's paragraph, set at the page foot. */
  inNote: boolean;
  /** The hyphenation points of the last word (item index, cost), forbidden in `items`. */
  lastWordBreaks: [number, number][];
}

/** How a paragraph's first line is set when its face differs (a section opening's small capitals). */
export interface FirstLineStyle {
  /** Font size, relative to the paragraph's. */
  scale: number;
  /** Letter-spacing, in px. */
  spacing: number;
  transform: string;
}

export interface MeasureOptions {
  /** The first line's own face (CLASS.firstLine): its items are measured in both faces. */
  firstLine?: FirstLineStyle;
  /**
   * The paragraph is a note's, set where the note will print (the page foot): its own blocks
   * (`.note-more`) are paragraphs of their own, and generated text (`::before`, `::after`) counts.
   */
  inNote?: boolean;
}

/** The width of the page's text block, from the document's `@page` size and margins. */
export function pageContentWidth(fallback: HTMLElement): number {
  let size = '';
  let left = '';
  let right = '';
  for (const sheet of Array.from(document.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue;
    }
    for (const rule of Array.from(rules)) {
      if (!(rule instanceof CSSPageRule) || rule.selectorText !== '') continue;
      size = rule.style.getPropertyValue('size') || size;
      left = rule.style.getPropertyValue('margin-left') || left;
      right = rule.style.getPropertyValue('margin-right') || right;
    }
  }
  const width = size.trim().split(/\s+/)[0];
  if (!width || !/\d/.test(width)) return fallback.getBoundingClientRect().width;
  const probe = document.createElement('div');
  const probeWidth = `calc(${width} - ${left || '0px'} - ${right || '0px'})`;
  probe.style.cssText = `position:absolute;visibility:hidden;width:${probeWidth}`;
  document.body.appendChild(probe);
  const result = probe.getBoundingClientRect().width;
  probe.remove();
  return result > 0 ? result : fallback.getBoundingClientRect().width;
}

/** What decides a text's width, read once per element (reading a live computed style is slow). */
export interface Face {
  font: string;
  spacing: string;
  transform: string;
  /** Numeric variants and feature settings: a canvas cannot apply them, so digits are measured in the DOM. */
  variantNumeric: string;
  featureSettings: string;
  key: string;
}
export type Measure = (face: Face, text: string) => number;

/** The face of an element's text; `as` sets size, letter-spacing and case otherwise (a first line's face). */
function faceOf(style: CSSStyleDeclaration, as?: { size: string; spacing: string; transform: string }): Face {
  const caps =
    style.fontVariantCaps === 'small-caps' || style.fontVariantCaps === 'all-small-caps' ? 'small-caps ' : '';
  const font = `${style.fontStyle} ${caps}${style.fontWeight} ${as?.size ?? style.fontSize} ${style.fontFamily}`;
  const spacing = as?.spacing ?? (style.letterSpacing === 'normal' ? '0px' : style.letterSpacing);
  const transform = as?.transform ?? style.textTransform;
  const variantNumeric = style.fontVariantNumeric;
  const featureSettings = style.fontFeatureSettings;
  return {
    font,
    spacing,
    transform,
    variantNumeric,
    featureSettings,
    key: `${font}|${spacing}|${transform}|${variantNumeric}|${featureSettings}|`,
  };
}

/** Text widths from a canvas with the element's font, cached by font and text (words repeat). */
export function measurer(ctx: CanvasRenderingContext2D, probe: HTMLElement): Measure {
  // One map per face, keyed by the text alone: a face's key is long, and joining it to every word
  // cost more than measuring.
  const caches = new Map<string, Map<string, number>>();
  let currentFont = '';
  return (face, text) => {
    let cache = caches.get(face.key);
    if (!cache) {
      cache = new Map();
      caches.set(face.key, cache);
    }
    const key = text;
    let width = cache.get(key);
    if (
      width === undefined &&
      /\d/.test(text) &&
      (face.variantNumeric !== 'normal' || face.featureSettings !== 'normal')
    ) {
      // Old-style or proportional figures change digits' widths, and a canvas has no such setting:
      // measured in the DOM (digits are rare, so this stays cheap).
      probe.style.font = face.font;
      probe.style.letterSpacing = face.spacing;
      probe.style.textTransform = face.transform;
      probe.style.fontVariantNumeric = face.variantNumeric;
      probe.style.fontFeatureSettings = face.featureSettings;
      probe.textContent = text;
      width = probe.getBoundingClientRect().width;
      cache.set(key, width);
    }
    if (width === undefined) {
      const transformed =
        face.transform === 'uppercase'
          ? text.toUpperCase()
          : face.transform === 'lowercase'
            ? text.toLowerCase()
            : text;
      if (face.key !== currentFont) {
        ctx.font = face.font;
        ctx.fontKerning = 'normal';
        ctx.letterSpacing = face.spacing;
        currentFont = face.key;
      }
      width = ctx.measureText(transformed).width;
      cache.set(key, width);
    }
    return width;
  };
}

const INLINE_DISPLAY = /^(inline|contents)$/;
const NESTED_DISPLAY = /^(block|list-item|flow-root)$/;
/** The characters a word is split at (see `prepare`): soft hyphen, no-break space, hyphens, dashes. */
const WORD_SPLITTERS = /[\u00AD\u00A0\u2010\u2013\u2014-]/;

/** Items of one justified paragraph, or null when it must be left to the browser. */
export function measureParagraph(
  el: HTMLElement,
  lang: string,
  measure: Measure,
  options: MeasureOptions = {},
): MeasuredParagraph | null {
  const inNote = options.inNote === true;
  if (el.closest(`${inNote ? '' : `${NOTE_SELECTOR}, `}pre, [dir="rtl"], ${HEADINGS}`)) return null;
  const style = getComputedStyle(el);
  const ragged = style.textAlign !== 'justify' && /^(start|left)$/.test(style.textAlign) && el.matches(RAGGED_BLOCKS);
  if ((style.textAlign !== 'justify' && !ragged) || style.direction === 'rtl' || style.whiteSpace !== 'normal')
    return null;
  const elLang = el.closest('[lang]')?.getAttribute('lang') ?? lang;
  if (RTL_OR_CJK_LANG.test(elLang.split('-')[0])) return null;
  const text = el.textContent ?? '';
  if (!text.trim() || OTHER_SCRIPTS.test(text)) return null;
  const contentWidth = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  if (!(contentWidth > 0)) return null;
  const indent = parseFloat(style.textIndent) || 0;

  const items: Item[] = [];
  const calls: number[] = [];
  const sources = new Map<number, Source>();
  const nested: Element[] = [];
  const faces = new Map<Element, Face>();
  const styleOf = (e: Element) => {
    let f = faces.get(e);
    if (!f) {
      f = faceOf(getComputedStyle(e));
      faces.set(e, f);
    }
    return f;
  };
  const firstLine = options.firstLine;
  const firstFaces = new Map<Element, Face>();
  const firstFaceOf = (e: Element) => {
    let f = firstFaces.get(e);
    if (!f && firstLine) {
      const st = getComputedStyle(e);
      const size = parseFloat(st.fontSize) * firstLine.scale;
      f = faceOf(st, { size: `${size}px`, spacing: `${firstLine.spacing}px`, transform: firstLine.transform });
      firstFaces.set(e, f);
    }
    return f;
  };
  let ok = true;
  const lastIsGlue = () => items.length > 0 && items[items.length - 1].type === 'glue';
  /** A box of text in face `s` of element `e` (on a first line in its own face, a width of its own too). */
  const addBox = (width: number, text?: string, e?: Element) => {
    const first = text && e ? firstFaceOf(e) : undefined;
    items.push(first ? { type: 'box', width, firstLineExtra: measure(first, text!) - width } : { type: 'box', width });
  };

  const walk = (node: Node) => {
    if (!ok) return;
    if (node.nodeType === Node.TEXT_NODE) {
      const t = node as Text;
      if (nested.length > 0 && !inNote) {
        ok = !t.data.trim();
        return;
      }
      const s = styleOf(t.parentElement!);
      const data = t.data;
      const space = measure(s, ' ');
      const first = firstFaceOf(t.parentElement!);
      const firstLineExtra = first ? measure(first, ' ') - space : 0;
      const spaceGlue = (breakable: boolean): Item => ({
        type: 'glue',
        width: space,
        stretch: space * ITEM_SETTINGS.stretch,
        shrink: space * ITEM_SETTINGS.shrink,
        breakable,
        ...(firstLineExtra ? { firstLineExtra } : {}),
      });
      for (const m of data.matchAll(/[ \t\n\r\f]+|[^ \t\n\r\f]+/g)) {
        const token = m[0];
        const at = m.index!;
        if (/^[ \t\n\r\f]/.test(token)) {
          // Collapsed with a preceding space (across elements): one glue.
          if (lastIsGlue()) continue;
          items.push(spaceGlue(true));
          sources.set(items.length - 1, { node: t, start: at, end: at + token.length });
          continue;
        }
        // A word: pieces between soft hyphens, explicit hyphens and no-break spaces.
        let offset = at;
        // (Most words hold none of the characters split at: no regex split for them.)
        const parts = WORD_SPLITTERS.test(token)
          ? token.split(/(\u00AD|\u00A0|(?<=[\p{L}\p{N}])[-\u2010](?=\p{L})|[\u2013\u2014](?=\S))/u)
          : [token];
        for (const part of parts) {
          if (!part) continue;
          if (part === SOFT_HYPHEN) {
            items.push({ type: 'penalty', width: measure(s, '-'), cost: ITEM_SETTINGS.hyphenPenalty, flagged: true });
            sources.set(items.length - 1, { node: t, start: offset, end: offset + 1 });
          } else if (part === '\u00A0') {
            items.push(spaceGlue(false));
          } else if (/^[-\u2010\u2013\u2014]$/.test(part)) {
            addBox(measure(s, part), part, t.parentElement!);
            items.push({
              type: 'penalty',
              width: 0,
              cost: part === '-' || part === '\u2010' ? ITEM_SETTINGS.explicitHyphenPenalty : 0,
              flagged: part === '-' || part === '\u2010',
            });
            sources.set(items.length - 1, { node: t, start: offset + 1, end: offset + 1 });
          } else {
            addBox(measure(s, part), part, t.parentElement!);
          }
          offset += part.length;
        }
      }
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const e = node as HTMLElement;
    if (e.matches(NOTE_SELECTOR)) {
      // The note floats to the page foot; its call stays: the number at the call's size.
      const number = e.getAttribute(NOTE_NUMBER_ATTR) ?? '0';
      const width = measureCall(measure, getComputedStyle(e.parentElement!), number);
      items.push({ type: 'box', width });
      calls.push(width);
      return;
    }
    if (e.tagName === 'BR') {
      items.push({ type: 'glue', width: 0, stretch: 1e5, shrink: 0, breakable: false });
      items.push({ type: 'penalty', width: 0, cost: -FORCED, flagged: false });
      return;
    }
    const s = getComputedStyle(e);
    // A note's later paragraphs and a list item's own list (or paragraphs) are set on their own.
    if ((inNote || el.tagName === 'LI') && NESTED_DISPLAY.test(s.display) && e.parentElement === el) {
      nested.push(e);
      return;
    }
    // Text after a nested block lies below it, not on the block's lines: left to the browser.
    if (nested.length > 0 && !inNote) {
      ok = false;
      return;
    }
    if (
      !INLINE_DISPLAY.test(s.display) ||
      s.whiteSpace !== 'normal' ||
      s.float !== 'none' ||
      s.position === 'absolute'
    ) {
      ok = false;
      return;
    }
    if (inNote) {
      // Generated text and the horizontal margins of inline elements (a note's number: "1." and a space).
      const before = generatedText(e, '::before');
      const startSpace = parseFloat(s.marginLeft) + parseFloat(s.paddingLeft) + parseFloat(s.borderLeftWidth) || 0;
      if (before) addBox(measure(styleOf(e), before));
      if (startSpace) addBox(startSpace);
      for (const child of Array.from(e.childNodes)) walk(child);
      const after = generatedText(e, '::after');
      const endSpace = parseFloat(s.marginRight) + parseFloat(s.paddingRight) + parseFloat(s.borderRightWidth) || 0;
      if (after) addBox(measure(styleOf(e), after));
      if (endSpace) addBox(endSpace);
      return;
    }
    for (const child of Array.from(e.childNodes)) walk(child);
  };
  for (const child of Array.from(el.childNodes)) walk(child);
  if (!ok || items.length === 0) return null;

  // Trailing spaces go; the paragraph ends with TeX's \parfillskip and a forced break.
  while (items.length && items[items.length - 1].type !== 'box') {
    items.pop();
    sources.delete(items.length);
  }
  // No hyphen in the paragraph's last word (its breaks kept aside for a paragraph that cannot do without).
  const lastWordBreaks: [number, number][] = [];
  for (let i = items.length - 1; i >= 0 && items[i].type !== 'glue'; i--) {
    const it = items[i];
    if (it.type === 'penalty' && it.flagged) {
      lastWordBreaks.push([i, it.cost]);
      it.cost = FORCED;
    }
  }
  items.push({ type: 'glue', width: 0, stretch: 1e5, shrink: 0, breakable: false });
  items.push({ type: 'penalty', width: 0, cost: -FORCED, flagged: false });
  return {
    el,
    items,
    sources,
    calls,
    widths: [contentWidth - indent, contentWidth],
    nested,
    firstLine: !!firstLine,
    ragged,
    inNote,
    lastWordBreaks,
    fontSize: parseFloat(style.fontSize) || 16,
  };
}

/** The text a pseudo-element adds (`content: "."`), or '' for none or anything but a plain string. */
function generatedText(el: Element, pseudo: '::before' | '::after'): string {
  const content = getComputedStyle(el, pseudo).content;
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(content);
  return m ? m[1].replace(/\\(.)/g, '$1') : '';
}

/**
 * The first-line face of each paragraph under `root` that opens a section (OPENING_PARAGRAPHS), where
 * the style sheet gives CLASS.firstLine a face of its own: read from a probe in each (all written,
 * then all read, then all removed: one style pass).
 */
export function firstLineStyles(root: Element): Map<Element, FirstLineStyle> {
  const found = new Map<Element, FirstLineStyle>();
  const probes = Array.from(root.querySelectorAll<HTMLElement>(OPENING_PARAGRAPHS), (el) => {
    const probe = document.createElement('span');
    probe.className = `${CLASS.lineSpacing} ${CLASS.firstLine}`;
    el.appendChild(probe);
    return { el, probe };
  });
  for (const { el, probe } of probes) {
    const own = getComputedStyle(el);
    const style = getComputedStyle(probe);
    const scale = parseFloat(style.fontSize) / parseFloat(own.fontSize) || 1;
    const spacing = style.letterSpacing === 'normal' ? 0 : parseFloat(style.letterSpacing) || 0;
    const ownSpacing = own.letterSpacing === 'normal' ? 0 : parseFloat(own.letterSpacing) || 0;
    if (scale !== 1 || spacing !== ownSpacing || style.textTransform !== own.textTransform)
      found.set(el, { scale, spacing, transform: style.textTransform });
  }
  for (const { probe } of probes) probe.remove();
  return found;
}

/** A note call: the number at 0.62 of the text's size, as print.css sets `::footnote-call`. */
function measureCall(measure: Measure, s: CSSStyleDeclaration, number: string): number {
  const size = parseFloat(s.fontSize) * 0.62;
  const font = `normal 400 ${size}px ${s.fontFamily}`;
  return (
    measure(
      {
        font,
        spacing: '0px',
        transform: 'none',
        variantNumeric: 'normal',
        featureSettings: 'normal',
        key: `${font}|0px|none|normal|normal|`,
      },
      number,
    ) +
    size * 0.05
  );
}
