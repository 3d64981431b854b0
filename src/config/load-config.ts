import fs from 'node:fs';
import path from 'node:path';
import {
  findNodeAtLocation,
  parseTree,
  printParseErrorCode,
  type Node as JsonNode,
  type ParseError,
} from 'jsonc-parser';
import {
  parseAndValidate,
  validateData,
  dotted,
  yamlLocator,
  type KeyPath,
  type ValidationProblem,
} from '../util/validate.js';
import { UserError, fileSystemError } from '../util/user-error.js';
import { DiagnosticError, fileError, pointAt } from '../util/diagnostics.js';
import { shownPath as shown } from '../util/shown-path.js';
import { configSchema, type Config } from './schema.js';
import { configLimitProblems } from './config-limits.js';

export const CONFIG_FILES = ['pamphleteer.config.json', 'pamphleteer.config.yaml', 'pamphleteer.config.yml'];

export interface LoadedConfig {
  config: Config;
  /** Absolute path of the config file read; undefined when the project has none (all defaults). */
  file?: string;
}

/** The config file of a project folder, if it has one (throws when it has two, which is ambiguous). */
export function findConfigFile(root: string): string | undefined {
  const found = CONFIG_FILES.map((f) => path.join(root, f)).filter((f) => fs.existsSync(f));
  if (found.length > 1) {
    throw new UserError(
      `${shown(found[1])}: more than one config file in ${shown(root)}; keep only ${path.basename(found[0])}.`,
    );
  }
  return found[0];
}

/**
 * Reads and validates the project's config file; defaults when there is none. JSON is read as JSON
 * (with comments and trailing commas, as editors allow in config files), YAML as YAML. Every
 * problem is reported at once as a positioned message (rule `config`), naming the key and what is allowed
 * there, including values out of range (see config-limits.ts).
 */
export function loadConfig(root: string): LoadedConfig {
  const file = findConfigFile(root);
  if (!file) return { config: configSchema.parse({}) };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw fileSystemError(err, shown(file));
  }
  // A byte-order mark is invisible in editors: drop it so positions count from the first visible character.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const { value, problems } = file.endsWith('.json') ? parseJsonConfig(text) : parseAndValidate(text, configSchema);
  const all = [...problems];
  if (value && problems.length === 0) all.push(...positionedLimits(text, file, root, value));
  if (all.length > 0) {
    const inFileOrder = all.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new DiagnosticError(
      inFileOrder.map((p) => fileError(file, p.message, { line: p.line, column: p.column }, 'config')),
    );
  }
  return { config: value as Config, file };
}

function positionedLimits(text: string, file: string, root: string, config: Config): ValidationProblem[] {
  const problems = configLimitProblems(config, root);
  if (!problems.length) return [];
  const locate = file.endsWith('.json') ? jsonLocator(text) : yamlLocator(text);
  return problems.map((p) => ({ message: p.message, key: dotted(p.path), ...locate(p.path) }));
}

/** Plain words for jsonc-parser's error codes. */
const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'not a valid number',
  PropertyNameExpected: 'expected a key in double quotes',
  ValueExpected: 'expected a value (a string in double quotes, a number, true, false, null, [ ] or { })',
  ColonExpected: 'expected ":" after the key',
  CommaExpected: 'expected a comma between the entries',
  CloseBraceExpected: 'expected "}" to close the object',
  CloseBracketExpected: 'expected "]" to close the list',
  EndOfFileExpected: 'expected the end of the file after the closing "}"',
  InvalidCommentToken: 'a comment that is not closed',
  UnexpectedEndOfComment: 'a comment that is not closed',
  UnexpectedEndOfString: 'a string that is not closed (missing ")',
  UnexpectedEndOfNumber: 'a number that ends too soon',
  InvalidUnicode: 'a bad \\u escape in a string',
  InvalidEscapeCharacter: 'a bad \\ escape in a string (write \\\\ for a backslash)',
  InvalidCharacter: 'a character not allowed in a string (a line break or tab: write \\n or \\t)',
};

function parseJsonConfig(text: string): { value?: Config; problems: ValidationProblem[] } {
  const at = pointAt(text);
  if (text.trim() === '')
    return { problems: [{ message: 'the file is empty; write {} for all defaults.', key: '', line: 1, column: 1 }] };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  if (errors.length) {
    // The first error explains the rest (one missing comma derails what follows).
    const e = errors[0];
    const code = printParseErrorCode(e.error);
    return { problems: [{ message: `not valid JSON: ${JSON_ERRORS[code] ?? code}.`, key: '', ...at(e.offset) }] };
  }
  if (tree?.type !== 'object')
    return {
      problems: [{ message: 'the config must be an object: { "key": value, … }.', key: '', ...at(tree?.offset ?? 0) }],
    };
  const { value, problems } = validateData(jsonValue(tree), configSchema);
  const locate = jsonLocator(text, tree);
  return { value, problems: problems.map((p) => ({ message: p.message, key: dotted(p.path), ...locate(p.path) })) };
}

/** The value of a JSON tree; a duplicate key keeps its last value, as JSON.parse does. */
function jsonValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries(
        (node.children ?? []).map((p) => [
          p.children![0].value as string,
          p.children![1] ? jsonValue(p.children![1]) : undefined,
        ]),
      );
    case 'array':
      return (node.children ?? []).map(jsonValue);
    default:
      return node.value;
  }
}

/** line:column of the deepest existing key on a path in a JSON document. */
function jsonLocator(text: string, tree?: JsonNode) {
  const root = tree ?? parseTree(text, [], { allowTrailingComma: true });
  const at = pointAt(text);
  return (path: KeyPath) => {
    let offset = root?.offset ?? 0;
    for (let n = 1; n <= path.length && root; n++) {
      const node = findNodeAtLocation(root, path.slice(0, n));
      if (!node) break;
      // A value inside an object: point at its key (the property's first child).
      offset = node.parent?.type === 'property' ? node.parent.children![0].offset : node.offset;
    }
    return at(offset);
  };
}
