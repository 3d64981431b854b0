import fs from 'node:fs';
import { realRoot, resolveInProject } from '../util/project-path.js';
import path from 'node:path';
import postcss, { type AtRule, type ChildNode, type Node, type Root } from 'postcss';
import valueParser from 'postcss-value-parser';
import { DiagnosticError, fileError } from '../util/diagnostics.js';
import { mediaTypeOf } from '../util/media-type.js';
import { shownPath } from '../util/shown-path.js';

/** Nested @imports deeper than this are refused (a loop is reported as such before). */
const MAX_IMPORT_DEPTH = 16;
/** A file pulled in through url() larger than this is refused: a style sheet is not a place for a video. */
const MAX_URL_BYTES = 5 * 1024 * 1024;

/**
 * A project's style sheet, made self-contained: every `@import` of a file inside the project is
 * replaced by that file's rules, and every `url()` naming a file inside the project becomes a data:
 * URL, so the same text works in the print page and the EPUB. Anything else (a remote URL, a path
 * leaving the project through `..` or a symlink, a missing file) is refused at file:line:col:
 * a project may come from a stranger, and nothing outside it is read or fetched.
 */
export function loadProjectStyle(file: string, projectRoot: string): string {
  const located = resolveInProject(projectRoot, file);
  if (!located.ok)
    throw new DiagnosticError([
      fileError(
        file,
        `this style sheet ${located.reason}. ` +
          'Only files inside the project are read: copy it into styles/ instead of linking to it.',
        undefined,
        'style',
      ),
    ]);
  return inline(located.real, realRoot(projectRoot), []).toString();
}

function inline(file: string, root: string, chain: string[]): Root {
  const text = fs.readFileSync(file, 'utf8');
  let sheet: Root;
  try {
    sheet = postcss.parse(text, { from: file });
  } catch (err) {
    const e = err as { line?: number; column?: number; reason?: string; message: string };
    throw new DiagnosticError([
      fileError(
        file,
        `this style sheet cannot be read: ${e.reason ?? e.message}.`,
        { line: e.line ?? 1, column: e.column ?? 1 },
        'style',
      ),
    ]);
  }
  const fail = (node: Node, message: string): never => {
    const start = node.source?.start;
    throw new DiagnosticError([
      fileError(file, message, { line: start?.line ?? 1, column: start?.column ?? 1 }, 'style'),
    ]);
  };

  sheet.walkAtRules('import', (rule: AtRule) => {
    const params = valueParser(rule.params);
    const first = params.nodes.find((n) => n.type !== 'space');
    const target =
      first?.type === 'string'
        ? first.value
        : first?.type === 'function' && first.value.toLowerCase() === 'url'
          ? urlArgument(first)
          : undefined;
    if (target === undefined)
      return fail(
        rule,
        `@import ${rule.params} cannot be read: write @import "file.css"; with a path inside the project.`,
      );
    const resolved = projectFile(target, file, root);
    if ('refused' in resolved) return fail(rule, `@import "${target}" cannot be loaded: ${resolved.refused}`);
    if (chain.includes(resolved.file) || resolved.file === file)
      return fail(rule, `@import "${target}" imports a file that imports it again (a loop).`);
    if (chain.length >= MAX_IMPORT_DEPTH)
      return fail(rule, `@import "${target}": more than ${MAX_IMPORT_DEPTH} nested imports.`);
    const imported = inline(resolved.file, root, [...chain, file]);
    // What follows the URL is a media query list (`@import "x.css" print;`): keep it as @media.
    const rest = valueParser.stringify(params.nodes.slice(params.nodes.indexOf(first!) + 1)).trim();
    if (/^(layer|supports)\b/i.test(rest))
      return fail(
        rule,
        `@import "${target}" ${rest}: layer() and supports() on @import are not supported; ` +
          'put the rules in a @layer or @supports block instead.',
      );
    const nodes = imported.nodes.map((n) => n.clone()) as ChildNode[];
    if (rest) rule.replaceWith(postcss.atRule({ name: 'media', params: rest, nodes }));
    else rule.replaceWith(...nodes);
  });

  sheet.walkDecls((decl) => {
    if (!/url\(|image-set\(/i.test(decl.value)) return;
    const value = valueParser(decl.value);
    value.walk((node) => {
      if (node.type !== 'function' || node.value.toLowerCase() !== 'url') return;
      const target = urlArgument(node);
      const replaced = inlineUrl(target, file, root, (message) =>
        fail(decl, `url(${target}) in "${decl.prop}" cannot be loaded: ${message}`),
      );
      if (replaced !== undefined)
        node.nodes = [
          { type: 'string', value: replaced, quote: '"', sourceIndex: 0, sourceEndIndex: 0 } as valueParser.StringNode,
        ];
      return false;
    });
    decl.value = value.toString();
  });
  // url() also hides in at-rule preludes that load things (@font-face is a rule; @namespace and @document are not
  // loaders).
  sheet.walkAtRules((rule) => {
    if (/url\(/i.test(rule.params) && rule.name.toLowerCase() !== 'import')
      fail(rule, `@${rule.name} ${rule.params}: url() is not allowed here.`);
  });
  return sheet;
}

function urlArgument(node: valueParser.FunctionNode): string {
  return node.nodes
    .map((n) => (n.type === 'string' || n.type === 'word' ? n.value : ''))
    .join('')
    .trim();
}

/** A file named from a style sheet, if it is inside the project (real paths: symlinks count). */
function projectFile(target: string, from: string, root: string): { file: string } | { refused: string } {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) {
    return { refused: 'only files inside the project load (a path relative to this style sheet), never a URL.' };
  }
  const clean = decodeURIComponent(target.split(/[?#]/)[0]);
  const located = resolveInProject(root, clean, path.dirname(from));
  if (!located.ok) {
    return {
      refused:
        located.problem === 'missing'
          ? `${shownPath(located.absolute)} does not exist.`
          : `${target} ${located.reason}; only files inside the project load.`,
    };
  }
  const real = located.real;
  if (!fs.statSync(real).isFile()) return { refused: `${shownPath(located.absolute)} is not a file.` };
  return { file: real };
}

/** The data: URL for a file inside the project; data: URLs and in-document fragments stay; anything else fails. */
function inlineUrl(target: string, from: string, root: string, fail: (message: string) => never): string | undefined {
  if (target === '' || target.startsWith('#') || /^data:/i.test(target)) return undefined;
  const resolved = projectFile(target, from, root);
  if ('refused' in resolved) return fail(resolved.refused);
  const size = fs.statSync(resolved.file).size;
  if (size > MAX_URL_BYTES)
    return fail(`${shownPath(resolved.file)} is larger than ${MAX_URL_BYTES / 1024 / 1024} MB.`);
  const fragment = target.includes('#') ? target.slice(target.indexOf('#')) : '';
  return `data:${mediaTypeOf(resolved.file)};base64,${fs.readFileSync(resolved.file).toString('base64')}${fragment}`;
}
