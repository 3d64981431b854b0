import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { remarkHeadingChecks, remarkMetadataChecks, remarkNoteChecks, remarkRawHtmlChecks } from './plugins.js';
import { remarkSmartPunctuation } from './smart-punctuation.js';
import { remarkGlyphCoverage, type GlyphCoverageOptions } from './glyph-coverage.js';
import { remarkSourceLimits, remarkTreeLimits } from './manuscript-limits.js';
import { remarkCoverCheck, remarkImageChecks } from './image-checks.js';
import { gfmParseOptionsFor, remarkGfmParse, type GfmParseOptions } from './gfm.js';
import type { ImageRules } from './image-rules.js';

/**
 * The one Markdown pipeline: parse, GFM (footnotes, tables), front matter, smart punctuation, checks.
 * `images` is where an image reference leads and what its bytes are, bound to the project; `glyphs`
 * what a character no bundled font draws is (an error by default) and which the project's fonts draw.
 */
export function markdownProcessor(
  images: ImageRules,
  glyphs: GlyphCoverageOptions = {},
  gfm: GfmParseOptions = { autolinkLiterals: true, tables: true },
) {
  return (
    unified()
      .use(remarkParse)
      // Before anything reads the text: a file past a limit is not parsed at all.
      .use(remarkSourceLimits)
      .use(remarkFrontmatter, ['yaml'])
      .use(remarkGfmParse, gfm)
      .use(remarkTreeLimits)
      .use(remarkMetadataChecks)
      // Only straight quotes and dashes change, by the book's language; curly ones in the source are already right.
      .use(remarkSmartPunctuation)
      .use(remarkNoteChecks)
      .use(remarkHeadingChecks)
      .use(remarkRawHtmlChecks)
      .use(remarkImageChecks, images)
      .use(remarkCoverCheck, images)
      .use(remarkGlyphCoverage, glyphs)
  );
}

export interface ParsedFile {
  file: VFile;
  tree: Root;
}

/** Parses each file once; problems are left as messages on the files. */
export function parseFiles(files: VFile[], images: ImageRules, glyphs: GlyphCoverageOptions = {}): ParsedFile[] {
  // One processor for every file, or one for each set of GFM constructs the files may hold (gfm.ts).
  const processors = new Map<string, ReturnType<typeof markdownProcessor>>();
  const processorFor = (file: VFile) => {
    const gfm = gfmParseOptionsFor(String(file.value));
    const key = JSON.stringify(gfm);
    let processor = processors.get(key);
    if (!processor) {
      processor = markdownProcessor(images, glyphs, gfm);
      processors.set(key, processor);
    }
    return processor;
  };
  const processorOf = files.map(processorFor);
  const trees = files.map((file, i) => processorOf[i].parse(file));
  // The file with the front matter goes first: the others take its language (quotes, dashes).
  const first = Math.max(
    0,
    trees.findIndex((t) => t.children.some((n) => n.type === 'yaml')),
  );
  files[first].data.metadataFile = true;
  const result: ParsedFile[] = new Array(files.length);
  for (const i of [first, ...files.keys()].filter((i, k, all) => all.indexOf(i) === k)) {
    if (i !== first) files[i].data.bookLang = files[first].data.frontMatter?.lang;
    result[i] = { file: files[i], tree: processorOf[i].runSync(trees[i], files[i]) as Root };
  }
  return result;
}
