import fs from 'node:fs';
import path from 'node:path';
import { parseAndValidate } from '../util/validate.js';
import { UserError } from '../util/errors.js';
import { shownPath as shown } from '../util/shown-path.js';
import { configSchema, type Config } from './schema.js';

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
    throw new UserError(`${shown(found[1])}: more than one config file in ${shown(root)}; keep only ${path.basename(found[0])}.`);
  }
  return found[0];
}

/**
 * Reads and validates the project's config file; defaults when there is none. Every problem is
 * reported at once as `file:line:col: error: …`, naming the key and what is allowed there; an
 * unknown key suggests the nearest valid one (see parseAndValidate).
 */
export function loadConfig(root: string): LoadedConfig {
  const file = findConfigFile(root);
  if (!file) return { config: configSchema.parse({}) };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`${shown(file)}: cannot read the config file (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
  const isJson = file.endsWith('.json');
  // An empty JSON file is a mistake (JSON needs at least {}); an empty YAML file means "all defaults".
  if (isJson && text.trim() === '') throw new UserError(`${shown(file)}:1:1: error: the file is empty; write {} for all defaults.`);
  const { value, problems } = parseAndValidate(text, configSchema);
  if (problems.length > 0) {
    const inFileOrder = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
    throw new UserError(inFileOrder.map((p) => `${shown(file)}:${p.line}:${p.column}: error: ${p.message}`).join('\n'));
  }
  return { config: value as Config, file };
}
