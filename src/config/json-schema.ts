import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { configSchema } from './schema.js';

/** The published schema, next to the package's lib/ (schema/ is in package.json "files"). */
export const CONFIG_SCHEMA_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../schema/pamphleteer.config.schema.json',
);

/** The JSON Schema of pamphleteer.config.json, generated from the zod schema so the two never disagree. */
export function configJsonSchemaText(): string {
  // The input side: for an editor every key with a default is optional.
  const schema = z.toJSONSchema(configSchema, { target: 'draft-7', io: 'input', reused: 'inline' }) as Record<
    string,
    unknown
  >;
  const published = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'pamphleteer.config.json',
    description:
      'Build settings of a pamphleteer project. The book’s metadata (title, author, ' +
      '…) lives in the manuscript’s front matter.',
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
