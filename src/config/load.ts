import fs from 'node:fs';
import path from 'node:path';
import { parseAndValidate } from '../util/validate.js';
import { UserError } from '../util/errors.js';
import { configSchema, type Config } from './schema.js';

export const CONFIG_FILES = ['pamphleteer.config.json', 'pamphleteer.config.yaml', 'pamphleteer.config.yml'];

/** Reads and validates the project's config file; defaults when there is none. */
export function loadConfig(root: string): { config: Config; file?: string } {
  const found = CONFIG_FILES.map((f) => path.join(root, f)).filter((f) => fs.existsSync(f));
  if (found.length > 1) {
    throw new UserError(`${path.relative(process.cwd(), found[1]) || found[1]}: more than one config file; keep only ${path.basename(found[0])}.`);
  }
  if (found.length === 0) return { config: configSchema.parse({}) };
  const file = found[0];
  const { value, problems } = parseAndValidate(fs.readFileSync(file, 'utf8'), configSchema);
  if (problems.length > 0) {
    const shown = path.relative(process.cwd(), file) || file;
    throw new UserError(problems.map((p) => `${shown}:${p.line}:${p.column}: ${p.message}`).join('\n'));
  }
  return { config: value as Config, file };
}
