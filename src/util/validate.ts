import { closest } from 'fastest-levenshtein';
import { LineCounter, parseDocument, isMap, type Node as YamlNode } from 'yaml';
import { z } from 'zod';

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

/**
 * Parses YAML (or JSON, which is YAML) and validates it with a zod schema, giving each problem the
 * line and column of the offending key and a readable "what is allowed". Unknown keys suggest the
 * nearest valid one. Used for front matter and for pamphleteer.config.*.
 */
export function parseAndValidate<S extends z.ZodTypeAny>(text: string, schema: S): ValidationResult<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({ message: firstLine(e.message), key: '', ...at(e.pos[0]) })),
    };
  }
  const data = doc.toJS() ?? {};
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, problems: [] };

  const problems: ValidationProblem[] = [];
  for (const issue of result.error.issues) {
    const shape = shapeAt(schema, issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) {
        const path = [...issue.path, k];
        const allowed = shape ? Object.keys(shape) : [];
        const near = allowed.length ? closest(k, allowed) : undefined;
        const hint = near ? ` Did you mean "${near}"?` : '';
        problems.push({
          message: `Unknown key "${dotted(path)}".${hint} Allowed here: ${allowed.join(', ')}.`,
          key: dotted(path),
          ...at(keyOffset(doc.contents, path)),
        });
      }
      continue;
    }
    problems.push({
      message: `"${dotted(issue.path)}" ${describeIssue(issue)}`,
      key: dotted(issue.path),
      ...at(keyOffset(doc.contents, issue.path)),
    });
  }
  return { problems };
}

function describeIssue(issue: z.ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined'
        ? `is required (${article(issue.expected)}).`
        : `must be ${article(issue.expected)}, not ${article(issue.received)}.`;
    case 'invalid_enum_value':
      return `cannot be "${String(issue.received)}"; use one of ${issue.options.map((o) => `"${String(o)}"`).join(', ')}.`;
    case 'invalid_literal':
      return `must be ${JSON.stringify(issue.expected)}.`;
    default:
      return /^(must|is|cannot)\b/.test(issue.message) ? withStop(issue.message) : `is not valid: ${withStop(issue.message)}`;
  }
}

function withStop(s: string): string {
  return s.endsWith('.') ? s : `${s}.`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function dotted(path: (string | number)[]): string {
  return path.map(String).join('.');
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

/** Offset of the deepest existing key on `path` (the key itself, so the message points at the name). */
function keyOffset(node: unknown, path: (string | number)[]): number {
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

/** The object shape a path leads to in a zod schema, for listing the allowed keys. */
function shapeAt(schema: z.ZodTypeAny, path: (string | number)[]): z.ZodRawShape | undefined {
  let s: z.ZodTypeAny | undefined = schema;
  for (const part of path) {
    s = unwrap(s);
    if (s instanceof z.ZodObject) s = s.shape[part as string];
    else if (s instanceof z.ZodArray) s = s.element;
    else return undefined;
  }
  s = unwrap(s);
  return s instanceof z.ZodObject ? s.shape : undefined;
}

function unwrap(s: z.ZodTypeAny | undefined): z.ZodTypeAny | undefined {
  while (s && (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable || s instanceof z.ZodEffects)) {
    s = s instanceof z.ZodEffects ? s.innerType() : (s._def.innerType as z.ZodTypeAny);
  }
  return s;
}
