import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { configSchema } from './schema.js';

/** The published schema, next to the package's lib/ (schema/ is in package.json "files"). */
export const CONFIG_SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema/pamphleteer.config.schema.json');

/** The JSON Schema of pamphleteer.config.json, generated from the zod schema so the two never disagree. */
export function configJsonSchemaText(): string {
  const schema = zodToJsonSchema(configSchema, { target: 'jsonSchema7', $refStrategy: 'none', removeAdditionalStrategy: 'strict' }) as Record<string, unknown>;
  // Defaults make every key "present" on output; for an editor the input side (all optional) is what matters.
  const published = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'pamphleteer.config.json',
    description: 'Build settings of a pamphleteer project. The book’s metadata (title, author, …) lives in the manuscript’s front matter.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
  return JSON.stringify(published, null, 2) + '\n';
}

/** `npm run schema`: regenerate schema/pamphleteer.config.schema.json. */
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.mkdirSync(path.dirname(CONFIG_SCHEMA_FILE), { recursive: true });
  fs.writeFileSync(CONFIG_SCHEMA_FILE, configJsonSchemaText());
  console.log(`wrote ${path.relative(process.cwd(), CONFIG_SCHEMA_FILE)}`);
}
