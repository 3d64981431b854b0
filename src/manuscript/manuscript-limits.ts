import type { Html, Nodes, Root } from 'mdast';
import type { Plugin, Processor } from 'unified';
import type { VFile } from 'vfile';
import { reportError } from '../util/diagnostics.js';

/*
 * Limits on what one manuscript may hold, each with a positioned message. The parser and every
 * later step walk the tree recursively, and Markdown's emphasis rules take time growing with the
 * square of the markers in a paragraph: without these, a hostile or broken file overflows the stack
 * or runs for minutes. They are far above what any real pamphlet uses.
 */

/** Blockquotes, lists, emphasis or raw HTML elements inside each other. */
export const MAX_NESTING_DEPTH = 100;
/** One block of text without a blank line (a paragraph, list or table): about 8,000 words. */
export const MAX_PARAGRAPH_CHARACTERS = 50_000;
/** Emphasis, strong and strikethrough marks (the characters *, _ and ~) in one paragraph. */
export const MAX_EMPHASIS_MARKERS = 1_000;

declare module 'vfile' {
  interface DataMap {
    /** Set when a limit or an unreadable front matter stopped the reading: the file's tree is empty. */
    unread: boolean;
  }
}

function fail(file: VFile, reason: string, line: number, column: number, ruleId: string) {
  reportError(file, reason, { line, column }, ruleId);
}

const format = (n: number) => n.toLocaleString('en');

/**
 * Checks the text before it is parsed (the parser itself is what a deep or huge input defeats):
 * front matter never closed, paragraph size, emphasis markers per paragraph, and the nesting of
 * blockquotes and lists as their line prefixes show it. A file that fails is not parsed at all.
 */
export const remarkSourceLimits: Plugin<[], string, Root> = function (this: Processor) {
  const parse = this.parser!;
  this.parser = (doc: string, file: VFile) => {
    if (!checkSource(doc, file)) {
      file.data.unread = true;
      return { type: 'root', children: [] } as Root;
    }
    return parse(doc, file) as Root;
  };
};

function checkSource(text: string, file: VFile): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  const before = file.messages.length;
  checkFrontMatterClosed(lines, file);
  let blockStart = -1;
  let blockChars = 0;
  let markers = 0;
  const endBlock = (end: number) => {
    if (blockStart < 0) return;
    if (blockChars > MAX_PARAGRAPH_CHARACTERS) {
      fail(
        file,
        `This paragraph (lines ${blockStart + 1}–${end}) is ${format(blockChars)} characters long, ` +
          `more than the paragraph size limit of ${format(MAX_PARAGRAPH_CHARACTERS)} ` +
          '(about 8,000 words). Split it with blank lines.',
        blockStart + 1,
        1,
        'paragraph-size',
      );
    } else if (markers > MAX_EMPHASIS_MARKERS) {
      fail(
        file,
        `This paragraph (lines ${blockStart + 1}–${end}) has ${format(markers)} emphasis marks (the ` +
          `characters *, _ and ~), more than the limit of ${format(MAX_EMPHASIS_MARKERS)} in one paragraph. ` +
          'Split it with blank lines, or write literal asterisks and underscores as \\* and \\_.',
        blockStart + 1,
        1,
        'emphasis-markers',
      );
    }
    blockStart = -1;
    blockChars = 0;
    markers = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') {
      endBlock(i);
      continue;
    }
    if (blockStart < 0) blockStart = i;
    blockChars += line.length + 1;
    // An escaped \* is a literal asterisk, not a mark.
    for (let c = 0; c < line.length; c++)
      if ((line[c] === '*' || line[c] === '_' || line[c] === '~') && line[c - 1] !== '\\') markers++;
    const depth = containerDepth(line);
    if (depth > MAX_NESTING_DEPTH) {
      fail(
        file,
        `Blockquotes and lists here are nested ${format(depth)} levels deep, ` +
          `more than the nesting limit of ${MAX_NESTING_DEPTH}.`,
        i + 1,
        1,
        'nesting-depth',
      );
      return false;
    }
  }
  endBlock(lines.length);
  return file.messages.length === before;
}

