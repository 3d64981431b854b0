import type { Config } from '../../config/schema.js';
import { HALF_OF_PAPER, PAGE_SIZE_NAMES, cssLengthToPt, namedSizeLengths } from '../../util/lengths.js';

type PrintConfig = Config['print'];

export interface PageGeometry {
  /** CSS lengths for `@page { size }`. */
  width: string;
  height: string;
  widthPt: number;
  heightPt: number;
  margins: { top: string; bottom: string; inside: string; outside: string };
  bleed?: string;
  cropMarks: boolean;
}

/** The trim size: the configured preset or custom "WxHunit", else half the paper (A5 on A4 paper). */
export function pageSize(print: Pick<PrintConfig, 'pageSize' | 'paper'>): { width: string; height: string } {
  const name = print.pageSize ?? HALF_OF_PAPER[print.paper];
  const size = namedSizeLengths(name, PAGE_SIZE_NAMES);
  if (!size) throw new Error(`print.pageSize: not a size: ${name}`);
  return size;
}

const round = (pt: number) => `${Math.round(pt * 10) / 10}pt`;

/**
 * Page geometry with default margins in proportion to the page (a booklet's fold wants a wider
 * inside margin than the outside; the foot is deeper than the head to hold the folio).
 */
export function pageGeometry(print: PrintConfig): PageGeometry {
  const size = pageSize(print);
  const widthPt = cssLengthToPt(size.width);
  const heightPt = cssLengthToPt(size.height);
  const margins = {
    top: print.margins.top ?? round(heightPt * 0.075),
    bottom: print.margins.bottom ?? round(heightPt * 0.09),
    inside: print.margins.inside ?? round(widthPt * 0.12),
    outside: print.margins.outside ?? round(widthPt * 0.1),
  };
  const bleed = print.bleed ?? (print.cropMarks ? '3mm' : undefined);
  return { ...size, widthPt, heightPt, margins, bleed, cropMarks: print.cropMarks };
}

/** What the book's language changes on the page: which side is bound, and the folios' digits. */
export interface PageScript {
  dir: 'ltr' | 'rtl';
  /** CSS counter style of the folios ("decimal", "persian"…). */
  counterStyle: string;
}

/**
 * The @page rules: size only here (Paged.js reads `size`; pagedjs-cli's --page-size is ignored),
 * mirrored margins, running heads (book title on versos, section on rectos), folios at the outer foot,
 * and nothing in the margins of the title, front matter, back matter and blank pages.
 *
 * Paged.js calls odd pages (rectos) `:right`. A right-to-left book is bound on the right: its rectos
 * lie on the left of the spread, so their inside margin, folio and note rule swap sides. Left and right
 * here are the page's own: its boxes stay left to right in every book (print.css), only the content
 * inside them is set right to left.
 */
export function pageCss(
  geometry: PageGeometry,
  print: PrintConfig,
  bookTitle: string,
  script: PageScript = { dir: 'ltr', counterStyle: 'decimal' },
): string {
  const { margins } = geometry;
  const printMarks = [geometry.bleed ? `bleed: ${geometry.bleed};` : '', geometry.cropMarks ? 'marks: crop;' : ''].join(
    ' ',
  );
  const none = '{ content: none; }';
  const quiet = `@top-center ${none} @bottom-left ${none} @bottom-right ${none}`;
  const rtl = script.dir === 'rtl';
  const folio = script.counterStyle === 'decimal' ? 'counter(page)' : `counter(page, ${script.counterStyle})`;
  const [versoFolio, rectoFolio] = rtl ? ['bottom-right', 'bottom-left'] : ['bottom-left', 'bottom-right'];
  const side = (inside: boolean) => (inside ? margins.inside : margins.outside);
  // Margins of a verso (even page) and a recto (odd page): [left, right].
  const verso = rtl ? [side(true), side(false)] : [side(false), side(true)];
  const recto = rtl ? [side(false), side(true)] : [side(true), side(false)];
  return `
@page {
  size: ${geometry.width} ${geometry.height};
  margin: ${margins.top} ${margins.outside} ${margins.bottom} ${margins.inside};
  ${printMarks}
  @footnote {
    margin-top: 0.9em;
    padding-top: 0.5em;
    /* A short rule above the notes, drawn as background so it counts as padding in Paged.js's measurements. */
    background: linear-gradient(currentColor, currentColor) no-repeat ${rtl ? 'right' : 'left'} top / 28% 0.4pt;
  }
}
@page :left {
  margin-left: ${verso[0]};
  margin-right: ${verso[1]};
  @top-center { content: ${cssString(bookTitle)}; }
  @${versoFolio} { content: ${folio}; }
}
@page :right {
  margin-left: ${recto[0]};
  margin-right: ${recto[1]};
  @top-center { content: string(section); }
  @${rectoFolio} { content: ${folio}; }
}
@page :blank { ${quiet} }
@page title { ${quiet} }
@page front { ${quiet} }
@page back { ${quiet} }
html { font-size: ${print.fontSize}; }
`;
}

/**
 * A CSS string literal. Line breaks become spaces; `<` is written as its escape, so the text cannot
 * end the <style> element it is printed in.
 */
export function cssString(text: string): string {
  return `"${text
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/[\n\r\f]/g, ' ')
    .replace(/</g, '\\3c ')}"`;
}
