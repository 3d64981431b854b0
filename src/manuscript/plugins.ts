import type { Root, Text, FootnoteDefinition, FootnoteReference, Html, Yaml } from 'mdast';
import type { Plugin } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import { location } from 'vfile-location';
import type { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { type Document, LineCounter, isMap, isScalar, isSeq, parseDocument, visit as visitYaml } from 'yaml';
import { parseAndValidate } from '../util/validate.js';
import { reportError, reportWarning } from '../util/diagnostics.js';
import { frontMatterSchema } from './frontmatter.js';

/*
 * Small single-purpose remark plugins. Each reports problems as vfile messages with positions;
 * a message with `fatal: true` is an error that stops the build, others are warnings.
 */

/** Validates YAML front matter against the metadata schema; stores it in `file.data.frontMatter`. */
export const remarkFrontMatter: Plugin<[], Root> = () => (tree, file) => {
  const yaml = tree.children.find((n): n is Yaml => n.type === 'yaml');
  if (!yaml) return;
  // The YAML text starts on the line after the opening `---`.
  const firstLine = (yaml.position?.start.line ?? 1) + 1;
  const report = (message: string, line: number, column: number) =>
    reportError(file, `Front matter: ${message}`, { line: firstLine + line - 1, column }, 'front-matter');
  const plain = plainYamlProblems(yaml.value);
  for (const p of plain) report(p.message, p.line, p.column);
  if (plain.length) return;
  const { value, problems } = parseAndValidate(yaml.value, frontMatterSchema);
  const itemProblems = listItemProblems(yaml.value);
  for (const p of itemProblems) report(p.message, p.line, p.column);
  for (const p of problems) {
    if (itemProblems.some((i) => i.key === p.key)) continue;
    report(p.message, p.line, p.column);
  }
  if (value && !itemProblems.length) file.data.frontMatter = value;
};

interface PlainProblem {
  message: string;
  key: string;
  line: number;
  column: number;
}

/**
 * YAML mistakes a writer makes, in plain words, before the schema looks at the values: an unquoted
 * ": " inside a value, and anchors and aliases (never needed for metadata, and a few lines of them
 * can expand to billions of values: an "alias bomb").
 */
function plainYamlProblems(text: string): PlainProblem[] {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (err) {
    if (err instanceof RangeError)
      return [
        {
          message: 'the YAML is nested too deeply to read; front matter holds plain values and lists.',
          key: '',
          line: 1,
          column: 1,
        },
      ];
    throw err;
  }
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const lines = text.split('\n');
  const problems: PlainProblem[] = [];
  for (const e of doc.errors) {
    const { line, column } = at(e.pos[0]);
    const colon = /^([\w-]+):[ \t]+(.*?:\s.*?)\s*$/.exec(lines[line - 1] ?? '');
    if (e.code === 'BLOCK_AS_IMPLICIT_KEY' && colon && !/^["']/.test(colon[2])) {
      problems.push({
        message:
          `a ${colon[1]} containing ": " must be in quotes: write ${colon[1]}: ` +
          `"${colon[2].replace(/"/g, '\\"')}".`,
        key: colon[1],
        line,
        column: colon[1].length + 3,
      });
    } else if (e.code === 'UNEXPECTED_TOKEN' && quotedValue(lines[line - 1])) {
      const { key, value } = quotedValue(lines[line - 1])!;
      problems.push({
        message:
          `the ${key} goes on after its closing quote. Put the whole ${key} in quotes of the other kind: ` +
          `write ${key}: ${requoted(value)}.`,
        key,
        line,
        column: key.length + 3,
      });
    } else if (e.code === 'MULTILINE_IMPLICIT_KEY' && missingSpace(lines, line)) {
      const { key, value, line: at } = missingSpace(lines, line)!;
      problems.push({
        message: `put a space after the colon: write ${key}: ${value}.`,
        key,
        line: at,
        column: key.length + 2,
      });
    } else {
      problems.push({
        message: `${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')} (not valid YAML).`,
        key: '',
        line,
        column,
      });
    }
  }
  if (problems.length) return problems;
  visitYaml(doc, {
    Alias(_, node) {
      // One message is enough: a bomb has thousands of them.
      problems.push({
        message: `aliases ("*${node.source}") are not allowed in front matter; write the value itself.`,
        key: '',
        ...at(node.range?.[0] ?? 0),
      });
      return visitYaml.BREAK;
    },
  });
  return problems;
}

/** A `key: "value" more` or `key: 'Don't'` line: a value that starts with a quote and goes on after it closes. */
function quotedValue(line: string | undefined): { key: string; value: string } | undefined {
  const m = /^([\w-]+):[ \t]+((["']).*?)\s*$/.exec(line ?? '');
  if (!m) return undefined;
  // `'Don't Mourn'`: the quotes around it were meant to enclose it all.
  const whole = m[2].length > 1 && m[2].endsWith(m[3]) ? m[2].slice(1, -1) : m[2];
  return { key: m[1], value: whole };
}

/** The value in quotes YAML reads as one: double quotes, or single ones when it holds double quotes. */
function requoted(value: string): string {
  return value.includes('"') && !value.includes("'") ? `'${value}'` : JSON.stringify(value);
}

/** A `key:value` line (no space after the colon) at or above where YAML noticed it. */
function missingSpace(lines: string[], line: number): { key: string; value: string; line: number } | undefined {
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const m = /^([\w-]+):(\S.*?)\s*$/.exec(lines[i]);
    if (m && !m[2].startsWith('//')) return { key: m[1], value: m[2], line: i + 1 };
  }
  return undefined;
}

/** A list of authors or keywords must hold text only; name the item that is not. */
function listItemProblems(text: string): PlainProblem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const problems: PlainProblem[] = [];
  if (!isMap(doc.contents)) return problems;
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if ((key !== 'author' && key !== 'keywords') || !isSeq(pair.value)) continue;
    pair.value.items.forEach((item, i) => {
      const ok = isScalar(item) && typeof item.value === 'string' && item.value.trim() !== '';
      if (ok) return;
      const shown = isScalar(item)
        ? JSON.stringify(item.value)
        : isSeq(item)
          ? 'a list'
          : isMap(item)
            ? 'a mapping'
            : 'nothing';
      const { line, col } = lineCounter.linePos(
        (item as { range?: number[] } | null)?.range?.[0] ?? pair.value!.range?.[0] ?? 0,
      );
      problems.push({
        message:
          `"${key}" item ${i + 1} (${shown}) must be ${key === 'author' ? 'a name' : 'a word'} ` +
          'written as ' +
          `text${isScalar(item) && item.value !== null ? `; put it in quotes: "${String(item.value)}"` : ''}.`,
        key,
        line,
        column: col,
      });
    });
  }
  return problems;
}

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
        reportError(
          file,
          `Note [^${node.label ?? id}] is defined twice (first at ` +
            `line ${first.position?.start.line}); give each note its own label.`,
          node.position,
          'duplicate-note',
        );
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
        reportError(
          file,
          `Note reference [^${m[1]}] has no definition. Add a line "[^${m[1]}]: ` +
            `the note's text" or remove the reference.`,
          place,
          'undefined-note',
        );
      }
    }
  });
  checkNotePlacement(tree, file);
  for (const [id, def] of defined) {
    let pictured = false;
    visit(def, (n) => {
      if (n.type === 'image' || n.type === 'html') pictured = true;
    });
    if (toString(def).trim() === '' && !pictured) {
      reportError(
        file,
        `Note [^${def.label ?? id}] is empty: ` +
          `write its text after "[^${def.label ?? id}]:", or delete the note and its reference.`,
        def.position,
        'empty-note',
      );
    }
  }
  for (const [id, def] of defined) {
    if (!referenced.has(id)) {
      reportWarning(
        file,
        `Note [^${def.label ?? id}] is never referenced in the text, so it will not appear. ` +
          `Add [^${def.label ?? id}] where it belongs, or delete the note.`,
        def.position,
        'unreferenced-note',
      );
    }
  }
};

