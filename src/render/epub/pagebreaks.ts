import type { Element, ElementContent, Root, Text } from 'hast';
import { leafBlocks, type PageStart } from '../../book/blocks.js';

const SOFT_HYPHEN = /\u00AD/g;

/** The marker of a print page beginning, which a page-list entry targets. */
export function pageBreakMarker(page: number, label: string = String(page)): Element {
  return {
    type: 'element',
    tagName: 'span',
    properties: { 'epub:type': 'pagebreak', role: 'doc-pagebreak', id: pageBreakId(page), ariaLabel: label },
    children: [],
  };
}

export const pageBreakId = (page: number) => `page-${page}`;

/**
 * Inserts a pagebreak marker where each print page begins. Must run on a tree with the same block
 * structure as the Book's chapter tree (a clone, before any other change), since the print renderer
 * counts blocks and characters on that tree (see PageStart).
 */
export function insertPageBreaks(
  tree: Root,
  starts: PageStart[],
  chapterId: string,
  formatNumber: (n: number) => string = String,
) {
  const blocks = leafBlocks(tree);
  for (const start of starts) {
    const block = blocks[start.block];
    if (!block) {
      throw new RangeError(
        `Page ${start.page} starts in block ${start.block} of chapter ` +
          `"${chapterId}", which has ${blocks.length} blocks.`,
      );
    }
    insertAtOffset(block, start.offset, pageBreakMarker(start.page, formatNumber(start.page)));
  }
}

/**
 * Puts `marker` after `offset` characters of the block's text (soft hyphens not counted), splitting a
 * text node when the offset falls inside it. An offset past the end puts the marker at the end.
 */
function insertAtOffset(block: Element, offset: number, marker: Element) {
  let remaining = offset;
  const place = (parent: Element, index: number): boolean => {
    for (let i = index; i < parent.children.length; i++) {
      const child = parent.children[i];
      if (remaining === 0) {
        parent.children.splice(i, 0, marker);
        return true;
      }
      if (child.type === 'text') {
        const length = child.value.replace(SOFT_HYPHEN, '').length;
        if (remaining < length) {
          parent.children.splice(i, 1, ...splitText(child, remaining), marker, ...splitText(child, remaining, true));
          return true;
        }
        remaining -= length;
      } else if (child.type === 'element' && place(child, 0)) {
        return true;
      }
    }
    return false;
  };
  if (!place(block, 0)) block.children.push(marker);
}

/** The part of a text node before (or, with `after`, from) the position after `visible` non-soft-hyphen characters. */
function splitText(node: Text, visible: number, after = false): ElementContent[] {
  let cut = 0;
  for (let seen = 0; seen < visible; cut++) if (node.value[cut] !== '\u00AD') seen++;
  const value = after ? node.value.slice(cut) : node.value.slice(0, cut);
  return value ? [{ type: 'text', value }] : [];
}
