import { BLOCK_ATTR, CLASS, PAGED, PRINT_ONLY_ATTR } from './contract.js';
import { HYPHEN_GLYPH } from './settings.js';

/**
 * After layout: where each page begins in Book terms (the first tagged block in its content area,
 * and how much of that block's text earlier pages already hold) and where each heading is.
 */

export interface PageMap {
  pages: number;
  pageStarts: { page: number; block: string; offset: number }[];
  headings: { id: string; text: string; level: number; page: number; top: number }[];
}

/** Soft hyphens are not Book text. */
const NOT_BOOK_TEXT = /\u00AD/g;

/** The text of a text node as the Book has it: without the hyphen Paged.js appends where it splits a word. */
function bookText(t: Text): string {
  const parent = t.parentElement;
  let text = t.data;
  if (parent?.classList.contains(PAGED.hyphen) && parent.lastChild === t && text.endsWith(HYPHEN_GLYPH))
    text = text.slice(0, -HYPHEN_GLYPH.length);
  return text.replace(NOT_BOOK_TEXT, '');
}

export function pageMap(pagesArea: Element): PageMap {
  const pages = Array.from(pagesArea.querySelectorAll<HTMLElement>(`:scope > .${PAGED.page}`));
  const seen = new Map<string, number>();
  /** The Book text of the part of a block on one page: print-only text and notes left out. */
  const textOf = (el: Element): string => {
    let text = '';
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (t.parentElement?.closest(`[${PRINT_ONLY_ATTR}], .${CLASS.note}`)) continue;
      text += bookText(t as Text);
    }
    return text;
  };
  const pageStarts: PageMap['pageStarts'] = [];
  const headings: PageMap['headings'] = [];
  const lastText = new Map<string, string>();
  pages.forEach((page, i) => {
    const content = page.querySelector(`.${PAGED.pageContent}`);
    if (!content) return;
    const blocks = Array.from(content.querySelectorAll(`[${BLOCK_ATTR}]`));
    if (blocks.length) {
      const first = blocks[0].getAttribute(BLOCK_ATTR)!;
      let offset = seen.get(first) ?? 0;
      // A page that begins inside a word (a split Paged.js made): the page begins with that word.
      const before = lastText.get(first) ?? '';
      if (offset > 0 && /\S$/.test(before) && /^\S/.test(textOf(blocks[0])))
        offset -= before.length - before.search(/\S+$/);
      pageStarts.push({ page: i + 1, block: first, offset });
      for (const b of blocks) {
        const key = b.getAttribute(BLOCK_ATTR)!;
        const text = textOf(b);
        seen.set(key, (seen.get(key) ?? 0) + text.length);
        lastText.set(key, (lastText.get(key) ?? '') + text);
      }
    }
    const pageTop = page.getBoundingClientRect().top;
    for (const h of Array.from(content.querySelectorAll<HTMLElement>('h1[id], h2[id], h3[id], h4[id]'))) {
      if (h.hasAttribute(PAGED.splitFromAttr)) continue;
      headings.push({
        id: h.id,
        text: (h.textContent ?? '').replace(NOT_BOOK_TEXT, '').trim(),
        level: Number(h.tagName[1]),
        page: i + 1,
        top: h.getBoundingClientRect().top - pageTop,
      });
    }
  });
  return { pages: pages.length, pageStarts, headings };
}
