import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, pamphleteer, tempProject } from './helpers.js';

describe('config errors', () => {
  it('an unknown key is an error naming the file, the key, the nearest valid key and what is allowed', async () => {
    const root = tempProject();
    fs.writeFileSync(path.join(root, 'pamphleteer.config.json'), '{\n  "zine": {\n    "layot": "minizine"\n  }\n}\n');
    const result = await pamphleteer(['build', '.', '--only', 'epub'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'pamphleteer.config.json:3:5: error: Unknown key "zine.layot". Did you mean "layout"?',
    );
    expect(result.stderr).toMatch(/Allowed here: layout, sheet, flip/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(root, 'dist'))).toBe(false);
  });

  it('a wrong value in YAML names the allowed values', async () => {
    const root = tempProject();
    fs.writeFileSync(path.join(root, 'pamphleteer.config.yaml'), 'print:\n  notes: sidenotes\n');
    const result = await pamphleteer(['check', '.', '--no-epubcheck'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^pamphleteer\.config\.yaml:2:3: error: .*"print\.notes".*"sidenotes".*"footnotes", "endnotes"/,
    );
  });
});

describe('published JSON Schema', () => {
  it('schema/pamphleteer.config.schema.json is up to date with the zod schema (npm run schema)', async () => {
    const { configJsonSchemaText } = await import('../../src/config/json-schema.js');
    const committed = fs.readFileSync(path.join(REPO, 'schema/pamphleteer.config.schema.json'), 'utf8');
    expect(committed).toBe(configJsonSchemaText());
  });
});
