import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkSmartypants from 'remark-smartypants';
import type { Plugin } from 'unified';

/** What SmartyPants would change: straight quotes, backticks, `--`, `...`. */
const STRAIGHT = /["'`]|--|\.\.\./;

/**
 * remark-smartypants, applied only to the top-level blocks that have something to change.
 * It runs a natural-language parser over the whole text twice, which costs more than the rest of
 * the parse; blocks are independent for it (each starts fresh), and a manuscript typed with curly
 * quotes has nothing to change at all.
 */
export const remarkSmartPunctuation: Plugin<[], Root> = () => {
  const transform = (remarkSmartypants as unknown as (options: object) => (tree: Root) => void)({ dashes: 'oldschool' });
  return (tree) => {
    for (const block of tree.children) {
      if (needsSmartening(block)) transform({ type: 'root', children: [block] });
    }
  };
};

function needsSmartening(block: RootContent): boolean {
  if (block.type === 'yaml' || block.type === 'code' || block.type === 'html') return false;
  return STRAIGHT.test(toString(block, { includeHtml: false }));
}