/**
 * Notes that no page can place: a note called inside another note (which includes two notes that call
 * each other) and a note called in a heading (which the contents and the running heads repeat).
 */
function checkNotePlacement(tree: Root, file: VFile) {
  visit(tree, (node) => {
    if (node.type !== 'footnoteDefinition' && node.type !== 'heading') return;
    visit(node, 'footnoteReference', (ref: FootnoteReference) => {
      const label = ref.label ?? ref.identifier;
      if (node.type === 'footnoteDefinition') {
        const outer = node.label ?? node.identifier;
        reportError(
          file,
          `Note [^${label}] is called inside note [^${outer}]: ` +
            `a note cannot have notes of its own. Write its text into note [^${outer}] instead.`,
          ref.position,
          'note-in-note',
        );
      } else {
        reportError(
          file,
          `Note [^${label}] is called in a heading, ` +
            'which the contents and running heads repeat: move it into the text after the heading.',
          ref.position,
          'note-in-heading',
        );
      }
    });
    return SKIP;
  });
}

/** Headings must have text: an empty one makes an empty entry in every table of contents. */
export const remarkHeadingChecks: Plugin<[], Root> = () => (tree, file) => {
  visit(tree, 'heading', (node) => {
    if (toString(node).trim() === '')
      reportError(
        file,
        'Empty heading: write its text after the #, or remove the line.',
        node.position,
        'empty-heading',
      );
  });
};

/** Raw HTML that would run code is removed later by the sanitizer; say so where it stands. */
export const remarkRawHtmlChecks: Plugin<[], Root> = () => (tree, file) => {
  visit(tree, 'html', (node: Html) => {
    if (/<\s*(script|iframe|object|embed|style)\b|\son[a-z]+\s*=|javascript:/i.test(node.value)) {
      reportWarning(
        file,
        'Raw HTML with scripts, event handlers, frames or styles is removed from every output.',
        node.position,
        'unsafe-html',
      );
    }
    if (/<\s*source\b|\s(srcset|longdesc|cite|poster|action|xlink:href)\s*=/i.test(node.value)) {
      reportWarning(
        file,
        'Raw HTML that names a file or address outside the book (<source>, srcset, longdesc, cite, ' +
          'poster) is removed from every output: a reader would fetch it.',
        node.position,
        'outside-reference',
      );
    }
  });
};

declare module 'vfile' {
  interface DataMap {
    frontMatter: import('./frontmatter.js').FrontMatter;
  }
}