/**
 * How deep the blockquotes and lists that a line opens can be, from its prefix: each `>` and each
 * list marker is a level, and a nested list needs at least two columns of indentation per level.
 */
function containerDepth(line: string): number {
  let depth = 0;
  let indent = 0;
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') indent += line[i++] === '\t' ? 4 : 1;
    const marker = /^(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/.exec(line.slice(i));
    if (!marker) {
      // Indentation before ordinary text is a paragraph's or a code block's, not a list's.
      return depth === 0 ? 0 : depth + Math.floor(indent / 2);
    }
    depth++;
    i += marker[0].length;
  }
}

/**
 * Front matter opened with `---` on the first line and never closed would be read as text (and its
 * `key: value` lines as headings): say so at the opening line, or at a `--` meant to close it.
 */
function checkFrontMatterClosed(lines: string[], file: VFile) {
  if (!/^---[ \t]*$/.test(lines[0] ?? '')) return;
  const firstContent = lines.slice(1).find((l) => l.trim() !== '');
  if (!firstContent || !/^[\w-]+[ \t]*:/.test(firstContent)) return;
  if (lines.slice(1).some((l) => /^---[ \t]*$/.test(l))) return;
  const nearMiss = lines.findIndex((l, i) => i > 0 && /^(-{1,2}|-{4,}|\.\.\.)[ \t]*$/.test(l));
  if (nearMiss > 0) {
    fail(
      file,
      `Front matter opened at line 1 is closed with "${lines[nearMiss].trim()}" here: ` +
        'the closing line must be exactly three dashes "---".',
      nearMiss + 1,
      1,
      'front-matter',
    );
  } else {
    fail(
      file,
      'Front matter is never closed: this "---" opens it; ' +
        'end it with a line of three dashes "---" after its last line.',
      1,
      1,
      'front-matter',
    );
  }
}

/** Void and optional-end HTML tags do not nest (an unclosed <p> or <li> is closed by the next one). */
const FLAT_TAGS = new Set([
  ...'area base br col embed hr img input link meta source track wbr p li dt dd tr td th'.split(' '),
  ...'thead tbody tfoot option optgroup rp rt colgroup'.split(' '),
]);

/**
 * After parsing, before any other step walks the tree: its depth, measured without recursion, and the
 * nesting of raw HTML elements (one html node to the parser, a tree to everything after it).
 */
export const remarkTreeLimits: Plugin<[], Root> = () => (tree, file) => {
  const stack: [Nodes, number][] = [[tree, 0]];
  let htmlDepth = 0;
  const htmlNodes: Html[] = [];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_NESTING_DEPTH) {
      const at = node.position?.start;
      fail(
        file,
        `Text here is nested more than ${MAX_NESTING_DEPTH} levels deep (blockquotes, lists, ` +
          'emphasis or links inside each other), more than the nesting limit.',
        at?.line ?? 1,
        at?.column ?? 1,
        'nesting-depth',
      );
      return stop(tree, file);
    }
    if (node.type === 'html') htmlNodes.push(node);
    if ('children' in node)
      for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i] as Nodes, depth + 1]);
  }
  htmlNodes.sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0));
  for (const node of htmlNodes) {
    for (const m of node.value.matchAll(/<(\/?)([a-zA-Z][\w-]*)\b(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g)) {
      if (FLAT_TAGS.has(m[2].toLowerCase()) || m[3]) continue;
      htmlDepth = m[1] ? Math.max(0, htmlDepth - 1) : htmlDepth + 1;
      if (htmlDepth > MAX_NESTING_DEPTH) {
        fail(
          file,
          `Raw HTML elements here are nested more than ${MAX_NESTING_DEPTH} levels deep, more than the nesting limit.`,
          node.position?.start.line ?? 1,
          node.position?.start.column ?? 1,
          'nesting-depth',
        );
        return stop(tree, file);
      }
    }
  }
};

function stop(tree: Root, file: VFile) {
  tree.children = [];
  file.data.unread = true;
}
