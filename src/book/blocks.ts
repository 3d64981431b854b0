import type { Element, Root } from 'hast';
import { visit, SKIP } from 'unist-util-visit';

/** Elements that hold running text and are not split further into blocks. */
export const LEAF_BLOCKS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'li',
  'dt',
  'dd',
  'td',
  'th',
  'figcaption',
  'caption',
]);

/**
 * The leaf text blocks of a chapter in document order. Both renderers index blocks the same way, so
 * a print page start ("page 12 begins in block 7 of chapter X at character 120") can be placed in
 * the EPUB. A list item that contains paragraphs counts through its paragraphs.
 */
export function leafBlocks(tree: Root | Element): Element[] {
  const blocks: Element[] = [];
  visit(tree, 'element', (el: Element) => {
    if (!LEAF_BLOCKS.has(el.tagName)) return;
    if (el.tagName === 'li' && el.children.some((c) => c.type === 'element' && LEAF_BLOCKS.has(c.tagName))) return;
    blocks.push(el);
    return SKIP;
  });
  return blocks;
}

/** Where a printed page begins, in Book terms (see leafBlocks). */
export interface PageStart {
  /** The printed folio number. */
  page: number;
  chapterId: string;
  /** Index into leafBlocks(chapter.tree). */
  block: number;
  /**
   * Characters of the block's text (hast-util-to-string, soft hyphens excluded) before the page begins; 0 = at its
   * start.
   */
  offset: number;
}
