import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import type { Processor } from 'unified';

export interface GfmParseOptions {
  /** Whether bare addresses (www.…, http://…, name@host) become links; see mayHoldAutolinkLiteral. */
  autolinkLiterals: boolean;
}

/**
 * GitHub Flavored Markdown, reading only: what remark-gfm adds to the parser, in its order, without
 * its Markdown writer (nothing here writes Markdown back). Autolink literals can be left out: they
 * are the costliest part of the parse (every word is tried as the start of an address).
 */
export function remarkGfmParse(this: Processor, options: GfmParseOptions) {
  const data = this.data();
  data.micromarkExtensions ??= [];
  data.fromMarkdownExtensions ??= [];
  const micromark = data.micromarkExtensions;
  const fromMarkdown = data.fromMarkdownExtensions;
  if (options.autolinkLiterals) {
    micromark.push(gfmAutolinkLiteral());
    fromMarkdown.push(gfmAutolinkLiteralFromMarkdown());
  }
  micromark.push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem());
  fromMarkdown.push(
    gfmFootnoteFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    gfmTableFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
  );
}

/**
 * Whether a Markdown text may hold a GFM autolink literal: each needs "www", "http" or "@" in the
 * text the parser reads, and a backslash escape keeps the escaped character in the source while a
 * character reference ("&#64;") needs "&". A text with none of these parses the same without them.
 */
export function mayHoldAutolinkLiteral(markdown: string): boolean {
  return /www|http|@|&/i.test(markdown);
}
