import type { Root, Text, FootnoteDefinition, Html, Yaml } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import { location } from 'vfile-location';
import type { VFile } from 'vfile';
import type { Point, Position } from 'unist';
import { toString } from 'mdast-util-to-string';
import { parseAndValidate } from '../util/validate.js';
import { frontMatterSchema } from './frontmatter.js';

/*
 * Small single-purpose remark plugins. Each reports problems as vfile messages with positions;
 * a message with `fatal: true` is an error that stops the build, others are warnings.
 */

type Place = Point | Position | undefined;

function error(file: VFile, reason: string, place: Place, ruleId: string) {
  const m = file.message(reason, { place, ruleId, source: 'pamphleteer' });
  m.fatal = true;
  return m;
}

/** Validates YAML front matter against the metadata schema; stores it in `file.data.frontMatter`. */
export const remarkFrontMatter: Plugin<[], Root> = () => (tree, file) => {
  const yaml = tree.children.find((n): n is Yaml => n.type === 'yaml');
  if (!yaml) return;
  const { value, problems } = parseAndValidate(yaml.value, frontMatterSchema);
  // The YAML text starts on the line after the opening `---`.
  const firstLine = (yaml.position?.start.line ?? 1) + 1;
  for (const p of problems) {
    error(file, `Front matter: ${p.message}`, { line: firstLine + p.line - 1, column: p.column }, 'front-matter');
  }
  if (value) file.data.frontMatter = value;
};

/**
 * Checks footnotes: references to undefined labels (which GFM leaves as plain text "[^x]"),
 * definitions never referenced, and labels defined twice.
 */
export const remarkNoteChecks: Plugin<[], Root> = () => (tree, file) => {
  const defined = new Map<string, FootnoteDefinition>();
  const referenced = new Set<string>();
  visit(tree, (node) => {
    if (node.type === 'footnoteDefinition') {
      const id = node.identifier;
      const first = defined.get(id);
      if (first) {
        error(file, `Note [^${node.label ?? id}] is defined twice (first at line ${first.position?.start.line}); give each note its own label.`, node.position, 'duplicate-note');
      } else defined.set(id, node);
    } else if (node.type === 'footnoteReference') referenced.add(node.identifier);
  });
  const loc = location(String(file.value));
  visit(tree, 'text', (node: Text) => {
    const start = node.position?.start.offset;
    if (start === undefined) return;
    const end = node.position!.end.offset!;
    const source = String(file.value).slice(start, end);
    for (const m of source.matchAll(/\[\^([^\]\s]+)\]/g)) {
      const escaped = source[m.index! - 1] === '\\';
      if (!escaped && !defined.has(m[1].toLowerCase())) {
        const place = loc.toPoint(start + m.index!);
        error(file, `Note reference [^${m[1]}] has no definition. Add a line "[^${m[1]}]: the note's text" or remove the reference.`, place, 'undefined-note');
      }
    }
  });
  for (const [id, def] of defined) {
    if (!referenced.has(id)) {
      file.message(`Note [^${def.label ?? id}] is never referenced in the text, so it will not appear. Add [^${def.label ?? id}] where it belongs, or delete the note.`, {
        place: def.position,
        ruleId: 'unreferenced-note',
        source: 'pamphleteer',
      });
    }
  }
};

/** Headings must have text: an empty one makes an empty entry in every table of contents. */
export const remarkHeadingChecks: Plugin<[], Root> = () => (tree, file) => {
  visit(tree, 'heading', (node) => {
    if (toString(node).trim() === '') error(file, 'Empty heading: write its text after the #, or remove the line.', node.position, 'empty-heading');
  });
};

/** Raw HTML that would run code is removed later by the sanitizer; say so where it stands. */
export const remarkRawHtmlChecks: Plugin<[], Root> = () => (tree, file) => {
  visit(tree, 'html', (node: Html) => {
    if (/<\s*(script|iframe|object|embed|style)\b|\son[a-z]+\s*=|javascript:/i.test(node.value)) {
      file.message('Raw HTML with scripts, event handlers, frames or styles is removed from every output.', {
        place: node.position,
        ruleId: 'unsafe-html',
        source: 'pamphleteer',
      });
    }
  });
};

declare module 'vfile' {
  interface DataMap {
    frontMatter: import('./frontmatter.js').FrontMatter;
  }
}
