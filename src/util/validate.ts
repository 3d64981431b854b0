import { distance } from 'fastest-levenshtein';
import { parseDocument, isMap, visit, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { pointAt } from './diagnostics.js';

/** One problem found in a YAML/JSON document, positioned inside that document (1-based). */
export interface ValidationProblem {
  message: string;
  /** Dotted key path, e.g. "print.pageSize"; empty for the document itself. */
  key: string;
  line: number;
  column: number;
}

export interface ValidationResult<T> {
  value?: T;
  problems: ValidationProblem[];
}

/** A key path inside a parsed document. */
export type KeyPath = (string | number)[];

/** A problem before it is positioned: the locator of each document format turns `path` into line:column. */
export interface UnplacedProblem {
  message: string;
  path: KeyPath;
}

/** YAML expands aliases; more than this many is an alias bomb (a few bytes that expand to gigabytes). */
export const MAX_YAML_ALIASES = 100;

/**
 * Parses YAML and validates it with a zod schema, giving each problem the line and column of the
 * offending key and a readable "what is allowed". Used for front matter and YAML configs; JSON
 * configs go through src/config/load-config.ts, which parses them as JSON and shares `validateData`.
 */
export function parseAndValidate<S extends z.ZodType>(text: string, schema: S): ValidationResult<z.output<S>> {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const at = pointAt(text);
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({ message: firstLine(e.message), key: '', ...at(e.pos[0]) })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) ?? {};
  } catch (err) {
    // yaml throws a ReferenceError for too many aliases: point at the first alias.
    let offset = 0;
    visit(doc, {
      Alias(_key, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const what = /alias/i.test(String((err as Error).message))
      ? `too many aliases (*name): more than ${MAX_YAML_ALIASES} would be expanded; write the values out instead.`
      : firstLine(String((err as Error).message));
    return { problems: [{ message: what, key: '', ...at(offset) }] };
  }
  const { value, problems } = validateData(data, schema);
  return {
    value,
    problems: problems.map((p) => ({
      message: p.message,
      key: dotted(p.path),
      ...at(keyOffset(doc.contents, p.path)),
    })),
  };
}

/**
 * Validates parsed data with a zod schema: each problem names its key and what is allowed there.
 * An unknown key suggests the nearest valid one when it is close, or says where it belongs when
 * it is a valid key elsewhere in the schema.
 */
export function validateData<S extends z.ZodType>(
  data: unknown,
  schema: S,
): { value?: z.output<S>; problems: UnplacedProblem[] } {
  const result = schema.safeParse(namesInLowerCase(data, schema), { reportInput: true });
  if (result.success) return { value: result.data, problems: [] };

  const problems: UnplacedProblem[] = [];
  for (const issue of result.error.issues) {
    const issuePath = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys') {
      const shape = shapeAt(schema, issuePath);
      const allowed = shape ? Object.keys(shape) : [];
      for (const k of issue.keys) {
        const keyPath = [...issuePath, k];
        problems.push({
          message:
            'Unknown key ' +
            `"${dotted(keyPath)}".${unknownKeyHint(schema, k, issuePath, allowed)} ` +
            `Allowed here: ${allowed.join(', ')}.`,
          path: keyPath,
        });
      }
      continue;
    }
    problems.push({ message: `"${dotted(issuePath)}" ${describeIssue(issue)}`, path: issuePath });
  }
  return { problems };
}

/** " Did you mean …?" for a near miss, " `k` belongs under `x`." for a key of another section, or nothing. */
function unknownKeyHint(schema: z.ZodType, key: string, at: KeyPath, allowed: string[]): string {
  const near = nearest(key, allowed);
  if (near) return ` Did you mean "${near}"?`;
  const homes = keyHomes(schema, key).filter((home) => dotted(home) !== dotted(at));
  if (homes.length)
    return ` "${key}" belongs under ${homes.map((h) => (h.length ? `"${dotted(h)}"` : 'the top level')).join(' or ')}.`;
  return '';
}

/** The allowed key closest to `key`, when it is close enough to be a likely typo. */
export function nearest(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const d = candidate.toLowerCase() === key.toLowerCase() ? 0 : distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  // Two edits (a swap is two), or a third of a long word: "titel" → "title", "font" ↛ "toc".
  const limit = key.length <= 3 ? 1 : Math.max(2, Math.floor(key.length / 3));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const received = issue.input === undefined ? 'undefined' : kindOf(issue.input);
      return received === 'undefined'
        ? `is required (${article(issue.expected)}).`
        : `must be ${article(issue.expected)}, not ${article(received)}.`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}.`
        : `cannot be ${JSON.stringify(issue.input)}; ` +
            `use one of ${issue.values.map((o) => JSON.stringify(o)).join(', ')}.`;
    case 'invalid_union': {
      // A preset name or a pattern (e.g. page sizes): list the presets, then what else is accepted.
      const branches = issue.errors.map((errs) => errs[0]).filter((e): e is z.core.$ZodIssue => e !== undefined);
      const values = branches.flatMap((b) => (b.code === 'invalid_value' ? b.values : []));
      const others = branches
        .filter((b) => b.code !== 'invalid_value' && b.code !== 'invalid_type')
        .map((b) => b.message.replace(/^must be /, ''));
      const input = (issue as { input?: unknown }).input;
      if (values.length) {
        const shown = input === undefined ? '' : `cannot be ${JSON.stringify(input)}; `;
        return (
          `${shown}use one ` +
          `of ${values.map((v) => JSON.stringify(v)).join(', ')}${others.length ? `, or ${others.join(', or ')}` : ''}.`
        );
      }
      const types = branches.filter((b) => b.code === 'invalid_type').map((b) => (b as { expected: string }).expected);
      if (types.length === branches.length) {
        const notInput = input === undefined ? '' : `, not ${article(kindOf(input))}`;
        return `must be ${types.map(article).join(' or ')}${notInput}.`;
      }
      return `is not valid: ${branches.map((b) => withStop(b.message)).join(' Or ')}`;
    }
    default:
      return /^(must|is|cannot)\b/.test(issue.message)
        ? withStop(issue.message)
        : `is not valid: ${withStop(issue.message)}`;
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  return typeof value;
}

function withStop(s: string): string {
  return s.endsWith('.') ? s : `${s}.`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

export function dotted(path: KeyPath): string {
  return path.map(String).join('.');
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

/** line:column of the deepest existing key on a path in a YAML document. */
export function yamlLocator(text: string): (path: KeyPath) => { line: number; column: number } {
  const doc = parseDocument(text, { prettyErrors: false });
  const at = pointAt(text);
  return (path) => at(keyOffset(doc.contents, path));
}

/** Offset of the deepest existing key on `path` (the key itself, so the message points at the name). */
function keyOffset(node: unknown, path: KeyPath): number {
  let current = node as YamlNode | null | undefined;
  let offset = current && 'range' in current && current.range ? current.range[0] : 0;
  for (const part of path) {
    if (!isMap(current)) break;
    const pair = current.items.find((p) => (p.key as { value?: unknown } | null)?.value === part);
    if (!pair) break;
    const key = pair.key as YamlNode;
    if (key?.range) offset = key.range[0];
    current = pair.value as YamlNode;
  }
  return offset;
}

/**
 * Names (a value the schema allows from a list: "a4", "booklet", "pdf") are read in any letter case,
 * in the config and the front matter as on the command line: "A4" is a4. Other values are left as
 * they are; the published JSON Schema keeps the names as they are written in docs/options.md.
 */
function namesInLowerCase(data: unknown, schema: z.ZodType | undefined): unknown {
  const s = unwrap(schema);
  if (typeof data === 'string') return allowsName(s, data.toLowerCase()) ? data.toLowerCase() : data;
  if (Array.isArray(data) && s instanceof z.ZodArray)
    return data.map((item) => namesInLowerCase(item, s.element as z.ZodType));
  if (data && typeof data === 'object' && !Array.isArray(data) && s instanceof z.ZodObject) {
    const shape = s.shape as Record<string, z.ZodType>;
    return Object.fromEntries(
      Object.entries(data).map(([key, value]) => [
        key,
        Object.hasOwn(shape, key) ? namesInLowerCase(value, shape[key]) : value,
      ]),
    );
  }
  return data;
}

/** Whether a schema (an enum, or a union holding one) lists this name. */
function allowsName(schema: z.ZodType | undefined, name: string): boolean {
  if (schema instanceof z.ZodEnum) return (schema.options as unknown[]).includes(name);
  if (schema instanceof z.ZodUnion)
    return (schema.options as z.ZodType[]).some((option) => allowsName(unwrap(option), name));
  return false;
}

/** The object shape a path leads to in a zod schema, for listing the allowed keys. */
function shapeAt(schema: z.ZodType, path: KeyPath): Record<string, z.ZodType> | undefined {
  let s: z.ZodType | undefined = schema;
  for (const part of path) {
    s = unwrap(s);
    if (s instanceof z.ZodObject) s = s.shape[part as string] as z.ZodType | undefined;
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else return undefined;
  }
  s = unwrap(s);
  return s instanceof z.ZodObject ? (s.shape as Record<string, z.ZodType>) : undefined;
}

/** Every object path in the schema where `key` is a valid key. */
function keyHomes(schema: z.ZodType, key: string, at: KeyPath = [], depth = 0): KeyPath[] {
  const s = unwrap(schema);
  if (!(s instanceof z.ZodObject) || depth > 4) return [];
  const shape = s.shape as Record<string, z.ZodType>;
  const homes: KeyPath[] = Object.hasOwn(shape, key) ? [at] : [];
  for (const [name, child] of Object.entries(shape)) homes.push(...keyHomes(child, key, [...at, name], depth + 1));
  return homes;
}

function unwrap(s: z.ZodType | undefined): z.ZodType | undefined {
  for (;;) {
    const def = s?._zod.def as { type?: string; innerType?: z.ZodType; in?: z.ZodType } | undefined;
    if (!def) return s;
    if (
      def.innerType &&
      ['optional', 'default', 'prefault', 'nullable', 'catch', 'readonly', 'nonoptional'].includes(def.type ?? '')
    )
      s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else return s;
  }
}
