import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import {
  remarkFrontMatter,
  remarkHeadingChecks,
  remarkNoteChecks,
  remarkRawHtmlChecks,
} from './plugins.js';
import { remarkSmartPunctuation } from './smart-punctuation.js';
import { remarkSourceLimits, remarkTreeLimits } from './limits.js';

/** The one Markdown pipeline: parse, GFM (footnotes, tables), front matter, smart punctuation, checks. */
export function markdownProcessor() {
  return unified()
    .use(remarkParse)
    // Before anything reads the text: a file past a limit is not parsed at all.
    .use(remarkSourceLimits)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkTreeLimits)
    // Only straight quotes and dashes change; curly ones in the source are already right.
    .use(remarkSmartPunctuation)
    .use(remarkFrontMatter)
    .use(remarkNoteChecks)
    .use(remarkHeadingChecks)
    .use(remarkRawHtmlChecks);
}

export interface ParsedFile {
  file: VFile;
  tree: Root;
}

/** Parses each file once; problems are left as messages on the files. */
export function parseFiles(files: VFile[]): ParsedFile[] {
  const processor = markdownProcessor();
  return files.map((file) => ({ file, tree: processor.runSync(processor.parse(file), file) as Root }));
}
