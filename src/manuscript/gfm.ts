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
  /** Whether tables are read; see mayHoldTable. */
  tables: boolean;
}

/** What a Markdown text may hold, and so which of the costly GFM constructs its parser needs. */
export function gfmParseOptionsFor(markdown: string): GfmParseOptions {
  return { autolinkLiterals: mayHoldAutolinkLiteral(markdown), tables: mayHoldTable(markdown) };
}

/**
 * GitHub Flavored Markdown, reading only: what remark-gfm adds to the parser, in its order, without
 * its Markdown writer (nothing here writes Markdown back). Autolink literals and tables can be left
 * out of a text that cannot hold them: they are the costliest parts of the parse (every word is tried
 * as the start of an address, every paragraph's first line as a table's header row).
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
  micromark.push(gfmFootnote(), gfmStrikethrough(), ...(options.tables ? [gfmTable()] : []), gfmTaskListItem());
  fromMarkdown.push(
    gfmFootnoteFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    ...(options.tables ? [gfmTableFromMarkdown()] : []),
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

/**
 * Whether a Markdown text may hold a GFM table: a table needs a delimiter row, a line of nothing but
 * cells of dashes with optional colons, split by pipes (a single cell needs a pipe or a colon), after
 * the blockquote markers and indentation of the blocks it is in. Syntax, not text: escapes and
 * character references never make one.
 */
export function mayHoldTable(markdown: string): boolean {
  return markdown
    .split(/\r\n|\r|\n/)
    .some((line) => /^[ \t>|:-]+$/.test(line) && line.includes('-') && /[|:]/.test(line));
}
